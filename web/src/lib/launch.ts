/** Small launch helpers shared by the home page's cards and the launch page. */
import type { Launch, LaunchPhase } from './types.js';

/**
 * The phase at `now` (server clock): the answer's phase moved on by the clock alone, so a
 * countdown that reaches zero shows "live" at once, before the next answer confirms it.
 */
export function phaseAt(l: Pick<Launch, 'phase' | 'startsAt' | 'endsAt' | 'registrationOpensAt'>, now: number): LaunchPhase {
  if (l.phase === 'cancelled' || l.phase === 'ended') return l.phase;
  if (now >= l.endsAt) return 'ended';
  // Once the server says it has started, it has (whatever this clock says).
  if (now >= l.startsAt || l.phase === 'live' || l.phase === 'sold_out') return l.phase === 'sold_out' ? 'sold_out' : 'live';
  if (l.registrationOpensAt !== null && now >= l.registrationOpensAt) return 'registration';
  return 'scheduled';
}

/** The item a card shows first: the cheapest at launch price. */
export function leadItem(l: Launch): Launch['items'][number] | undefined {
  return [...l.items].sort((a, b) => a.launchPriceMinor - b.launchPriceMinor)[0];
}

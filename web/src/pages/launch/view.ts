/**
 * Which panel the launch page's action card shows, as pure functions of what the page knows:
 * the launch, the server's clock, who is signed in, the buyer's reservations, what this
 * browser kept (queue token, registration, the end of the last admission pass) and the
 * buyer's place in line. No React and no browser: test/launch-view.test.ts runs them as
 * they are. The imports here (and in lib/launch.ts and lib/types.ts, which they reach) end in
 * `.js` because the tests are type-checked with NodeNext resolution, which wants them.
 */
import { phaseAt } from '../../lib/launch.js';
import type { Hold, Launch, QueueStatus } from '../../lib/types.js';

/** What this buyer has kept for this launch across reloads (kept.ts stores it). */
export interface Kept {
  registered?: boolean;
  token?: string;
  /** The end of the admission pass last seen (to tell "your turn ended" apart from waiting). */
  passExpiresAt?: number | null;
}

/** The panel the action card shows. */
export type View =
  | { kind: 'loading' }
  | { kind: 'signIn' }
  | { kind: 'notBuyer' }
  | { kind: 'over' }
  | { kind: 'hold'; hold: Hold }
  | { kind: 'done' }
  | { kind: 'registerSoon' }
  | { kind: 'register' }
  | { kind: 'closed' }
  | { kind: 'join' }
  | { kind: 'joining' }
  | { kind: 'queue'; status: QueueStatus }
  | { kind: 'passExpired' };

/** Who is looking: the session still loading, nobody signed in, a buyer, or a seller or admin. */
export type Viewer = 'loading' | 'signedOut' | 'buyer' | 'other';

/** The launch fields the choice reads. */
export type ViewLaunch = Pick<Launch, 'phase' | 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationRequired' | 'perBuyerLimit' | 'admission'>;

export interface ViewInput {
  launch: ViewLaunch;
  /** The server's clock. */
  now: number;
  viewer: Viewer;
  /** The buyer's reservations for this launch, newest first; null until GET /holds answers. */
  holds: Hold[] | null;
  kept: Kept;
  /** The buyer's place in line (stream, poll or the answer to joining); null before any. */
  status: QueueStatus | null;
  /** A reservation was refused because the admission pass had run out or was not valid. */
  passGone: boolean;
}

/** The server knows whether this buyer registered (on any device); this browser's memory is the fallback. */
export function withServerRegistration(kept: Kept, registered: boolean | null | undefined): Kept {
  return registered === null || registered === undefined || kept.registered ? kept : { ...kept, registered };
}

export interface HoldFacts {
  /** The reservation still within its payment deadline. */
  activeHold: Hold | null;
  /** Units the buyer holds or has paid for (against the per-buyer limit). */
  units: number;
  /** The newest reservation, when it ran out unpaid. */
  lastExpired: Hold | null;
}

export function holdFacts(holds: Hold[] | null, now: number): HoldFacts {
  const activeHold = holds?.find((h) => h.status === 'held' && h.expiresAt > now) ?? null;
  const units = (holds ?? []).filter((h) => (h.status === 'held' && h.expiresAt > now) || h.status === 'paid').reduce((n, h) => n + h.quantity, 0);
  // The newest reservation ran out (holds come newest first).
  const latest = holds?.[0];
  const lastExpired = latest && (latest.status === 'expired' || (latest.status === 'held' && latest.expiresAt <= now)) ? latest : null;
  return { activeHold, units, lastExpired };
}

export interface TurnFacts {
  /** The buyer's turn (admission pass) ended. */
  passExpired: boolean;
  /** Why the last turn ended: a reservation made in it that was not paid in time, or no reservation at all. */
  turnEndedBy: 'pay' | 'reserve';
  /** The server put the buyer whose turn ended back at the end of the line; the page says so. */
  backInLine: boolean;
}

export function turnFacts(input: Pick<ViewInput, 'launch' | 'now' | 'kept' | 'status' | 'passGone'>, lastExpired: Hold | null): TurnFacts {
  const { launch, now, kept, status } = input;
  const passExpired = input.passGone || (!!kept.passExpiresAt && now >= kept.passExpiresAt && status?.state !== 'admitted');
  const turnStart = kept.passExpiresAt ? kept.passExpiresAt - launch.admission.passTtlMs : null;
  const turnEndedBy: 'pay' | 'reserve' = lastExpired && turnStart !== null && lastExpired.createdAt >= turnStart ? 'pay' : 'reserve';
  const backInLine = passExpired && !!status && (status.state === 'waiting' || status.state === 'sold_out' || status.state === 'paused');
  return { passExpired, turnEndedBy, backInLine };
}

/**
 * The panel, first match wins: a live reservation (even after the end: it can still be
 * paid), the launch over, loading, sign in, not a buyer, the per-buyer limit reached, the
 * turn ended (unless the server already put the buyer back in line), the place in line,
 * joining, then registration or Join by whether the launch asks for registration and when.
 */
export function chooseView(input: ViewInput): View {
  const { launch, now, viewer, holds, kept, status } = input;
  const phase = phaseAt(launch, now);
  const { activeHold, units, lastExpired } = holdFacts(holds, now);
  const { passExpired, backInLine } = turnFacts(input, lastExpired);
  const notStarted = phase === 'scheduled' || phase === 'registration';
  const registrationOpen = launch.registrationOpensAt === null || now >= launch.registrationOpensAt;
  if (activeHold) return { kind: 'hold', hold: activeHold };
  if (phase === 'ended' || phase === 'cancelled') return { kind: 'over' };
  if (viewer === 'loading' || (viewer === 'buyer' && holds === null)) return { kind: 'loading' };
  if (viewer === 'signedOut') return { kind: 'signIn' };
  if (viewer !== 'buyer') return { kind: 'notBuyer' };
  if (units >= launch.perBuyerLimit) return { kind: 'done' };
  if (kept.token && passExpired && status?.state !== 'ended' && !backInLine) return { kind: 'passExpired' };
  if (kept.token && status) return { kind: 'queue', status };
  if (kept.token) return { kind: 'joining' };
  if (launch.registrationRequired && !kept.registered) return notStarted ? (registrationOpen ? { kind: 'register' } : { kind: 'registerSoon' }) : { kind: 'closed' };
  if (!kept.registered && notStarted && launch.registrationOpensAt !== null && registrationOpen) return { kind: 'register' };
  return { kind: 'join' };
}

/** The panel's name for focus, announcements and `data-view`: the place in line names its state ("queue:admitted"). */
export function viewKey(view: View): string {
  return view.kind === 'queue' ? `queue:${view.status.state}` : view.kind;
}

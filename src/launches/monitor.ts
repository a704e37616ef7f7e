/**
 * The live monitor of a launch: the books, the line and the counters, totalled across every
 * process (a seller's console reads it once a second while the sale runs).
 */
import type { AppContext } from '../context.js';
import { phaseOf, type LaunchPhase } from './admission.js';
import type { LiveState } from './live-state.js';
import type { LaunchRegistry } from './registry.js';
import type { SkuCounts, StockAuthority } from './stock-authority.js';

/** What the monitor shows of a launch at a moment. */
export interface MonitorSnapshot {
  at: number;
  phase: LaunchPhase;
  paused: boolean;
  registered: number;
  queued: number;
  admitted: number;
  active: number;
  held: number;
  sold: number;
  available: number;
  allotment: number;
  attempts: number;
  attemptsPerSecond: number;
  holdsCreated: number;
  payments: number;
  rejections: Record<string, number>;
  skus: SkuCounts[];
}

/** The monitor's snapshot of one launch (totals across every process). */
export async function monitorSnapshot(ctx: AppContext, registry: LaunchRegistry, authority: StockAuthority, state: LiveState, launchId: string): Promise<MonitorSnapshot> {
  const l = await registry.get(launchId);
  const now = ctx.clock.now();
  const [counts, room, registered, totals] = await Promise.all([authority.counts(launchId), l.room.stats(now), l.registrations.count(), state.metricTotals(launchId, l.metrics)]);
  // Attempts per second over at least the last second, however many viewers read the monitor:
  // the base is the newest sample that is a second old or more.
  const w = l.metrics.attemptsWindow;
  w.push({ at: now, n: totals.attempts });
  while (w.length > 2 && now - w[1]!.at >= 1000) w.shift();
  const base = w[0]!;
  const attemptsPerSecond = now - base.at >= 250 ? Math.round(((totals.attempts - base.n) * 1000) / (now - base.at)) : 0;
  const sum = (f: 'held' | 'sold' | 'available' | 'allotment') => counts.reduce((s, c) => s + c[f], 0);
  return {
    at: now,
    phase: phaseOf(l.row, now, sum('available')),
    paused: l.row.paused === 1,
    registered,
    queued: room.waiting,
    admitted: room.admittedTotal,
    active: room.active,
    held: sum('held'),
    sold: sum('sold'),
    available: sum('available'),
    allotment: sum('allotment'),
    attempts: totals.attempts,
    attemptsPerSecond,
    holdsCreated: totals.holds,
    payments: totals.payments,
    rejections: { ...totals.rejections },
    skus: counts,
  };
}

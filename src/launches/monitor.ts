/**
 * The live monitor of a launch: the books, the line and the counters, totalled across every
 * process (a seller's console reads it once a second while the sale runs), and its recent
 * per-second history for the chart.
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
  /** Buyers in line for a turn (not yet let in). */
  queued: number;
  /** While sold out: buyers let in whose turn is still open, waiting for units to come back (0 otherwise). */
  waitingForReturns: number;
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
  const phase = phaseOf(l.row, now, sum('available'));
  return {
    at: now,
    phase,
    paused: l.row.paused === 1,
    registered,
    queued: room.waiting,
    waitingForReturns: phase === 'sold_out' ? room.active : 0,
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

/** One second of a launch's recent history: units reserved, paid and returned (holds expired or cancelled) in that second. */
export interface MonitorHistoryPoint {
  at: number;
  heldUnits: number;
  paidUnits: number;
  releasedUnits: number;
}

/** At most this many seconds of history (the monitor's chart keeps five minutes). */
export const MONITOR_HISTORY_MAX_SECONDS = 300;

/**
 * The last `seconds` seconds of a launch's sale, second by second, from the analytics
 * sell-out rollup (so the monitor's chart has its recent past after a reload, whichever
 * process served it). Seconds without a reservation or payment are left out.
 */
export async function monitorHistory(ctx: AppContext, launchId: string, seconds: number): Promise<{ launchId: string; points: MonitorHistoryPoint[] }> {
  const launch = await ctx.db.selectFrom('launches').select(['starts_at']).where('id', '=', launchId).executeTakeFirst();
  if (!launch) return { launchId, points: [] };
  const nowSecond = Math.floor((ctx.clock.now() - launch.starts_at) / 1000);
  const rows = await ctx.db
    .selectFrom('analytics_sellout')
    .select(['second', 'held_units', 'paid_units', 'released_units'])
    .where('launch_id', '=', launchId)
    .where('second', '>', nowSecond - Math.min(seconds, MONITOR_HISTORY_MAX_SECONDS))
    .orderBy('second')
    .execute();
  return { launchId, points: rows.map((r) => ({ at: launch.starts_at + Number(r.second) * 1000, heldUnits: Number(r.held_units), paidUnits: Number(r.paid_units), releasedUnits: Number(r.released_units) })) };
}

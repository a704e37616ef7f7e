/**
 * The flash-sale engine of one app process: a small facade over its parts, each with one job —
 *
 * - `registry.ts`: the launches served here (load, refresh, signals, unload);
 * - `admission.ts`: the waiting room (registration, join, standing, the draw, admission rounds);
 * - `reservations.ts`: the hot path (decide, write the answer, acknowledge);
 * - `settlement.ts`: holds after they were made (expiry, order hooks, settle queue, repairs);
 * - `monitor.ts`: the live monitor;
 * - `ledger.ts`: every SQL statement of the launch tables;
 * - the seams: the stock authority (`stock-authority.ts`, memory or Redis) and the live state
 *   (`live-state.ts`, memory or Redis).
 *
 * One code path for both ways to run: embedded, everything live sits in this process; scaled
 * out, in Redis (`LiveState.shared`). Either way the ledger is the record, every answer is
 * durable before it is given, and live state is a generation rebuilt from the ledger (see
 * docs/ARCHITECTURE.md, "Generations").
 */
import type { AppContext } from '../context.js';
import type { Principal } from '../accounts/service.js';
import type { RequestMeta } from '../analytics/events.js';
import type { applyTransition } from '../orders/service.js';
import { Admission, phaseOf, pollAfterMs, type LaunchPhase, type QueueStatus } from './admission.js';
import { LaunchLedger } from './ledger.js';
import { WaitingRoomLimits } from './limits.js';
import { StageTimer } from './stages.js';
import { memoryLiveState, type LiveState } from './live-state.js';
import { monitorSnapshot, type MonitorSnapshot } from './monitor.js';
import { LaunchRegistry } from './registry.js';
import { Reservations, type ReserveOutcome, type ReserveRefusal } from './reservations.js';
import { Settlement } from './settlement.js';
import type { SkuCounts, StockAuthority } from './stock-authority.js';
import type { TokenSigner } from './tokens.js';

export { phaseOf, pollAfterMs, type LaunchPhase, type QueueStatus, type ReserveOutcome, type ReserveRefusal };
/** Per-launch monitor counters (defined with the rest of the live state). */
export type { LaunchMetrics } from './live-state.js';

/** How long after a launch's end the refusals given to its keys are kept. */
export const REFUSAL_RETENTION_AFTER_END_MS = 24 * 3600_000;

/** Settings of the engine beyond the context. */
export interface LaunchEngineOptions {
  /** Where live state lives (default: this process's memory, the embedded mode). */
  live?: LiveState;
  /**
   * How long a unit taken in a shared authority may stay unconfirmed before its launch is
   * rebuilt from the ledger (liveness only; well above the group-commit latency). Default 10 s.
   */
  reconcileGraceMs?: number;
  /** How long a replayed key waits for a hold another process is still committing (shared state). Default 3 s. */
  replayWaitMs?: number;
  /** When the group commits write a batch (default: the next turn of the event loop; the fault simulation flushes by hand). */
  commitScheduler?: (flush: () => void) => void;
  /** The waiting-room rate limits (default: counted in this process from the settings). */
  limits?: WaitingRoomLimits;
  /** The hot path's stage timer (default: on when STAGE_TIMING is). */
  stages?: StageTimer;
}

/** The flash-sale engine of one app process (see the file comment). */
export class LaunchEngine {
  readonly ledger: LaunchLedger;
  readonly registry: LaunchRegistry;
  readonly admission: Admission;
  readonly reservations: Reservations;
  readonly settlement: Settlement;
  /** Per-account and per-address limits of join, poll and reserve. */
  readonly limits: WaitingRoomLimits;
  /** Where the hot path's time goes (STAGE_TIMING). */
  readonly stages: StageTimer;
  /** The live state in use (memory or Redis). */
  readonly state: LiveState;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    readonly authority: StockAuthority,
    readonly signer: TokenSigner,
    opts: LaunchEngineOptions & { ledger?: LaunchLedger } = {},
  ) {
    this.ledger = opts.ledger ?? new LaunchLedger(ctx.engine);
    this.limits = opts.limits ?? new WaitingRoomLimits(ctx.config.rateLimits, () => ctx.clock.now());
    this.stages = opts.stages ?? new StageTimer(ctx.config.stageTiming);
    this.ledger.stages = this.stages;
    this.state = opts.live ?? memoryLiveState(this.ledger);
    const shared = this.state.shared;
    this.registry = new LaunchRegistry(ctx, this.ledger, authority, this.state);
    this.admission = new Admission(ctx, this.ledger, this.registry, signer, opts.commitScheduler);
    this.reservations = new Reservations(ctx, this.ledger, this.registry, authority, signer, { shared, replayWaitMs: opts.replayWaitMs ?? (shared ? 3000 : 0), commitScheduler: opts.commitScheduler, stages: this.stages });
    this.settlement = new Settlement(ctx, this.ledger, this.registry, authority, this.state.settleQueue, { shared, reconcileGraceMs: opts.reconcileGraceMs ?? 10_000 });
  }

  /** Starts the admission ticker (several times a second). */
  start(tickMs = 100): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.ctx.log.error({ err }, 'launch tick failed'));
    }, tickMs);
    this.timer.unref();
  }

  /** Stops the ticker and waits for every write and settle in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.limits.close();
    await this.settlement.stop();
    await this.reservations.writer.drain();
    await this.admission.writer.drain();
  }

  /** Loads a launch (once per process; concurrent callers share the load). */
  get(launchId: string) {
    return this.registry.get(launchId);
  }

  /** Re-reads a launch row after an edit, pause, resume or cancel, here and in every other process. */
  refresh(launchId: string): Promise<void> {
    return this.registry.refresh(launchId);
  }

  /** Units of a launch still on sale (all SKUs). */
  available(launchId: string): Promise<number> {
    return this.registry.available(launchId);
  }

  /** The books of each SKU of a launch. */
  async counts(launchId: string): Promise<SkuCounts[]> {
    await this.registry.get(launchId);
    return this.authority.counts(launchId);
  }

  /** How many buyers registered for a launch. */
  async registeredCount(launchId: string): Promise<number> {
    return (await this.registry.get(launchId)).registrations.count();
  }

  /** Whether a buyer registered for a launch. */
  async registeredBuyer(launchId: string, buyerId: string): Promise<boolean> {
    return (await this.registry.get(launchId)).registrations.has(buyerId);
  }

  register(p: Principal, launchId: string, meta?: RequestMeta) {
    return this.admission.register(p, launchId, meta);
  }

  challenge(p: Principal, launchId: string) {
    return this.admission.challenge(p, launchId);
  }

  join(p: Principal, launchId: string, pow: { challenge?: string | undefined; solution?: string | undefined }, meta?: RequestMeta) {
    return this.admission.join(p, launchId, pow, meta);
  }

  status(p: Principal, launchId: string, queueToken: string): Promise<QueueStatus> {
    return this.admission.status(p, launchId, queueToken);
  }

  /** A buyer's receipt for their pre-queue place (ticket and arrival number; docs/draw.md). */
  receipt(p: Principal, launchId: string) {
    return this.admission.receipt(p, launchId);
  }

  /** A launch's verifiable draw as anyone may read it (with the caller's own ticket when signed in). */
  publicDraw(launchId: string, viewerId: string | null) {
    return this.admission.publicDraw(launchId, viewerId);
  }

  reserve(p: Principal, launchId: string, pass: string, skuId: string, quantity: number, idempotencyKey: string, meta?: RequestMeta): Promise<ReserveOutcome> {
    return this.reservations.reserve(p, launchId, pass, skuId, quantity, idempotencyKey, meta);
  }

  /** One admission round for every loaded launch: draw at the start, then admit by rate and cap. */
  async tick(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const l of this.registry.loaded.values()) {
      try {
        await this.admission.tick(l, now);
      } catch (err) {
        this.ctx.log.error({ err, launchId: l.row.id }, 'launch tick failed');
      }
    }
  }

  expireDueHolds(batch?: number): Promise<number> {
    return this.settlement.expireDueHolds(batch);
  }

  /** Ends a launch order's hold inside the order's transaction (the order hook). */
  onOrderTransition(trx: Parameters<typeof applyTransition>[1], orderId: string, to: 'paid' | 'expired' | 'cancelled'): Promise<void> {
    return this.settlement.onOrderTransition(trx, orderId, to);
  }

  reconcile(launchIds?: string[]): Promise<void> {
    return this.settlement.reconcile(launchIds);
  }

  reconcileStock(olderThanMs?: number): Promise<number> {
    return this.settlement.reconcileStock(olderThanMs);
  }

  /**
   * Forgets the refusals given to keys of launches that ended more than a day ago (the
   * retention of refused answers: a launch's lifetime plus a day; holds keep theirs for good).
   */
  pruneAnswers(): Promise<number> {
    return this.ledger.pruneRefusals(this.ctx.clock.now() - REFUSAL_RETENTION_AFTER_END_MS);
  }

  /** Loads launches running or about to, refreshes rows, unloads those that are over (the sweeper). */
  loadActive(): Promise<void> {
    return this.registry.sweep();
  }

  /** The live monitor's snapshot for one launch (totals across every process). */
  monitor(launchId: string): Promise<MonitorSnapshot> {
    return monitorSnapshot(this.ctx, this.registry, this.authority, this.state, launchId);
  }

  /** Subscribes to "something changed" for a launch (sold out, units back, admissions). */
  async onChange(launchId: string, fn: () => void): Promise<() => void> {
    const l = await this.registry.get(launchId);
    l.events.on('change', fn);
    return () => l.events.off('change', fn);
  }
}

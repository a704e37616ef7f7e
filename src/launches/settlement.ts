/**
 * Settlement: what happens to a hold after it was made. The ledger changes first — a hold
 * expires by a conditional `held → expired` update (its order, if one was opened, moves by the
 * order's own transition, whose hook ends the hold in the same transaction), or follows its
 * order to paid or cancelled — and the stock authority is brought in line afterwards, from a
 * settle queue written *before* the change commits: whichever process is alive afterwards
 * applies it, exactly once (the authority's release and sell are idempotent per hold).
 *
 * In scale-out this also repairs what a dead or stalled process left in Redis: units taken
 * whose hold stayed unconfirmed for `reconcileGraceMs` make the launch rebuild (the fence: a
 * new generation, after whatever of the old one still commits) — the grace decides only when
 * the units come back, never whether a unit can be sold twice.
 */
import type { AppContext } from '../context.js';
import type { Hold } from '../db/schema.js';
import { afterCommit } from '../db/after-commit.js';
import { hasCode } from '../shared/errors.js';
import { applyTransition } from '../orders/service.js';
import type { LaunchLedger } from './ledger.js';
import type { LaunchRegistry } from './registry.js';
import type { SettleQueue } from './live-state.js';
import type { StockAuthority } from './stock-authority.js';

/** Holds of one launch expiring in one sweep from which its store is told ("holds expiring in bulk"). */
const HOLDS_EXPIRED_NOTICE_AT = 10;

/** Settle work whose change never committed is dropped after this long. */
const SETTLE_GIVE_UP_MS = 10 * 60_000;

/** Settings of settlement. */
export interface SettlementOptions {
  /** Whether the live state outlives this process (Redis): settles must reach it even for launches not loaded here. */
  shared: boolean;
  /** How long a unit taken in a shared authority may stay unconfirmed before its launch is rebuilt from the ledger. */
  reconcileGraceMs: number;
}

/** Settlement of holds (see the file comment). */
export class Settlement {
  /** Launches whose settle queue this process just added to (worked on shortly after, without a sweep). */
  private soon = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Settle runs in flight (one at a time; awaited on stop). */
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly ledger: LaunchLedger,
    private readonly registry: LaunchRegistry,
    private readonly authority: StockAuthority,
    private readonly queue: SettleQueue,
    private readonly opts: SettlementOptions,
  ) {}

  /**
   * Expires holds whose payment deadline passed: queued for settling, then in one transaction
   * either the order's `expire` transition (its hook ends the hold) or the hold's own `held →
   * expired`; then settled once, with the rest of the launch's queue.
   */
  async expireDueHolds(batch = 500): Promise<number> {
    const now = this.ctx.clock.now();
    const due = await this.ledger.dueHolds(now, batch);
    let n = 0;
    const launches = new Set<string>();
    const expiredBy = new Map<string, number>();
    for (const h of due) {
      // Queued before the change commits: should this process die in between, another settles it.
      await this.queue.add(h.launch_id, [h.id], now);
      launches.add(h.launch_id);
      try {
        const ended = await this.ctx.db.transaction().execute(async (trx) => {
          if (h.order_id) {
            const order = await trx.selectFrom('orders').selectAll().where('id', '=', h.order_id).executeTakeFirst();
            if (order && order.status === 'pending_payment') {
              await applyTransition(this.ctx, trx, order, 'expire', 'system', { note: 'reservation expired', patch: { cancel_reason: 'payment deadline passed' } });
              return true;
            }
          }
          return this.ledger.endHold(trx, h.id, 'expire', 'sweep', now);
        });
        if (ended) n++;
        if (ended) expiredBy.set(h.launch_id, (expiredBy.get(h.launch_id) ?? 0) + 1);
        if (ended && !h.order_id) this.ctx.analytics.record({ type: 'hold_expired', at: now, launchId: h.launch_id, skuId: h.sku_id, holdId: h.id, buyerId: h.buyer_id, units: h.quantity, amountMinor: h.price_minor * h.quantity, currency: h.currency });
      } catch (err) {
        // The order was paid or cancelled meanwhile (a racing webhook or sweep): its hold follows
        // the order through the order hook; the rest of the batch must still be expired.
        if (!hasCode(err, 'ORDER_CHANGED')) throw err;
      }
    }
    if (launches.size) await this.reconcile([...launches]);
    for (const [launchId, k] of expiredBy) if (k >= HOLDS_EXPIRED_NOTICE_AT) await this.ctx.notifications?.holdsExpired(launchId, k).catch((err: unknown) => this.ctx.log.warn({ err }, 'holds-expired notification failed'));
    return n;
  }

  /** Ends a launch order's held holds inside the order's transaction (the order hook). */
  async onOrderTransition(trx: Parameters<typeof applyTransition>[1], orderId: string, to: 'paid' | 'expired' | 'cancelled'): Promise<void> {
    const now = this.ctx.clock.now();
    const holds = await this.ledger.endOrderHolds(trx, orderId, to === 'paid' ? 'pay' : to === 'expired' ? 'expire' : 'cancel', now);
    // Queued before the commit: whichever process is alive afterwards brings the authority in line.
    for (const h of holds) await this.queue.add(h.launch_id, [h.id], now);
    // Counted once the order's transaction commits (a move rolled back is never counted).
    const type = to === 'paid' ? 'payment_succeeded' : to === 'expired' ? 'hold_expired' : 'hold_cancelled';
    for (const h of holds) afterCommit(trx, () => this.ctx.analytics.record({ type, at: now, launchId: h.launch_id, holdId: h.id, orderId }));
    for (const h of holds) this.soon.add(h.launch_id);
    if (this.stopped || holds.length === 0) return; // shutting down: the settle queue keeps the work for a sweep (here or elsewhere)
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const ids = [...this.soon];
      this.soon.clear();
      if (ids.length) void this.reconcile(ids).catch((err) => this.ctx.log.error({ err }, 'settle failed'));
    }, 20);
    this.timer.unref();
  }

  /**
   * Applies committed ledger changes (paid, expired, cancelled) to the authority and the live
   * state: the settle queue of the given launches, or of every launch that may have work. One
   * run at a time here (runs side by side would read the same queue twice over).
   */
  reconcile(launchIds?: string[]): Promise<void> {
    const run = (this.running ?? Promise.resolve()).catch(() => undefined).then(() => this.reconcileNow(launchIds));
    const mine = run.finally(() => {
      if (this.running === mine) this.running = null;
    });
    this.running = mine;
    return mine;
  }

  private async reconcileNow(launchIds?: string[]): Promise<void> {
    const ids = launchIds ?? (await this.queue.launches(() => this.ledger.unsettledLaunches()));
    const now = this.ctx.clock.now();
    for (const launchId of ids) {
      // Page through the queue; holds whose change has not committed yet stay where they are.
      const PAGE = 1000;
      for (let skip = 0; ; ) {
        const pending = await this.queue.pending(launchId, skip, PAGE);
        if (pending.length === 0) break;
        // The ledger rows in one read per 500, then the authority's scripts side by side
        // (pipelined to Redis): a sale's thousands of payments settle in seconds, not minutes.
        const rows = await this.ledger.holds(pending.map((p) => p.holdId));
        const done: string[] = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(32, pending.length) }, async () => {
            while (next < pending.length) {
              const { holdId, at } = pending[next++]!;
              // Done only once the status acted on is final: a hold still 'held' belongs to a
              // change that has not committed yet (judging by a later read could skip it).
              const s = await this.settle(launchId, holdId, rows.get(holdId) ?? null);
              if (s.final || now - at > SETTLE_GIVE_UP_MS) done.push(holdId);
            }
          }),
        );
        await this.queue.done(launchId, done);
        if (pending.length < PAGE) break;
        skip += pending.length - done.length;
      }
    }
  }

  /**
   * Brings the authority in line with a hold's committed status. `changed`: it changed
   * anything; `final`: the status it acted on is final (paid, expired, cancelled, or no row).
   */
  private async settle(launchId: string, holdId: string, row: Hold | null): Promise<{ changed: boolean; final: boolean }> {
    if (!row) return { changed: false, final: true };
    const final = row.status !== 'held';
    // Memory: a launch not loaded here reads the ledger's truth when it is. Shared state
    // outlives this process, so it must be brought in line now (loading the launch if need be).
    const l = this.registry.loaded.get(launchId) ?? (this.opts.shared ? await this.registry.get(launchId).catch(() => undefined) : await this.registry.find(launchId)?.catch(() => undefined));
    if (!l) return { changed: false, final };
    if (row.status === 'paid') {
      const sold = await this.authority.sell(launchId, holdId, row.buyer_id);
      if (sold) l.metrics.payments++;
      return { changed: sold, final };
    }
    if (row.status === 'expired' || row.status === 'cancelled') {
      const released = await this.authority.release(launchId, holdId, row.buyer_id);
      if (released) {
        await l.room.setFinished(row.buyer_id, false);
        if (l.soldOut) this.registry.signal(l, 'restock');
      }
      return { changed: released, final };
    }
    return { changed: false, final };
  }

  /**
   * Scale-out repairs, for every launch loaded here (the sweeper runs it; a no-op in memory):
   * finishes transfers between buckets a dead process left half-done, and rebuilds a launch
   * whose units stayed unconfirmed longer than the grace (a process died between decision and
   * commit, or its write is stalled). Returns how many launches were rebuilt.
   */
  async reconcileStock(olderThanMs = this.opts.reconcileGraceMs): Promise<number> {
    if (!this.opts.shared) return 0;
    let n = 0;
    for (const launchId of [...this.registry.loaded.keys()]) {
      await this.authority.repair(launchId, olderThanMs);
      if ((await this.authority.stranded(launchId, olderThanMs)) === 0) continue;
      this.ctx.log.warn({ launchId }, 'units stayed unconfirmed: rebuilding the launch from the ledger');
      await this.authority.rebuild(launchId);
      n++;
    }
    return n;
  }

  /** Stops scheduling settles and waits for the run in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

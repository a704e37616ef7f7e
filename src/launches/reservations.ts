/**
 * Reservations: the hot path of a launch. A request is checked (pass, window, registration,
 * SKU) without touching a table, the stock authority decides, and the decision — a hold or a
 * refusal — is written to the ledger by group commit before anyone is told. The ledger has the
 * last word on every answer:
 *
 * - written: the answer is durable and given (201 with the hold, or the refusal);
 * - the key had an answer already (a retry after a restart or a lost cache): that answer is
 *   given and the units just taken go back;
 * - stale: decided in a generation that was replaced meanwhile (a rebuild): nothing was
 *   written, nothing is acknowledged (503, try again);
 * - refused by the ledger's own books: the live state disagreed with the ledger, an invariant
 *   broke — the launch is paused, an alert is logged, the state is rebuilt (503).
 *
 * A write whose outcome is unknown (the connection broke mid-commit) is resolved by fencing the
 * launch (a rebuild: it waits for the write to finish either way, and makes any later commit of
 * it fail) and reading the ledger; only then is the buyer answered.
 *
 * Refusals before the decision (a bad pass, a launch not live, paused, an unknown SKU) are not
 * answers to the key: they change nothing, and the same key may be used again.
 */
import type { AppContext } from '../context.js';
import type { Hold } from '../db/schema.js';
import { AppError, type ErrorCode } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import type { RequestMeta } from '../analytics/events.js';
import { newId } from '../shared/ids.js';
import { GroupCommit } from './group-commit.js';
import { NotDurable } from './ledger-sqlite.js';
import { StageTimer } from './stages.js';
import type { AnswerResult, AnswerWrite, LaunchLedger, StockRefusal, StoredAnswer } from './ledger.js';
import { phaseOf } from './admission.js';
import type { LaunchRegistry, LiveLaunch } from './registry.js';
import { InvariantViolation, type StockAuthority, type TakeResult } from './stock-authority.js';
import type { TokenSigner } from './tokens.js';

/** A reservation that was refused: the error body to send (its status is the code's, looked up at the edge). */
export interface ReserveRefusal {
  error: { code: ErrorCode; message: string };
}

/** What a reservation attempt comes to: a hold (201 new, 200 replayed) or a refusal. */
export type ReserveOutcome = { statusCode: 200 | 201; hold: Hold } | ReserveRefusal;

const SOLD_OUT_MESSAGE = 'Sold out. Stay in line: units come back when reservations expire.';

/** Settings of the reservation path. */
export interface ReservationOptions {
  /** Whether the authority is shared with other processes (Redis): their answers may still be being written. */
  shared: boolean;
  /** How long a retry waits for a hold another process is still committing before it is told to try again. */
  replayWaitMs: number;
  /** When the group commit writes a batch (see GroupCommit). */
  commitScheduler?: ((flush: () => void) => void) | undefined;
  /** Where the decision and the analytics record are timed. */
  stages?: StageTimer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The reservation path (see the file comment). */
export class Reservations {
  /** Answers on their way to the ledger (one commit per batch). */
  readonly writer: GroupCommit<AnswerWrite, AnswerResult>;
  /** Answers being made durable here, by launch, buyer and key: a retry meanwhile gets the same one. */
  private readonly inflight = new Map<string, Promise<ReserveOutcome>>();
  /** Launches stopped because their books broke (monitoring and tests). */
  halts = 0;
  private readonly stages: StageTimer;

  constructor(
    private readonly ctx: AppContext,
    private readonly ledger: LaunchLedger,
    private readonly registry: LaunchRegistry,
    private readonly authority: StockAuthority,
    private readonly signer: TokenSigner,
    private readonly opts: ReservationOptions,
  ) {
    this.stages = opts.stages ?? new StageTimer(false);
    this.writer = new GroupCommit<AnswerWrite, AnswerResult>(async (items) => {
      const results = await this.ledger.writeAnswers(items);
      if (this.opts.shared) this.confirm(items, results);
      return results;
    }, 2000, opts.commitScheduler);
  }

  /** Tells a shared authority which holds are in the ledger now (off the answer's path). */
  private confirm(items: AnswerWrite[], results: AnswerResult[]): void {
    const byLaunch = new Map<string, Array<{ id: string; buyerId: string }>>();
    items.forEach((w, i) => {
      if (w.kind !== 'hold' || results[i]!.status !== 'written') return;
      const xs = byLaunch.get(w.hold.launch_id) ?? [];
      xs.push({ id: w.hold.id, buyerId: w.hold.buyer_id });
      byLaunch.set(w.hold.launch_id, xs);
    });
    for (const [launchId, holds] of byLaunch) void this.authority.confirm(launchId, holds).catch((err) => this.ctx.log.error({ err }, 'hold confirm failed'));
  }

  /**
   * Reserve: checks the pass, the window, registration and the SKU, lets the stock authority
   * decide, and answers once the ledger has the answer. The same idempotency key always gets the
   * same answer.
   */
  async reserve(p: Principal, launchId: string, pass: string, skuId: string, quantity: number, key: string, meta?: RequestMeta): Promise<ReserveOutcome> {
    const l = this.registry.loaded.get(launchId) ?? (await this.registry.get(launchId));
    const now = this.ctx.clock.now();
    l.metrics.attempts++;
    const checked = this.signer.check('pass', pass, launchId, p.userId, now);
    if ('code' in checked) return this.refuse(l, p.userId, skuId, now, meta, checked.code, checked.message);
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') return this.refuse(l, p.userId, skuId, now, meta, 'LAUNCH_ENDED', 'This launch is over.');
    if (now < l.row.starts_at) return this.refuse(l, p.userId, skuId, now, meta, 'LAUNCH_NOT_STARTED', 'This launch has not started.');
    if (l.row.paused) return this.refuse(l, p.userId, skuId, now, meta, 'LAUNCH_PAUSED', 'The seller has paused this launch; keep your place.');
    if (l.row.registration_required && !(await l.registrations.has(p.userId))) return this.refuse(l, p.userId, skuId, now, meta, 'NOT_REGISTERED', 'Only registered buyers may buy in this launch.');
    if (!l.items.has(skuId)) return this.refuse(l, p.userId, skuId, now, meta, 'SKU_NOT_IN_LAUNCH', 'That SKU is not part of this launch.');
    const ik = `${launchId}|${p.userId}|${key}`;
    const pending = this.inflight.get(ik);
    if (pending) return this.asReplay(await pending, skuId, quantity);
    const run = this.decide(l, p.userId, skuId, quantity, key, now, meta);
    this.inflight.set(ik, run);
    try {
      return await run;
    } finally {
      this.inflight.delete(ik);
    }
  }

  /** Counts and records a refusal; returns it (refusals are answers, not exceptions: at sold-out rates a stack trace per request costs more than the check). */
  private refuse(l: LiveLaunch, buyerId: string, skuId: string, at: number, meta: RequestMeta | undefined, code: ErrorCode, message: string, fresh = true): ReserveRefusal {
    if (fresh) {
      l.metrics.rejections[code] = (l.metrics.rejections[code] ?? 0) + 1;
      const t = this.stages.start();
      this.ctx.analytics.record({ type: 'hold_refused', at, storeId: l.row.store_id, launchId: l.row.id, skuId, buyerId, reason: code, meta });
      this.stages.add('reserve', 'analytics', t);
    }
    return { error: { code, message } };
  }

  private stockMessage(l: LiveLaunch, code: StockRefusal): string {
    if (code === 'SOLD_OUT') return SOLD_OUT_MESSAGE;
    if (code === 'NOT_ENOUGH_UNITS') return 'Not that many units are left.';
    return `You have reached this launch's limit of ${l.row.per_buyer_limit}.`;
  }

  /** The outcome of an attempt with the same key, given to a retry: a new hold becomes a replayed one. */
  private asReplay(o: ReserveOutcome, skuId: string, quantity: number): ReserveOutcome {
    if (!('hold' in o)) return o;
    if (o.hold.sku_id !== skuId || o.hold.quantity !== quantity) return keyReused();
    return { statusCode: 200, hold: o.hold };
  }

  private async decide(l: LiveLaunch, buyerId: string, skuId: string, quantity: number, key: string, now: number, meta: RequestMeta | undefined, quick = true): Promise<ReserveOutcome> {
    const launchId = l.row.id;
    const holdId = newId();
    let decision: TakeResult;
    // Nothing left anywhere (as this process knows): the answer is SOLD_OUT without asking the authority.
    const known = quick && l.soldOut ? this.authority.epoch(launchId) : undefined;
    if (known !== undefined) decision = { kind: 'refused', epoch: known, reason: 'SOLD_OUT' };
    else {
      const t = this.stages.start();
      try {
        decision = await this.authority.take({ launchId, skuId, buyerId, quantity, perBuyerLimit: l.row.per_buyer_limit, idempotencyKey: key, holdId, now });
        this.stages.add('reserve', 'decide', t);
      } catch (err) {
        if (err instanceof InvariantViolation) return this.halt(l, err.detail, buyerId, skuId, now, meta);
        if (err instanceof AppError) return this.refuse(l, buyerId, skuId, now, meta, err.code, err.message);
        throw err;
      }
    }
    if (decision.kind === 'replay') return this.replay(l, decision.holdId, buyerId, skuId, quantity, now, meta);
    const item = l.items.get(skuId)!;
    const hold: Hold | null =
      decision.kind === 'taken'
        ? { id: holdId, launch_id: launchId, sku_id: skuId, buyer_id: buyerId, quantity, price_minor: item.price_minor, currency: item.currency, status: 'held', idempotency_key: key, expires_at: now + l.row.payment_window_ms, order_id: null, created_at: now, updated_at: now, epoch: decision.epoch }
        : null;
    const write: AnswerWrite = decision.kind === 'taken' ? { kind: 'hold', hold: hold! } : { kind: 'refusal', launchId, buyerId, key, skuId, quantity, code: decision.reason, epoch: decision.epoch, at: now };
    let result: AnswerResult | null;
    try {
      result = await this.writer.add(write);
    } catch (err) {
      // Committed but not synced: not durable, so not acknowledged (a retry of the key finds it once it is).
      if (err instanceof NotDurable) {
        this.ctx.log.error({ err, launchId }, 'reservation write not durable');
        return this.refuse(l, buyerId, skuId, now, meta, 'LEDGER_UNAVAILABLE', 'The reservation could not be saved; try again.');
      }
      this.ctx.log.error({ err, launchId }, 'reservation write failed: resolving it from the ledger');
      result = await this.resolve(launchId, write).catch((e: unknown) => {
        this.ctx.log.error({ err: e, launchId }, 'reservation write could not be resolved');
        return null;
      });
      // Unknown still: nothing is acknowledged, and the next decision waits for a rebuild from the ledger.
      if (!result) return this.refuse(l, buyerId, skuId, now, meta, 'LEDGER_UNAVAILABLE', 'The reservation could not be saved; try again.');
    }
    if (result.status !== 'written' && hold) {
      // Not this hold's answer: its units go back (a no-op when its generation is gone) and a retry may decide again.
      await this.authority.release(launchId, holdId, buyerId);
      await this.authority.forget(launchId, buyerId, key, holdId);
    }
    switch (result.status) {
      case 'written':
        if (decision.kind === 'refused') return this.refuse(l, buyerId, skuId, now, meta, decision.reason, this.stockMessage(l, decision.reason));
        return this.held(l, hold!, decision, meta);
      case 'answered':
        return this.stored(l, result.answer, skuId, quantity);
      case 'stale':
        // A sold-out answer from this process's view of an older generation: ask the authority instead.
        if (known !== undefined) return this.decide(l, buyerId, skuId, quantity, key, now, meta, false);
        return this.refuse(l, buyerId, skuId, now, meta, 'STOCK_REBUILT', 'The stock was being rebuilt while you reserved; try again.');
      case 'refused':
        return this.halt(l, `the ledger refused hold ${holdId} (${quantity} of SKU ${skuId}) that the stock authority granted`, buyerId, skuId, now, meta);
    }
  }

  /** A durable new hold: counted, recorded, and the buyer's place and the sold-out signal updated. */
  private async held(l: LiveLaunch, hold: Hold, d: Extract<TakeResult, { kind: 'taken' }>, meta: RequestMeta | undefined): Promise<ReserveOutcome> {
    l.metrics.holds++;
    const t = this.stages.start();
    this.ctx.analytics.record({ type: 'hold_created', at: hold.created_at, storeId: l.row.store_id, launchId: hold.launch_id, skuId: hold.sku_id, holdId: hold.id, buyerId: hold.buyer_id, units: hold.quantity, amountMinor: hold.price_minor * hold.quantity, currency: hold.currency, launchStartsAt: l.row.starts_at, meta });
    this.stages.add('reserve', 'analytics', t);
    // At the limit the buyer is done and frees a place under the active cap (in order with later commands: no wait).
    if (d.buyerUnits >= l.row.per_buyer_limit) void l.room.setFinished(hold.buyer_id, true).catch((err) => this.ctx.log.error({ err }, 'finish mark failed'));
    if (!l.soldOut && d.skuAvailable === 0 && (await this.registry.available(hold.launch_id)) === 0) this.registry.signal(l, 'soldout');
    return { statusCode: 201, hold };
  }

  /** The answer the ledger already held for this key. */
  private stored(l: LiveLaunch, a: StoredAnswer, skuId: string, quantity: number): ReserveOutcome {
    const asked = a.kind === 'hold' ? { skuId: a.hold.sku_id, quantity: a.hold.quantity } : a;
    if (asked.skuId !== skuId || asked.quantity !== quantity) return keyReused();
    if (a.kind === 'hold') return { statusCode: 200, hold: a.hold };
    return { error: { code: a.code, message: this.stockMessage(l, a.code) } };
  }

  /**
   * The answer to a key whose hold the authority already holds: that hold, once it is in the
   * ledger. In shared state it may be another process's still being written: wait a little
   * for its row (then 503 HOLD_PENDING: retry), never a second unit.
   */
  private async replay(l: LiveLaunch, holdId: string, buyerId: string, skuId: string, quantity: number, now: number, meta: RequestMeta | undefined): Promise<ReserveOutcome> {
    let hold = await this.ledger.hold(holdId);
    for (let waited = 0; !hold && waited < this.opts.replayWaitMs; waited += 50) {
      await sleep(50);
      hold = await this.ledger.hold(holdId);
    }
    if (!hold) return this.refuse(l, buyerId, skuId, now, meta, 'HOLD_PENDING', 'The reservation made with this key is not saved yet; try again in a few seconds.');
    return this.asReplay({ statusCode: 200, hold }, skuId, quantity);
  }

  /**
   * A write whose outcome is unknown: fence the launch (the rebuild waits for that write to end
   * either way and makes any later commit of it fail), then read what the ledger holds for the key.
   */
  private async resolve(launchId: string, w: AnswerWrite): Promise<AnswerResult> {
    await this.authority.rebuild(launchId);
    const k = w.kind === 'hold' ? { buyerId: w.hold.buyer_id, key: w.hold.idempotency_key } : { buyerId: w.buyerId, key: w.key };
    const stored = await this.ledger.answerOf(launchId, k.buyerId, k.key);
    if (!stored) return { status: 'stale' };
    const mine = w.kind === 'hold' ? stored.kind === 'hold' && stored.hold.id === w.hold.id : stored.kind === 'refusal' && stored.code === w.code;
    return mine ? { status: 'written' } : { status: 'answered', answer: stored };
  }

  /**
   * The launch's books broke (the ledger refused what the authority granted, or a book did not
   * balance): pause the launch, raise the alarm, rebuild its state from the ledger. Nothing is
   * acknowledged meanwhile.
   */
  private async halt(l: LiveLaunch, detail: string, buyerId: string, skuId: string, now: number, meta: RequestMeta | undefined): Promise<ReserveRefusal> {
    const launchId = l.row.id;
    this.halts++;
    this.ctx.log.error({ alert: 'launch_invariant', launchId, detail }, `launch ${launchId} halted: ${detail}`);
    try {
      await this.ledger.halt(launchId, now);
      await this.registry.refresh(launchId);
      await this.authority.rebuild(launchId);
    } catch (err) {
      this.ctx.log.error({ err, launchId }, 'halting the launch failed');
    }
    return this.refuse(l, buyerId, skuId, now, meta, 'LAUNCH_HALTED', 'This launch was stopped for a check; keep your place.');
  }
}

/** A retry with the same key asking for something else. */
function keyReused(): ReserveRefusal {
  return { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was used for a different reservation; use a new key.' } };
}

/**
 * The flash-sale engine: keeps each active launch's waiting room, stock authority and
 * counters in memory, and the database as the ledger of record. The reservation path
 * touches no table on the way in: the pass is checked by signature, the decision is taken
 * by the stock authority, and the hold is written by group commit before it is
 * acknowledged. Expired holds go back exactly once: the ledger row changes status by a
 * conditional update, and the authority's release is idempotent per hold.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database, Hold, Launch, LaunchItem } from '../db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../http/errors.js';
import type { Principal } from '../accounts/service.js';
import { newId } from '../shared/ids.js';
import { GroupCommit } from './group-commit.js';
import type { StockAuthority, SkuCounts } from './stock-authority.js';
import { TokenSigner, newNonce, powBits } from './tokens.js';
import { WaitingRoom, type QueueEntry } from './waiting-room.js';
import { applyTransition } from '../orders/service.js';
import type { RequestMeta } from '../analytics/events.js';

export type LaunchPhase = 'scheduled' | 'registration' | 'live' | 'sold_out' | 'ended' | 'cancelled';

/** Per-launch counters for the live monitor (this process's view). */
export interface LaunchMetrics {
  attempts: number;
  holds: number;
  payments: number;
  rejections: Record<string, number>;
  attemptsWindow: number[];
}

interface LiveLaunch {
  row: Launch;
  items: Map<string, LaunchItem>;
  room: WaitingRoom;
  registered: Set<string>;
  /** Holds written or being written, by id (held and paid), for idempotent replays and views. */
  holds: Map<string, Hold>;
  pendingWrites: Map<string, Promise<void>>;
  /** Units each buyer holds or has bought (frees the buyer's place in the active cap at the limit). */
  buyerUnits: Map<string, number>;
  metrics: LaunchMetrics;
  events: EventEmitter;
  soldOut: boolean;
  /** The draw in progress, if any. */
  drawing: Promise<void> | null;
}

export interface QueueStatus {
  state: 'prequeue' | 'waiting' | 'admitted' | 'sold_out' | 'ended' | 'paused';
  position: number | null;
  ahead: number | null;
  etaSeconds: number | null;
  pass: string | null;
  passExpiresAt: number | null;
  available: number;
  serverTime: number;
}

const SOLD_OUT_MESSAGE = 'Sold out. Stay in line: units come back when reservations expire.';

/** A reservation that was refused: the HTTP status and the error body to send. */
export interface ReserveRefusal {
  statusCode: number;
  error: { code: string; message: string };
}

/** What a reservation attempt comes to: a hold (201 new, 200 replayed) or a refusal. */
export type ReserveOutcome = { statusCode: 200 | 201; hold: Hold } | ReserveRefusal;

type QueueWrite =
  | { kind: 'join'; launchId: string; entry: QueueEntry }
  | { kind: 'admit'; launchId: string; buyerId: string; at: number }
  | { kind: 'requeue'; launchId: string; buyerId: string; seq: number }
  | { kind: 'register'; launchId: string; buyerId: string; at: number };

/** Phase of a launch at a moment (pure: the row, the clock and whether anything is left). */
export function phaseOf(row: Launch, now: number, available: number | null): LaunchPhase {
  if (row.state === 'cancelled') return 'cancelled';
  if (now >= row.ends_at) return 'ended';
  if (now >= row.starts_at) return available === 0 ? 'sold_out' : 'live';
  if (row.registration_opens_at !== null && now >= row.registration_opens_at) return 'registration';
  return 'scheduled';
}

export class LaunchEngine {
  private live = new Map<string, Promise<LiveLaunch>>();
  private loaded = new Map<string, LiveLaunch>();
  readonly holdWriter: GroupCommit<Hold>;
  private readonly queueWriter: GroupCommit<QueueWrite>;
  private reconcileQueue = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    readonly authority: StockAuthority,
    readonly signer: TokenSigner,
  ) {
    // Each batch is one transaction: one commit (one fsync) for everything that arrived meanwhile.
    // (A writer thread for SQLite was measured too: no gain on 2 cores, so the batch stays on the main connection.)
    const writeBatch = (build: (trx: Kysely<Database>) => Array<{ execute(): Promise<unknown> }>) =>
      ctx.db.transaction().execute(async (trx) => {
        for (const q of build(trx)) await q.execute();
      });
    const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
    this.holdWriter = new GroupCommit<Hold>((rows) =>
      // Multi-row inserts, chunked under SQLite's bound-parameter limit, in one transaction (one commit).
      writeBatch((db) => chunks(rows, 500).map((c) => db.insertInto('holds').values(c))),
    );
    this.queueWriter = new GroupCommit<QueueWrite>((ops) =>
      writeBatch((db) => {
        const joins = ops.filter((o): o is Extract<QueueWrite, { kind: 'join' }> => o.kind === 'join');
        const regs = ops.filter((o): o is Extract<QueueWrite, { kind: 'register' }> => o.kind === 'register');
        const admits = ops.filter((o): o is Extract<QueueWrite, { kind: 'admit' }> => o.kind === 'admit');
        const requeues = ops.filter((o): o is Extract<QueueWrite, { kind: 'requeue' }> => o.kind === 'requeue');
        return [
          ...chunks(joins, 500).map((c) =>
            db.insertInto('queue_entries').values(c.map((j) => ({ launch_id: j.launchId, buyer_id: j.entry.buyerId, joined_at: j.entry.joinedAt, prequeue: j.entry.prequeue ? 1 : 0, seq: j.entry.seq, admitted_at: null }))),
          ),
          ...chunks(regs, 500).map((c) => db.insertInto('launch_registrations').values(c.map((r) => ({ launch_id: r.launchId, buyer_id: r.buyerId, registered_at: r.at })))),
          ...admits.map((o) => db.updateTable('queue_entries').set({ admitted_at: o.at }).where('launch_id', '=', o.launchId).where('buyer_id', '=', o.buyerId)),
          ...requeues.map((o) => db.updateTable('queue_entries').set({ admitted_at: null, seq: o.seq }).where('launch_id', '=', o.launchId).where('buyer_id', '=', o.buyerId)),
        ];
      }),
    );
  }

  /** Starts the admission ticker (several times a second). */
  start(tickMs = 100): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.ctx.log.error({ err }, 'launch tick failed'));
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.holdWriter.drain();
    await this.queueWriter.drain();
  }

  /** Loads a launch into memory from the ledger (once; concurrent callers share the load). */
  get(launchId: string): Promise<LiveLaunch> {
    let p = this.live.get(launchId);
    if (!p) {
      p = this.load(launchId);
      this.live.set(launchId, p);
      p.catch(() => this.live.delete(launchId));
    }
    return p;
  }

  /** Drops a launch from memory so the next access reloads it (after an edit, pause or resume). */
  async refresh(launchId: string): Promise<void> {
    const l = this.loaded.get(launchId);
    if (!l) return;
    const row = await this.ctx.db.selectFrom('launches').selectAll().where('id', '=', launchId).executeTakeFirst();
    if (row) {
      l.row = row;
      l.room.settings = { admissionRatePerSec: row.admission_rate_per_sec, maxActive: row.max_active, passTtlMs: row.pass_ttl_ms };
    }
  }

  private async load(launchId: string): Promise<LiveLaunch> {
    const db = this.ctx.db;
    const row = await db.selectFrom('launches').selectAll().where('id', '=', launchId).executeTakeFirst();
    if (!row) throw notFound('Launch');
    const items = await db.selectFrom('launch_items').selectAll().where('launch_id', '=', launchId).execute();
    // Every hold: live ones take units; ended ones still answer their idempotency key.
    const allHolds = await db.selectFrom('holds').selectAll().where('launch_id', '=', launchId).execute();
    const holds = allHolds.filter((h) => h.status === 'held' || h.status === 'paid');
    const regs = await db.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', launchId).execute();
    const entries = await db.selectFrom('queue_entries').selectAll().where('launch_id', '=', launchId).execute();
    await this.authority.load(
      launchId,
      items.map((i) => ({ skuId: i.sku_id, allotment: i.allotment })),
      allHolds.map((h) => ({ id: h.id, skuId: h.sku_id, buyerId: h.buyer_id, quantity: h.quantity, status: h.status, idempotencyKey: h.idempotency_key })),
    );
    const room = new WaitingRoom({ admissionRatePerSec: row.admission_rate_per_sec, maxActive: row.max_active, passTtlMs: row.pass_ttl_ms });
    const units = new Map<string, number>();
    for (const h of holds) units.set(h.buyer_id, (units.get(h.buyer_id) ?? 0) + h.quantity);
    for (const e of entries) {
      room.restore({ buyerId: e.buyer_id, joinedAt: e.joined_at, prequeue: e.prequeue === 1, seq: e.seq, admittedAt: e.admitted_at, finished: (units.get(e.buyer_id) ?? 0) >= row.per_buyer_limit });
    }
    const now = this.ctx.clock.now();
    room.restoreDone(row.shuffle_seed !== null, now);
    const l: LiveLaunch = {
      row,
      items: new Map(items.map((i) => [i.sku_id, i])),
      room,
      registered: new Set(regs.map((r) => r.buyer_id)),
      holds: new Map(holds.map((h) => [h.id, h])),
      pendingWrites: new Map(),
      buyerUnits: units,
      metrics: { attempts: 0, holds: 0, payments: 0, rejections: {}, attemptsWindow: [] },
      events: new EventEmitter().setMaxListeners(0),
      soldOut: false,
      drawing: null,
    };
    l.soldOut = (await this.available(launchId)) === 0;
    this.loaded.set(launchId, l);
    return l;
  }

  async available(launchId: string): Promise<number> {
    return (await this.authority.counts(launchId)).reduce((s, c) => s + c.available, 0);
  }

  async counts(launchId: string): Promise<SkuCounts[]> {
    await this.get(launchId);
    return this.authority.counts(launchId);
  }

  async phase(launchId: string): Promise<LaunchPhase> {
    const l = await this.get(launchId);
    return phaseOf(l.row, this.ctx.clock.now(), await this.available(launchId));
  }

  /** Registration before the start (required when the launch says so; counted for the funnel either way). */
  async register(p: Principal, launchId: string, meta?: RequestMeta): Promise<{ registered: true; registeredCount: number }> {
    const l = await this.get(launchId);
    const now = this.ctx.clock.now();
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') throw conflict('LAUNCH_ENDED', 'This launch is over.');
    if (now >= l.row.starts_at) throw conflict('REGISTRATION_CLOSED', 'Registration closed when the launch started.');
    if (l.row.registration_opens_at !== null && now < l.row.registration_opens_at) throw conflict('REGISTRATION_NOT_OPEN', 'Registration has not opened yet.');
    if (!l.registered.has(p.userId)) {
      l.registered.add(p.userId);
      try {
        await this.queueWriter.add({ kind: 'register', launchId, buyerId: p.userId, at: now });
      } catch (err) {
        l.registered.delete(p.userId);
        throw err;
      }
      this.ctx.analytics.record({ type: 'launch_registered', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, meta });
    }
    return { registered: true, registeredCount: l.registered.size };
  }

  isRegistered(l: LiveLaunch, buyerId: string) {
    return l.registered.has(buyerId);
  }

  /** A proof-of-work challenge for joining a launch that asks for one. */
  async challenge(p: Principal, launchId: string): Promise<{ challenge: string; difficulty: number; expiresAt: number }> {
    const l = await this.get(launchId);
    const expiresAt = this.ctx.clock.now() + 5 * 60_000;
    return { challenge: this.signer.sign('challenge', { l: launchId, b: p.userId, e: expiresAt, n: newNonce() }), difficulty: l.row.pow_difficulty, expiresAt };
  }

  /** Joins the waiting room: one place per buyer, however many sessions or devices. */
  async join(p: Principal, launchId: string, pow: { challenge?: string | undefined; solution?: string | undefined }, meta?: RequestMeta): Promise<{ queueToken: string; status: QueueStatus }> {
    const l = await this.get(launchId);
    const now = this.ctx.clock.now();
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') throw conflict('LAUNCH_ENDED', 'This launch is over.');
    if (l.row.registration_required && !l.registered.has(p.userId)) throw forbidden('Only buyers who registered before the start may join this launch.', 'NOT_REGISTERED');
    const existing = l.room.get(p.userId);
    if (!existing && l.row.pow_difficulty > 0) {
      if (!pow.challenge || !pow.solution) throw new AppError(400, 'POW_REQUIRED', 'This launch asks for a proof of work: get a challenge and send its solution.');
      this.signer.verify('challenge', pow.challenge, launchId, p.userId, now);
      if (powBits(pow.challenge, pow.solution) < l.row.pow_difficulty) throw new AppError(400, 'POW_INSUFFICIENT', 'The proof of work does not meet the difficulty.');
    }
    if (now >= l.row.starts_at) await this.ensureDrawn(l);
    const { entry, isNew } = l.room.join(p.userId, now);
    if (isNew) await this.queueWriter.add({ kind: 'join', launchId, entry: { ...entry } });
    if (isNew) this.ctx.analytics.record({ type: 'queue_joined', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, meta });
    const queueToken = this.signer.sign('queue', { l: launchId, b: p.userId, e: l.row.ends_at + 3600_000 });
    return { queueToken, status: await this.statusOf(l, entry) };
  }

  /** Where a buyer stands in line; the admission pass once admitted. */
  async status(p: Principal, launchId: string, queueToken: string): Promise<QueueStatus> {
    const l = await this.get(launchId);
    this.signer.verify('queue', queueToken, launchId, p.userId, this.ctx.clock.now());
    const entry = l.room.get(p.userId);
    if (!entry) throw notFound('Queue place');
    return this.statusOf(l, entry);
  }

  private async statusOf(l: LiveLaunch, e: QueueEntry): Promise<QueueStatus> {
    const now = this.ctx.clock.now();
    const available = await this.available(l.row.id);
    const phase = phaseOf(l.row, now, available);
    const base = { ...l.room.position(e), pass: null, passExpiresAt: null, available, serverTime: now };
    if (phase === 'ended' || phase === 'cancelled') return { ...base, state: 'ended' };
    if (e.admittedAt !== null && e.admittedAt + l.row.pass_ttl_ms <= now && !e.finished && phase !== 'sold_out') {
      // The pass lapsed unused: back to the end of the line (one place, as before).
      l.room.requeue(e);
      void this.queueWriter.add({ kind: 'requeue', launchId: l.row.id, buyerId: e.buyerId, seq: e.seq! }).catch((err) => this.ctx.log.error({ err }, 'requeue write failed'));
      return { ...base, ...l.room.position(e), state: 'waiting' };
    }
    if (e.admittedAt !== null && e.admittedAt + l.row.pass_ttl_ms > now && available > 0) {
      const exp = e.admittedAt + l.row.pass_ttl_ms;
      return { ...base, position: 0, ahead: 0, etaSeconds: 0, state: 'admitted', pass: this.signer.sign('pass', { l: l.row.id, b: e.buyerId, e: exp }), passExpiresAt: exp };
    }
    if (phase === 'sold_out') return { ...base, state: 'sold_out' };
    if (l.row.paused) return { ...base, state: 'paused' };
    if (e.seq === null) return { ...base, state: 'prequeue' };
    return { ...base, state: 'waiting' };
  }

  /** The draw, once, at the start; concurrent callers (joins at the start, the ticker) share it. */
  private ensureDrawn(l: LiveLaunch): Promise<void> {
    if (l.room.drawn) return Promise.resolve();
    l.drawing ??= this.draw(l).finally(() => {
      l.drawing = null;
    });
    return l.drawing;
  }

  /**
   * A fresh random seed and the line it makes, recorded in one transaction before anyone is
   * admitted (a crash leaves either both or neither), then applied in memory.
   */
  private async draw(l: LiveLaunch): Promise<void> {
    await this.queueWriter.drain(); // every pre-queue place is in the ledger before it gets its number
    const seed = randomBytes(32).toString('hex');
    const now = this.ctx.clock.now();
    const order = l.room.drawPreview(seed);
    await this.ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('launches')
        .set({ shuffle_seed: seed, shuffled_at: now, prequeue_count: order.length, updated_at: now })
        .where('id', '=', l.row.id)
        .where('shuffle_seed', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Error('launch draw already recorded by another process');
      for (const [i, buyerId] of order.entries()) await trx.updateTable('queue_entries').set({ seq: i + 1 }).where('launch_id', '=', l.row.id).where('buyer_id', '=', buyerId).execute();
    });
    l.room.draw(seed);
    l.row = { ...l.row, shuffle_seed: seed, shuffled_at: now, prequeue_count: order.length };
    l.events.emit('change');
  }

  /** One admission round for every loaded launch: draw at the start, then admit by rate and cap. */
  async tick(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const l of this.loaded.values()) {
      const available = await this.available(l.row.id);
      const phase = phaseOf(l.row, now, available);
      if (phase !== 'live' && phase !== 'sold_out') continue;
      await this.ensureDrawn(l);
      const wasSoldOut = l.soldOut;
      l.soldOut = available === 0;
      if (wasSoldOut !== l.soldOut) l.events.emit('change');
      const admitted = l.room.admit(now, !l.row.paused && available > 0);
      for (const e of admitted) this.ctx.analytics.record({ type: 'admitted', at: now, storeId: l.row.store_id, launchId: l.row.id, buyerId: e.buyerId, waitMs: now - Math.max(e.joinedAt, l.row.starts_at) });
      for (const e of admitted) void this.queueWriter.add({ kind: 'admit', launchId: l.row.id, buyerId: e.buyerId, at: now }).catch((err) => this.ctx.log.error({ err }, 'admission write failed'));
      if (admitted.length) l.events.emit('change');
    }
  }

  /**
   * The sold-out answer given before the request body is even parsed: once a launch has
   * nothing left, that is what nearly every request gets, so it should cost next to
   * nothing. Only for a valid pass and a key that has no earlier answer (a retry of a
   * successful reservation must still get its hold back); null means "take the full path".
   */
  async quickSoldOut(launchId: string, buyerId: string, pass: string, key: string): Promise<ReserveRefusal | null> {
    const l = this.loaded.get(launchId);
    if (!l || !l.soldOut || l.row.paused) return null;
    const now = this.ctx.clock.now();
    if (phaseOf(l.row, now, null) !== 'live') return null;
    if ('status' in this.signer.check('pass', pass, launchId, buyerId, now)) return null;
    if (await this.authority.hasAnswer(launchId, buyerId, key)) return null;
    l.metrics.attempts++;
    l.metrics.rejections.SOLD_OUT = (l.metrics.rejections.SOLD_OUT ?? 0) + 1;
    this.ctx.analytics.record({ type: 'hold_refused', at: now, storeId: l.row.store_id, launchId, buyerId, reason: 'SOLD_OUT' });
    return { statusCode: 409, error: { code: 'SOLD_OUT', message: SOLD_OUT_MESSAGE } };
  }

  /**
   * Reserve: the hot path. Checks the pass, the window, registration, then lets the stock
   * authority decide atomically; a taken unit is acknowledged only after its hold is
   * committed. The same idempotency key always gets the same answer.
   */
  async reserve(p: Principal, launchId: string, pass: string, skuId: string, quantity: number, idempotencyKey: string, meta?: RequestMeta): Promise<ReserveOutcome> {
    const l = this.loaded.get(launchId) ?? (await this.get(launchId));
    const now = this.ctx.clock.now();
    l.metrics.attempts++;
    // Refusals are answers, not exceptions: at sold-out rates a stack trace per request costs more than the check.
    const refuse = (statusCode: number, code: string, message: string): ReserveRefusal => {
      l.metrics.rejections[code] = (l.metrics.rejections[code] ?? 0) + 1;
      this.ctx.analytics.record({ type: 'hold_refused', at: now, storeId: l.row.store_id, launchId, skuId, buyerId: p.userId, reason: code, meta });
      return { statusCode, error: { code, message } };
    };
    const checked = this.signer.check('pass', pass, launchId, p.userId, now);
    if ('status' in checked) return refuse(checked.status, checked.code, checked.message);
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') return refuse(409, 'LAUNCH_ENDED', 'This launch is over.');
    if (now < l.row.starts_at) return refuse(409, 'LAUNCH_NOT_STARTED', 'This launch has not started.');
    if (l.row.paused) return refuse(409, 'LAUNCH_PAUSED', 'The seller has paused this launch; keep your place.');
    if (l.row.registration_required && !l.registered.has(p.userId)) return refuse(403, 'NOT_REGISTERED', 'Only registered buyers may buy in this launch.');
    const item = l.items.get(skuId);
    if (!item) return refuse(404, 'SKU_NOT_IN_LAUNCH', 'That SKU is not part of this launch.');
    const holdId = newId();
    const decision = await this.authority.take({ launchId, skuId, buyerId: p.userId, quantity, perBuyerLimit: l.row.per_buyer_limit, idempotencyKey, holdId });
    if (!decision.ok) {
      const messages: Record<string, string> = {
        SOLD_OUT: SOLD_OUT_MESSAGE,
        NOT_ENOUGH_UNITS: 'Not that many units are left.',
        LIMIT_REACHED: `You have reached this launch's limit of ${l.row.per_buyer_limit}.`,
        UNKNOWN_SKU: 'That SKU is not part of this launch.',
      };
      return refuse(decision.reason === 'UNKNOWN_SKU' ? 404 : 409, decision.reason, messages[decision.reason]!);
    }
    if (decision.replayed) {
      await l.pendingWrites.get(decision.holdId);
      const hold = l.holds.get(decision.holdId) ?? (await this.ctx.db.selectFrom('holds').selectAll().where('id', '=', decision.holdId).executeTakeFirst());
      if (!hold) return refuse(409, 'HOLD_GONE', 'The reservation made with this key no longer exists.');
      return { statusCode: 200, hold };
    }
    const hold: Hold = {
      id: holdId,
      launch_id: launchId,
      sku_id: skuId,
      buyer_id: p.userId,
      quantity,
      price_minor: item!.price_minor,
      currency: item!.currency,
      status: 'held',
      idempotency_key: idempotencyKey,
      expires_at: now + l.row.payment_window_ms,
      order_id: null,
      created_at: now,
      updated_at: now,
    };
    l.holds.set(holdId, hold);
    const write = this.holdWriter.add(hold);
    l.pendingWrites.set(holdId, write);
    try {
      await write;
    } catch (err) {
      // Not durable, so not acknowledged: give the unit back and let a retry with the key try again.
      l.holds.delete(holdId);
      await this.authority.release(launchId, holdId);
      await this.authority.forget(launchId, p.userId, idempotencyKey);
      this.ctx.log.error({ err }, 'hold write failed');
      return refuse(503, 'LEDGER_UNAVAILABLE', 'The reservation could not be saved; try again.');
    } finally {
      l.pendingWrites.delete(holdId);
    }
    l.metrics.holds++;
    this.ctx.analytics.record({ type: 'hold_created', at: now, storeId: l.row.store_id, launchId, skuId, holdId, buyerId: p.userId, units: quantity, amountMinor: item!.price_minor * quantity, currency: item!.currency, launchStartsAt: l.row.starts_at, meta });
    const units = (l.buyerUnits.get(p.userId) ?? 0) + quantity;
    l.buyerUnits.set(p.userId, units);
    const entry = l.room.get(p.userId);
    if (entry && units >= l.row.per_buyer_limit) entry.finished = true;
    if (!l.soldOut && (await this.available(launchId)) === 0) {
      l.soldOut = true;
      l.events.emit('change');
    }
    return { statusCode: 201, hold };
  }

  /**
   * Expires holds whose payment deadline passed: the ledger row moves held → expired by a
   * conditional update (with its order, if one was opened, cancelled in the same
   * transaction), then the unit goes back to the authority — exactly once.
   */
  async expireDueHolds(batch = 500): Promise<number> {
    const now = this.ctx.clock.now();
    const due = await this.ctx.db.selectFrom('holds').selectAll().where('status', '=', 'held').where('expires_at', '<=', now).limit(batch).execute();
    let n = 0;
    for (const h of due) {
      try {
        await this.ctx.db.transaction().execute(async (trx) => {
          if (h.order_id) {
            const order = await trx.selectFrom('orders').selectAll().where('id', '=', h.order_id).executeTakeFirst();
            if (order && order.status === 'pending_payment') {
              await applyTransition(this.ctx, trx, order, 'expire', 'system', { note: 'reservation expired', patch: { cancel_reason: 'payment deadline passed' } });
            }
          }
          await trx.updateTable('holds').set({ status: 'expired', updated_at: now }).where('id', '=', h.id).where('status', '=', 'held').execute();
        });
        if (!h.order_id) this.ctx.analytics.record({ type: 'hold_expired', at: now, launchId: h.launch_id, skuId: h.sku_id, holdId: h.id, buyerId: h.buyer_id, units: h.quantity, amountMinor: h.price_minor * h.quantity, currency: h.currency });
      } catch (err) {
        // The order was paid or cancelled meanwhile (a racing webhook or sweep): its hold follows
        // the order through the order hook; the rest of the batch must still be expired.
        if ((err as { code?: string }).code !== 'ORDER_CHANGED') throw err;
      }
      if ((await this.settle(h.launch_id, h.id)).changed) n++;
    }
    return n;
  }

  /** Marks a launch order's hold paid/expired/cancelled inside the order's transaction (order hook). */
  async onOrderTransition(trx: Parameters<typeof applyTransition>[1], orderId: string, to: 'paid' | 'expired' | 'cancelled'): Promise<void> {
    const now = this.ctx.clock.now();
    const holds = await trx.selectFrom('holds').select(['id', 'launch_id']).where('order_id', '=', orderId).where('status', '=', 'held').execute();
    await trx.updateTable('holds').set({ status: to, updated_at: now }).where('order_id', '=', orderId).where('status', '=', 'held').execute();
    for (const h of holds) this.reconcileQueue.add(`${h.launch_id}:${h.id}`);
    for (const h of holds) this.ctx.analytics.record({ type: to === 'paid' ? 'payment_succeeded' : to === 'expired' ? 'hold_expired' : 'hold_cancelled', at: now, launchId: h.launch_id, holdId: h.id, orderId });
    setTimeout(() => void this.reconcile().catch((err) => this.ctx.log.error({ err }, 'reconcile failed')), 20).unref();
  }

  /** Applies committed ledger changes (paid, expired, cancelled) to the authority and the in-memory views. */
  async reconcile(): Promise<void> {
    for (const key of [...this.reconcileQueue]) {
      const [launchId, holdId] = key.split(':') as [string, string];
      // Done only once settle itself saw the final status: a hold still 'held' belongs to an order
      // transaction that has not committed yet (judging by a second read could skip its change).
      if ((await this.settle(launchId, holdId)).final) this.reconcileQueue.delete(key);
    }
  }

  /**
   * Brings the authority in line with the hold's committed status. `changed`: it changed
   * anything; `final`: the status it acted on is final (paid, expired, cancelled, or no row).
   */
  private async settle(launchId: string, holdId: string): Promise<{ changed: boolean; final: boolean }> {
    const row = await this.ctx.db.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    if (!row) return { changed: false, final: true };
    const final = row.status !== 'held';
    // A load in progress may have read this hold before the change: let it finish, then settle.
    const l = this.loaded.get(launchId) ?? (await this.live.get(launchId)?.catch(() => undefined));
    if (!l) return { changed: false, final }; // not loaded here: the next load reads the ledger's truth
    if (row.status === 'paid') {
      l.holds.set(holdId, row);
      const sold = await this.authority.sell(launchId, holdId);
      if (sold) l.metrics.payments++;
      return { changed: sold, final };
    }
    if (row.status === 'expired' || row.status === 'cancelled') {
      l.holds.delete(holdId);
      const released = await this.authority.release(launchId, holdId);
      if (released) {
        l.buyerUnits.set(row.buyer_id, (l.buyerUnits.get(row.buyer_id) ?? 0) - row.quantity);
        const entry = l.room.get(row.buyer_id);
        if (entry) entry.finished = false;
        if (l.soldOut) {
          l.soldOut = false;
          l.events.emit('change');
        }
      }
      return { changed: released, final };
    }
    if (row.order_id) l.holds.set(holdId, row);
    return { changed: false, final };
  }

  /** Loads every launch that is running or about to (start-up and periodic). */
  async loadActive(): Promise<void> {
    const now = this.ctx.clock.now();
    const rows = await this.ctx.db.selectFrom('launches').select('id').where('state', '=', 'scheduled').where('ends_at', '>', now).where('starts_at', '<=', now + 3600_000).execute();
    for (const r of rows) await this.get(r.id);
  }

  /** The live monitor's snapshot for one launch. */
  async monitor(launchId: string) {
    const l = await this.get(launchId);
    const now = this.ctx.clock.now();
    const counts = await this.authority.counts(launchId);
    const w = l.metrics.attemptsWindow;
    w.push(l.metrics.attempts);
    if (w.length > 2) w.shift();
    const attemptsPerSecond = w.length === 2 ? w[1]! - w[0]! : 0;
    return {
      at: now,
      phase: phaseOf(l.row, now, counts.reduce((s, c) => s + c.available, 0)),
      paused: l.row.paused === 1,
      registered: l.registered.size,
      queued: l.room.waiting,
      admitted: l.room.admittedTotal,
      active: l.room.activeCount(now),
      held: counts.reduce((s, c) => s + c.held, 0),
      sold: counts.reduce((s, c) => s + c.sold, 0),
      available: counts.reduce((s, c) => s + c.available, 0),
      allotment: counts.reduce((s, c) => s + c.allotment, 0),
      attempts: l.metrics.attempts,
      attemptsPerSecond,
      holdsCreated: l.metrics.holds,
      payments: l.metrics.payments,
      rejections: { ...l.metrics.rejections },
      skus: counts,
    };
  }

  /** Subscribes to "something changed" for a launch (sold out, units back, admissions). */
  async onChange(launchId: string, fn: () => void): Promise<() => void> {
    const l = await this.get(launchId);
    l.events.on('change', fn);
    return () => l.events.off('change', fn);
  }
}

/**
 * The flash-sale engine: keeps each active launch's row and live state at hand, and the
 * database as the ledger of record. The reservation path touches no table on the way in:
 * the pass is checked by signature, the decision is taken by the stock authority, and the
 * hold is written by group commit before it is acknowledged. Expired holds go back exactly
 * once: the ledger row changes status by a conditional update, and the authority's release
 * is idempotent per hold.
 *
 * One code path for both ways to run. The live state (waiting room, registrations, change
 * signals, monitor counters, settle queue) sits behind the small async interfaces of
 * live-state.ts: in this process's memory when embedded, in Redis when scaled out over many
 * processes (`LiveState.shared`). Whatever one process does there, every other one sees.
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
import type { LedgerHold, LedgerReader, LedgerStatus, StockAuthority, SkuCounts, TakeResult } from './stock-authority.js';
import { TokenSigner, newNonce, powBits } from './tokens.js';
import type { QueueEntry } from './waiting-room.js';
import { memoryLiveState, roomSettingsOf, type Arrival, type LaunchLedger, type LaunchMetrics, type LaunchRegistrations, type LaunchRoom, type LaunchSignal, type LiveState } from './live-state.js';
import { applyTransition } from '../orders/service.js';
import type { RequestMeta } from '../analytics/events.js';

/** Per-launch monitor counters (defined with the rest of the live state). */
export type { LaunchMetrics } from './live-state.js';

/** Where a launch stands at a moment. */
export type LaunchPhase = 'scheduled' | 'registration' | 'live' | 'sold_out' | 'ended' | 'cancelled';

interface LiveLaunch {
  row: Launch;
  items: Map<string, LaunchItem>;
  room: LaunchRoom;
  registrations: LaunchRegistrations;
  /** Holds being written by this process, by id (a replay of the key waits for the commit). */
  pendingWrites: Map<string, Promise<void>>;
  /** This process's counters (shared totals come from the live state). */
  metrics: LaunchMetrics;
  events: EventEmitter;
  /** Nothing left (this process's view: set at once here, by signal or the next tick elsewhere). */
  soldOut: boolean;
  /** The draw in progress, if any. */
  drawing: Promise<void> | null;
}

/** A buyer's standing in a launch's waiting room, as the queue endpoints answer it. */
export interface QueueStatus {
  state: 'prequeue' | 'waiting' | 'admitted' | 'sold_out' | 'ended' | 'paused';
  position: number | null;
  ahead: number | null;
  etaSeconds: number | null;
  pass: string | null;
  passExpiresAt: number | null;
  available: number;
  serverTime: number;
  /** When a client without the stream should ask again (ms), or null: nothing will change. */
  pollAfterMs: number | null;
}

/**
 * The server paces polling clients: a waiting room of 100,000 buyers polling every two
 * seconds would be a load test of polling. At the start, then about when the turn is
 * expected (2-20 s), after the end never.
 */
export function pollAfterMs(s: Pick<QueueStatus, 'state' | 'etaSeconds'>, launch: { starts_at: number }, now: number): number | null {
  const clamp = (ms: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, ms)));
  switch (s.state) {
    case 'ended':
      return null;
    case 'prequeue':
      // Back right at the start (the client adds its own jitter); the draw takes a moment.
      return now < launch.starts_at ? clamp(launch.starts_at - now, 1000, 30_000) : 1000;
    case 'waiting':
      // About when the turn is expected (2-20 s): the sum over a long line stays near the
      // admission rate times log(line / rate), not one poll per buyer every second.
      return clamp((s.etaSeconds ?? 0) * 1000, 2000, 20_000);
    case 'admitted':
      return 5000;
    case 'paused':
      return 5000;
    case 'sold_out':
      // Units come back only as reservations expire or are cancelled.
      return 15_000;
  }
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

/** Settings of the engine beyond the context. */
export interface LaunchEngineOptions {
  /** Where live state lives (default: this process's memory, the embedded mode). */
  live?: LiveState;
  /**
   * How long a hold taken in a shared authority may stay unconfirmed before `reconcileStock`
   * looks it up in the ledger (well above the group-commit latency). Default 10 s.
   */
  reconcileGraceMs?: number;
  /** How long a replayed key waits for a hold another process is still committing (shared state). Default 3 s. */
  replayWaitMs?: number;
}

/** A launch counts as quiet (nothing can have been taken) until this long before its start (clock skew between hosts). */
const QUIET_MARGIN_MS = 2000;
/** Settle work whose order transaction never committed is dropped after this long. */
const SETTLE_GIVE_UP_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The flash-sale engine of one app process (see the file comment). */
export class LaunchEngine {
  private live = new Map<string, Promise<LiveLaunch>>();
  private loaded = new Map<string, LiveLaunch>();
  readonly holdWriter: GroupCommit<Hold>;
  private readonly queueWriter: GroupCommit<QueueWrite>;
  private timer: NodeJS.Timeout | null = null;
  /** The live state in use (memory or Redis). */
  readonly state: LiveState;
  private readonly reconcileGraceMs: number;
  private readonly replayWaitMs: number;
  /** Launches whose settle queue this process just added to (worked on shortly after, without a sweep). */
  private settleSoon = new Set<string>();
  private settleTimer: NodeJS.Timeout | null = null;
  /** Settles started after an order transition, awaited on stop. */
  private settling = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    readonly authority: StockAuthority,
    readonly signer: TokenSigner,
    opts: LaunchEngineOptions = {},
  ) {
    this.state = opts.live ?? memoryLiveState();
    this.reconcileGraceMs = opts.reconcileGraceMs ?? 10_000;
    this.replayWaitMs = opts.replayWaitMs ?? (this.state.shared ? 3000 : 0);
    // Each batch is one transaction: one commit (one fsync) for everything that arrived meanwhile.
    // (A writer thread for SQLite was measured too: no gain on 2 cores, so the batch stays on the main connection.)
    const writeBatch = async (build: (trx: Kysely<Database>) => Array<{ execute(): Promise<unknown> }>) => {
      // One statement is atomic (and one commit) on its own: no BEGIN/COMMIT round trips around it.
      const single = build(ctx.db);
      if (single.length === 1) return void (await single[0]!.execute());
      await ctx.db.transaction().execute(async (trx) => {
        for (const q of build(trx)) await q.execute();
      });
    };
    const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
    this.holdWriter = new GroupCommit<Hold>(async (rows) => {
      // Multi-row inserts, chunked under SQLite's bound-parameter limit, in one transaction (one commit).
      await writeBatch((db) => chunks(rows, 500).map((c) => db.insertInto('holds').values(c)));
      this.confirm(rows);
    });
    this.queueWriter = new GroupCommit<QueueWrite>((ops) =>
      writeBatch((db) => {
        const joins = ops.filter((o): o is Extract<QueueWrite, { kind: 'join' }> => o.kind === 'join');
        const regs = ops.filter((o): o is Extract<QueueWrite, { kind: 'register' }> => o.kind === 'register');
        const admits = ops.filter((o): o is Extract<QueueWrite, { kind: 'admit' }> => o.kind === 'admit');
        const requeues = ops.filter((o): o is Extract<QueueWrite, { kind: 'requeue' }> => o.kind === 'requeue');
        return [
          // A draw in another process may have written the place first (with its number): that row wins.
          ...chunks(joins, 500).map((c) =>
            db
              .insertInto('queue_entries')
              .values(c.map((j) => ({ launch_id: j.launchId, buyer_id: j.entry.buyerId, joined_at: j.entry.joinedAt, prequeue: j.entry.prequeue ? 1 : 0, seq: j.entry.seq, admitted_at: null })))
              .onConflict((oc) => oc.columns(['launch_id', 'buyer_id']).doNothing()),
          ),
          ...chunks(regs, 500).map((c) =>
            db
              .insertInto('launch_registrations')
              .values(c.map((r) => ({ launch_id: r.launchId, buyer_id: r.buyerId, registered_at: r.at })))
              .onConflict((oc) => oc.columns(['launch_id', 'buyer_id']).doNothing()),
          ),
          ...admits.map((o) => db.updateTable('queue_entries').set({ admitted_at: o.at }).where('launch_id', '=', o.launchId).where('buyer_id', '=', o.buyerId)),
          ...requeues.map((o) => db.updateTable('queue_entries').set({ admitted_at: null, seq: o.seq }).where('launch_id', '=', o.launchId).where('buyer_id', '=', o.buyerId)),
        ];
      }),
    );
    this.state.subscribe((launchId, signal) => {
      const l = this.loaded.get(launchId);
      if (l) this.apply(l, signal);
    });
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
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    await this.holdWriter.drain();
    await this.queueWriter.drain();
    await Promise.all([...this.settling]);
  }

  /** Loads a launch from the ledger (once per process; concurrent callers share the load). */
  get(launchId: string): Promise<LiveLaunch> {
    let p = this.live.get(launchId);
    if (!p) {
      p = this.load(launchId);
      this.live.set(launchId, p);
      p.catch(() => this.live.delete(launchId));
    }
    return p;
  }

  /** Re-reads a launch row after an edit, pause, resume or cancel, here and in every other process. */
  async refresh(launchId: string): Promise<void> {
    const l = this.loaded.get(launchId);
    if (l) await this.reloadRow(l);
    if (l) l.events.emit('change');
    this.state.publish(launchId, 'refresh');
  }

  private async reloadRow(l: LiveLaunch): Promise<void> {
    const row = await this.ctx.db.selectFrom('launches').selectAll().where('id', '=', l.row.id).executeTakeFirst();
    if (row) this.setRow(l, row);
  }

  private setRow(l: LiveLaunch, row: Launch): void {
    l.row = row;
    l.room.settings = roomSettingsOf(row);
  }

  /** Applies a signal to this process's view of a launch (from here or from another process). */
  private apply(l: LiveLaunch, signal: LaunchSignal): void {
    if (signal === 'soldout') l.soldOut = true;
    if (signal === 'restock') l.soldOut = false;
    if (signal === 'refresh') {
      void this.reloadRow(l)
        .then(() => l.events.emit('change'))
        .catch((err) => this.ctx.log.error({ err }, 'launch refresh failed'));
      return;
    }
    l.events.emit('change');
  }

  /** Applies a signal here and tells the other processes. */
  private signal(l: LiveLaunch, signal: LaunchSignal): void {
    this.apply(l, signal);
    this.state.publish(l.row.id, signal);
  }

  /** The ledger's view of a launch's stock, read afresh (the authority rebuilds from it). */
  private stockLedger(launchId: string): LedgerReader {
    return async () => {
      const db = this.ctx.db;
      const [items, holds, row] = await Promise.all([
        db.selectFrom('launch_items').select(['sku_id', 'allotment']).where('launch_id', '=', launchId).execute(),
        // Every hold: live ones take units; ended ones still answer their idempotency key.
        db.selectFrom('holds').select(['id', 'sku_id', 'buyer_id', 'quantity', 'status', 'idempotency_key']).where('launch_id', '=', launchId).execute(),
        db.selectFrom('launches').select('starts_at').where('id', '=', launchId).executeTakeFirst(),
      ]);
      return {
        items: items.map((i) => ({ skuId: i.sku_id, allotment: i.allotment })),
        holds: holds.map((h) => ({ id: h.id, skuId: h.sku_id, buyerId: h.buyer_id, quantity: h.quantity, status: h.status, idempotencyKey: h.idempotency_key })),
        quiet: !!row && this.ctx.clock.now() < row.starts_at - QUIET_MARGIN_MS,
      };
    };
  }

  /** The ledger's view of a launch's room and registrations (they are rebuilt from it). */
  private roomLedger(launchId: string): LaunchLedger {
    const db = this.ctx.db;
    return {
      room: async () => {
        const [row, entries, units] = await Promise.all([
          db.selectFrom('launches').select(['per_buyer_limit', 'shuffle_seed']).where('id', '=', launchId).executeTakeFirstOrThrow(),
          db.selectFrom('queue_entries').selectAll().where('launch_id', '=', launchId).execute(),
          db
            .selectFrom('holds')
            .select((eb) => ['buyer_id', eb.fn.sum<number>('quantity').as('n')])
            .where('launch_id', '=', launchId)
            .where('status', 'in', ['held', 'paid'])
            .groupBy('buyer_id')
            .execute(),
        ]);
        const byBuyer = new Map(units.map((u) => [u.buyer_id, Number(u.n)]));
        return {
          entries: entries.map((e) => ({ buyerId: e.buyer_id, joinedAt: e.joined_at, prequeue: e.prequeue === 1, seq: e.seq, admittedAt: e.admitted_at, finished: (byBuyer.get(e.buyer_id) ?? 0) >= row.per_buyer_limit })),
          drawn: row.shuffle_seed !== null,
        };
      },
      registrations: async () => (await db.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', launchId).execute()).map((r) => r.buyer_id),
      isRegistered: async (buyerId) => !!(await db.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', launchId).where('buyer_id', '=', buyerId).executeTakeFirst()),
    };
  }

  private async load(launchId: string): Promise<LiveLaunch> {
    const db = this.ctx.db;
    const row = await db.selectFrom('launches').selectAll().where('id', '=', launchId).executeTakeFirst();
    if (!row) throw notFound('Launch');
    const items = await db.selectFrom('launch_items').selectAll().where('launch_id', '=', launchId).execute();
    const readStock = this.stockLedger(launchId);
    // A shared authority reads the ledger itself, and only when it has lost the launch.
    const snapshot = this.state.shared ? { items: [], holds: [] } : await readStock();
    await this.authority.load(launchId, snapshot.items, snapshot.holds, readStock);
    const ledger = this.roomLedger(launchId);
    const now = this.ctx.clock.now();
    const [room, registrations] = await Promise.all([this.state.room(launchId, row, ledger, now), this.state.registrations(launchId, ledger)]);
    const l: LiveLaunch = {
      row,
      items: new Map(items.map((i) => [i.sku_id, i])),
      room,
      registrations,
      pendingWrites: new Map(),
      metrics: { attempts: 0, holds: 0, payments: 0, rejections: {}, attemptsWindow: [] },
      events: new EventEmitter().setMaxListeners(0),
      soldOut: false,
      drawing: null,
    };
    l.soldOut = (await this.available(launchId)) === 0;
    this.state.trackMetrics(launchId, l.metrics);
    this.loaded.set(launchId, l);
    return l;
  }

  /** Units of a launch still on sale (all SKUs). */
  async available(launchId: string): Promise<number> {
    return (await this.authority.counts(launchId)).reduce((s, c) => s + c.available, 0);
  }

  /** The books of each SKU of a launch. */
  async counts(launchId: string): Promise<SkuCounts[]> {
    await this.get(launchId);
    return this.authority.counts(launchId);
  }

  /** The phase of a launch now. */
  async phase(launchId: string): Promise<LaunchPhase> {
    const l = await this.get(launchId);
    return phaseOf(l.row, this.ctx.clock.now(), await this.available(launchId));
  }

  /** How many buyers registered for a launch. */
  async registeredCount(launchId: string): Promise<number> {
    return (await this.get(launchId)).registrations.count();
  }

  /** Whether a buyer registered for a launch. */
  async registeredBuyer(launchId: string, buyerId: string): Promise<boolean> {
    return (await this.get(launchId)).registrations.has(buyerId);
  }

  /** Registration before the start (required when the launch says so; counted for the funnel either way). */
  async register(p: Principal, launchId: string, meta?: RequestMeta): Promise<{ registered: true; registeredCount: number }> {
    const l = await this.get(launchId);
    const now = this.ctx.clock.now();
    const phase = phaseOf(l.row, now, null);
    if (phase === 'cancelled' || phase === 'ended') throw conflict('LAUNCH_ENDED', 'This launch is over.');
    if (now >= l.row.starts_at) throw conflict('REGISTRATION_CLOSED', 'Registration closed when the launch started.');
    if (l.row.registration_opens_at !== null && now < l.row.registration_opens_at) throw conflict('REGISTRATION_NOT_OPEN', 'Registration has not opened yet.');
    if (await l.registrations.add(p.userId)) {
      try {
        await this.queueWriter.add({ kind: 'register', launchId, buyerId: p.userId, at: now });
      } catch (err) {
        await l.registrations.remove(p.userId);
        throw err;
      }
      this.ctx.analytics.record({ type: 'launch_registered', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, meta });
    }
    return { registered: true, registeredCount: await l.registrations.count() };
  }

  /** Whether a buyer registered for a loaded launch. */
  isRegistered(l: LiveLaunch, buyerId: string): Promise<boolean> {
    return l.registrations.has(buyerId);
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
    if (l.row.registration_required && !(await l.registrations.has(p.userId))) throw forbidden('Only buyers who registered before the start may join this launch.', 'NOT_REGISTERED');
    const existing = await l.room.get(p.userId);
    if (!existing && l.row.pow_difficulty > 0) {
      if (!pow.challenge || !pow.solution) throw new AppError(400, 'POW_REQUIRED', 'This launch asks for a proof of work: get a challenge and send its solution.');
      this.signer.verify('challenge', pow.challenge, launchId, p.userId, now);
      if (powBits(pow.challenge, pow.solution) < l.row.pow_difficulty) throw new AppError(400, 'POW_INSUFFICIENT', 'The proof of work does not meet the difficulty.');
    }
    // At the start (or while this process draws), arrivals wait for the draw and queue behind it.
    if (now >= l.row.starts_at || l.drawing) await this.ensureDrawn(l);
    const { entry, isNew } = await l.room.join(p.userId, now);
    if (isNew) await this.queueWriter.add({ kind: 'join', launchId, entry: { ...entry } });
    if (isNew) this.ctx.analytics.record({ type: 'queue_joined', at: now, storeId: l.row.store_id, launchId, buyerId: p.userId, meta });
    const queueToken = this.signer.sign('queue', { l: launchId, b: p.userId, e: l.row.ends_at + 3600_000 });
    return { queueToken, status: await this.statusOf(l, entry) };
  }

  /** Where a buyer stands in line; the admission pass once admitted. */
  async status(p: Principal, launchId: string, queueToken: string): Promise<QueueStatus> {
    const l = await this.get(launchId);
    this.signer.verify('queue', queueToken, launchId, p.userId, this.ctx.clock.now());
    const entry = (await l.room.get(p.userId)) ?? (await this.healEntry(l, p.userId));
    if (!entry) throw notFound('Queue place');
    return this.statusOf(l, entry);
  }

  /**
   * A place the room does not know but the ledger does (shared state lost it, and the join
   * committed after the room was restored): put it back. Memory rooms never lose places.
   */
  private async healEntry(l: LiveLaunch, buyerId: string): Promise<QueueEntry | undefined> {
    const row = await this.ctx.db.selectFrom('queue_entries').selectAll().where('launch_id', '=', l.row.id).where('buyer_id', '=', buyerId).executeTakeFirst();
    if (!row) return undefined;
    const units = await this.authority.unitsOf(l.row.id, buyerId);
    await l.room.restoreMissing([{ buyerId, joinedAt: row.joined_at, prequeue: row.prequeue === 1, seq: row.seq, admittedAt: row.admitted_at, finished: units >= l.row.per_buyer_limit }]);
    return l.room.get(buyerId);
  }

  private async statusOf(l: LiveLaunch, e: QueueEntry): Promise<QueueStatus> {
    const now = this.ctx.clock.now();
    const s = await this.standing(l, e, now);
    return { ...s, pollAfterMs: pollAfterMs(s, l.row, now) };
  }

  private async standing(l: LiveLaunch, e: QueueEntry, now: number): Promise<Omit<QueueStatus, 'pollAfterMs'>> {
    const [available, position] = await Promise.all([this.available(l.row.id), l.room.position(e)]);
    const phase = phaseOf(l.row, now, available);
    const base = { ...position, pass: null, passExpiresAt: null, available, serverTime: now };
    if (phase === 'ended' || phase === 'cancelled') return { ...base, state: 'ended' };
    if (e.admittedAt !== null && e.admittedAt + l.row.pass_ttl_ms <= now && !e.finished && phase !== 'sold_out') {
      // The pass lapsed unused: back to the end of the line (one place, as before).
      const back = (await l.room.requeue(e.buyerId)) ?? e;
      if (back.seq !== null) void this.queueWriter.add({ kind: 'requeue', launchId: l.row.id, buyerId: e.buyerId, seq: back.seq }).catch((err) => this.ctx.log.error({ err }, 'requeue write failed'));
      return { ...base, ...(await l.room.position(back)), state: 'waiting' };
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
   * admitted (a crash leaves either both or neither), then applied to the room. Another
   * process may have recorded the draw first: then its seed is the one applied.
   */
  private async draw(l: LiveLaunch): Promise<void> {
    await this.queueWriter.drain(); // every pre-queue place is in the ledger before it gets its number
    const launchId = l.row.id;
    const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
    const record = (seed: string, drawn: Arrival[]) =>
      this.ctx.db.transaction().execute(async (trx) => {
        const now = this.ctx.clock.now();
        const res = await trx
          .updateTable('launches')
          .set({ shuffle_seed: seed, shuffled_at: now, prequeue_count: drawn.length, updated_at: now })
          .where('id', '=', launchId)
          .where('shuffle_seed', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) {
          const cur = await trx.selectFrom('launches').select('shuffle_seed').where('id', '=', launchId).executeTakeFirst();
          if (!cur?.shuffle_seed) throw new Error(`launch ${launchId}: the draw could not be recorded`);
          return cur.shuffle_seed;
        }
        // Places whose join is still being committed elsewhere are written here, with their number.
        for (const [k, c] of chunks(drawn, 500).entries()) {
          await trx
            .insertInto('queue_entries')
            .values(c.map((a, i) => ({ launch_id: launchId, buyer_id: a.buyerId, joined_at: a.joinedAt, prequeue: 1, seq: k * 500 + i + 1, admitted_at: null })))
            .onConflict((oc) => oc.columns(['launch_id', 'buyer_id']).doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq') })))
            .execute();
        }
        return seed;
      });
    await l.room.draw(() => randomBytes(32).toString('hex'), record);
    await this.reloadRow(l);
    this.signal(l, 'refresh');
  }

  /** One admission round for every loaded launch: draw at the start, then admit by rate and cap. */
  async tick(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const l of this.loaded.values()) {
      try {
        await this.tickOne(l, now);
      } catch (err) {
        this.ctx.log.error({ err, launchId: l.row.id }, 'launch tick failed');
      }
    }
  }

  private async tickOne(l: LiveLaunch, now: number): Promise<void> {
    const phase0 = phaseOf(l.row, now, null);
    if (phase0 !== 'live') return;
    const available = await this.available(l.row.id);
    await this.ensureDrawn(l);
    const wasSoldOut = l.soldOut;
    l.soldOut = available === 0;
    if (wasSoldOut !== l.soldOut) l.events.emit('change'); // every process sees the books: no signal needed
    const admitted = await l.room.admit(now, !l.row.paused && available > 0);
    for (const e of admitted) this.ctx.analytics.record({ type: 'admitted', at: now, storeId: l.row.store_id, launchId: l.row.id, buyerId: e.buyerId, waitMs: now - Math.max(e.joinedAt, l.row.starts_at) });
    for (const e of admitted) void this.queueWriter.add({ kind: 'admit', launchId: l.row.id, buyerId: e.buyerId, at: now }).catch((err) => this.ctx.log.error({ err }, 'admission write failed'));
    if (admitted.length) this.signal(l, 'change');
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
    if (l.row.registration_required && !(await l.registrations.has(p.userId))) return refuse(403, 'NOT_REGISTERED', 'Only registered buyers may buy in this launch.');
    const item = l.items.get(skuId);
    if (!item) return refuse(404, 'SKU_NOT_IN_LAUNCH', 'That SKU is not part of this launch.');
    const holdId = newId();
    let decision: TakeResult;
    try {
      decision = await this.authority.take({ launchId, skuId, buyerId: p.userId, quantity, perBuyerLimit: l.row.per_buyer_limit, idempotencyKey, holdId });
    } catch (err) {
      if (err instanceof AppError) return refuse(err.statusCode, err.code, err.message);
      throw err;
    }
    if (!decision.ok) {
      const messages: Record<string, string> = {
        SOLD_OUT: SOLD_OUT_MESSAGE,
        NOT_ENOUGH_UNITS: 'Not that many units are left.',
        LIMIT_REACHED: `You have reached this launch's limit of ${l.row.per_buyer_limit}.`,
        UNKNOWN_SKU: 'That SKU is not part of this launch.',
      };
      return refuse(decision.reason === 'UNKNOWN_SKU' ? 404 : 409, decision.reason, messages[decision.reason]!);
    }
    if (decision.replayed) return this.replay(l, decision.holdId, refuse);
    const hold: Hold = {
      id: holdId,
      launch_id: launchId,
      sku_id: skuId,
      buyer_id: p.userId,
      quantity,
      price_minor: item.price_minor,
      currency: item.currency,
      status: 'held',
      idempotency_key: idempotencyKey,
      expires_at: now + l.row.payment_window_ms,
      order_id: null,
      created_at: now,
      updated_at: now,
    };
    const write = this.holdWriter.add(hold);
    l.pendingWrites.set(holdId, write);
    try {
      await write;
    } catch (err) {
      // Not durable, so not acknowledged: give the unit back and let a retry with the key try again.
      await this.authority.release(launchId, holdId);
      await this.authority.forget(launchId, p.userId, idempotencyKey);
      this.ctx.log.error({ err }, 'hold write failed');
      return refuse(503, 'LEDGER_UNAVAILABLE', 'The reservation could not be saved; try again.');
    } finally {
      l.pendingWrites.delete(holdId);
    }
    l.metrics.holds++;
    this.ctx.analytics.record({ type: 'hold_created', at: now, storeId: l.row.store_id, launchId, skuId, holdId, buyerId: p.userId, units: quantity, amountMinor: item.price_minor * quantity, currency: item.currency, launchStartsAt: l.row.starts_at, meta });
    const units = decision.buyerUnits ?? (await this.authority.unitsOf(launchId, p.userId));
    // At the limit the buyer is done and frees a place under the active cap (in order with later commands: no wait).
    if (units >= l.row.per_buyer_limit) void l.room.setFinished(p.userId, true).catch((err) => this.ctx.log.error({ err }, 'finish mark failed'));
    if (!l.soldOut && (decision.skuAvailable ?? 0) === 0 && (await this.available(launchId)) === 0) this.signal(l, 'soldout');
    return { statusCode: 201, hold };
  }

  /**
   * The answer to a replayed key: the hold it made, once committed. In shared state the hold
   * may be another process's still being written: wait a little for its row.
   */
  private async replay(l: LiveLaunch, holdId: string, refuse: (statusCode: number, code: string, message: string) => ReserveRefusal): Promise<ReserveOutcome> {
    await l.pendingWrites.get(holdId)?.catch(() => {});
    const read = () => this.ctx.db.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    let hold = await read();
    for (let waited = 0; !hold && waited < this.replayWaitMs; waited += 50) {
      await sleep(50);
      hold = await read();
    }
    if (hold) return { statusCode: 200, hold };
    if (this.state.shared) return refuse(503, 'HOLD_PENDING', 'The reservation made with this key is not saved yet; try again in a few seconds.');
    return refuse(409, 'HOLD_GONE', 'The reservation made with this key no longer exists.');
  }

  /** Tells the authority which holds are now in the ledger (off the answer's path). */
  private confirm(rows: Hold[]): void {
    if (!this.state.shared) return; // nothing to confirm where the authority lives and dies with this process
    const byLaunch = new Map<string, LedgerHold[]>();
    for (const h of rows) {
      let xs = byLaunch.get(h.launch_id);
      if (!xs) byLaunch.set(h.launch_id, (xs = []));
      xs.push({ id: h.id, skuId: h.sku_id, buyerId: h.buyer_id, quantity: h.quantity, status: h.status, idempotencyKey: h.idempotency_key });
    }
    for (const [launchId, holds] of byLaunch) void this.authority.confirm(launchId, holds).catch((err) => this.ctx.log.error({ err }, 'hold confirm failed'));
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
      // Queued before the change commits: should this process die in between, another settles it.
      await this.state.settleQueue.add(h.launch_id, [h.id], now);
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
      const s = await this.settle(h.launch_id, h.id);
      if (s.final) await this.state.settleQueue.done(h.launch_id, [h.id]);
      if (s.changed) n++;
    }
    return n;
  }

  /** Marks a launch order's hold paid/expired/cancelled inside the order's transaction (order hook). */
  async onOrderTransition(trx: Parameters<typeof applyTransition>[1], orderId: string, to: 'paid' | 'expired' | 'cancelled'): Promise<void> {
    const now = this.ctx.clock.now();
    const holds = await trx.selectFrom('holds').select(['id', 'launch_id']).where('order_id', '=', orderId).where('status', '=', 'held').execute();
    await trx.updateTable('holds').set({ status: to, updated_at: now }).where('order_id', '=', orderId).where('status', '=', 'held').execute();
    // Queued before the commit: whichever process is alive afterwards brings the authority in line.
    for (const h of holds) await this.state.settleQueue.add(h.launch_id, [h.id], now);
    for (const h of holds) this.settleSoon.add(h.launch_id);
    for (const h of holds) this.ctx.analytics.record({ type: to === 'paid' ? 'payment_succeeded' : to === 'expired' ? 'hold_expired' : 'hold_cancelled', at: now, launchId: h.launch_id, holdId: h.id, orderId });
    if (this.stopped) return; // shutting down: the settle queue keeps the work for a sweep (here or elsewhere)
    this.settleTimer ??= setTimeout(() => {
      this.settleTimer = null;
      // One run at a time here: runs side by side would settle the same holds twice over.
      const run = Promise.all([...this.settling]).then(() => {
        const ids = [...this.settleSoon];
        this.settleSoon.clear();
        return ids.length ? this.reconcile(ids) : undefined;
      })
        .catch((err) => this.ctx.log.error({ err }, 'reconcile failed'))
        .finally(() => this.settling.delete(run));
      this.settling.add(run);
    }, 20);
    this.settleTimer.unref();
  }

  /**
   * Applies committed ledger changes (paid, expired, cancelled) to the authority and the live
   * state: the settle queue of the given launches, or of every launch that may have work.
   */
  async reconcile(launchIds?: string[]): Promise<void> {
    const ids = launchIds ?? (await this.state.settleQueue.launches(() => this.unsettledLaunches()));
    const now = this.ctx.clock.now();
    for (const launchId of ids) {
      // Page through the queue; holds still being committed stay where they are and are skipped.
      const PAGE = 1000;
      for (let skip = 0; ; ) {
        const pending = await this.state.settleQueue.pending(launchId, skip, PAGE);
        if (pending.length === 0) break;
        // The ledger rows in one read per 500, then the authority's scripts side by side
        // (pipelined to Redis): a sale's thousands of payments settle in seconds, not minutes.
        const rows = new Map<string, Hold>();
        for (let i = 0; i < pending.length; i += 500) {
          const chunk = pending.slice(i, i + 500).map((p) => p.holdId);
          for (const r of await this.ctx.db.selectFrom('holds').selectAll().where('id', 'in', chunk).execute()) rows.set(r.id, r);
        }
        const done: string[] = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(32, pending.length) }, async () => {
            while (next < pending.length) {
              const { holdId, at } = pending[next++]!;
              // Done only once settle itself saw the final status: a hold still 'held' belongs to an
              // order transaction that has not committed yet (judging by a later read could skip its change).
              const s = await this.settle(launchId, holdId, rows.get(holdId) ?? null);
              if (s.final || now - at > SETTLE_GIVE_UP_MS) done.push(holdId);
            }
          }),
        );
        await this.state.settleQueue.done(launchId, done);
        if (pending.length < PAGE) break;
        skip += pending.length - done.length;
      }
    }
  }

  /** Launches whose stock may still move (not yet closed by returnUnsoldStock). */
  private async unsettledLaunches(): Promise<string[]> {
    return (await this.ctx.db.selectFrom('launches').select('id').where('state', '=', 'scheduled').where('stock_returned_at', 'is', null).execute()).map((r) => r.id);
  }

  /**
   * Brings the authority in line with the hold's committed status. `changed`: it changed
   * anything; `final`: the status it acted on is final (paid, expired, cancelled, or no row).
   */
  private async settle(launchId: string, holdId: string, read?: Hold | null): Promise<{ changed: boolean; final: boolean }> {
    const row = read !== undefined ? read : await this.ctx.db.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    if (!row) return { changed: false, final: true };
    const final = row.status !== 'held';
    // A load in progress may have read this hold before the change: let it finish, then settle.
    // In memory, a launch not loaded here will read the ledger's truth when it is; shared state
    // outlives this process, so it must be brought in line now (loading the launch if need be).
    const l = this.loaded.get(launchId) ?? (this.state.shared ? await this.get(launchId).catch(() => undefined) : await this.live.get(launchId)?.catch(() => undefined));
    if (!l) return { changed: false, final };
    if (row.status === 'paid') {
      const sold = await this.authority.sell(launchId, holdId);
      if (sold) l.metrics.payments++;
      return { changed: sold, final };
    }
    if (row.status === 'expired' || row.status === 'cancelled') {
      const released = await this.authority.release(launchId, holdId);
      if (released) {
        await l.room.setFinished(row.buyer_id, false);
        if (l.soldOut) this.signal(l, 'restock');
      }
      return { changed: released, final };
    }
    return { changed: false, final };
  }

  /**
   * Releases units a shared authority handed out that never reached the ledger (a process
   * killed between the decision and the commit) and settles what the ledger settled, for
   * every launch loaded here (the sweeper runs it; a no-op in memory).
   */
  async reconcileStock(olderThanMs = this.reconcileGraceMs): Promise<number> {
    if (!this.state.shared) return 0;
    let n = 0;
    for (const launchId of this.loaded.keys()) n += await this.authority.reconcile(launchId, olderThanMs, (ids) => this.ledgerStatus(ids));
    return n;
  }

  private async ledgerStatus(holdIds: string[]): Promise<Map<string, LedgerStatus>> {
    const out = new Map<string, LedgerStatus>();
    for (let i = 0; i < holdIds.length; i += 500) {
      const rows = await this.ctx.db.selectFrom('holds').select(['id', 'status']).where('id', 'in', holdIds.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, r.status);
    }
    return out;
  }

  /** Loads every launch that is running or about to (start-up and periodic); re-reads the rows of those loaded. */
  async loadActive(): Promise<void> {
    const now = this.ctx.clock.now();
    const rows = await this.ctx.db.selectFrom('launches').selectAll().where('state', '=', 'scheduled').where('ends_at', '>', now).where('starts_at', '<=', now + 3600_000).execute();
    for (const r of rows) {
      const l = this.loaded.get(r.id);
      // A refresh signal missed (a reconnect) heals here within a sweep.
      if (l && l.row.updated_at < r.updated_at) this.setRow(l, r);
      else if (!l) await this.get(r.id);
    }
  }

  /** The live monitor's snapshot for one launch (totals across every process). */
  async monitor(launchId: string) {
    const l = await this.get(launchId);
    const now = this.ctx.clock.now();
    const [counts, room, registered, totals] = await Promise.all([this.authority.counts(launchId), l.room.stats(now), l.registrations.count(), this.state.metricTotals(launchId, l.metrics)]);
    // Attempts per second over at least the last second, however many viewers read the monitor:
    // the base is the newest sample that is a second old or more.
    const w = l.metrics.attemptsWindow;
    w.push({ at: now, n: totals.attempts });
    while (w.length > 2 && now - w[1]!.at >= 1000) w.shift();
    const base = w[0]!;
    const attemptsPerSecond = now - base.at >= 250 ? Math.round(((totals.attempts - base.n) * 1000) / (now - base.at)) : 0;
    return {
      at: now,
      phase: phaseOf(l.row, now, counts.reduce((s, c) => s + c.available, 0)),
      paused: l.row.paused === 1,
      registered,
      queued: room.waiting,
      admitted: room.admittedTotal,
      active: room.active,
      held: counts.reduce((s, c) => s + c.held, 0),
      sold: counts.reduce((s, c) => s + c.sold, 0),
      available: counts.reduce((s, c) => s + c.available, 0),
      allotment: counts.reduce((s, c) => s + c.allotment, 0),
      attempts: totals.attempts,
      attemptsPerSecond,
      holdsCreated: totals.holds,
      payments: totals.payments,
      rejections: { ...totals.rejections },
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

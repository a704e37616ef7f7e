/**
 * The launch ledger: every SQL statement the launch engine runs on its tables — holds and the
 * answers given to idempotency keys, the books and fences of a launch, places in line,
 * registrations and the draw. The database is the record; whatever is in memory or in Redis is
 * rebuilt from here.
 *
 * The ledger defends its invariants itself (migration 009), so no caller can break them:
 * triggers on `holds` keep `launch_items.held/sold` and `launch_buyers.units`, whose
 * constraints refuse a unit sold twice and a buyer over the limit; `launch_answers` has one row
 * per (launch, buyer, key), so a key can never get a second answer; and every hold, answer and
 * place is written only if the generation (epoch) it was decided in is still the launch's
 * current one (`launch_fences`), checked inside the writing statement. A rebuild of live state
 * starts a new generation first (`fenceStock`, `fenceRoom`): it waits for writes of the old one
 * in flight, and any that come later fail. No timer takes part in any of it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { StorageEngine } from '../db/engine.js';
import type { Database, Hold, HoldStatus, Launch, LaunchItem } from '../db/schema.js';
import type { QueueEntry } from './waiting-room.js';
import { HOLD_COLUMNS, SqliteHotWrites } from './ledger-sqlite.js';
import { StageTimer } from './stages.js';
import { nextHoldStatus, type HoldAction, type HoldActor } from './hold-lifecycle.js';
import { trackCommits } from '../db/after-commit.js';

/** The refusals a stock decision gives (an answer like a hold: the key keeps it). */
export type StockRefusal = 'SOLD_OUT' | 'NOT_ENOUGH_UNITS' | 'LIMIT_REACHED';

/** A hold as the writer takes it: the row, with the stock generation it was decided in. */
export type NewHold = Hold;

/** One answer to write: a new hold, or a refusal of the key. */
export type AnswerWrite =
  | { kind: 'hold'; hold: NewHold }
  | { kind: 'refusal'; launchId: string; buyerId: string; key: string; skuId: string; quantity: number; code: StockRefusal; epoch: number; at: number };

/** An answer the ledger holds for a key (with what its request asked for). */
export type StoredAnswer = { kind: 'hold'; hold: Hold } | { kind: 'refusal'; code: StockRefusal; skuId: string; quantity: number };

/**
 * What became of an answer offered to the ledger: `written` (durable: it may be given),
 * `stale` (decided in a generation that is no longer current: not written, never to be given),
 * `answered` (the key had an answer already: that one stands), `refused` (the ledger's books
 * refused the hold: the live state disagreed with the ledger — an invariant violation).
 */
export type AnswerResult = { status: 'written' } | { status: 'stale' } | { status: 'answered'; answer: StoredAnswer } | { status: 'refused' };

/** A launch SKU's books as the ledger keeps them. */
export interface LedgerItem {
  skuId: string;
  allotment: number;
  held: number;
  sold: number;
}

/** What a stock authority is rebuilt from: the books, the holds awaiting payment and each buyer's units, all of one generation. */
export interface StockSnapshot {
  epoch: number;
  items: LedgerItem[];
  /** Holds awaiting payment (paid ones are in `sold`; ended ones take nothing). */
  held: Array<{ id: string; skuId: string; buyerId: string; quantity: number }>;
  /** Units each buyer holds or has bought (buyers with none are left out). */
  buyers: Array<{ buyerId: string; units: number }>;
}

/** What a waiting room is rebuilt from: its entries (with `finished` set) and whether the draw happened. */
export interface RoomSnapshot {
  epoch: number;
  entries: QueueEntry[];
  drawn: boolean;
}

/** A launch's draw as published (see `drawRecord`). */
export interface DrawRecord {
  id: string;
  starts_at: number;
  draw_commitment: string | null;
  draw_committed_at: number | null;
  shuffle_seed: string | null;
  shuffled_at: number | null;
  prequeue_count: number | null;
  draw_entrants_hash: string | null;
  /** The frozen list in arrival order, with each ticket's drawn place (empty before the draw). */
  entrants: Array<{ arrival: number; ticket: string; position: number }>;
}

/** A change to a launch's line, written with the room generation it was made in (registrations have none). */
export type PlaceWrite =
  | { kind: 'join'; launchId: string; entry: QueueEntry; epoch: number }
  | { kind: 'admit'; launchId: string; buyerId: string; at: number; epoch: number }
  | { kind: 'requeue'; launchId: string; buyerId: string; seq: number; epoch: number }
  | { kind: 'register'; launchId: string; buyerId: string; at: number };

/** Thrown by a write the ledger's own constraints refused (a bug upstream, never a client error). */
export function isLedgerRefusal(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_TRIGGER';
}


const answerKeyOf = (w: AnswerWrite) =>
  w.kind === 'hold'
    ? { launchId: w.hold.launch_id, buyerId: w.hold.buyer_id, key: w.hold.idempotency_key, epoch: w.hold.epoch, skuId: w.hold.sku_id, quantity: w.hold.quantity, at: w.hold.created_at, holdId: w.hold.id, code: null }
    : { launchId: w.launchId, buyerId: w.buyerId, key: w.key, epoch: w.epoch, skuId: w.skuId, quantity: w.quantity, at: w.at, holdId: null, code: w.code };

// The PostgreSQL answer write: one statement (so one implicit transaction and one commit). The
// fence rows are share-locked in launch order: a rebuild's epoch bump waits for this statement,
// and one that went first makes every answer of the old generation drop out here.
const PG_WRITE_ANSWERS = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::int[])
    AS t(i, launch_id, buyer_id, idempotency_key, epoch, hold_id, code, at, sku_id, quantity)
), fence AS MATERIALIZED (
  SELECT f.launch_id, f.stock_epoch FROM launch_fences f WHERE f.launch_id IN (SELECT launch_id FROM input) ORDER BY f.launch_id FOR SHARE
), live AS MATERIALIZED (
  SELECT input.* FROM input JOIN fence ON fence.launch_id = input.launch_id AND fence.stock_epoch = input.epoch
), answered AS (
  INSERT INTO launch_answers (launch_id, buyer_id, idempotency_key, sku_id, quantity, hold_id, code, answered_at)
  SELECT launch_id, buyer_id, idempotency_key, sku_id, quantity, hold_id, code, at FROM live ORDER BY launch_id, buyer_id, idempotency_key
  ON CONFLICT DO NOTHING
  RETURNING launch_id, buyer_id, idempotency_key
), held AS (
  INSERT INTO holds (${HOLD_COLUMNS.join(', ')})
  SELECT h.* FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::bigint[], $17::text[], $18::text[], $19::text[], $20::bigint[], $21::text[], $22::bigint[], $23::bigint[], $24::int[])
    AS h(${HOLD_COLUMNS.join(', ')})
  JOIN answered a ON a.launch_id = h.launch_id AND a.buyer_id = h.buyer_id AND a.idempotency_key = h.idempotency_key
  RETURNING id
)
SELECT live.i, (a.launch_id IS NOT NULL) AS won
FROM live LEFT JOIN answered a ON a.launch_id = live.launch_id AND a.buyer_id = live.buyer_id AND a.idempotency_key = live.idempotency_key`;

/** The launch tables' statements (see the file comment). */
export class LaunchLedger {
  private readonly db: Kysely<Database>;
  private sqlite: SqliteHotWrites | null = null;
  /** Where the hot writes' statements are timed (the engine sets its own). */
  stages: StageTimer = new StageTimer(false);

  constructor(private readonly engine: StorageEngine) {
    this.db = engine.db;
  }

  // ---- launches -----------------------------------------------------------------------

  /** A launch's row. */
  launch(launchId: string): Promise<Launch | undefined> {
    return this.db.selectFrom('launches').selectAll().where('id', '=', launchId).executeTakeFirst();
  }

  /** A launch's SKUs. */
  items(launchId: string): Promise<LaunchItem[]> {
    return this.db.selectFrom('launch_items').selectAll().where('launch_id', '=', launchId).execute();
  }

  /** Stops a launch whose books broke: paused (the seller resumes it once it has been looked at). */
  async halt(launchId: string, now: number): Promise<void> {
    await this.db.updateTable('launches').set({ paused: 1, updated_at: now }).where('id', '=', launchId).execute();
  }

  /** Launches running or starting within `aheadMs` (not cancelled). */
  upcoming(now: number, aheadMs: number): Promise<Launch[]> {
    return this.db.selectFrom('launches').selectAll().where('cancelled_at', 'is', null).where('ends_at', '>', now).where('starts_at', '<=', now + aheadMs).execute();
  }

  // ---- answers and holds --------------------------------------------------------------

  /**
   * Writes a batch of answers in one transaction (one commit), each only if its generation is
   * current and its key has no answer yet; a hold is written with its answer. Throws when the
   * outcome is unknown (the connection broke, the disk failed): the caller must fence the
   * launches and read what was stored before answering anyone.
   */
  async writeAnswers(items: readonly AnswerWrite[]): Promise<AnswerResult[]> {
    if (items.length === 0) return [];
    const results = this.engine.kind === 'sqlite' ? await this.writeSqlite(items) : await this.writePgIsolated(items);
    // Keys that had an answer already: read what it was (rare: a retry after a lost cache).
    const taken = results.flatMap((r, i) => (r === null ? [i] : []));
    const out = results;
    for (const i of taken) {
      const k = answerKeyOf(items[i]!);
      const stored = await this.answerOf(k.launchId, k.buyerId, k.key);
      // Had an answer at write time and none now cannot be (answers are never removed while their launch runs).
      if (!stored) throw new Error(`launch ledger: the answer to key ${k.key} vanished`);
      out[i] = { status: 'answered', answer: stored };
    }
    return out as AnswerResult[];
  }

  /** SQLite: prepared statements on the store's connection, under Kysely's connection lock (no Kysely transaction is open meanwhile), answered once the WAL is synced. */
  private async writeSqlite(items: readonly AnswerWrite[]): Promise<Array<AnswerResult | null>> {
    const hot = this.hot();
    const rows = items.map((w) => ({ ...answerKeyOf(w), hold: w.kind === 'hold' ? w.hold : null }));
    const t = this.stages.start();
    const statuses = await this.db.connection().execute(() => Promise.resolve(hot.writeAnswers(rows)));
    this.stages.add('reserve', 'write', t);
    await hot.durable();
    return statuses.map((st) => (st === null ? null : { status: st }));
  }

  /** The SQLite hot writes of the store's connection (prepared on first use). */
  private hot(): SqliteHotWrites {
    const raw = this.engine.sqlite!;
    return (this.sqlite ??= new SqliteHotWrites(raw, raw.name));
  }

  /**
   * PostgreSQL: the whole batch at once. Should the ledger's books refuse it (the statement is
   * all or nothing), each launch's part alone, and within a refused part each answer alone, so
   * exactly the refused ones are marked and the rest still written.
   */
  private async writePgIsolated(items: readonly AnswerWrite[]): Promise<Array<AnswerResult | null>> {
    try {
      return await this.writePg(items);
    } catch (err) {
      if (!isLedgerRefusal(err)) throw err;
    }
    const out = new Array<AnswerResult | null>(items.length);
    const byLaunch = new Map<string, number[]>();
    for (const [i, w] of items.entries()) {
      const id = answerKeyOf(w).launchId;
      byLaunch.set(id, [...(byLaunch.get(id) ?? []), i]);
    }
    const attempt = async (idx: number[]): Promise<boolean> => {
      try {
        const part = await this.writePg(idx.map((i) => items[i]!));
        idx.forEach((i, j) => (out[i] = part[j]!));
        return true;
      } catch (err) {
        if (!isLedgerRefusal(err)) throw err;
        return false;
      }
    };
    for (const idx of byLaunch.values()) {
      if (await attempt(idx)) continue;
      for (const i of idx) if (!(await attempt([i]))) out[i] = { status: 'refused' };
    }
    return out;
  }

  private async writePg(items: readonly AnswerWrite[]): Promise<Array<AnswerResult | null>> {
    const a: unknown[][] = Array.from({ length: 10 }, () => []);
    const h: unknown[][] = HOLD_COLUMNS.map(() => []);
    for (const [i, w] of items.entries()) {
      const k = answerKeyOf(w);
      const row = [i, k.launchId, k.buyerId, k.key, k.epoch, k.holdId, k.code, k.at, k.skuId, k.quantity];
      row.forEach((v, c) => a[c]!.push(v));
      if (w.kind === 'hold') HOLD_COLUMNS.forEach((c, j) => h[j]!.push(w.hold[c]));
    }
    const t = this.stages.start();
    const res = await this.engine.pgPool!.query<{ i: number; won: boolean }>({ name: 'fm_launch_answers', text: PG_WRITE_ANSWERS, values: [...a, ...h] });
    this.stages.add('reserve', 'write', t);
    const out: Array<AnswerResult | null> = items.map(() => ({ status: 'stale' }));
    for (const r of res.rows) out[r.i] = r.won ? { status: 'written' } : null;
    return out;
  }

  /** The answer a key got, if any (with its hold). */
  async answerOf(launchId: string, buyerId: string, key: string): Promise<StoredAnswer | null> {
    const a = await this.db.selectFrom('launch_answers').select(['hold_id', 'code', 'sku_id', 'quantity']).where('launch_id', '=', launchId).where('buyer_id', '=', buyerId).where('idempotency_key', '=', key).executeTakeFirst();
    if (!a) return null;
    if (a.code !== null) return { kind: 'refusal', code: a.code as StockRefusal, skuId: a.sku_id, quantity: a.quantity };
    const hold = await this.db.selectFrom('holds').selectAll().where('id', '=', a.hold_id!).executeTakeFirstOrThrow();
    return { kind: 'hold', hold };
  }

  /** Holds by id (those that exist). */
  async holds(ids: readonly string[]): Promise<Map<string, Hold>> {
    const out = new Map<string, Hold>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.db.selectFrom('holds').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()) out.set(r.id, r);
    }
    return out;
  }

  /** One hold, if it exists. */
  hold(id: string): Promise<Hold | undefined> {
    return this.db.selectFrom('holds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Forgets the refusal answers of launches that ended before `endedBefore` (their keys can no
   * longer be used: a launch that is over refuses before any decision). Holds keep theirs.
   */
  async pruneRefusals(endedBefore: number): Promise<number> {
    const res = await this.db
      .deleteFrom('launch_answers')
      .where('code', 'is not', null)
      .where('launch_id', 'in', (eb) => eb.selectFrom('launches').select('id').where('ends_at', '<', endedBefore))
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  // ---- books and generations ----------------------------------------------------------

  /**
   * Starts a new stock generation for a launch and returns it. Waits for answer writes of the
   * current one in flight (they hold the fence row shared); any that come later are stale.
   */
  async fenceStock(launchId: string): Promise<number> {
    const row = await this.db
      .updateTable('launch_fences')
      .set((eb) => ({ stock_epoch: eb('stock_epoch', '+', 1) }))
      .where('launch_id', '=', launchId)
      .returning('stock_epoch')
      .executeTakeFirst();
    if (!row) throw new Error(`launch ledger: launch ${launchId} has no fence row`);
    return row.stock_epoch;
  }

  /** The same for the waiting room: a new room generation (places decided in older ones are no longer written). */
  async fenceRoom(launchId: string): Promise<number> {
    const row = await this.db
      .updateTable('launch_fences')
      .set((eb) => ({ room_epoch: eb('room_epoch', '+', 1) }))
      .where('launch_id', '=', launchId)
      .returning('room_epoch')
      .executeTakeFirst();
    if (!row) throw new Error(`launch ledger: launch ${launchId} has no fence row`);
    return row.room_epoch;
  }

  /** What the stock authority is rebuilt from, read in one snapshot. */
  stockSnapshot(launchId: string): Promise<StockSnapshot> {
    return this.snapshot(async (trx) => {
      const [fence, items, held, buyers] = await Promise.all([
        trx.selectFrom('launch_fences').select('stock_epoch').where('launch_id', '=', launchId).executeTakeFirstOrThrow(),
        trx.selectFrom('launch_items').select(['sku_id', 'allotment', 'held', 'sold']).where('launch_id', '=', launchId).orderBy('sku_id').execute(),
        trx.selectFrom('holds').select(['id', 'sku_id', 'buyer_id', 'quantity']).where('launch_id', '=', launchId).where('status', '=', 'held').execute(),
        trx.selectFrom('launch_buyers').select(['buyer_id', 'units']).where('launch_id', '=', launchId).where('units', '>', 0).execute(),
      ]);
      return {
        epoch: fence.stock_epoch,
        items: items.map((i) => ({ skuId: i.sku_id, allotment: i.allotment, held: i.held, sold: i.sold })),
        held: held.map((h) => ({ id: h.id, skuId: h.sku_id, buyerId: h.buyer_id, quantity: h.quantity })),
        buyers: buyers.map((b) => ({ buyerId: b.buyer_id, units: b.units })),
      };
    });
  }

  /** The books alone (the reconciler compares them with the live state's). */
  async books(launchId: string): Promise<LedgerItem[]> {
    const items = await this.db.selectFrom('launch_items').select(['sku_id', 'allotment', 'held', 'sold']).where('launch_id', '=', launchId).orderBy('sku_id').execute();
    return items.map((i) => ({ skuId: i.sku_id, allotment: i.allotment, held: i.held, sold: i.sold }));
  }

  /** Reads in one consistent snapshot (PostgreSQL: repeatable read; SQLite: one read transaction). */
  private snapshot<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const tx = this.db.transaction();
    return (this.engine.kind === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(fn);
  }

  // ---- holds' lifecycle ---------------------------------------------------------------

  /** Holds awaiting payment whose deadline passed (oldest first). */
  dueHolds(now: number, limit: number): Promise<Hold[]> {
    return this.db.selectFrom('holds').selectAll().where('status', '=', 'held').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
  }

  /** Moves a held hold by `action` (hold-lifecycle.ts) inside the caller's transaction; true when it did (conditional on the status read). */
  async endHold(trx: Kysely<Database>, holdId: string, action: HoldAction, actor: HoldActor, now: number): Promise<boolean> {
    const from: HoldStatus = 'held';
    const to = nextHoldStatus(from, action, actor);
    const res = await trx.updateTable('holds').set({ status: to, updated_at: now }).where('id', '=', holdId).where('status', '=', from).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The held holds of an order, moved by `action` (the order's move, hold-lifecycle.ts) in the caller's transaction; returns them. */
  async endOrderHolds(trx: Kysely<Database>, orderId: string, action: HoldAction, now: number): Promise<Array<{ id: string; launch_id: string; buyer_id: string }>> {
    const from: HoldStatus = 'held';
    const to = nextHoldStatus(from, action, 'order');
    const holds = await trx.selectFrom('holds').select(['id', 'launch_id', 'buyer_id']).where('order_id', '=', orderId).where('status', '=', from).execute();
    if (holds.length) await trx.updateTable('holds').set({ status: to, updated_at: now }).where('order_id', '=', orderId).where('status', '=', from).execute();
    return holds;
  }

  /** Launches whose stock may still move (not cancelled, unsold units not yet returned). */
  async unsettledLaunches(): Promise<string[]> {
    return (await this.db.selectFrom('launches').select('id').where('cancelled_at', 'is', null).where('stock_returned_at', 'is', null).execute()).map((r) => r.id);
  }

  // ---- the waiting room ---------------------------------------------------------------

  /**
   * Writes changes to lines in one transaction: each place (join, admission, requeue) only if
   * its room generation is current; registrations always (a set: writing one twice is one);
   * then `inTransaction` with the changes written (the notifications they cause commit with
   * them). Returns per change whether it was written.
   */
  async writePlaces(ops: readonly PlaceWrite[], inTransaction?: (trx: Kysely<Database>, written: PlaceWrite[]) => Promise<void>): Promise<boolean[]> {
    if (ops.length === 0) return [];
    if (this.engine.kind === 'sqlite') {
      const hot = this.hot();
      const rows = ops.map((o) =>
        o.kind === 'join'
          ? { kind: o.kind, launchId: o.launchId, buyerId: o.entry.buyerId, epoch: o.epoch, joinedAt: o.entry.joinedAt, prequeue: o.entry.prequeue, seq: o.entry.seq, admittedAt: o.entry.admittedAt, arrival: o.entry.arrival ?? null }
          : o.kind === 'admit'
            ? { kind: o.kind, launchId: o.launchId, buyerId: o.buyerId, epoch: o.epoch, at: o.at }
            : o.kind === 'requeue'
              ? { kind: o.kind, launchId: o.launchId, buyerId: o.buyerId, epoch: o.epoch, seq: o.seq }
              : { kind: o.kind, launchId: o.launchId, buyerId: o.buyerId, epoch: null, at: o.at },
      );
      const t = this.stages.start();
      // The prepared statements inside a Kysely transaction on the same connection, so what must
      // commit with the places (the notifications they cause) does.
      const out = await this.db.connection().execute((conn) =>
        hot.unsyncedAsync(() =>
          trackCommits(conn).transaction().execute(async (trx) => {
            const written = hot.writePlacesInTransaction(rows);
            if (inTransaction) await inTransaction(trx, ops.filter((_, i) => written[i]));
            return written;
          }),
        ),
      );
      this.stages.add('join', 'write', t);
      await hot.durable();
      return out;
    }
    return this.db.transaction().execute(async (trx) => {
      const launchIds = [...new Set(ops.filter((o) => o.kind !== 'register').map((o) => o.launchId))].sort();
      let q = trx.selectFrom('launch_fences').select(['launch_id', 'room_epoch']).where('launch_id', 'in', launchIds.length ? launchIds : ['']).orderBy('launch_id');
      if (this.engine.kind === 'postgres') q = q.forShare();
      const epochs = new Map((await q.execute()).map((f) => [f.launch_id, f.room_epoch]));
      const out = ops.map((o) => o.kind === 'register' || epochs.get(o.launchId) === o.epoch);
      const live = ops.filter((_, i) => out[i]);
      const joins = live.filter((o): o is Extract<PlaceWrite, { kind: 'join' }> => o.kind === 'join');
      const regs = live.filter((o): o is Extract<PlaceWrite, { kind: 'register' }> => o.kind === 'register');
      for (let i = 0; i < joins.length; i += 500) {
        await trx
          .insertInto('queue_entries')
          .values(joins.slice(i, i + 500).map((j) => ({ launch_id: j.launchId, buyer_id: j.entry.buyerId, joined_at: j.entry.joinedAt, prequeue: j.entry.prequeue ? 1 : 0, seq: j.entry.seq, admitted_at: j.entry.admittedAt, arrival: j.entry.arrival ?? null })))
          // A draw may have written the place first (with its number): that row wins.
          .onConflict((oc) => oc.columns(['launch_id', 'buyer_id']).doNothing())
          .execute();
      }
      for (let i = 0; i < regs.length; i += 500) {
        await trx
          .insertInto('launch_registrations')
          .values(regs.slice(i, i + 500).map((r) => ({ launch_id: r.launchId, buyer_id: r.buyerId, registered_at: r.at })))
          .onConflict((oc) => oc.columns(['launch_id', 'buyer_id']).doNothing())
          .execute();
      }
      for (const o of live) {
        if (o.kind === 'admit') await trx.updateTable('queue_entries').set({ admitted_at: o.at }).where('launch_id', '=', o.launchId).where('buyer_id', '=', o.buyerId).execute();
        if (o.kind === 'requeue') await trx.updateTable('queue_entries').set({ admitted_at: null, seq: o.seq }).where('launch_id', '=', o.launchId).where('buyer_id', '=', o.buyerId).execute();
      }
      // What else must commit with these places (the notifications they cause).
      if (inTransaction) await inTransaction(trx, live);
      return out;
    });
  }

  /** What a room is rebuilt from, in one snapshot: its entries (finished: at the per-buyer limit), whether it was drawn, its generation. */
  roomSnapshot(launchId: string): Promise<RoomSnapshot> {
    return this.snapshot(async (trx) => {
      const [fence, row, entries, buyers] = await Promise.all([
        trx.selectFrom('launch_fences').select('room_epoch').where('launch_id', '=', launchId).executeTakeFirstOrThrow(),
        trx.selectFrom('launches').select(['per_buyer_limit', 'shuffle_seed']).where('id', '=', launchId).executeTakeFirstOrThrow(),
        trx.selectFrom('queue_entries').selectAll().where('launch_id', '=', launchId).execute(),
        trx.selectFrom('launch_buyers').select(['buyer_id', 'units']).where('launch_id', '=', launchId).where('units', '>', 0).execute(),
      ]);
      const units = new Map(buyers.map((b) => [b.buyer_id, b.units]));
      return {
        epoch: fence.room_epoch,
        entries: entries.map((e) => ({ buyerId: e.buyer_id, joinedAt: e.joined_at, prequeue: e.prequeue === 1, seq: e.seq, admittedAt: e.admitted_at, finished: (units.get(e.buyer_id) ?? 0) >= row.per_buyer_limit, arrival: e.arrival })),
        drawn: row.shuffle_seed !== null,
      };
    });
  }

  /** One buyer's place as the ledger has it (a room that lost it takes it back). */
  async place(launchId: string, buyerId: string): Promise<QueueEntry | undefined> {
    const [e, b, l] = await Promise.all([
      this.db.selectFrom('queue_entries').selectAll().where('launch_id', '=', launchId).where('buyer_id', '=', buyerId).executeTakeFirst(),
      this.db.selectFrom('launch_buyers').select('units').where('launch_id', '=', launchId).where('buyer_id', '=', buyerId).executeTakeFirst(),
      this.db.selectFrom('launches').select('per_buyer_limit').where('id', '=', launchId).executeTakeFirstOrThrow(),
    ]);
    if (!e) return undefined;
    return { buyerId, joinedAt: e.joined_at, prequeue: e.prequeue === 1, seq: e.seq, admittedAt: e.admitted_at, finished: (b?.units ?? 0) >= l.per_buyer_limit, arrival: e.arrival };
  }

  /** Everyone registered for a launch. */
  async registrations(launchId: string): Promise<string[]> {
    return (await this.db.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', launchId).execute()).map((r) => r.buyer_id);
  }

  /** Whether one buyer registered (a miss in shared state may be a loss: the ledger knows). */
  async isRegistered(launchId: string, buyerId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', launchId).where('buyer_id', '=', buyerId).executeTakeFirst());
  }

  // ---- the draw (docs/draw.md) -------------------------------------------------------

  /** The seed a launch committed to when it was scheduled (secret until the draw), or null for a launch without a commitment. */
  async drawSecret(launchId: string): Promise<{ secret: string; commitment: string } | null> {
    const r = await this.db.selectFrom('launches').select(['draw_secret', 'draw_commitment']).where('id', '=', launchId).executeTakeFirst();
    return r?.draw_secret && r.draw_commitment ? { secret: r.draw_secret, commitment: r.draw_commitment } : null;
  }

  /** What a launch's draw page publishes: the commitment, and once drawn the seed, the entrants' hash and the frozen list (arrival order). */
  async drawRecord(launchId: string): Promise<DrawRecord | undefined> {
    const row = await this.db
      .selectFrom('launches')
      .select(['id', 'starts_at', 'draw_commitment', 'draw_committed_at', 'shuffle_seed', 'shuffled_at', 'prequeue_count', 'draw_entrants_hash'])
      .where('id', '=', launchId)
      .executeTakeFirst();
    if (!row) return undefined;
    const entrants = row.shuffle_seed ? await this.db.selectFrom('draw_entrants').select(['arrival', 'ticket', 'position']).where('launch_id', '=', launchId).orderBy('arrival').execute() : [];
    return { ...row, entrants };
  }

  /**
   * Records a draw in one transaction, only in the given room generation and only once: the
   * frozen entrant list (arrival, ticket, drawn place) and its hash, the seed revealed (it must
   * be the committed one), and every drawn buyer's number. Returns the seed the ledger holds
   * (another process's, should it have recorded one first), or null when the generation is gone.
   */
  recordDraw(launchId: string, roomEpoch: number, seed: string, drawn: ReadonlyArray<{ buyerId: string; joinedAt: number; arrival: number; ticket: string }>, hash: string, now: number): Promise<string | null> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('launch_fences').select('room_epoch').where('launch_id', '=', launchId);
      if (this.engine.kind === 'postgres') q = q.forShare();
      if ((await q.executeTakeFirst())?.room_epoch !== roomEpoch) return null;
      const res = await trx
        .updateTable('launches')
        .set({ shuffle_seed: seed, shuffled_at: now, prequeue_count: drawn.length, draw_entrants_hash: hash, updated_at: now })
        .where('id', '=', launchId)
        .where('shuffle_seed', 'is', null)
        // The seed revealed is the one committed to (or, for a launch scheduled without a commitment, any).
        .where((eb) => eb.or([eb('draw_secret', '=', seed), eb('draw_secret', 'is', null)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        const cur = await trx.selectFrom('launches').select('shuffle_seed').where('id', '=', launchId).executeTakeFirst();
        if (!cur?.shuffle_seed) throw new Error(`launch ${launchId}: the draw could not be recorded (is the seed the committed one?)`);
        return cur.shuffle_seed;
      }
      for (let k = 0; k < drawn.length; k += 500) {
        const chunk = drawn.slice(k, k + 500);
        await trx.insertInto('draw_entrants').values(chunk.map((a, i) => ({ launch_id: launchId, arrival: a.arrival, ticket: a.ticket, position: k + i + 1 }))).execute();
        // Places whose join is still being committed are written here, with their number.
        await trx
          .insertInto('queue_entries')
          .values(chunk.map((a, i) => ({ launch_id: launchId, buyer_id: a.buyerId, joined_at: a.joinedAt, prequeue: 1, seq: k + i + 1, admitted_at: null, arrival: a.arrival })))
          .onConflict((oc) => oc.columns(['launch_id', 'buyer_id']).doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), arrival: eb.ref('excluded.arrival') })))
          .execute();
      }
      return seed;
    });
  }
}

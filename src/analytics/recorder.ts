/**
 * The analytics recorder: `record(event)` is synchronous and never touches the database, so
 * the reservation path pays a few microseconds for it. Events wait in a bounded in-memory
 * buffer and are flushed in batches (every `flushIntervalMs`, or at once when `batchSize`
 * have gathered) — resolved (hold, order lines, launch start), written with every rollup in
 * one transaction. If the database is down the batch stays buffered and is retried; past
 * `maxBuffer` the oldest events are dropped and counted. `stop()` flushes what is left.
 *
 * Buyers are stored as pseudonyms only: an HMAC of the user id under a secret kept in the
 * settings table (shared by every app process, so one buyer is one pseudonym everywhere).
 */
import { createHmac } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database, Order, OrderStatus } from '../db/schema.js';
import type { EngineKind, StorageEngine } from '../db/engine.js';
import type { Clock } from '../shared/clock.js';
import type { AnalyticsEventType, AnalyticsInput, Channel, DeviceClass, StoredEvent } from './events.js';
import { batchOf, computeDeltasPaced, SELLOUT_TYPES, writeEvents, type Batch } from './rollups.js';
import { preparePg, writeEventsPg, type PgBatch, type PgPool } from './rollups-pg.js';
import { writeEventsSqlite, type SqliteHandle } from './rollups-sqlite.js';
import { SegmentEncoder } from './segments.js';
import { SqliteWriter } from './sqlite-writer.js';

/** What the recorder needs: the database, the clock and the pseudonym secret, plus its limits. */
export interface RecorderOptions {
  db: Kysely<Database>;
  kind: EngineKind;
  /**
   * SQLite: the raw better-sqlite3 handle behind `db` (`StorageEngine.sqlite`). With it,
   * batches go through statements prepared once instead of SQL compiled per batch.
   */
  sqlite?: SqliteHandle | null;
  /**
   * SQLite: the analytics file (`StorageEngine.analyticsFile`). With it, batches are written by
   * a thread of their own (`sqlite-writer.ts`) while this one folds the next.
   */
  analyticsFile?: string | null;
  /** PostgreSQL: the raw pool behind `db` (`StorageEngine.pgPool`). With it, events go in by COPY. */
  pgPool?: PgPool | null;
  clock: Clock;
  /** HMAC key of buyer pseudonyms (from the settings table). */
  secret: string;
  log?: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void };
  /** Flush at least this often (default 250 ms). */
  flushIntervalMs?: number;
  /**
   * Flush at once when this many events are waiting; also the most one transaction writes
   * (default 25,000: under a light load a flush writes what 250 ms gathered, under a heavy one
   * large transactions, whose rollup rows share index pages, keep up).
   */
  batchSize?: number;
  /** The most events kept while the database is unreachable; beyond, the oldest are dropped (default 200,000). */
  maxBuffer?: number;
}

/** The recorder's limits unless its options say otherwise. */
export const RECORDER_DEFAULTS = { flushIntervalMs: 250, batchSize: 25_000, maxBuffer: 200_000 } as const;

/** Counters of the recorder's own work (exposed for monitoring and tests). */
export interface RecorderStats {
  recorded: number;
  stored: number;
  dropped: number;
  unresolved: number;
  flushes: number;
  failures: number;
  buffered: number;
}

/**
 * An event the flush must still complete (a hold, an order's lines or a launch to read). Its
 * fields are named as stored; `undefined` units or amount mean "not given" (the hold says).
 */
interface Pending {
  pending: true;
  at: number;
  type: AnalyticsEventType;
  store_id: string | null;
  product_id: string | null;
  sku_id: string | null;
  launch_id: string | null;
  order_id: string | null;
  hold_id: string | null;
  buyer: string | null;
  device: DeviceClass | null;
  channel: Channel | null;
  region: string | null;
  units: number | undefined;
  amount_minor: number | undefined;
  currency: string | null;
  reason: string | null;
  wait_ms: number | null;
  starts_at: number | null;
}

/** A buffered event: complete already (most are), or still to complete at the flush. */
type Buffered = StoredEvent | Pending;

/** A batch made ready to write: its log segment and rollup deltas (and PostgreSQL's parameters). */
interface Prepared extends Batch {
  pg: PgBatch | null;
}

/** A batch taken from the buffer, being made ready. */
interface Staged {
  batch: Buffered[];
  prepared: Promise<Prepared>;
}

const ORDER_EVENTS: Partial<Record<OrderStatus, AnalyticsEventType>> = {
  paid: 'order_paid',
  shipped: 'order_shipped',
  delivered: 'order_delivered',
  refunded: 'order_refunded',
};

/** Two lines of one order (they must be written in one batch). */
const sameOrder = (a: { order_id: string | null; type: string }, b: { order_id: string | null; type: string }) => a.order_id !== null && a.order_id === b.order_id && a.type === b.type;

/**
 * Recent buyers remembered, about 170 bytes each (an HMAC costs a few microseconds; most
 * events come from buyers seen not long before).
 */
const BUYER_CACHE_MAX = 400_000;

/** What the recorder remembers of a recent buyer. */
interface BuyerInfo {
  pseudonym: string;
  device: DeviceClass | null;
  channel: Channel | null;
}

/**
 * A map that keeps about the `max` most recently used keys: two generations, the older one
 * dropped whole when the newer fills. O(1) at any size (evicting the first key of one big
 * Map one at a time is not: V8 skips the deleted slots at its front on every eviction).
 */
class RecentMap<K, V> {
  private cur = new Map<K, V>();
  private old = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(k: K): V | undefined {
    const v = this.cur.get(k);
    if (v !== undefined) return v;
    const o = this.old.get(k);
    if (o !== undefined) this.set(k, o);
    return o;
  }
  set(k: K, v: V): void {
    if (this.cur.size >= this.max / 2 && !this.cur.has(k)) {
      this.old = this.cur;
      this.cur = new Map();
    }
    this.cur.set(k, v);
  }
}
const LAUNCH_CACHE_MAX = 10_000;
/** Events encoded into the log segment between turns of the event loop (PostgreSQL's paced prepare). */
const SEGMENT_SLICE = 4096;

/** Buffers analytics events off the hot path and writes them, with their rollups, in batches. */
export class AnalyticsRecorder {
  private buffer: Buffered[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastErrorLogAt = 0;
  /** Per recent buyer (by user id): the pseudonym, and the last device and channel seen, for events no request carries (webhooks, sweeps). */
  private readonly buyers = new RecentMap<string, BuyerInfo>(BUYER_CACHE_MAX);
  private readonly launches = new Map<string, { storeId: string; startsAt: number }>();
  private readonly counts = { recorded: 0, stored: 0, dropped: 0, unresolved: 0, flushes: 0, failures: 0 };
  private writer: SqliteWriter | null = null;
  readonly flushIntervalMs: number;
  readonly batchSize: number;
  readonly maxBuffer: number;

  constructor(private readonly o: RecorderOptions) {
    this.flushIntervalMs = o.flushIntervalMs ?? RECORDER_DEFAULTS.flushIntervalMs;
    this.batchSize = o.batchSize ?? RECORDER_DEFAULTS.batchSize;
    this.maxBuffer = o.maxBuffer ?? RECORDER_DEFAULTS.maxBuffer;
  }

  /** The recorder's counters right now. */
  get stats(): RecorderStats {
    return { ...this.counts, buffered: this.buffer.length };
  }

  /** The stored pseudonym of a user id: 96 bits of HMAC-SHA256, base64url (16 characters). */
  pseudonym(userId: string): string {
    return this.buyerOf(userId).pseudonym;
  }

  /** The recent-buyer entry of a user id (its pseudonym computed on first sight). */
  private buyerOf(userId: string): BuyerInfo {
    let b = this.buyers.get(userId);
    if (b === undefined) {
      b = { pseudonym: createHmac('sha256', this.o.secret).update(userId).digest().subarray(0, 12).toString('base64url'), device: null, channel: null };
      this.buyers.set(userId, b);
    }
    return b;
  }

  /** Starts the periodic flush (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.buffer.length > 0 && !this.flushing) void this.flush();
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and flushes everything still buffered (a few tries if the database is slow). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (let i = 0; i < 3 && this.buffer.length > 0; i++) await this.flush();
    if (this.flushing) await this.flushing;
    await this.writer?.close();
  }

  /**
   * True when a batch's write runs outside this thread (PostgreSQL, or SQLite's writer thread):
   * the next batch is then folded meanwhile, in slices.
   */
  private get writesElsewhere(): boolean {
    return this.o.kind === 'postgres' ? !!this.o.pgPool : !!(this.o.sqlite && this.o.analyticsFile);
  }

  /**
   * Records one event. Synchronous, never throws, never waits for the database: the caller's
   * path (a reservation, a payment webhook) is not slowed or failed by analytics.
   */
  record(input: AnalyticsInput): void {
    try {
      const meta = input.meta;
      let buyer: string | null = null;
      let device = meta?.deviceClass ?? null;
      let channel = meta?.channel ?? null;
      if (input.buyerId) {
        const b = this.buyerOf(input.buyerId);
        buyer = b.pseudonym;
        if (meta) {
          b.device = meta.deviceClass;
          b.channel = meta.channel;
        } else if (b.device) {
          device = b.device;
          channel = b.channel;
        }
      }
      this.counts.recorded++;
      const type = input.type;
      const at = input.at ?? this.o.clock.now();
      const storeId = input.storeId ?? null;
      const skuId = input.skuId ?? null;
      const launchId = input.launchId ?? null;
      const orderId = input.orderId ?? null;
      const holdId = input.holdId ?? null;
      const startsAt = input.launchStartsAt ?? null;
      const sellout = launchId !== null && SELLOUT_TYPES.has(type);
      // Complete already unless the flush must read something: the hold (when its SKU or units
      // are not given), the order's lines, or the launch (its store, or its start for the curve).
      const ready =
        storeId !== null &&
        (holdId === null || (skuId !== null && input.units !== undefined)) &&
        !(orderId !== null && skuId === null && (type === 'order_paid' || type === 'order_refunded')) &&
        !(sellout && startsAt === null);
      if (ready) {
        this.buffer.push({
          at,
          type,
          store_id: storeId,
          product_id: input.productId ?? null,
          sku_id: skuId,
          launch_id: launchId,
          order_id: orderId,
          buyer,
          device: device ?? 'unknown',
          channel: channel ?? 'unknown',
          region: input.region ?? null,
          units: input.units ?? 0,
          amount_minor: input.amountMinor ?? 0,
          currency: input.currency ?? null,
          reason: input.reason ?? null,
          wait_ms: input.waitMs ?? null,
          since_start_ms: sellout ? at - startsAt! : null,
        } satisfies StoredEvent);
      } else {
        this.buffer.push({
          pending: true,
          at,
          type,
          store_id: storeId,
          product_id: input.productId ?? null,
          sku_id: skuId,
          launch_id: launchId,
          order_id: orderId,
          hold_id: holdId,
          buyer,
          device,
          channel,
          region: input.region ?? null,
          units: input.units,
          amount_minor: input.amountMinor,
          currency: input.currency ?? null,
          reason: input.reason ?? null,
          wait_ms: input.waitMs ?? null,
          starts_at: startsAt,
        } satisfies Pending);
      }
      if (this.buffer.length > this.maxBuffer) {
        const excess = this.buffer.length - this.maxBuffer;
        this.buffer.splice(0, excess);
        this.counts.dropped += excess;
      }
      if (this.buffer.length >= this.batchSize && !this.flushing && !this.stopped) setImmediate(() => void this.flush());
    } catch (err) {
      this.o.log?.error({ err }, 'analytics record failed');
    }
  }

  /** Records the analytics event of an order's move (paid, shipped, delivered, refunded); other moves record nothing. */
  recordOrder(order: Order, to: OrderStatus): void {
    const type = ORDER_EVENTS[to];
    if (!type) return;
    let region: string | null = null;
    try {
      const a = JSON.parse(order.address_json) as { province?: unknown };
      if (typeof a.province === 'string' && a.province.trim()) region = a.province.trim().slice(0, 60);
    } catch {
      /* no readable address: region unknown */
    }
    this.record({
      type,
      at: order.updated_at,
      storeId: order.store_id,
      orderId: order.id,
      launchId: order.launch_id,
      buyerId: order.buyer_id,
      amountMinor: order.total_minor,
      currency: order.currency,
      region,
    });
  }

  /**
   * Uses the raw driver handle of the engine behind `db` for the fast write paths (statements
   * prepared once on SQLite, COPY on PostgreSQL). Ignored for another database.
   */
  useEngine(engine: Pick<StorageEngine, 'db' | 'kind' | 'sqlite' | 'pgPool' | 'analyticsFile'>): void {
    if (engine.db !== this.o.db || engine.kind !== this.o.kind) return;
    if (engine.kind === 'sqlite') {
      this.o.sqlite ??= engine.sqlite;
      this.o.analyticsFile ??= engine.analyticsFile;
    } else this.o.pgPool ??= engine.pgPool;
  }

  /** Writes everything buffered now (in batches); resolves when done or when the database refused. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.buffer.length > 0 ? this.flush() : undefined));
    if (this.buffer.length === 0) return Promise.resolve();
    // Assigned before it can settle, and cleared only by itself: a flush that finished without
    // waiting must not leave `flushing` set (that would stop every later flush).
    const run = (async () => {
      await Promise.resolve();
      // Writes that run elsewhere overlap with the making of the next batch; SQLite's writer
      // thread also takes one more batch while it writes one (it writes them in order).
      const depth = this.writesElsewhere && this.o.kind === 'sqlite' ? 2 : 1;
      const writes: Array<{ batch: Buffered[]; done: Promise<number> }> = [];
      const failed: Buffered[][] = [];
      let error: unknown = null;
      let next: Staged | null = this.stage();
      while (writes.length > 0 || (next && !error)) {
        if (next && !error && writes.length < depth) {
          const cur: Staged = next;
          next = null;
          try {
            const prepared = await cur.prepared;
            const done = this.write(prepared).then(() => prepared.segment.events);
            done.catch(() => undefined); // seen where it is awaited
            writes.push({ batch: cur.batch, done });
          } catch (err) {
            error = err;
            failed.push(cur.batch);
            continue;
          }
          if (this.writesElsewhere) next = this.stage();
          continue;
        }
        const w = writes.shift()!;
        try {
          this.counts.stored += await w.done;
          this.counts.flushes++;
        } catch (err) {
          error ??= err;
          failed.push(w.batch);
        }
        if (!next && !error) next = this.stage();
      }
      // After a failure nothing more is sent; what failed (and what was made ready) is kept.
      const left = next as Staged | null;
      if (left) failed.push(left.batch);
      if (error) this.failed(error, failed.flat());
    })();
    this.flushing = run;
    void run.finally(() => {
      if (this.flushing === run) this.flushing = null;
    });
    return run;
  }

  /** Takes the next batch from the buffer and starts making it ready (null when empty). */
  private stage(): Staged | null {
    if (this.buffer.length === 0) return null;
    // An order's lines stay in one batch (distinct orders are counted per batch).
    let end = Math.min(this.buffer.length, this.batchSize);
    while (end < this.buffer.length && sameOrder(this.buffer[end - 1]!, this.buffer[end]!)) end++;
    const batch = this.buffer.splice(0, end);
    const prepared = this.resolve(batch).then((events) => this.prepare(events));
    prepared.catch(() => undefined); // seen where it is awaited
    return { batch, prepared };
  }

  /** A failed write: its events go back to the front of the buffer (within `maxBuffer`), for the next flush. */
  private failed(err: unknown, batch: Buffered[]): void {
    this.counts.failures++;
    this.buffer.unshift(...batch);
    if (this.buffer.length > this.maxBuffer) {
      const excess = this.buffer.length - this.maxBuffer;
      this.buffer.splice(0, excess);
      this.counts.dropped += excess;
    }
    const now = Date.now();
    if (now - this.lastErrorLogAt > 10_000) {
      this.lastErrorLogAt = now;
      this.o.log?.error({ err, buffered: this.buffer.length, dropped: this.counts.dropped }, 'analytics flush failed; events kept for the next try');
    }
  }

  /**
   * Writes already complete events straight to the log and the rollups (one transaction per
   * `batchSize`): the bulk path of imports and benchmarks, and the check of property tests.
   */
  async writeStored(events: readonly StoredEvent[]): Promise<void> {
    // An order's lines stay in one batch: distinct order counts are taken per batch.
    const batches: StoredEvent[][] = [];
    for (let i = 0; i < events.length; ) {
      let end = Math.min(events.length, i + this.batchSize);
      while (end < events.length && sameOrder(events[end - 1]!, events[end]!)) end++;
      batches.push(events.slice(i, end));
      i = end;
    }
    let next: Promise<Prepared> | null = null;
    for (let i = 0; i < batches.length; i++) {
      const prepared: Prepared = await (next ?? this.prepare(batches[i]!));
      next = null;
      const writing = this.write(prepared);
      if (this.writesElsewhere && i + 1 < batches.length) {
        next = this.prepare(batches[i + 1]!);
        next.catch(() => undefined); // seen where it is awaited
      }
      await writing;
      this.counts.stored += prepared.segment.events;
    }
  }

  /**
   * Folds complete events into their deltas and encodes their log segment (compressed in
   * zlib's threads), and on PostgreSQL builds the statement's parameters. When writes run
   * elsewhere it works in slices of a few milliseconds: the batch before is being written
   * meanwhile, and between slices that write gets its replies (and requests get served).
   * (Written on this thread, nothing runs meanwhile: the fold runs whole, and the batch the
   * flush takes next has had no turns of the event loop to shrink in.)
   */
  private async prepare(events: readonly StoredEvent[]): Promise<Prepared> {
    if (!this.writesElsewhere || events.length === 0) return { ...(await batchOf(events)), pg: null };
    const deltas = await computeDeltasPaced(events, yieldToLoop);
    const enc = new SegmentEncoder(events.length);
    for (let i = 0; i < events.length; i += SEGMENT_SLICE) {
      enc.add(events, i, Math.min(events.length, i + SEGMENT_SLICE));
      await yieldToLoop();
    }
    const segment = await enc.finish();
    return { segment, deltas, pg: this.o.kind === 'postgres' ? await preparePg(segment, deltas, yieldToLoop) : null };
  }

  /** Writes a prepared batch and its rollups in one transaction. */
  private async write(p: Prepared): Promise<void> {
    if (p.segment.events === 0) return;
    const h = this.o.kind === 'sqlite' ? this.o.sqlite : null;
    if (h && this.o.analyticsFile) await (this.writer ??= new SqliteWriter(this.o.analyticsFile)).write(p.segment, p.deltas);
    // Holding Kysely's (single) connection keeps every Kysely transaction off the handle meanwhile.
    else if (h) await this.o.db.connection().execute(async () => writeEventsSqlite(h, p.segment, p.deltas));
    else if (p.pg && this.o.pgPool) await writeEventsPg(this.o.pgPool, p.pg);
    else await this.o.db.transaction().execute((trx) => writeEvents(trx, this.o.kind, p));
  }

  /**
   * Completes what callers left to the flush: hold details, order lines, the launch's store and
   * start. Complete events pass through as they are.
   */
  private async resolve(batch: Buffered[]): Promise<StoredEvent[]> {
    const pending: Pending[] = [];
    for (const e of batch) if ('pending' in e) pending.push(e);
    if (pending.length === 0) return batch as StoredEvent[];
    const db = this.o.db;
    const holdIds = [...new Set(pending.filter((e) => e.hold_id && (!e.sku_id || e.units === undefined)).map((e) => e.hold_id!))];
    const holds = new Map<string, Database['holds']>();
    for (let i = 0; i < holdIds.length; i += 500) {
      for (const h of await db.selectFrom('holds').selectAll().where('id', 'in', holdIds.slice(i, i + 500)).execute()) holds.set(h.id, h);
    }
    const orderIds = [...new Set(pending.filter((e) => (e.type === 'order_paid' || e.type === 'order_refunded') && e.order_id && !e.sku_id).map((e) => e.order_id!))];
    const lines = new Map<string, Array<{ sku_id: string; product_id: string; unit_price_minor: number; quantity: number }>>();
    for (let i = 0; i < orderIds.length; i += 500) {
      const rows = await db.selectFrom('order_items').select(['order_id', 'sku_id', 'product_id', 'unit_price_minor', 'quantity']).where('order_id', 'in', orderIds.slice(i, i + 500)).orderBy('order_id').orderBy('sku_id').execute();
      for (const r of rows) {
        let l = lines.get(r.order_id);
        if (!l) lines.set(r.order_id, (l = []));
        l.push(r);
      }
    }
    const launchOf = (e: Pending) => {
      const h = e.hold_id ? holds.get(e.hold_id) : undefined;
      return e.launch_id ?? h?.launch_id ?? null;
    };
    const needLaunch = new Set<string>();
    for (const e of pending) {
      const launchId = launchOf(e);
      if (launchId && !this.launches.has(launchId) && (!e.store_id || (SELLOUT_TYPES.has(e.type) && e.starts_at === null))) needLaunch.add(launchId);
    }
    const needed = [...needLaunch];
    for (let i = 0; i < needed.length; i += 500) {
      for (const l of await db.selectFrom('launches').select(['id', 'store_id', 'starts_at']).where('id', 'in', needed.slice(i, i + 500)).execute()) {
        if (this.launches.size >= LAUNCH_CACHE_MAX) this.launches.clear();
        this.launches.set(l.id, { storeId: l.store_id, startsAt: l.starts_at });
      }
    }

    const out: StoredEvent[] = [];
    for (const x of batch) {
      if (!('pending' in x)) {
        out.push(x);
        continue;
      }
      const e = x;
      const h = e.hold_id ? holds.get(e.hold_id) : undefined;
      let buyer = e.buyer;
      let device = e.device;
      let channel = e.channel;
      if (!buyer && h) {
        const b = this.buyerOf(h.buyer_id);
        buyer = b.pseudonym;
        if (b.device && !device) {
          device = b.device;
          channel = b.channel;
        }
      }
      const launchId = launchOf(e);
      const launch = launchId ? this.launches.get(launchId) : undefined;
      const storeId = e.store_id ?? launch?.storeId;
      if (!storeId) {
        this.counts.unresolved++;
        continue;
      }
      const startsAt = e.starts_at ?? launch?.startsAt ?? null;
      const base: StoredEvent = {
        at: e.at,
        type: e.type,
        store_id: storeId,
        product_id: e.product_id,
        sku_id: e.sku_id ?? h?.sku_id ?? null,
        launch_id: launchId,
        order_id: e.order_id ?? h?.order_id ?? null,
        buyer,
        device: device ?? 'unknown',
        channel: channel ?? 'unknown',
        region: e.region,
        units: e.units ?? h?.quantity ?? 0,
        amount_minor: e.amount_minor ?? (h ? h.price_minor * h.quantity : 0),
        currency: e.currency ?? h?.currency ?? null,
        reason: e.reason,
        wait_ms: e.wait_ms,
        since_start_ms: launchId && SELLOUT_TYPES.has(e.type) && startsAt !== null ? e.at - startsAt : null,
      };
      const orderLines = e.order_id && !e.sku_id && (e.type === 'order_paid' || e.type === 'order_refunded') ? lines.get(e.order_id) : undefined;
      if (orderLines && orderLines.length > 0) {
        for (const l of orderLines) out.push({ ...base, sku_id: l.sku_id, product_id: l.product_id, units: l.quantity, amount_minor: l.unit_price_minor * l.quantity });
      } else out.push(base);
    }
    return out;
  }
}

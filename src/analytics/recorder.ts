/**
 * The analytics recorder: `record(event)` is synchronous and never touches the database, so
 * the reservation path pays a microsecond or two for it. Events are appended column by column
 * to the open batch (`columns.ts`); a batch is sealed at `batchSize` events (an order's lines
 * kept together) or every `flushIntervalMs`, completed where a caller left something to look
 * up (a hold, an order's lines, a launch's start), and handed to the analytics thread, which
 * folds the rollups and writes them with the raw log in one transaction. If the database is
 * down, sealed batches wait and are tried again in order; past `maxBuffer` events the oldest
 * batches are dropped and counted. `stop()` writes what is left.
 *
 * Buyers are stored as pseudonyms only: an HMAC of the user id under a secret kept in the
 * settings table (shared by every app process, so one buyer is one pseudonym everywhere).
 */
import { regionKey } from '../regions/service.js';
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Hold, Order, OrderStatus } from '../db/schema.js';
import type { EngineKind, PgConnection } from '../db/engine.js';
import type { Clock } from '../shared/clock.js';
import type { AnalyticsEventType, AnalyticsInput, Channel, DeviceClass, StoredEvent } from './events.js';
import { ColumnsBuilder, columnsOf, type EventColumns } from './columns.js';
import { SELLOUT_TYPES } from './rollups.js';
import { AnalyticsThread, KyselyWriter, type BatchWriter } from './writer.js';

/** What the recorder needs: the database, the clock and the pseudonym secret, plus its limits. */
export interface RecorderOptions {
  db: Kysely<Database>;
  kind: EngineKind;
  /**
   * SQLite: the analytics file (`StorageEngine.analyticsFile`). With it (or `pgConnection`),
   * batches are folded and written by the analytics thread, on a connection of its own; without
   * either, in this thread through `db`.
   */
  analyticsFile?: string | null;
  /** PostgreSQL: the connection settings behind `db` (`StorageEngine.pgConnection`), for the analytics thread. */
  pgConnection?: PgConnection | null;
  /** Where batches go, when not the analytics thread or Kysely (chosen from the options above). */
  writer?: BatchWriter;
  clock: Clock;
  /** HMAC key of buyer pseudonyms (from the settings table). */
  secret: string;
  log?: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void };
  /** Flush at least this often (default 250 ms). */
  flushIntervalMs?: number;
  /**
   * Seal a batch at this many events and write it at once; also about the most one transaction
   * writes (default 25,000: under a light load a batch holds what 250 ms gathered, under a
   * heavy one large transactions, whose rollup rows merge and share index pages, keep up. In
   * bench:analytics at 10M events, 50,000 took 23 % more CPU on PostgreSQL for 8 % less
   * throughput, though at 2M it was faster).
   */
  batchSize?: number;
  /** The most events kept while the database is unreachable; beyond, the oldest batches are dropped (default 200,000: about 30 MB). */
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
  /** Events recorded and not yet stored (open, sealed, or being written). */
  buffered: number;
  /** Of those, the events not yet handed to the writer (the backlog). */
  waiting: number;
}

/**
 * An event the flush must still complete (a hold, an order's lines or a launch to read). Its
 * fields are named as stored; `undefined` units or amount mean "not given" (the hold says).
 */
interface Pending {
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

/**
 * A batch on its way: its complete events as columns, plus those still to complete (appended
 * when it is resolved). Once resolved, `columns` is what is written (and written again after
 * a failure, unchanged).
 */
interface Batch {
  builder: ColumnsBuilder | null;
  pending: Pending[];
  columns: EventColumns | null;
  /** Events recorded into it (an order's lines may be more once resolved). */
  inputs: number;
  /** Its place in the order of batches (failed batches are tried again in this order). */
  seq: number;
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

/** Buffers analytics events off the hot path and writes them, with their rollups, in batches. */
export class AnalyticsRecorder {
  /** Batches made so far (the next one's `seq`). */
  private batches = 0;
  /** The batch being recorded into. */
  private open: Batch = this.newBatch(1024);
  /** Sealed batches waiting to be written, oldest first (failed ones go back to the front). */
  private sealed: Batch[] = [];
  /** Events recorded and not yet stored or dropped. */
  private buffered = 0;
  /** Of those, the events of the batches being written. */
  private writing = 0;
  /** The last event recorded into the open batch: another line of its order stays in the batch. */
  private lastOrder: string | null = null;
  private lastType: AnalyticsEventType | null = null;
  /** Batches handed to the writer and not yet answered. */
  private inFlight = 0;
  /** Set by a failed write: nothing more is sent until the next `flush()` (the timer's, or a caller's). */
  private blocked = false;
  /** Batches whose write failed, and the first error, while others are still in flight. */
  private failedBatches: Batch[] = [];
  private failure: unknown = null;
  /** Callers of `flush()` waiting for the queue to empty (or a failure). */
  private idleWaiters: Array<() => void> = [];
  /** A full open batch is to be sealed on the next turn (unless sealed before). */
  private sealSoon = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastErrorLogAt = 0;
  /** Per recent buyer (by user id): the pseudonym, and the last device and channel seen, for events no request carries (webhooks, sweeps). */
  private readonly buyers = new RecentMap<string, BuyerInfo>(BUYER_CACHE_MAX);
  private readonly launches = new Map<string, { storeId: string; startsAt: number }>();
  private readonly counts = { recorded: 0, stored: 0, dropped: 0, unresolved: 0, flushes: 0, failures: 0 };
  private writer: BatchWriter | null = null;
  readonly flushIntervalMs: number;
  readonly batchSize: number;
  readonly maxBuffer: number;

  constructor(private readonly o: RecorderOptions) {
    this.flushIntervalMs = o.flushIntervalMs ?? RECORDER_DEFAULTS.flushIntervalMs;
    this.batchSize = o.batchSize ?? RECORDER_DEFAULTS.batchSize;
    this.maxBuffer = o.maxBuffer ?? RECORDER_DEFAULTS.maxBuffer;
  }

  private newBatch(capacity: number): Batch {
    return { builder: new ColumnsBuilder(capacity), pending: [], columns: null, inputs: 0, seq: this.batches++ };
  }

  /** The recorder's counters right now. */
  get stats(): RecorderStats {
    return { ...this.counts, buffered: this.buffered, waiting: this.buffered - this.writing };
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
      if (this.buffered > 0) this.kick();
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes everything still buffered (a few tries if the database is slow). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (let i = 0; i < 3 && this.buffered > 0; i++) await this.flush();
    await this.writer?.close();
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
      // A full batch is sealed, unless this is another line of the order just recorded.
      if (this.open.inputs >= this.batchSize && !(orderId !== null && orderId === this.lastOrder && type === this.lastType)) {
        this.seal();
        this.pump();
      }
      const batch = this.open;
      // Complete already unless the flush must read something: the hold (when its SKU or units
      // are not given), the order's lines, or the launch (its store, or its start for the curve).
      const ready =
        storeId !== null &&
        (holdId === null || (skuId !== null && input.units !== undefined)) &&
        !(orderId !== null && skuId === null && (type === 'order_paid' || type === 'order_refunded')) &&
        !(sellout && startsAt === null);
      if (ready) {
        batch.builder!.push(
          at,
          type,
          storeId,
          input.productId ?? null,
          skuId,
          launchId,
          orderId,
          buyer,
          device ?? 'unknown',
          channel ?? 'unknown',
          input.region ?? null,
          input.currency ?? null,
          input.reason ?? null,
          input.units ?? 0,
          input.amountMinor ?? 0,
          input.waitMs ?? null,
          sellout ? at - startsAt! : null,
        );
      } else {
        batch.pending.push({
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
        });
      }
      batch.inputs++;
      this.buffered++;
      this.lastOrder = orderId;
      this.lastType = type;
      if (this.buffered > this.maxBuffer) this.dropOldest();
      if (batch.inputs >= this.batchSize && !this.sealSoon && !this.stopped) {
        // Sealed on the next turn if nothing seals it before: the lines of an order being
        // recorded now stay in this batch.
        this.sealSoon = true;
        setImmediate(() => {
          this.sealSoon = false;
          if (this.open === batch) {
            this.seal();
            this.pump();
          }
        });
      }
    } catch (err) {
      this.o.log?.error({ err }, 'analytics record failed');
    }
  }

  /** Seals the open batch (if it holds anything): it queues for the next write. */
  private seal(): void {
    if (this.open.inputs === 0) return;
    this.sealed.push(this.open);
    this.open = this.newBatch(Math.min(this.batchSize, 65_536));
    this.lastOrder = null;
    this.lastType = null;
  }

  /** Drops the oldest waiting batches while more than `maxBuffer` events are kept. */
  private dropOldest(): void {
    while (this.buffered > this.maxBuffer) {
      if (this.sealed.length === 0) this.seal();
      const oldest = this.sealed.shift();
      if (!oldest) return;
      this.buffered -= oldest.inputs;
      this.counts.dropped += oldest.inputs;
    }
  }

  /** Records the analytics event of an order's move (paid, shipped, delivered, refunded); other moves record nothing. */
  recordOrder(order: Order, to: OrderStatus): void {
    const type = ORDER_EVENTS[to];
    if (!type) return;
    let region: string | null = null;
    try {
      // The province's division code; older addresses' free text as the province it names, if any.
      const a = JSON.parse(order.address_json) as { provinceCode?: unknown; province?: unknown };
      if (typeof a.provinceCode === 'string' && /^\d{6}$/.test(a.provinceCode)) region = a.provinceCode;
      else if (typeof a.province === 'string' && a.province.trim()) region = regionKey(a.province.trim().slice(0, 60));
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

  /** The writer batches go to: the analytics thread when the engine allows, else Kysely in this thread. */
  private get out(): BatchWriter {
    if (this.writer) return this.writer;
    if (this.o.writer) return (this.writer = this.o.writer);
    const { kind, analyticsFile, pgConnection } = this.o;
    if (kind === 'sqlite' && analyticsFile) this.writer = new AnalyticsThread({ kind: 'sqlite', file: analyticsFile });
    else if (kind === 'postgres' && pgConnection) this.writer = new AnalyticsThread({ kind: 'postgres', ...pgConnection });
    else this.writer = new KyselyWriter(this.o.db, kind);
    return this.writer;
  }

  /**
   * Writes everything recorded so far (and what is sealed meanwhile); resolves when the queue
   * is empty, or when a write failed (the batches not written then wait for the next flush).
   */
  flush(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.kick();
    return idle;
  }

  /** Seals the open batch and sends what is sealed (trying again what failed before). */
  private kick(): void {
    this.seal();
    this.blocked = false;
    this.pump();
    this.settleIfIdle();
  }

  /**
   * Hands sealed batches to the writer, oldest first, while it takes more (`depth`: the thread
   * folds the next while one is written). Called when a batch is sealed and when a write ends,
   * so the writer never waits for a batch that is ready.
   */
  private pump(): void {
    if (this.blocked) return;
    const writer = this.out;
    while (this.sealed.length > 0 && this.inFlight < writer.depth) {
      const batch = this.sealed.shift()!;
      this.inFlight++;
      this.writing += batch.inputs;
      const written = (batch.columns ? Promise.resolve(batch.columns) : this.complete(batch)).then(async (columns) => {
        await writer.write(columns);
        return columns;
      });
      written
        .then(
          (columns) => {
            this.counts.stored += columns.n;
            this.counts.flushes++;
            this.buffered -= batch.inputs;
          },
          (err: unknown) => {
            // Nothing more is sent; what failed waits for the next flush, at the front, in its order.
            this.blocked = true;
            this.failure ??= err;
            this.failedBatches.push(batch);
          },
        )
        .finally(() => {
          this.inFlight--;
          this.writing -= batch.inputs;
          this.pump();
          this.settleIfIdle();
        });
    }
  }

  /** Once nothing is in flight: failed batches go back to the queue, and `flush()` callers are answered if it is empty or blocked. */
  private settleIfIdle(): void {
    if (this.inFlight > 0) return;
    if (this.failedBatches.length > 0) this.failed(this.failure, this.failedBatches.splice(0));
    this.failure = null;
    if (this.sealed.length > 0 && !this.blocked) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** A batch's events as written: its pending events completed and appended (once; kept for retries). */
  private async complete(batch: Batch): Promise<EventColumns> {
    const builder = batch.builder!;
    if (batch.pending.length > 0) {
      for (const e of await this.resolve(batch.pending)) builder.add(e);
      batch.pending = [];
    }
    batch.builder = null;
    return (batch.columns = builder.finish());
  }

  /** Failed batches go back to the front of the queue, oldest first (within `maxBuffer`), for the next flush. */
  private failed(err: unknown, batches: Batch[]): void {
    this.counts.failures++;
    this.sealed.unshift(...batches.sort((a, b) => a.seq - b.seq));
    this.dropOldest();
    const now = Date.now();
    if (now - this.lastErrorLogAt > 10_000) {
      this.lastErrorLogAt = now;
      this.o.log?.error({ err, buffered: this.buffered, dropped: this.counts.dropped }, 'analytics flush failed; events kept for the next try');
    }
  }

  /**
   * Writes already complete events straight to the log and the rollups (one transaction per
   * `batchSize`, an order's lines kept together): the bulk path of imports and benchmarks, and
   * the check of property tests.
   */
  async writeStored(events: readonly StoredEvent[]): Promise<void> {
    const writer = this.out;
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; i < events.length; ) {
      let end = Math.min(events.length, i + this.batchSize);
      while (end < events.length && sameOrder(events[end - 1]!, events[end]!)) end++;
      const columns = columnsOf(events, i, end);
      i = end;
      const done = writer.write(columns).then(() => void (this.counts.stored += columns.n));
      done.catch(() => undefined); // seen where it is awaited
      inFlight.push(done);
      if (inFlight.length >= writer.depth) await inFlight.shift();
    }
    for (const done of inFlight) await done;
  }

  /**
   * Completes what callers left to the flush: hold details, order lines, the launch's store and
   * start. An event whose store cannot be found is counted as unresolved and left out.
   */
  private async resolve(pending: Pending[]): Promise<StoredEvent[]> {
    const db = this.o.db;
    const holdIds = [...new Set(pending.filter((e) => e.hold_id && (!e.sku_id || e.units === undefined)).map((e) => e.hold_id!))];
    const holds = new Map<string, Hold>();
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
    for (const e of pending) {
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

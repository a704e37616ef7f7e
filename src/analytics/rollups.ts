/**
 * Rollups kept incrementally: a batch of complete events is folded in memory into one delta
 * per rollup key (`computeDeltas`, pure), then written with the raw events in one transaction:
 * upserts of the form `x = x + excluded.x`, which both engines run. Keys are sorted so
 * concurrent flushes on PostgreSQL take row locks in the same order (and each index page is
 * visited once). Distinct counts that must stay exact over any range (funnel buyers) go
 * through a membership table; device-mix buyers through sketches.
 *
 * Writers: `writeEvents` here runs on any Kysely transaction (multi-row statements chunked
 * under SQLite's parameter limit, unnest() arrays on PostgreSQL); `rollups-sqlite.ts` and
 * `rollups-pg.ts` are the fast paths on the raw driver handles, used when the recorder has them.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EngineKind } from '../db/engine.js';
import { bulkInsert, lockForUpdate, type BulkColumn, type BulkConflict } from '../db/dialect.js';
import { FUNNEL_STEPS, GRAINS, waitBucket, type AnalyticsEventType, type Grain, type StoredEvent } from './events.js';
import { BuyerSketch, sketchHash } from './sketch.js';
import { encodeSegment, type SegmentRow } from './segments.js';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_PARAMS = 30_000;

/** Event types that are the buyer's own doing: they count the buyer as active in the device mix. */
export const BUYER_ACTIONS: ReadonlySet<AnalyticsEventType> = new Set<AnalyticsEventType>([
  'product_viewed',
  'launch_registered',
  'queue_joined',
  'hold_created',
  'hold_refused',
  'payment_succeeded',
  'order_paid',
]);

/** Event types that move units on a launch's sell-out curve. */
export const SELLOUT_TYPES: ReadonlySet<AnalyticsEventType> = new Set<AnalyticsEventType>(['hold_created', 'payment_succeeded', 'hold_expired', 'hold_cancelled']);

/** The counters of a sales row. */
export const SALES_ADDS = ['views', 'orders', 'units', 'revenue_minor', 'refunds', 'refunded_units', 'refunded_minor', 'shipped', 'delivered'] as const;

/** Everything one batch adds to the rollups. */
export interface Deltas {
  sales: Array<Database['analytics_sales']>;
  regions: Array<Database['analytics_regions']>;
  devices: Array<Database['analytics_devices']>;
  /** Sketch key → the batch's buyer hashes. */
  sketches: Array<{ scope: string; scope_id: string; day: number; device: string; hashes: Set<string> }>;
  funnel: Array<Database['analytics_funnel_buyers']>;
  counters: Array<Database['analytics_launch_counters']>;
  sellout: Array<Database['analytics_sellout']>;
  waits: Array<Database['analytics_waits']>;
}

const K = '\u0001';

/**
 * Distinct orders per rollup row within a batch (an order's lines add one order to each row
 * they touch). An order's lines usually come together, so a row's `last` order settles most
 * checks; the rows each order was already counted in settle the rest.
 */
class OrderCounter {
  private readonly rowsOf = new Map<string, object[]>();
  private order: string | null = null;
  private rows: object[] = [];
  /** Starts an event of `order`. */
  begin(order: string): void {
    if (order === this.order) return;
    this.order = order;
    let rows = this.rowsOf.get(order);
    if (rows === undefined) this.rowsOf.set(order, (rows = []));
    this.rows = rows;
  }
  /** True the first time the current order reaches `row` (whose last counted order is `last`). */
  first(row: object, last: string | null): boolean {
    if (last === this.order) return false;
    if (this.rows.length > 0 && this.rows.includes(row)) return false;
    this.rows.push(row);
    return true;
  }
}

type SalesRow = Database['analytics_sales'] & { lastPaid: string | null; lastRefund: string | null };
type RegionRow = Database['analytics_regions'] & { lastPaid: string | null };
type DeviceRow = Database['analytics_devices'] & { lastPaid: string | null };

const GRAIN_LIST = Object.keys(GRAINS) as Grain[];
const GRAIN_MS = GRAIN_LIST.map((g) => GRAINS[g]);
const DAY_MS = GRAINS.day;
const STEP_OF = new Map<AnalyticsEventType, string>(FUNNEL_STEPS.map((s) => [s.event, s.step]));

/** Gets a map's entry, creating it with `make` when missing. */
function child<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

/** The sales rows of one (store, SKU or '', launch, currency) at every grain, by bucket. */
class SalesSeries {
  private readonly rows = new Map<number, SalesRow>();
  private readonly lastIdx = [NaN, NaN, NaN];
  private readonly lastRow: Array<SalesRow | null> = [null, null, null];
  constructor(
    private readonly out: SalesRow[],
    private readonly store: string,
    private readonly sku: string,
    private readonly launch: string,
    private readonly cur: string,
  ) {}
  at(g: number, at: number): SalesRow {
    const ms = GRAIN_MS[g]!;
    const idx = Math.floor(at / ms);
    if (idx === this.lastIdx[g]) return this.lastRow[g]!;
    const key = idx * 3 + g;
    let r = this.rows.get(key);
    if (r === undefined) {
      r = { store_id: this.store, grain: GRAIN_LIST[g]!, sku_id: this.sku, bucket_start: idx * ms, launch_id: this.launch, currency: this.cur, views: 0, orders: 0, units: 0, revenue_minor: 0, refunds: 0, refunded_units: 0, refunded_minor: 0, shipped: 0, delivered: 0, lastPaid: null, lastRefund: null };
      this.rows.set(key, r);
      this.out.push(r);
    }
    this.lastIdx[g] = idx;
    this.lastRow[g] = r;
    return r;
  }
}

/** What one (store, launch, currency) accumulates. */
interface Dim {
  all: SalesSeries;
  skus: Map<string, SalesSeries>;
  regions: Map<string, Map<number, RegionRow>>;
}

/** What one (store, launch) accumulates. */
interface StoreLaunch {
  byCurrency: Map<string, Dim>;
  devices: Map<string, Map<number, DeviceRow>>;
}

type SketchDelta = Deltas['sketches'][number];
/** One scope id's sketch deltas: by device (its index in the batch), then by day. */
type SketchSlots = Array<Map<number, SketchDelta> | undefined>;

/** Buyer-sketch deltas of one scope, by scope id, device and day. */
class SketchScope {
  private readonly byId = new Map<string, SketchSlots>();
  constructor(
    private readonly out: SketchDelta[],
    readonly scope: string,
  ) {}
  /** The deltas of one scope id. */
  of(scopeId: string): SketchSlots {
    let slots = this.byId.get(scopeId);
    if (slots === undefined) this.byId.set(scopeId, (slots = []));
    return slots;
  }
  add(slots: SketchSlots, scopeId: string, dev: number, device: string, day: number, hash: string): void {
    let byDay = slots[dev];
    if (byDay === undefined) slots[dev] = byDay = new Map();
    let s = byDay.get(day);
    if (s === undefined) {
      byDay.set(day, (s = { scope: this.scope, scope_id: scopeId, day, device, hashes: new Set() }));
      this.out.push(s);
    }
    s.hashes.add(hash);
  }
}

/**
 * Sorts rows by their key columns, in the order of the column values (strings by code unit,
 * numbers numerically). Each column's distinct values are ranked first, so rows compare as
 * one number each: the ranks combined, with the row's index in the low digits, sorted as a
 * Float64Array (natively, no comparator) while that fits 2^53; else by comparing ranks.
 */
function sortByKey<T>(rows: T[], columns: ReadonlyArray<keyof T>): T[] {
  const n = rows.length;
  if (n < 2) return rows;
  const ranks: Uint32Array[] = [];
  const sizes: number[] = [];
  for (const c of columns) {
    // Values numbered as first seen, then renumbered in sorted order.
    const ids = new Map<unknown, number>();
    const values: Array<string | number> = [];
    const r = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i]![c];
      let id = ids.get(v);
      if (id === undefined) {
        ids.set(v, (id = values.length));
        values.push(v as string | number);
      }
      r[i] = id;
    }
    const sorted = values.map((_, i) => i).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
    const rankOf = new Uint32Array(values.length);
    for (let i = 0; i < sorted.length; i++) rankOf[sorted[i]!] = i;
    for (let i = 0; i < n; i++) r[i] = rankOf[r[i]!]!;
    ranks.push(r);
    sizes.push(values.length);
  }
  const out = new Array<T>(n);
  if (sizes.reduce((p, s) => p * s, 1) * n <= Number.MAX_SAFE_INTEGER) {
    const key = new Float64Array(n);
    for (let k = 0; k < ranks.length; k++) {
      const r = ranks[k]!;
      const s = sizes[k]!;
      for (let i = 0; i < n; i++) key[i] = key[i]! * s + r[i]!;
    }
    for (let i = 0; i < n; i++) key[i] = key[i]! * n + i;
    key.sort();
    for (let i = 0; i < n; i++) out[i] = rows[key[i]! % n]!;
    return out;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    for (const r of ranks) if (r[a] !== r[b]) return r[a]! - r[b]!;
    return 0;
  });
  for (let i = 0; i < n; i++) out[i] = rows[order[i]!]!;
  return out;
}

/** Folds a batch of complete events into rollup deltas (pure); `sortKeys` orders every list by its key. */
export function computeDeltas(events: readonly StoredEvent[], sortKeys = true): Deltas {
  const folder = deltaFolder();
  folder.fold(events, 0, events.length);
  return folder.finish(sortKeys);
}

/** Events folded between two pauses of `computeDeltasPaced` (a few milliseconds of work). */
const PACED_SLICE = 2048;

/**
 * `computeDeltas` (sorted keys) in slices, awaiting `pause()` between them, so that a write in
 * flight gets its replies while the next batch is folded (the result is the same).
 */
export async function computeDeltasPaced(events: readonly StoredEvent[], pause: () => Promise<unknown>, slice = PACED_SLICE): Promise<Deltas> {
  const folder = deltaFolder();
  for (let i = 0; i < events.length; i += slice) {
    folder.fold(events, i, Math.min(events.length, i + slice));
    await pause();
  }
  return folder.finish(true);
}

/**
 * The fold of one batch: `fold` takes the batch's events in order (in one call or in slices:
 * an order's lines may straddle two), `finish` gives the deltas.
 */
function deltaFolder(): { fold(events: readonly StoredEvent[], from: number, to: number): void; finish(sortKeys: boolean): Deltas } {
  const sales: SalesRow[] = [];
  const regions: RegionRow[] = [];
  const devices: DeviceRow[] = [];
  const sketches: Deltas['sketches'] = [];
  const dims = new Map<string, Map<string, StoreLaunch>>();
  const storeSketches = new SketchScope(sketches, 'store');
  const platformSketches = new SketchScope(sketches, 'platform');
  const launchSketches = new SketchScope(sketches, 'launch');
  const funnel = new Map<string, Map<string, Set<string>>>();
  const counters = new Map<string, Map<string, Database['analytics_launch_counters']>>();
  const sellout = new Map<string, Map<number, Database['analytics_sellout']>>();
  const waits = new Map<string, Map<number, Database['analytics_waits']>>();

  const countersOf = (launchId: string) => child(counters, launchId, () => new Map<string, Database['analytics_launch_counters']>());
  const count = (c: Map<string, Database['analytics_launch_counters']>, launchId: string, metric: string, by: number) => {
    const r = c.get(metric);
    if (r) r.value += by;
    else c.set(metric, { launch_id: launchId, metric, value: by });
  };
  const storeLaunchOf = (store: string, launch: string): StoreLaunch =>
    child(child(dims, store, () => new Map<string, StoreLaunch>()), launch, () => ({ byCurrency: new Map(), devices: new Map() }));
  const dimOf = (sl: StoreLaunch, store: string, launch: string, cur: string): Dim =>
    child(sl.byCurrency, cur, () => ({ all: new SalesSeries(sales, store, '', launch, cur), skus: new Map(), regions: new Map() }));

  const paidOrders = new OrderCounter();
  const refundedOrders = new OrderCounter();
  const hashes = new Map<string, string>();
  const deviceIndex = new Map<string, number>();
  const platformSlots = platformSketches.of('');
  let storeSlots: SketchSlots = [];
  let launchSlots: SketchSlots = [];
  // The last (store, launch, currency) seen: consecutive events mostly share it.
  let lastStore: string | null = null;
  let lastLaunch: string | null = null;
  let lastCur: string | null = null;
  let sl: StoreLaunch | null = null;
  let dim: Dim | null = null;
  const fold = (events: readonly StoredEvent[], from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const e = events[i]!;
      const launch = e.launch_id ?? '';
      const cur = e.currency ?? '';
      const store = e.store_id;
      const at = e.at;
      if (store !== lastStore || launch !== lastLaunch || cur !== lastCur) {
        lastStore = store;
        lastLaunch = launch;
        lastCur = cur;
        sl = storeLaunchOf(store, launch);
        dim = dimOf(sl, store, launch, cur);
        storeSlots = storeSketches.of(store);
        launchSlots = launchSketches.of(launch);
      }
      const d = dim!;
      switch (e.type) {
        case 'product_viewed':
          for (let g = 0; g < 3; g++) d.all.at(g, at).views++;
          break;
        case 'order_paid':
        case 'order_refunded': {
          const paid = e.type === 'order_paid';
          const order = e.order_id;
          const sku = e.sku_id;
          const skuSeries = sku ? child(d.skus, sku, () => new SalesSeries(sales, store, sku, launch, cur)) : null;
          if (order !== null) (paid ? paidOrders : refundedOrders).begin(order);
          for (let g = 0; g < 3; g++) {
            for (let k = 0; k < 2; k++) {
              const series = k === 0 ? d.all : skuSeries;
              if (series === null) continue;
              const row = series.at(g, at);
              if (paid) {
                if (order !== null && paidOrders.first(row, row.lastPaid)) {
                  row.orders++;
                  row.lastPaid = order;
                }
                row.units += e.units;
                row.revenue_minor += e.amount_minor;
              } else {
                if (order !== null && refundedOrders.first(row, row.lastRefund)) {
                  row.refunds++;
                  row.lastRefund = order;
                }
                row.refunded_units += e.units;
                row.refunded_minor += e.amount_minor;
              }
            }
          }
          if (paid) {
            const dayIdx = Math.floor(at / DAY_MS);
            const region = e.region ?? 'unknown';
            const byDay = child(d.regions, region, () => new Map<number, RegionRow>());
            let r = byDay.get(dayIdx);
            if (r === undefined) {
              byDay.set(dayIdx, (r = { store_id: store, day: dayIdx * DAY_MS, region, launch_id: launch, currency: cur, orders: 0, units: 0, revenue_minor: 0, lastPaid: null }));
              regions.push(r);
            }
            if (order !== null && paidOrders.first(r, r.lastPaid)) {
              r.orders++;
              r.lastPaid = order;
            }
            r.units += e.units;
            r.revenue_minor += e.amount_minor;
            const devDays = child(sl!.devices, e.device, () => new Map<number, DeviceRow>());
            let dv = devDays.get(dayIdx);
            if (dv === undefined) {
              devDays.set(dayIdx, (dv = { store_id: store, day: dayIdx * DAY_MS, device: e.device, launch_id: launch, transactions: 0, units: 0, lastPaid: null }));
              devices.push(dv);
            }
            if (order !== null && paidOrders.first(dv, dv.lastPaid)) {
              dv.transactions++;
              dv.lastPaid = order;
            }
            dv.units += e.units;
          }
          break;
        }
        case 'order_shipped':
          for (let g = 0; g < 3; g++) d.all.at(g, at).shipped++;
          break;
        case 'order_delivered':
          for (let g = 0; g < 3; g++) d.all.at(g, at).delivered++;
          break;
        case 'hold_created':
          if (launch) {
            const c = countersOf(launch);
            count(c, launch, 'holds', 1);
            count(c, launch, 'held_units', e.units);
          }
          break;
        case 'hold_refused':
          if (launch) {
            const c = countersOf(launch);
            count(c, launch, 'refused', 1);
            count(c, launch, `refused:${e.reason ?? 'UNKNOWN'}`, 1);
          }
          break;
        case 'payment_succeeded':
          if (launch) {
            const c = countersOf(launch);
            count(c, launch, 'paid', 1);
            count(c, launch, 'paid_units', e.units);
            count(c, launch, 'paid_minor', e.amount_minor);
          }
          break;
        case 'hold_expired':
        case 'hold_cancelled':
          if (launch) {
            const c = countersOf(launch);
            const expired = e.type === 'hold_expired';
            count(c, launch, expired ? 'expired' : 'cancelled', 1);
            count(c, launch, expired ? 'expired_units' : 'cancelled_units', e.units);
          }
          break;
        case 'admitted':
          if (launch) {
            const c = countersOf(launch);
            count(c, launch, 'admitted', 1);
            if (e.wait_ms !== null) {
              count(c, launch, 'wait_ms_sum', e.wait_ms);
              const b = waitBucket(e.wait_ms);
              const byBucket = child(waits, launch, () => new Map<number, Database['analytics_waits']>());
              const w = byBucket.get(b);
              if (w) w.admitted++;
              else byBucket.set(b, { launch_id: launch, bucket: b, admitted: 1 });
            }
          }
          break;
        case 'launch_registered':
        case 'queue_joined':
          break;
      }
      if (launch && e.since_start_ms !== null && SELLOUT_TYPES.has(e.type)) {
        const second = Math.floor(e.since_start_ms / 1000);
        const bySecond = child(sellout, launch, () => new Map<number, Database['analytics_sellout']>());
        let s = bySecond.get(second);
        if (!s) bySecond.set(second, (s = { launch_id: launch, second, held_units: 0, paid_units: 0, released_units: 0 }));
        if (e.type === 'hold_created') s.held_units += e.units;
        else if (e.type === 'payment_succeeded') s.paid_units += e.units;
        else s.released_units += e.units;
      }
      const buyer = e.buyer;
      if (buyer) {
        const step = STEP_OF.get(e.type);
        if (step !== undefined && launch) child(child(funnel, launch, () => new Map<string, Set<string>>()), step, () => new Set<string>()).add(buyer);
        if (BUYER_ACTIONS.has(e.type)) {
          let h = hashes.get(buyer);
          if (h === undefined) hashes.set(buyer, (h = sketchHash(buyer)));
          const day = Math.floor(at / DAY_MS) * DAY_MS;
          const device = e.device;
          let dev = deviceIndex.get(device);
          if (dev === undefined) deviceIndex.set(device, (dev = deviceIndex.size));
          storeSketches.add(storeSlots, store, dev, device, day, h);
          platformSketches.add(platformSlots, '', dev, device, day, h);
          if (launch) launchSketches.add(launchSlots, launch, dev, device, day, h);
        }
      }
    }
  };

  const finish = (sortKeys: boolean): Deltas => {
    const funnelRows: Deltas['funnel'] = [];
    for (const [launchId, steps] of funnel) for (const [step, buyers] of steps) for (const buyer of buyers) funnelRows.push({ launch_id: launchId, step, buyer });
    const flat = <T>(m: Map<string, Map<unknown, T>>): T[] => [...m.values()].flatMap((x) => [...x.values()]);
    const counterRows = flat(counters);
    const selloutRows = flat(sellout);
    const waitRows = flat(waits);
    if (!sortKeys) return { sales, regions, devices, sketches, funnel: funnelRows, counters: counterRows, sellout: selloutRows, waits: waitRows };
    // Sorted by key (PostgreSQL locks rows in this order: concurrent flushes then never deadlock).
    // The fold's bookkeeping (last orders) rides along on the rows: writers read only the columns.
    return {
      // Sales by grain first: a batch's day rows (what the longest ranges read) are written side
      // by side, so they share table pages instead of lying among the minute rows.
      sales: sortByKey(sales, ['grain', 'store_id', 'bucket_start', 'sku_id', 'launch_id', 'currency']),
      regions: sortByKey(regions, ['store_id', 'day', 'region', 'launch_id', 'currency']),
      devices: sortByKey(devices, ['store_id', 'day', 'device', 'launch_id']),
      sketches: sortByKey(sketches, ['scope', 'scope_id', 'day', 'device']),
      funnel: sortByKey(funnelRows, ['launch_id', 'step', 'buyer']),
      counters: sortByKey(counterRows, ['launch_id', 'metric']),
      sellout: sortByKey(selloutRows, ['launch_id', 'second']),
      waits: sortByKey(waitRows, ['launch_id', 'bucket']),
    };
  };
  return { fold, finish };
}

/**
 * The batch's launch counters by key, ready to take the buyers the write finds new to a
 * funnel step (`countNewBuyer`): funnel counters count only buyers new to a step.
 */
export function launchCounters(d: Deltas): Map<string, Database['analytics_launch_counters']> {
  return new Map(d.counters.map((c) => [c.launch_id + K + c.metric, { ...c }]));
}

/** Adds one buyer new to a launch's funnel step to the batch's counters. */
export function countNewBuyer(counters: Map<string, Database['analytics_launch_counters']>, launchId: string, step: string): void {
  const metric = `buyers:${step}`;
  const c = counters.get(launchId + K + metric);
  if (c) c.value++;
  else counters.set(launchId + K + metric, { launch_id: launchId, metric, value: 1 });
}

/** Runs a bulk write (see `bulkInsert` in the dialect seam); returns the rows any RETURNING gave back. */
async function bulk(trx: Kysely<any>, kind: EngineKind, table: string, columns: readonly BulkColumn[], rows: readonly object[], conflict?: BulkConflict): Promise<unknown[]> {
  const names = columns.map((c) => c.name);
  const values = rows.map((r) => names.map((n) => (r as Record<string, unknown>)[n] ?? null));
  const out: unknown[] = [];
  for (const q of bulkInsert(kind, table, columns, values, conflict)) out.push(...(await trx.executeQuery(q)).rows);
  return out;
}

/** Upserts rows that add to counters: `ON CONFLICT (keys) DO UPDATE SET c = table.c + excluded.c`. */
function upsertAdd(trx: Kysely<any>, kind: EngineKind, table: string, keys: readonly BulkColumn[], adds: readonly string[], rows: readonly object[]): Promise<unknown[]> {
  return bulk(trx, kind, table, [...keys, ...adds.map((name) => ({ name, pgType: 'bigint' as const }))], rows, { keys: keys.map((k) => k.name), add: adds });
}

const text = (name: string): BulkColumn => ({ name, pgType: 'text' });
const big = (name: string): BulkColumn => ({ name, pgType: 'bigint' });

/** Merges the batch's buyers into the stored sketches (created empty first, then locked, merged and written). */
async function mergeSketches(trx: Transaction<Database>, kind: EngineKind, items: Deltas['sketches']): Promise<void> {
  const per = 200;
  for (let i = 0; i < items.length; i += per) {
    const chunk = items.slice(i, i + per);
    await (trx as Kysely<any>)
      .insertInto('analytics_buyer_sketches')
      .values(chunk.map((s) => ({ scope: s.scope, scope_id: s.scope_id, day: s.day, device: s.device, sketch: new BuyerSketch().encode() })))
      .onConflict((oc) => oc.columns(['scope', 'scope_id', 'day', 'device']).doNothing())
      .execute();
    const existing = await lockForUpdate(
      kind,
      trx
        .selectFrom('analytics_buyer_sketches')
        .selectAll()
        .where((eb) => eb.or(chunk.map((s) => eb.and([eb('scope', '=', s.scope), eb('scope_id', '=', s.scope_id), eb('day', '=', s.day), eb('device', '=', s.device)]))))
        .orderBy('scope')
        .orderBy('scope_id')
        .orderBy('day')
        .orderBy('device'),
    ).execute();
    const stored = new Map(existing.map((r) => [[r.scope, r.scope_id, Number(r.day), r.device].join(K), r.sketch]));
    const rows = chunk.map((s) => ({ scope: s.scope, scope_id: s.scope_id, day: s.day, device: s.device, sketch: BuyerSketch.withHashes(stored.get([s.scope, s.scope_id, s.day, s.device].join(K)), s.hashes) }));
    await (trx as Kysely<any>)
      .insertInto('analytics_buyer_sketches')
      .values(rows)
      .onConflict((oc) => oc.columns(['scope', 'scope_id', 'day', 'device']).doUpdateSet({ sketch: sql`excluded.sketch` }))
      .execute();
  }
}

/** A batch made ready to write: its log segment and its rollup deltas. */
export interface Batch {
  segment: SegmentRow;
  deltas: Deltas;
}

/** Folds and encodes a batch of complete events (the fold sorted by key). */
export async function batchOf(events: readonly StoredEvent[]): Promise<Batch> {
  return { segment: await encodeSegment(events), deltas: computeDeltas(events, true) };
}

/**
 * Writes a batch: its log segment and every rollup, inside the caller's transaction, so the
 * rollups never disagree with the log. Funnel counters count only buyers new to a step.
 */
export async function writeEvents(trx: Transaction<Database>, kind: EngineKind, batch: Batch): Promise<void> {
  if (batch.segment.events === 0) return;
  const t = trx as unknown as Kysely<any>;
  await t.insertInto('analytics_event_segments').values(batch.segment).execute();
  await writeRollups(trx, kind, batch.deltas);
}

/** Adds a batch's deltas to every rollup, inside the caller's transaction (`writeEvents` without the log). */
export async function writeRollups(trx: Transaction<Database>, kind: EngineKind, d: Deltas): Promise<void> {
  // Sorted by key: PostgreSQL then locks rows in one order in concurrent flushes, and either engine visits each index page once.
  const t = trx as unknown as Kysely<any>;
  await upsertAdd(t, kind, 'analytics_sales', [text('store_id'), text('grain'), text('sku_id'), big('bucket_start'), text('launch_id'), text('currency')], SALES_ADDS, d.sales);
  await upsertAdd(t, kind, 'analytics_regions', [text('store_id'), big('day'), text('region'), text('launch_id'), text('currency')], ['orders', 'units', 'revenue_minor'], d.regions);
  await upsertAdd(t, kind, 'analytics_devices', [text('store_id'), big('day'), text('device'), text('launch_id')], ['transactions', 'units'], d.devices);
  await mergeSketches(trx, kind, d.sketches);
  const counters = launchCounters(d);
  const added = (await bulk(t, kind, 'analytics_funnel_buyers', [text('launch_id'), text('step'), text('buyer')], d.funnel, { keys: ['launch_id', 'step', 'buyer'], nothing: true, returning: ['launch_id', 'step'] })) as Array<{ launch_id: string; step: string }>;
  for (const r of added) countNewBuyer(counters, r.launch_id, r.step);
  const counterRows = [...counters.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  await upsertAdd(t, kind, 'analytics_launch_counters', [text('launch_id'), text('metric')], ['value'], counterRows);
  await upsertAdd(t, kind, 'analytics_sellout', [text('launch_id'), big('second')], ['held_units', 'paid_units', 'released_units'], d.sellout);
  await upsertAdd(t, kind, 'analytics_waits', [text('launch_id'), { name: 'bucket', pgType: 'integer' }], ['admitted'], d.waits);
}

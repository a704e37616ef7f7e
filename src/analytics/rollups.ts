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
import { EVENT_TYPES, FUNNEL_STEPS, GRAINS, waitBucket, type AnalyticsEventType, type Grain } from './events.js';
import { N, T, type EventColumns } from './columns.js';
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
  'join_refused',
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
  /** Per launch and buyer: the funnel steps (bits, see `FUNNEL_STEPS`) the batch puts them on. */
  launchBuyers: Array<{ launch_id: string; buyer: string; steps: number }>;
  counters: Array<Database['analytics_launch_counters']>;
  sellout: Array<Database['analytics_sellout']>;
  waits: Array<Database['analytics_waits']>;
}

const K = '\u0001';

/**
 * Distinct orders per rollup row within a batch (an order's lines add one order to each row
 * they touch). Orders are the batch's string ids. An order's lines usually come together, so a
 * row's `last` order settles most checks; the rows each order was already counted in settle
 * the rest.
 */
class OrderCounter {
  private readonly rowsOf = new Map<number, object[]>();
  private order = -1;
  private rows: object[] = [];
  /** Starts an event of `order`. */
  begin(order: number): void {
    if (order === this.order) return;
    this.order = order;
    let rows = this.rowsOf.get(order);
    if (rows === undefined) this.rowsOf.set(order, (rows = []));
    this.rows = rows;
  }
  /** True the first time the current order reaches `row` (whose last counted order is `last`). */
  first(row: object, last: number): boolean {
    if (last === this.order) return false;
    if (this.rows.length > 0 && this.rows.includes(row)) return false;
    this.rows.push(row);
    return true;
  }
}

/** Fold bookkeeping riding on the rows (writers read only the table's columns): the last order counted in each. */
type SalesRow = Database['analytics_sales'] & { lastPaid: number; lastRefund: number };
type RegionRow = Database['analytics_regions'] & { lastPaid: number };
type DeviceRow = Database['analytics_devices'] & { lastPaid: number };

const GRAIN_LIST = Object.keys(GRAINS) as Grain[];
const GRAIN_MS = GRAIN_LIST.map((g) => GRAINS[g]);
const DAY_MS = GRAINS.day;

/** Event types by their index in `EVENT_TYPES` (what the fold switches on). */
const TYPE_CODE = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
const code = (t: AnalyticsEventType) => TYPE_CODE.get(t)!;
const C = {
  viewed: code('product_viewed'),
  registered: code('launch_registered'),
  queued: code('queue_joined'),
  admitted: code('admitted'),
  held: code('hold_created'),
  refused: code('hold_refused'),
  joinRefused: code('join_refused'),
  paymentSucceeded: code('payment_succeeded'),
  expired: code('hold_expired'),
  cancelled: code('hold_cancelled'),
  paid: code('order_paid'),
  shipped: code('order_shipped'),
  delivered: code('order_delivered'),
  refunded: code('order_refunded'),
};
/** Per type code: moves units on the sell-out curve / is the buyer's own doing / the funnel step it puts the buyer on. */
const IS_SELLOUT = EVENT_TYPES.map((t) => SELLOUT_TYPES.has(t));
const IS_BUYER_ACTION = EVENT_TYPES.map((t) => BUYER_ACTIONS.has(t));
const STEP_BIT_OF_CODE = EVENT_TYPES.map((t) => {
  const i = FUNNEL_STEPS.findIndex((f) => f.event === t);
  return i < 0 ? 0 : 1 << i;
});

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
      r = { store_id: this.store, grain: GRAIN_LIST[g]!, sku_id: this.sku, bucket_start: idx * ms, launch_id: this.launch, currency: this.cur, views: 0, orders: 0, units: 0, revenue_minor: 0, refunds: 0, refunded_units: 0, refunded_minor: 0, shipped: 0, delivered: 0, lastPaid: -1, lastRefund: -1 };
      this.rows.set(key, r);
      this.out.push(r);
    }
    this.lastIdx[g] = idx;
    this.lastRow[g] = r;
    return r;
  }
}

/** What one (store, launch, currency) accumulates; maps keyed by the batch's string ids. */
interface Dim {
  all: SalesSeries;
  skus: Map<number, SalesSeries>;
  regions: Map<number, Map<number, RegionRow>>;
}

/** What one (store, launch) accumulates; devices keyed by the batch's string ids. */
interface StoreLaunch {
  byCurrency: Map<number, Dim>;
  devices: Map<number, Map<number, DeviceRow>>;
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

/**
 * Folds a batch of complete events into rollup deltas (pure); `sortKeys` orders every list by
 * its key. It reads the batch's columns and keys its maps by the batch's string ids: the
 * strings themselves are looked up only for the rows it makes.
 */
export function computeDeltas(c: EventColumns, sortKeys = true): Deltas {
  const str = c.strings;
  const sales: SalesRow[] = [];
  const regions: RegionRow[] = [];
  const devices: DeviceRow[] = [];
  const sketches: Deltas['sketches'] = [];
  const dims = new Map<number, Map<number, StoreLaunch>>();
  const storeSketches = new SketchScope(sketches, 'store');
  const platformSketches = new SketchScope(sketches, 'platform');
  const launchSketches = new SketchScope(sketches, 'launch');
  const funnel = new Map<number, Map<number, number>>(); // launch → buyer → step bits
  const counters = new Map<number, Map<string, Database['analytics_launch_counters']>>();
  const sellout = new Map<number, Map<number, Database['analytics_sellout']>>();
  const waits = new Map<number, Map<number, Database['analytics_waits']>>();

  // '' means "none" for a launch, SKU or currency, as null does; a missing region is 'unknown'.
  // Both spellings must land on one key, so they share one id here.
  const empty = str.indexOf('');
  const unknownRegion = str.indexOf('unknown');
  const text = (id: number) => (id < 0 ? '' : str[id]!);

  const countersOf = (launch: number) => child(counters, launch, () => new Map<string, Database['analytics_launch_counters']>());
  const count = (m: Map<string, Database['analytics_launch_counters']>, launch: number, metric: string, by: number) => {
    const r = m.get(metric);
    if (r) r.value += by;
    else m.set(metric, { launch_id: str[launch]!, metric, value: by });
  };
  const refusedMetric = new Map<number, string>();

  const paidOrders = new OrderCounter();
  const refundedOrders = new OrderCounter();
  const hashes = new Map<number, string>();
  const platformSlots = platformSketches.of('');
  const typeCode = new Int8Array(str.length).fill(-2); // -2: not looked up yet; -1: not an event type
  const deviceSlot = new Int16Array(str.length).fill(-1); // a device's index among the batch's devices (sketch slots)
  let nextDeviceSlot = 0;
  const { at: atCol, text: tc, numbers: nc } = c;
  const types = tc[T.type]!, storeCol = tc[T.store]!, skuCol = tc[T.sku]!, launchCol = tc[T.launch]!, orderCol = tc[T.order]!;
  const buyerCol = tc[T.buyer]!, deviceCol = tc[T.device]!, regionCol = tc[T.region]!, currencyCol = tc[T.currency]!, reasonCol = tc[T.reason]!;
  const unitsCol = nc[N.units]!, amountCol = nc[N.amount]!, waitCol = nc[N.waitMs]!, sinceCol = nc[N.sinceStartMs]!;

  // The last (store, launch, currency) seen: consecutive events mostly share it.
  let lastStore = -2;
  let lastLaunch = -2;
  let lastCur = -2;
  let sl: StoreLaunch | null = null;
  let d: Dim | null = null;
  let storeSlots: SketchSlots = [];
  let launchSlots: SketchSlots = [];
  for (let i = 0; i < c.n; i++) {
    const tid = types[i]!;
    let type = typeCode[tid]!;
    if (type === -2) typeCode[tid] = type = TYPE_CODE.get(str[tid]!) ?? -1;
    if (type < 0) throw new Error(`analytics: unknown event type ${JSON.stringify(str[tid])}`);
    const store = storeCol[i]!;
    let launch = launchCol[i]!;
    if (launch === empty) launch = -1;
    let cur = currencyCol[i]!;
    if (cur === empty) cur = -1;
    const at = atCol[i]!;
    if (store !== lastStore || launch !== lastLaunch || cur !== lastCur) {
      lastStore = store;
      lastLaunch = launch;
      lastCur = cur;
      const storeId = str[store]!;
      const launchId = text(launch);
      sl = child(child(dims, store, () => new Map<number, StoreLaunch>()), launch, () => ({ byCurrency: new Map(), devices: new Map() }));
      d = child(sl.byCurrency, cur, () => ({ all: new SalesSeries(sales, storeId, '', launchId, text(cur)), skus: new Map(), regions: new Map() }));
      storeSlots = storeSketches.of(storeId);
      launchSlots = launchSketches.of(launchId);
    }
    const dim = d!;
    switch (type) {
      case C.viewed:
        for (let g = 0; g < 3; g++) dim.all.at(g, at).views++;
        break;
      case C.paid:
      case C.refunded: {
        const paid = type === C.paid;
        const order = orderCol[i]!;
        let sku = skuCol[i]!;
        if (sku === empty) sku = -1;
        const units = unitsCol[i]!;
        const amount = amountCol[i]!;
        const skuSeries = sku >= 0 ? child(dim.skus, sku, () => new SalesSeries(sales, str[store]!, str[sku]!, text(launch), text(cur))) : null;
        if (order >= 0) (paid ? paidOrders : refundedOrders).begin(order);
        for (let g = 0; g < 3; g++) {
          for (let k = 0; k < 2; k++) {
            const series = k === 0 ? dim.all : skuSeries;
            if (series === null) continue;
            const row = series.at(g, at);
            if (paid) {
              if (order >= 0 && paidOrders.first(row, row.lastPaid)) {
                row.orders++;
                row.lastPaid = order;
              }
              row.units += units;
              row.revenue_minor += amount;
            } else {
              if (order >= 0 && refundedOrders.first(row, row.lastRefund)) {
                row.refunds++;
                row.lastRefund = order;
              }
              row.refunded_units += units;
              row.refunded_minor += amount;
            }
          }
        }
        if (paid) {
          const dayIdx = Math.floor(at / DAY_MS);
          let region = regionCol[i]!;
          if (region < 0 && unknownRegion >= 0) region = unknownRegion;
          const byDay = child(dim.regions, region, () => new Map<number, RegionRow>());
          let r = byDay.get(dayIdx);
          if (r === undefined) {
            byDay.set(dayIdx, (r = { store_id: str[store]!, day: dayIdx * DAY_MS, region: region < 0 ? 'unknown' : str[region]!, launch_id: text(launch), currency: text(cur), orders: 0, units: 0, revenue_minor: 0, lastPaid: -1 }));
            regions.push(r);
          }
          if (order >= 0 && paidOrders.first(r, r.lastPaid)) {
            r.orders++;
            r.lastPaid = order;
          }
          r.units += units;
          r.revenue_minor += amount;
          const device = deviceCol[i]!;
          const devDays = child(sl!.devices, device, () => new Map<number, DeviceRow>());
          let dv = devDays.get(dayIdx);
          if (dv === undefined) {
            devDays.set(dayIdx, (dv = { store_id: str[store]!, day: dayIdx * DAY_MS, device: str[device]!, launch_id: text(launch), transactions: 0, units: 0, lastPaid: -1 }));
            devices.push(dv);
          }
          if (order >= 0 && paidOrders.first(dv, dv.lastPaid)) {
            dv.transactions++;
            dv.lastPaid = order;
          }
          dv.units += units;
        }
        break;
      }
      case C.shipped:
        for (let g = 0; g < 3; g++) dim.all.at(g, at).shipped++;
        break;
      case C.delivered:
        for (let g = 0; g < 3; g++) dim.all.at(g, at).delivered++;
        break;
      case C.held:
        if (launch >= 0) {
          const m = countersOf(launch);
          count(m, launch, 'holds', 1);
          count(m, launch, 'held_units', unitsCol[i]!);
        }
        break;
      case C.refused:
      case C.joinRefused:
        if (launch >= 0) {
          const m = countersOf(launch);
          count(m, launch, 'refused', 1);
          const reason = reasonCol[i]!;
          let metric = refusedMetric.get(reason);
          if (metric === undefined) refusedMetric.set(reason, (metric = `refused:${reason < 0 ? 'UNKNOWN' : str[reason]!}`));
          count(m, launch, metric, 1);
        }
        break;
      case C.paymentSucceeded:
        if (launch >= 0) {
          const m = countersOf(launch);
          count(m, launch, 'paid', 1);
          count(m, launch, 'paid_units', unitsCol[i]!);
          count(m, launch, 'paid_minor', amountCol[i]!);
        }
        break;
      case C.expired:
      case C.cancelled:
        if (launch >= 0) {
          const m = countersOf(launch);
          const expired = type === C.expired;
          count(m, launch, expired ? 'expired' : 'cancelled', 1);
          count(m, launch, expired ? 'expired_units' : 'cancelled_units', unitsCol[i]!);
        }
        break;
      case C.admitted:
        if (launch >= 0) {
          const m = countersOf(launch);
          count(m, launch, 'admitted', 1);
          const waitMs = waitCol[i]!;
          if (!Number.isNaN(waitMs)) {
            count(m, launch, 'wait_ms_sum', waitMs);
            const b = waitBucket(waitMs);
            const byBucket = child(waits, launch, () => new Map<number, Database['analytics_waits']>());
            const w = byBucket.get(b);
            if (w) w.admitted++;
            else byBucket.set(b, { launch_id: str[launch]!, bucket: b, admitted: 1 });
          }
        }
        break;
    }
    if (launch >= 0 && IS_SELLOUT[type]) {
      const since = sinceCol[i]!;
      if (!Number.isNaN(since)) {
        const second = Math.floor(since / 1000);
        const bySecond = child(sellout, launch, () => new Map<number, Database['analytics_sellout']>());
        let so = bySecond.get(second);
        if (!so) bySecond.set(second, (so = { launch_id: str[launch]!, second, held_units: 0, paid_units: 0, released_units: 0 }));
        if (type === C.held) so.held_units += unitsCol[i]!;
        else if (type === C.paymentSucceeded) so.paid_units += unitsCol[i]!;
        else so.released_units += unitsCol[i]!;
      }
    }
    const buyer = buyerCol[i]!;
    if (buyer >= 0 && buyer !== empty) {
      const bit = STEP_BIT_OF_CODE[type]!;
      if (bit !== 0 && launch >= 0) {
        const buyers = child(funnel, launch, () => new Map<number, number>());
        buyers.set(buyer, (buyers.get(buyer) ?? 0) | bit);
      }
      if (IS_BUYER_ACTION[type]) {
        let h = hashes.get(buyer);
        if (h === undefined) hashes.set(buyer, (h = sketchHash(str[buyer]!)));
        const day = Math.floor(at / DAY_MS) * DAY_MS;
        const devId = deviceCol[i]!;
        let dev = deviceSlot[devId]!;
        if (dev < 0) deviceSlot[devId] = dev = nextDeviceSlot++;
        const device = str[devId]!;
        storeSketches.add(storeSlots, str[store]!, dev, device, day, h);
        platformSketches.add(platformSlots, '', dev, device, day, h);
        if (launch >= 0) launchSketches.add(launchSlots, str[launch]!, dev, device, day, h);
      }
    }
  }

  const buyerRows: Deltas['launchBuyers'] = [];
  for (const [launch, buyers] of funnel) for (const [buyer, steps] of buyers) buyerRows.push({ launch_id: str[launch]!, buyer: str[buyer]!, steps });
  const flat = <T>(m: Map<unknown, Map<unknown, T>>): T[] => [...m.values()].flatMap((x) => [...x.values()]);
  const counterRows = flat(counters);
  const selloutRows = flat(sellout);
  const waitRows = flat(waits);
  if (!sortKeys) return { sales, regions, devices, sketches, launchBuyers: buyerRows, counters: counterRows, sellout: selloutRows, waits: waitRows };
  // Sorted by key (PostgreSQL locks rows in this order: concurrent flushes then never deadlock).
  return {
    // Sales by grain first: a batch's day rows (what the longest ranges read) are written side
    // by side, so they share table pages instead of lying among the minute rows.
    sales: sortByKey(sales, ['grain', 'store_id', 'bucket_start', 'sku_id', 'launch_id', 'currency']),
    regions: sortByKey(regions, ['store_id', 'day', 'region', 'launch_id', 'currency']),
    devices: sortByKey(devices, ['store_id', 'day', 'device', 'launch_id']),
    sketches: sortByKey(sketches, ['scope', 'scope_id', 'day', 'device']),
    launchBuyers: sortByKey(buyerRows, ['launch_id', 'buyer']),
    counters: sortByKey(counterRows, ['launch_id', 'metric']),
    sellout: sortByKey(selloutRows, ['launch_id', 'second']),
    waits: sortByKey(waitRows, ['launch_id', 'bucket']),
  };
}

/**
 * The batch's launch counters by key, ready to take the buyers the write finds new to funnel
 * steps (`countNewSteps`): funnel counters count only buyers new to a step.
 */
export function launchCounters(d: Deltas): Map<string, Database['analytics_launch_counters']> {
  return new Map(d.counters.map((c) => [c.launch_id + K + c.metric, { ...c }]));
}

const BUYER_METRICS = FUNNEL_STEPS.map((s) => `buyers:${s.step}`);

/** Adds one buyer new to the funnel steps in `added` (step bits) of a launch to the batch's counters. */
export function countNewSteps(counters: Map<string, Database['analytics_launch_counters']>, launchId: string, added: number): void {
  for (let i = 0; i < BUYER_METRICS.length; i++) {
    if ((added & (1 << i)) === 0) continue;
    const metric = BUYER_METRICS[i]!;
    const c = counters.get(launchId + K + metric);
    if (c) c.value++;
    else counters.set(launchId + K + metric, { launch_id: launchId, metric, value: 1 });
  }
}

/**
 * The upsert of launch buyers' step bits: a buyer's row keeps the union of the steps seen, and
 * `added` the bits this write set (returned, and only for rows it changed).
 */
export const LAUNCH_BUYERS_MERGE = {
  set: 'steps = analytics_launch_buyers.steps | excluded.steps, added = excluded.steps & ~analytics_launch_buyers.steps',
  where: '(excluded.steps & ~analytics_launch_buyers.steps) <> 0',
} as const;

/** Runs a bulk write (see `bulkInsert` in the dialect seam); returns the rows any RETURNING gave back. */
async function bulk(trx: Kysely<Database>, kind: EngineKind, table: string, columns: readonly BulkColumn[], rows: readonly object[], conflict?: BulkConflict): Promise<unknown[]> {
  const names = columns.map((c) => c.name);
  const values = rows.map((r) => names.map((n) => (r as Record<string, unknown>)[n] ?? null));
  const out: unknown[] = [];
  for (const q of bulkInsert(kind, table, columns, values, conflict)) out.push(...(await trx.executeQuery(q)).rows);
  return out;
}

/** Upserts rows that add to counters: `ON CONFLICT (keys) DO UPDATE SET c = table.c + excluded.c`. */
function upsertAdd(trx: Kysely<Database>, kind: EngineKind, table: string, keys: readonly BulkColumn[], adds: readonly string[], rows: readonly object[]): Promise<unknown[]> {
  return bulk(trx, kind, table, [...keys, ...adds.map((name) => ({ name, pgType: 'bigint' as const }))], rows, { keys: keys.map((k) => k.name), add: adds });
}

const text = (name: string): BulkColumn => ({ name, pgType: 'text' });
const big = (name: string): BulkColumn => ({ name, pgType: 'bigint' });

/** Merges the batch's buyers into the stored sketches (created empty first, then locked, merged and written). */
async function mergeSketches(trx: Transaction<Database>, kind: EngineKind, items: Deltas['sketches']): Promise<void> {
  const per = 200;
  for (let i = 0; i < items.length; i += per) {
    const chunk = items.slice(i, i + per);
    await trx
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
    await trx
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

/** Folds and encodes a batch of events (the fold sorted by key, while zlib's threads compress the segment). */
export async function batchOf(c: EventColumns): Promise<Batch> {
  const segment = encodeSegment(c);
  segment.catch(() => undefined); // seen below
  const deltas = computeDeltas(c, true);
  return { segment: await segment, deltas };
}

/**
 * Writes a batch: its log segment and every rollup, inside the caller's transaction, so the
 * rollups never disagree with the log; a batch whose segment is stored already adds nothing.
 * Funnel counters count only buyers new to a step.
 */
export async function writeEvents(trx: Transaction<Database>, kind: EngineKind, batch: Batch): Promise<void> {
  if (batch.segment.events === 0) return;
  const stored = await trx.insertInto('analytics_event_segments').values(batch.segment).onConflict((oc) => oc.column('batch_id').doNothing()).returning('id').execute();
  // Stored already (a retry after a commit whose answer was lost): nothing more to add.
  if (stored.length === 0) return;
  await writeRollups(trx, kind, batch.deltas);
}

/** Adds a batch's deltas to every rollup, inside the caller's transaction (`writeEvents` without the log). */
export async function writeRollups(trx: Transaction<Database>, kind: EngineKind, d: Deltas): Promise<void> {
  // Sorted by key: PostgreSQL then locks rows in one order in concurrent flushes, and either engine visits each index page once.
  await upsertAdd(trx, kind, 'analytics_sales', [text('store_id'), text('grain'), text('sku_id'), big('bucket_start'), text('launch_id'), text('currency')], SALES_ADDS, d.sales);
  await upsertAdd(trx, kind, 'analytics_regions', [text('store_id'), big('day'), text('region'), text('launch_id'), text('currency')], ['orders', 'units', 'revenue_minor'], d.regions);
  await upsertAdd(trx, kind, 'analytics_devices', [text('store_id'), big('day'), text('device'), text('launch_id')], ['transactions', 'units'], d.devices);
  await mergeSketches(trx, kind, d.sketches);
  const counters = launchCounters(d);
  const rows = d.launchBuyers.map((r) => ({ ...r, added: r.steps }));
  const columns = [text('launch_id'), text('buyer'), { name: 'steps', pgType: 'integer' as const }, { name: 'added', pgType: 'integer' as const }];
  const added = (await bulk(trx, kind, 'analytics_launch_buyers', columns, rows, { keys: ['launch_id', 'buyer'], merge: LAUNCH_BUYERS_MERGE, returning: ['launch_id', 'added'] })) as Array<{ launch_id: string; added: number }>;
  for (const r of added) countNewSteps(counters, r.launch_id, Number(r.added));
  const counterRows = [...counters.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  await upsertAdd(trx, kind, 'analytics_launch_counters', [text('launch_id'), text('metric')], ['value'], counterRows);
  await upsertAdd(trx, kind, 'analytics_sellout', [text('launch_id'), big('second')], ['held_units', 'paid_units', 'released_units'], d.sellout);
  await upsertAdd(trx, kind, 'analytics_waits', [text('launch_id'), { name: 'bucket', pgType: 'integer' }], ['admitted'], d.waits);
}

/**
 * Rollups kept incrementally: a batch of complete events is folded in memory into one delta
 * per rollup key (`computeDeltas`, pure), then written with the raw events in one transaction
 * (`writeEvents`): multi-row inserts chunked under SQLite's parameter limit and upserts of the
 * form `x = x + excluded.x`, which both engines run. Keys are sorted so concurrent flushes on
 * PostgreSQL take row locks in the same order. Distinct counts that must stay exact over any
 * range (funnel buyers) go through a membership table; device-mix buyers through sketches.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EngineKind } from '../db/engine.js';
import { bulkInsert, lockForUpdate, type BulkColumn, type BulkConflict } from '../db/dialect.js';
import { bucketStart, funnelStepOf, GRAINS, waitBucket, type AnalyticsEventType, type Grain, type StoredEvent } from './events.js';
import { BuyerSketch, sketchHash } from './sketch.js';

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

const SALES_KEYS = ['store_id', 'grain', 'sku_id', 'bucket_start', 'launch_id', 'currency'] as const;
const SALES_ADDS = ['views', 'orders', 'units', 'revenue_minor', 'refunds', 'refunded_units', 'refunded_minor', 'shipped', 'delivered'] as const;

type SalesRow = Record<(typeof SALES_KEYS)[number] | (typeof SALES_ADDS)[number], string | number>;

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

class Fold<T extends object> {
  readonly rows = new Map<string, T>();
  private readonly distinct = new Map<string, Map<string, Set<string>>>();
  constructor(private readonly make: () => T) {}
  at(key: string, init: Partial<T>): T {
    let r = this.rows.get(key);
    if (!r) {
      r = { ...this.make(), ...init };
      this.rows.set(key, r);
    }
    return r;
  }
  /** Counts `value` once per key in field `field` (distinct orders within the batch). */
  once(key: string, field: string, value: string): boolean {
    let f = this.distinct.get(field);
    if (!f) this.distinct.set(field, (f = new Map()));
    let s = f.get(key);
    if (!s) f.set(key, (s = new Set()));
    if (s.has(value)) return false;
    s.add(value);
    return true;
  }
  sorted(sort: boolean): T[] {
    if (!sort) return [...this.rows.values()];
    return [...this.rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v);
  }
}

const GRAIN_LIST = Object.keys(GRAINS) as Grain[];

/** Folds a batch of complete events into rollup deltas (pure); `sortKeys` orders every list by its key. */
export function computeDeltas(events: readonly StoredEvent[], sortKeys = true): Deltas {
  const sales = new Fold<SalesRow>(() => ({ store_id: '', grain: '', sku_id: '', bucket_start: 0, launch_id: '', currency: '', views: 0, orders: 0, units: 0, revenue_minor: 0, refunds: 0, refunded_units: 0, refunded_minor: 0, shipped: 0, delivered: 0 }));
  const regions = new Fold<Database['analytics_regions']>(() => ({ store_id: '', day: 0, region: '', launch_id: '', currency: '', orders: 0, units: 0, revenue_minor: 0 }));
  const devices = new Fold<Database['analytics_devices']>(() => ({ store_id: '', day: 0, device: '', launch_id: '', transactions: 0, units: 0 }));
  const sketches = new Map<string, Deltas['sketches'][number]>();
  const funnel = new Map<string, Database['analytics_funnel_buyers']>();
  const counters = new Map<string, Database['analytics_launch_counters']>();
  const sellout = new Fold<Database['analytics_sellout']>(() => ({ launch_id: '', second: 0, held_units: 0, paid_units: 0, released_units: 0 }));
  const waits = new Fold<Database['analytics_waits']>(() => ({ launch_id: '', bucket: 0, admitted: 0 }));

  const count = (launchId: string, metric: string, by: number) => {
    const key = launchId + K + metric;
    const c = counters.get(key);
    if (c) c.value += by;
    else counters.set(key, { launch_id: launchId, metric, value: by });
  };
  const sketch = (scope: string, scopeId: string, day: number, device: string, hash: string) => {
    const key = `${scope}${K}${scopeId}${K}${day}${K}${device}`;
    let s = sketches.get(key);
    if (!s) sketches.set(key, (s = { scope, scope_id: scopeId, day, device, hashes: new Set() }));
    s.hashes.add(hash);
  };

  const hashes = new Map<string, string>();
  for (const e of events) {
    const launch = e.launch_id ?? '';
    const cur = e.currency ?? '';
    const day = bucketStart(e.at, 'day');
    const salesRow = (grain: Grain, sku: string) => {
      const b = bucketStart(e.at, grain);
      const key = `${e.store_id}${K}${grain}${K}${sku}${K}${b}${K}${launch}${K}${cur}`;
      return { key, row: sales.at(key, { store_id: e.store_id, grain, sku_id: sku, bucket_start: b, launch_id: launch, currency: cur }) };
    };
    switch (e.type) {
      case 'product_viewed':
        for (const g of GRAIN_LIST) (salesRow(g, '').row.views as number)++;
        break;
      case 'order_paid':
      case 'order_refunded': {
        const paid = e.type === 'order_paid';
        for (const g of GRAIN_LIST) {
          for (const sku of e.sku_id ? ['', e.sku_id] : ['']) {
            const { key, row } = salesRow(g, sku);
            if (paid) {
              if (e.order_id && sales.once(key, 'orders', e.order_id)) (row.orders as number)++;
              (row.units as number) += e.units;
              (row.revenue_minor as number) += e.amount_minor;
            } else {
              if (e.order_id && sales.once(key, 'refunds', e.order_id)) (row.refunds as number)++;
              (row.refunded_units as number) += e.units;
              (row.refunded_minor as number) += e.amount_minor;
            }
          }
        }
        if (paid) {
          const region = e.region ?? 'unknown';
          const rk = [e.store_id, day, region, launch, cur].join(K);
          const r = regions.at(rk, { store_id: e.store_id, day, region, launch_id: launch, currency: cur });
          if (e.order_id && regions.once(rk, 'orders', e.order_id)) r.orders++;
          r.units += e.units;
          r.revenue_minor += e.amount_minor;
          const dk = [e.store_id, day, e.device, launch].join(K);
          const d = devices.at(dk, { store_id: e.store_id, day, device: e.device, launch_id: launch });
          if (e.order_id && devices.once(dk, 'transactions', e.order_id)) d.transactions++;
          d.units += e.units;
        }
        break;
      }
      case 'order_shipped':
        for (const g of GRAIN_LIST) (salesRow(g, '').row.shipped as number)++;
        break;
      case 'order_delivered':
        for (const g of GRAIN_LIST) (salesRow(g, '').row.delivered as number)++;
        break;
      case 'hold_created':
        if (launch) {
          count(launch, 'holds', 1);
          count(launch, 'held_units', e.units);
        }
        break;
      case 'hold_refused':
        if (launch) {
          count(launch, 'refused', 1);
          count(launch, `refused:${e.reason ?? 'UNKNOWN'}`, 1);
        }
        break;
      case 'payment_succeeded':
        if (launch) {
          count(launch, 'paid', 1);
          count(launch, 'paid_units', e.units);
          count(launch, 'paid_minor', e.amount_minor);
        }
        break;
      case 'hold_expired':
      case 'hold_cancelled': {
        const what = e.type === 'hold_expired' ? 'expired' : 'cancelled';
        if (launch) {
          count(launch, what, 1);
          count(launch, `${what}_units`, e.units);
        }
        break;
      }
      case 'admitted':
        if (launch) {
          count(launch, 'admitted', 1);
          if (e.wait_ms !== null) {
            count(launch, 'wait_ms_sum', e.wait_ms);
            const b = waitBucket(e.wait_ms);
            waits.at(launch + K + b, { launch_id: launch, bucket: b }).admitted++;
          }
        }
        break;
      case 'launch_registered':
      case 'queue_joined':
        break;
    }
    if (launch && e.since_start_ms !== null && SELLOUT_TYPES.has(e.type)) {
      const second = Math.floor(e.since_start_ms / 1000);
      const s = sellout.at(launch + K + second, { launch_id: launch, second });
      if (e.type === 'hold_created') s.held_units += e.units;
      else if (e.type === 'payment_succeeded') s.paid_units += e.units;
      else s.released_units += e.units;
    }
    const step = funnelStepOf(e.type);
    if (step && launch && e.buyer) funnel.set([launch, step, e.buyer].join(K), { launch_id: launch, step, buyer: e.buyer });
    if (e.buyer && BUYER_ACTIONS.has(e.type)) {
      let h = hashes.get(e.buyer);
      if (h === undefined) hashes.set(e.buyer, (h = sketchHash(e.buyer)));
      sketch('store', e.store_id, day, e.device, h);
      sketch('platform', '', day, e.device, h);
      if (launch) sketch('launch', launch, day, e.device, h);
    }
  }
  const byKey = <T>(m: Map<string, T>) => (!sortKeys ? [...m.values()] : [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v));
  return {
    sales: sales.sorted(sortKeys) as unknown as Array<Database['analytics_sales']>,
    regions: regions.sorted(sortKeys),
    devices: devices.sorted(sortKeys),
    sketches: byKey(sketches),
    funnel: byKey(funnel),
    counters: byKey(counters),
    sellout: sellout.sorted(sortKeys),
    waits: waits.sorted(sortKeys),
  };
}

const EVENT_COLUMNS: BulkColumn[] = [
  { name: 'at', pgType: 'bigint' },
  { name: 'type', pgType: 'text' },
  { name: 'store_id', pgType: 'text' },
  { name: 'product_id', pgType: 'text' },
  { name: 'sku_id', pgType: 'text' },
  { name: 'launch_id', pgType: 'text' },
  { name: 'order_id', pgType: 'text' },
  { name: 'buyer', pgType: 'text' },
  { name: 'device', pgType: 'text' },
  { name: 'channel', pgType: 'text' },
  { name: 'region', pgType: 'text' },
  { name: 'units', pgType: 'integer' },
  { name: 'amount_minor', pgType: 'bigint' },
  { name: 'currency', pgType: 'text' },
  { name: 'reason', pgType: 'text' },
  { name: 'wait_ms', pgType: 'bigint' },
  { name: 'since_start_ms', pgType: 'bigint' },
];

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
    const rows = chunk.map((s) => {
      const sk = BuyerSketch.decode(stored.get([s.scope, s.scope_id, s.day, s.device].join(K)));
      for (const h of s.hashes) sk.addHash(h);
      return { scope: s.scope, scope_id: s.scope_id, day: s.day, device: s.device, sketch: sk.encode() };
    });
    await (trx as Kysely<any>)
      .insertInto('analytics_buyer_sketches')
      .values(rows)
      .onConflict((oc) => oc.columns(['scope', 'scope_id', 'day', 'device']).doUpdateSet({ sketch: sql`excluded.sketch` }))
      .execute();
  }
}

/**
 * Writes a batch: the raw events and every rollup, inside the caller's transaction, so the
 * rollups never disagree with the log. Funnel counters count only buyers new to a step.
 */
export async function writeEvents(trx: Transaction<Database>, kind: EngineKind, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  const t = trx as unknown as Kysely<any>;
  await bulk(t, kind, 'analytics_events', EVENT_COLUMNS, events);
  // Sorted keys only where rows are locked (PostgreSQL): concurrent flushes then lock in one order.
  const d = computeDeltas(events, kind === 'postgres');
  await upsertAdd(t, kind, 'analytics_sales', [text('store_id'), text('grain'), text('sku_id'), big('bucket_start'), text('launch_id'), text('currency')], SALES_ADDS, d.sales);
  await upsertAdd(t, kind, 'analytics_regions', [text('store_id'), big('day'), text('region'), text('launch_id'), text('currency')], ['orders', 'units', 'revenue_minor'], d.regions);
  await upsertAdd(t, kind, 'analytics_devices', [text('store_id'), big('day'), text('device'), text('launch_id')], ['transactions', 'units'], d.devices);
  await mergeSketches(trx, kind, d.sketches);
  const counters = new Map(d.counters.map((c) => [c.launch_id + K + c.metric, { ...c }]));
  const added = (await bulk(t, kind, 'analytics_funnel_buyers', [text('launch_id'), text('step'), text('buyer')], d.funnel, { keys: ['launch_id', 'step', 'buyer'], nothing: true, returning: ['launch_id', 'step'] })) as Array<{ launch_id: string; step: string }>;
  for (const r of added) {
    const key = r.launch_id + K + `buyers:${r.step}`;
    const c = counters.get(key);
    if (c) c.value++;
    else counters.set(key, { launch_id: r.launch_id, metric: `buyers:${r.step}`, value: 1 });
  }
  const counterRows = [...counters.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  await upsertAdd(t, kind, 'analytics_launch_counters', [text('launch_id'), text('metric')], ['value'], counterRows);
  await upsertAdd(t, kind, 'analytics_sellout', [text('launch_id'), big('second')], ['held_units', 'paid_units', 'released_units'], d.sellout);
  await upsertAdd(t, kind, 'analytics_waits', [text('launch_id'), { name: 'bucket', pgType: 'integer' }], ['admitted'], d.waits);
}

/**
 * The dashboard queries: every figure is read from the rollups (never from the raw log), so
 * each answer touches a bounded number of rows whatever the number of events. A scope is one
 * store or the whole platform; launch views are per launch. Access is checked by the routes.
 */
import { regionKey, regionOf } from '../regions/service.js';
import type { Locale } from '../shared/locales.js';
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import { bucketStart, DEVICE_CLASSES, FUNNEL_STEPS, GRAINS, WAIT_BUCKETS_S, type DeviceClass, type FunnelStep, type Grain } from './events.js';
import { BuyerSketch } from './sketch.js';

/** Whose figures: one store's, or the whole platform's (admin). */
export type Scope = { kind: 'store'; storeId: string } | { kind: 'platform' };

/** The filters every dashboard takes (times in epoch ms, `to` exclusive). */
export interface AnalyticsFilter {
  from: number;
  to: number;
  bucket: Grain;
  launchId?: string | undefined;
  skuId?: string | undefined;
  limit: number;
}

/** The widest range each bucket size may cover (the answer stays at most a few thousand points). */
export const MAX_RANGE_MS: Record<Grain, number> = { minute: 3 * GRAINS.day, hour: 93 * GRAINS.day, day: 3 * 366 * GRAINS.day };

const DEFAULT_SPAN_MS: Record<Grain, number> = { minute: 6 * GRAINS.hour, hour: 7 * GRAINS.day, day: 30 * GRAINS.day };

/** Fills default times and checks the range: `from` < `to` and within the bucket's widest range, else 400. */
export function normalizeFilter(q: { from?: number | undefined; to?: number | undefined; bucket: Grain; launchId?: string | undefined; skuId?: string | undefined; limit: number }, now: number): AnalyticsFilter {
  const to = q.to ?? bucketStart(now, 'minute') + GRAINS.minute;
  const from = q.from ?? to - DEFAULT_SPAN_MS[q.bucket];
  if (from >= to) throw new AppError('BAD_RANGE', '`from` must be before `to`.');
  if (to - from > MAX_RANGE_MS[q.bucket]) {
    throw new AppError('RANGE_TOO_LARGE', `A ${q.bucket} series may span at most ${MAX_RANGE_MS[q.bucket] / GRAINS.day} days; pick a coarser bucket or a shorter range.`);
  }
  return { from, to, bucket: q.bucket, launchId: q.launchId, skuId: q.skuId, limit: q.limit };
}

/** The whole UTC days that a range touches: [first day start, end of the last day). */
export function dayRange(f: Pick<AnalyticsFilter, 'from' | 'to'>): { from: number; to: number } {
  return { from: bucketStart(f.from, 'day'), to: bucketStart(f.to - 1, 'day') + GRAINS.day };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sumInt = (col: string): RawBuilder<number> => sql<number>`cast(coalesce(sum(${sql.ref(col)}), 0) as bigint)`;

/** One point of the sales series. */
export interface SalesPoint {
  bucketStart: number;
  currency: string;
  views: number;
  orders: number;
  units: number;
  revenueMinor: number;
  refunds: number;
  refundedUnits: number;
  refundedMinor: number;
  shipped: number;
  delivered: number;
}

/** Sales over time: one point per bucket (and currency) that has anything, oldest first. */
export async function salesSeries(db: Kysely<Database>, scope: Scope, f: AnalyticsFilter): Promise<SalesPoint[]> {
  let q = db
    .selectFrom('analytics_sales')
    .select([
      'bucket_start',
      'currency',
      sumInt('views').as('views'),
      sumInt('orders').as('orders'),
      sumInt('units').as('units'),
      sumInt('revenue_minor').as('revenue_minor'),
      sumInt('refunds').as('refunds'),
      sumInt('refunded_units').as('refunded_units'),
      sumInt('refunded_minor').as('refunded_minor'),
      sumInt('shipped').as('shipped'),
      sumInt('delivered').as('delivered'),
    ])
    .where('grain', '=', f.bucket)
    .where('sku_id', '=', f.skuId ?? '')
    .where('bucket_start', '>=', bucketStart(f.from, f.bucket))
    .where('bucket_start', '<', f.to);
  if (scope.kind === 'store') q = q.where('store_id', '=', scope.storeId);
  // A SKU's rows lie in its store's key range (the platform's store-wide rows have an index of their own).
  else if (f.skuId) q = q.where('store_id', 'in', db.selectFrom('skus').select('store_id').where('id', '=', f.skuId));
  if (f.launchId) q = q.where('launch_id', '=', f.launchId);
  const rows = await q.groupBy(['bucket_start', 'currency']).orderBy('bucket_start').orderBy('currency').execute();
  return rows.map((r) => ({
    bucketStart: Number(r.bucket_start),
    currency: r.currency,
    views: Number(r.views),
    orders: Number(r.orders),
    units: Number(r.units),
    revenueMinor: Number(r.revenue_minor),
    refunds: Number(r.refunds),
    refundedUnits: Number(r.refunded_units),
    refundedMinor: Number(r.refunded_minor),
    shipped: Number(r.shipped),
    delivered: Number(r.delivered),
  }));
}

/** One row of the per-SKU table. */
export interface SkuRow {
  skuId: string;
  storeId: string;
  productId: string | null;
  title: string | null;
  code: string | null;
  /** The SKU's options ({ colour: 'Black', storage: '256 GB' }). */
  options: Record<string, string>;
  /** The product's title and the SKU's options, as a buyer reads them (the code when the SKU is gone). */
  name: string;
  currency: string;
  orders: number;
  units: number;
  revenueMinor: number;
  refundedUnits: number;
  refundedMinor: number;
}

/**
 * Runs a query that aggregates many rollup rows. On PostgreSQL with more working memory (in
 * a transaction of its own): a platform-wide SKU table groups ~100,000 day rows, and with the
 * default 4 MB the planner sorts them on disk instead of hashing them in memory (~3x slower).
 */
function withAggregateMemory<T>(db: Kysely<Database>, run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction || !(db.getExecutor().adapter instanceof PostgresAdapter)) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '32MB'`.execute(trx);
    return run(trx);
  });
}

/** Units and revenue per SKU over whole days, best-selling (by units) first, at most `limit` rows. */
export async function skuTable(db: Kysely<Database>, scope: Scope, f: AnalyticsFilter): Promise<SkuRow[]> {
  const days = dayRange(f);
  let q = db
    .selectFrom('analytics_sales')
    .select([
      'analytics_sales.store_id',
      'analytics_sales.sku_id',
      'analytics_sales.currency',
      sumInt('orders').as('orders'),
      sumInt('units').as('units'),
      sumInt('revenue_minor').as('revenue_minor'),
      sumInt('refunded_units').as('refunded_units'),
      sumInt('refunded_minor').as('refunded_minor'),
    ])
    .where('grain', '=', 'day')
    .where('bucket_start', '>=', days.from)
    .where('bucket_start', '<', days.to);
  q = f.skuId ? q.where('sku_id', '=', f.skuId) : q.where('sku_id', '>', '');
  // Each store's day rows are one range of the key: the platform's are read store by store.
  q = scope.kind === 'store' ? q.where('analytics_sales.store_id', '=', scope.storeId) : q.where('analytics_sales.store_id', 'in', db.selectFrom('stores').select('id'));
  if (f.launchId) q = q.where('launch_id', '=', f.launchId);
  const grouped = q
    .groupBy(['analytics_sales.store_id', 'analytics_sales.sku_id', 'analytics_sales.currency'])
    .orderBy('units', 'desc')
    .orderBy('analytics_sales.sku_id')
    .limit(f.limit);
  const rows = await withAggregateMemory(db, (d) => d.executeQuery(grouped.compile()).then((r) => r.rows));
  const ids = [...new Set(rows.map((r) => r.sku_id))];
  const info = ids.length
    ? await db.selectFrom('skus').innerJoin('products', 'products.id', 'skus.product_id').select(['skus.id', 'skus.code', 'skus.options_json', 'skus.product_id', 'products.title']).where('skus.id', 'in', ids).execute()
    : [];
  const byId = new Map(info.map((i) => [i.id, i]));
  const optionsOf = (json: string | undefined): Record<string, string> => {
    try {
      const o: unknown = json ? JSON.parse(json) : {};
      return o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) : {};
    } catch {
      return {};
    }
  };
  return rows
    .map((r) => {
      const i = byId.get(r.sku_id);
      const options = optionsOf(i?.options_json);
      const name = i ? [i.title, Object.values(options).join(' · ')].filter(Boolean).join(' · ') : r.sku_id;
      return {
      skuId: r.sku_id,
      storeId: r.store_id,
      productId: byId.get(r.sku_id)?.product_id ?? null,
      title: byId.get(r.sku_id)?.title ?? null,
      code: byId.get(r.sku_id)?.code ?? null,
      options,
      name,
      currency: r.currency,
      orders: Number(r.orders),
      units: Number(r.units),
      revenueMinor: Number(r.revenue_minor),
      refundedUnits: Number(r.refunded_units),
      refundedMinor: Number(r.refunded_minor),
      };
    })
    .sort((a, b) => b.units - a.units || cmp(a.skuId, b.skuId) || cmp(a.storeId, b.storeId) || cmp(a.currency, b.currency));
}

/** One store's share of the platform's sales (in one currency). */
export interface StoreSplitRow {
  storeId: string;
  name: string | null;
  currency: string;
  orders: number;
  units: number;
  revenueMinor: number;
  refundedMinor: number;
  /** revenue / the platform's revenue in this currency (null when that is 0). */
  revenueShare: number | null;
}

/** The platform's totals per currency over the range, and each store's part, largest revenue first. */
export async function storeSplit(db: Kysely<Database>, f: AnalyticsFilter): Promise<{ totals: Array<Omit<StoreSplitRow, 'storeId' | 'name' | 'revenueShare'>>; stores: StoreSplitRow[] }> {
  const days = dayRange(f);
  let q = db
    .selectFrom('analytics_sales')
    .select(['store_id', 'currency', sumInt('orders').as('orders'), sumInt('units').as('units'), sumInt('revenue_minor').as('revenue_minor'), sumInt('refunded_minor').as('refunded_minor')])
    .where('grain', '=', 'day')
    .where('sku_id', '=', '')
    .where('bucket_start', '>=', days.from)
    .where('bucket_start', '<', days.to);
  if (f.launchId) q = q.where('launch_id', '=', f.launchId);
  const rows = (await q.groupBy(['store_id', 'currency']).execute()).filter((r) => Number(r.orders) > 0 || Number(r.refunded_minor) > 0);
  const ids = [...new Set(rows.map((r) => r.store_id))];
  const names = new Map(ids.length ? (await db.selectFrom('stores').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [r.id, r.name]) : []);
  const totals = new Map<string, { currency: string; orders: number; units: number; revenueMinor: number; refundedMinor: number }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { currency: r.currency, orders: 0, units: 0, revenueMinor: 0, refundedMinor: 0 };
    t.orders += Number(r.orders);
    t.units += Number(r.units);
    t.revenueMinor += Number(r.revenue_minor);
    t.refundedMinor += Number(r.refunded_minor);
    totals.set(r.currency, t);
  }
  const stores = rows
    .map((r) => {
      const total = totals.get(r.currency)!.revenueMinor;
      return { storeId: r.store_id, name: names.get(r.store_id) ?? null, currency: r.currency, orders: Number(r.orders), units: Number(r.units), revenueMinor: Number(r.revenue_minor), refundedMinor: Number(r.refunded_minor), revenueShare: total > 0 ? Number(r.revenue_minor) / total : null };
    })
    .sort((a, b) => b.revenueMinor - a.revenueMinor || cmp(a.storeId, b.storeId) || cmp(a.currency, b.currency))
    .slice(0, f.limit);
  return { totals: [...totals.values()].sort((a, b) => cmp(a.currency, b.currency)), stores };
}

/** One device class in the device mix. */
export interface DeviceRow {
  device: DeviceClass;
  /** Distinct buyers active on this device class (see `buyersExact`). */
  buyers: number;
  /** Paid orders placed from this device class. */
  transactions: number;
  units: number;
  buyerShare: number;
  transactionShare: number;
}

/** The device mix over whole days, plus the share from mobile (phone and tablet). */
export interface DeviceMix {
  devices: DeviceRow[];
  /** Distinct buyers over all device classes (a buyer on two devices counts once here). */
  buyers: number;
  transactions: number;
  /** Share of transactions from phones and tablets (0 when there are none). */
  mobileTransactionShare: number;
  mobileBuyerShare: number;
  /** True when every buyer count is exact; false when a sketch past its exact limit was estimated (about ±1.6 %). */
  buyersExact: boolean;
}

/** Device mix of buyers (distinct, via sketches) and of transactions (paid orders) over whole days. */
export async function deviceMix(db: Kysely<Database>, scope: Scope, f: AnalyticsFilter): Promise<DeviceMix> {
  const days = dayRange(f);
  let tq = db
    .selectFrom('analytics_devices')
    .select(['device', sumInt('transactions').as('transactions'), sumInt('units').as('units')])
    .where('day', '>=', days.from)
    .where('day', '<', days.to);
  if (scope.kind === 'store') tq = tq.where('store_id', '=', scope.storeId);
  if (f.launchId) tq = tq.where('launch_id', '=', f.launchId);
  const tx = await tq.groupBy('device').execute();

  const [sc, scId] = f.launchId ? ['launch', f.launchId] : scope.kind === 'store' ? ['store', scope.storeId] : ['platform', ''];
  const sketches = await db
    .selectFrom('analytics_buyer_sketches')
    .select(['device', 'sketch'])
    .where('scope', '=', sc)
    .where('scope_id', '=', scId)
    .where('day', '>=', days.from)
    .where('day', '<', days.to)
    .execute();
  const perDevice = new Map<string, BuyerSketch>();
  const all = new BuyerSketch();
  for (const s of sketches) {
    let d = perDevice.get(s.device);
    if (!d) perDevice.set(s.device, (d = new BuyerSketch()));
    d.mergeEncoded(s.sketch);
    all.mergeEncoded(s.sketch);
  }
  let exact = all.exact;
  const rows = DEVICE_CLASSES.map((device) => {
    const t = tx.find((r) => r.device === device);
    const sk = perDevice.get(device);
    if (sk && !sk.exact) exact = false;
    return { device, buyers: sk?.count() ?? 0, transactions: Number(t?.transactions ?? 0), units: Number(t?.units ?? 0) };
  }).filter((r) => r.device !== 'unknown' || r.buyers > 0 || r.transactions > 0);
  const buyerSum = rows.reduce((n, r) => n + r.buyers, 0);
  const txSum = rows.reduce((n, r) => n + r.transactions, 0);
  const share = (n: number, of: number) => (of > 0 ? n / of : 0);
  const mobile = (k: 'buyers' | 'transactions') => rows.filter((r) => r.device === 'phone' || r.device === 'tablet').reduce((n, r) => n + r[k], 0);
  return {
    devices: rows.map((r) => ({ ...r, buyerShare: share(r.buyers, buyerSum), transactionShare: share(r.transactions, txSum) })),
    buyers: all.count(),
    transactions: txSum,
    mobileTransactionShare: share(mobile('transactions'), txSum),
    mobileBuyerShare: share(mobile('buyers'), buyerSum),
    buyersExact: exact,
  };
}

/** One region's paid orders: the province's code (or older addresses' text), and its names when it is a code. */
export interface RegionRow {
  region: string;
  names?: Record<Locale, string>;
  currency: string;
  orders: number;
  units: number;
  revenueMinor: number;
}

/**
 * Rows of one key merged under the region they name (`regionKey`: rollups written before
 * addresses had codes hold the text), with the province's names, sorted by revenue.
 */
export function mergeRegions(rows: ReadonlyArray<Omit<RegionRow, 'names'>>, limit: number): RegionRow[] {
  const merged = new Map<string, RegionRow>();
  for (const r of rows) {
    const region = regionKey(r.region);
    const key = `${region}\u0000${r.currency}`;
    const m = merged.get(key);
    if (m) {
      m.orders += r.orders;
      m.units += r.units;
      m.revenueMinor += r.revenueMinor;
    } else {
      const names = regionOf(region)?.names;
      merged.set(key, { region, ...(names ? { names: { ...names } } : {}), currency: r.currency, orders: r.orders, units: r.units, revenueMinor: r.revenueMinor });
    }
  }
  return [...merged.values()].sort((a, b) => b.revenueMinor - a.revenueMinor || b.orders - a.orders || (a.region < b.region ? -1 : a.region > b.region ? 1 : a.currency < b.currency ? -1 : 1)).slice(0, limit);
}

/** Top regions (province of the shipping address) by revenue over whole days. */
export async function topRegions(db: Kysely<Database>, scope: Scope, f: AnalyticsFilter): Promise<RegionRow[]> {
  const days = dayRange(f);
  let q = db
    .selectFrom('analytics_regions')
    .select(['region', 'currency', sumInt('orders').as('orders'), sumInt('units').as('units'), sumInt('revenue_minor').as('revenue_minor')])
    .where('day', '>=', days.from)
    .where('day', '<', days.to);
  if (scope.kind === 'store') q = q.where('store_id', '=', scope.storeId);
  if (f.launchId) q = q.where('launch_id', '=', f.launchId);
  const rows = await q.groupBy(['region', 'currency']).execute();
  return mergeRegions(rows.map((r) => ({ region: r.region, currency: r.currency, orders: Number(r.orders), units: Number(r.units), revenueMinor: Number(r.revenue_minor) })), f.limit);
}

/** One step of a launch funnel with its conversion. */
export interface FunnelStepRow {
  step: FunnelStep;
  buyers: number;
  /** buyers / buyers of the previous step with any (null for the first, or when that is 0). */
  conversionFromPrevious: number | null;
  /** buyers / buyers of the first non-empty step. */
  conversionFromFirst: number | null;
}

/** A launch's funnel and hold outcomes. */
export interface LaunchFunnel {
  launchId: string;
  storeId: string;
  title: string;
  startsAt: number;
  endsAt: number;
  steps: FunnelStepRow[];
  holds: number;
  heldUnits: number;
  paidHolds: number;
  paidUnits: number;
  expiredHolds: number;
  expiredUnits: number;
  cancelledHolds: number;
  /** expired holds / holds created (null before any hold). */
  holdExpiryRate: number | null;
  refusals: Array<{ reason: string; count: number }>;
}

type LaunchRow = Pick<Database['launches'], 'id' | 'store_id' | 'title' | 'starts_at' | 'ends_at'>;

function funnelOf(l: LaunchRow, counters: Map<string, number>): LaunchFunnel {
  const c = (m: string) => counters.get(m) ?? 0;
  let prev: number | null = null;
  let first: number | null = null;
  const steps = FUNNEL_STEPS.map(({ step }) => {
    const buyers = c(`buyers:${step}`);
    const row: FunnelStepRow = { step, buyers, conversionFromPrevious: prev ? buyers / prev : null, conversionFromFirst: first ? buyers / first : null };
    if (buyers > 0) {
      prev = buyers;
      first ??= buyers;
    }
    return row;
  });
  const refusals = [...counters.entries()]
    .filter(([k]) => k.startsWith('refused:'))
    .map(([k, v]) => ({ reason: k.slice('refused:'.length), count: v }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  return {
    launchId: l.id,
    storeId: l.store_id,
    title: l.title,
    startsAt: l.starts_at,
    endsAt: l.ends_at,
    steps,
    holds: c('holds'),
    heldUnits: c('held_units'),
    paidHolds: c('paid'),
    paidUnits: c('paid_units'),
    expiredHolds: c('expired'),
    expiredUnits: c('expired_units'),
    cancelledHolds: c('cancelled'),
    holdExpiryRate: c('holds') > 0 ? c('expired') / c('holds') : null,
    refusals,
  };
}

async function countersOf(db: Kysely<Database>, launchIds: string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>(launchIds.map((id) => [id, new Map()]));
  for (let i = 0; i < launchIds.length; i += 500) {
    const rows = await db.selectFrom('analytics_launch_counters').selectAll().where('launch_id', 'in', launchIds.slice(i, i + 500)).execute();
    for (const r of rows) out.get(r.launch_id)!.set(r.metric, Number(r.value));
  }
  return out;
}

/** Reads a launch (404 when unknown). */
export async function launchOf(db: Kysely<Database>, launchId: string): Promise<LaunchRow> {
  const l = await db.selectFrom('launches').select(['id', 'store_id', 'title', 'starts_at', 'ends_at']).where('id', '=', launchId).executeTakeFirst();
  if (!l) throw notFound('Launch');
  return l;
}

/** The funnel of one launch. */
export async function launchFunnel(db: Kysely<Database>, launchId: string): Promise<LaunchFunnel> {
  const l = await launchOf(db, launchId);
  return funnelOf(l, (await countersOf(db, [l.id])).get(l.id)!);
}

/** Funnels of the launches (of a store, or all) that start within the range, newest first, at most `limit`. */
export async function funnels(db: Kysely<Database>, scope: Scope, f: AnalyticsFilter): Promise<LaunchFunnel[]> {
  let q = db.selectFrom('launches').select(['id', 'store_id', 'title', 'starts_at', 'ends_at']);
  if (f.launchId) q = q.where('id', '=', f.launchId);
  else q = q.where('starts_at', '>=', f.from).where('starts_at', '<', f.to);
  if (scope.kind === 'store') q = q.where('store_id', '=', scope.storeId);
  const launches = await q.orderBy('starts_at', 'desc').orderBy('id').limit(f.limit).execute();
  const counters = await countersOf(db, launches.map((l) => l.id));
  return launches.map((l) => funnelOf(l, counters.get(l.id)!));
}

/** One point of a sell-out curve (a span of `resolutionSeconds` starting at `second`). */
export interface SelloutPoint {
  second: number;
  heldUnits: number;
  paidUnits: number;
  releasedUnits: number;
  /** Units reserved or sold at the end of this span: cumulative held − released. */
  reservedUnits: number;
  /** Units paid by the end of this span. */
  paidTotal: number;
}

/** A launch's sell-out curve: units against seconds since its start. */
export interface SelloutCurve {
  launchId: string;
  startsAt: number;
  allotment: number;
  resolutionSeconds: number;
  /** Seconds from the start until every unit was reserved (null if that never happened). */
  timeToSellOutSeconds: number | null;
  /** Seconds from the start until the last unit was paid, i.e. every unit sold (null if that never happened). */
  timeToPaidOutSeconds: number | null;
  points: SelloutPoint[];
}

/** The sell-out curve, at one-second resolution while it fits `maxPoints`, coarser beyond. */
export async function selloutCurve(db: Kysely<Database>, launchId: string, maxPoints = 3600): Promise<SelloutCurve> {
  const l = await launchOf(db, launchId);
  const allot = await db.selectFrom('launch_items').select(sumInt('allotment').as('a')).where('launch_id', '=', launchId).executeTakeFirst();
  const span = await db.selectFrom('analytics_sellout').select([sql<number>`min(second)`.as('lo'), sql<number>`max(second)`.as('hi')]).where('launch_id', '=', launchId).executeTakeFirst();
  const lo = span?.lo === null || span?.lo === undefined ? 0 : Number(span.lo);
  const hi = span?.hi === null || span?.hi === undefined ? 0 : Number(span.hi);
  const step = Math.max(1, Math.ceil((hi - Math.min(lo, 0) + 1) / maxPoints));
  const rows = await db
    .selectFrom('analytics_sellout')
    .select([sql<number>`(second - ((second % ${step}) + ${step}) % ${step})`.as('s'), sumInt('held_units').as('held'), sumInt('paid_units').as('paid'), sumInt('released_units').as('released')])
    .where('launch_id', '=', launchId)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  // Time to sell out at one-second resolution, whatever the display resolution.
  const allotment = Number(allot?.a ?? 0);
  let sellOut: number | null = null;
  let paidOut: number | null = null;
  if (allotment > 0) {
    const fine = await db.selectFrom('analytics_sellout').select(['second', 'held_units', 'paid_units', 'released_units']).where('launch_id', '=', launchId).orderBy('second').execute();
    let net = 0;
    let paid = 0;
    for (const r of fine) {
      net += Number(r.held_units) - Number(r.released_units);
      paid += Number(r.paid_units);
      if (sellOut === null && net >= allotment) sellOut = Number(r.second) + 1;
      if (paid >= allotment) {
        paidOut = Number(r.second) + 1;
        break;
      }
    }
  }
  let reserved = 0;
  let paidTotal = 0;
  const points = rows.map((r) => {
    reserved += Number(r.held) - Number(r.released);
    paidTotal += Number(r.paid);
    return { second: Number(r.s), heldUnits: Number(r.held), paidUnits: Number(r.paid), releasedUnits: Number(r.released), reservedUnits: reserved, paidTotal };
  });
  return { launchId, startsAt: l.starts_at, allotment, resolutionSeconds: step, timeToSellOutSeconds: sellOut, timeToPaidOutSeconds: paidOut, points };
}

/** One waiting-time bucket. */
export interface WaitBucketRow {
  fromSeconds: number;
  /** Exclusive upper bound (null: open-ended). */
  toSeconds: number | null;
  admitted: number;
  share: number;
}

/** How long admitted buyers waited in a launch's queue. */
export interface WaitingTimes {
  launchId: string;
  /** Admissions: a buyer let in again (after a turn or a reservation ran out) counts each time. */
  admitted: number;
  /** Distinct buyers admitted (the funnel's Admitted step). */
  buyers: number;
  meanWaitSeconds: number | null;
  buckets: WaitBucketRow[];
}

/** The waiting-time distribution of a launch (join, or the start for the pre-queue, to admission). */
export async function waitingTimes(db: Kysely<Database>, launchId: string): Promise<WaitingTimes> {
  await launchOf(db, launchId);
  const rows = await db.selectFrom('analytics_waits').select(['bucket', 'admitted']).where('launch_id', '=', launchId).execute();
  const counters = (await countersOf(db, [launchId])).get(launchId)!;
  const total = rows.reduce((n, r) => n + Number(r.admitted), 0);
  const buckets = [0, ...WAIT_BUCKETS_S].map((fromSeconds, i) => {
    const n = Number(rows.find((r) => Number(r.bucket) === i)?.admitted ?? 0);
    return { fromSeconds, toSeconds: WAIT_BUCKETS_S[i] ?? null, admitted: n, share: total > 0 ? n / total : 0 };
  });
  return { launchId, admitted: total, buyers: counters.get('buyers:admitted') ?? 0, meanWaitSeconds: total > 0 ? (counters.get('wait_ms_sum') ?? 0) / total / 1000 : null, buckets };
}

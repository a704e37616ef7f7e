/**
 * HTTP routes of seller analytics: a store's dashboards (members only), a launch's funnel,
 * sell-out curve and waiting times (members of the launch's store), and the platform-wide
 * dashboards (admin). Every table is also served as CSV: `?format=csv`, or `Accept: text/csv`.
 */
import { LOCALES } from '../shared/locales.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { notFound } from '../shared/errors.js';
import { requireRole, requireUser } from '../http/auth.js';
import { Id, typed } from '../http/typed.js';
import { assertStoreAccess } from '../stores/service.js';
import { toCsv, type CsvColumn } from './csv.js';
import { DEVICE_CLASSES, FUNNEL_STEPS } from './events.js';
import {
  deviceMix,
  funnels,
  launchFunnel,
  launchOf,
  normalizeFilter,
  salesSeries,
  selloutCurve,
  skuTable,
  storeSplit,
  topRegions,
  waitingTimes,
  type AnalyticsFilter,
  type DeviceRow,
  type LaunchFunnel,
  type RegionRow,
  type SalesPoint,
  type Scope,
  type SelloutPoint,
  type SkuRow,
  type StoreSplitRow,
  type WaitBucketRow,
} from './queries.js';

const TimeParam = z
  .string()
  .max(40)
  .transform((s, c) => {
    const n = /^\d{1,16}$/.test(s) ? Number(s) : /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN;
    if (!Number.isFinite(n) || n < 0 || n > 8_640_000_000_000_000) {
      c.addIssue({ code: 'custom', message: 'epoch milliseconds or an ISO 8601 date (2025-04-08 or 2025-04-08T10:00:00Z)' });
      return z.NEVER;
    }
    return n;
  });

const Format = z.enum(['json', 'csv']).optional().describe('csv: the table as CSV (also chosen by Accept: text/csv)');

const FilterQuery = z.object({
  from: TimeParam.optional().describe('start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket'),
  to: TimeParam.optional().describe('end of the range (exclusive): epoch ms or ISO 8601; default now'),
  bucket: z.enum(['minute', 'hour', 'day']).default('day').describe('series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days'),
  launchId: Id.optional().describe('only what happened in this launch'),
  skuId: Id.optional().describe('only this SKU (sales and SKU tables)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('most rows of a table'),
  format: Format,
});
type FilterQuery = z.infer<typeof FilterQuery>;

const Range = { from: z.number(), to: z.number() };

const SalesPointOut = z.object({
  bucketStart: z.number(),
  currency: z.string(),
  views: z.number(),
  orders: z.number(),
  units: z.number(),
  revenueMinor: z.number(),
  refunds: z.number(),
  refundedUnits: z.number(),
  refundedMinor: z.number(),
  shipped: z.number(),
  delivered: z.number(),
});
const SalesOut = z.object({ ...Range, bucket: z.enum(['minute', 'hour', 'day']), points: z.array(SalesPointOut) }).meta({ id: 'AnalyticsSales' });

const SkuRowOut = z.object({
  skuId: z.string(),
  storeId: z.string(),
  productId: z.string().nullable(),
  title: z.string().nullable(),
  code: z.string().nullable(),
  options: z.record(z.string(), z.string()),
  /** The product's title and the SKU's options, as a buyer reads them. */
  name: z.string(),
  currency: z.string(),
  orders: z.number(),
  units: z.number(),
  revenueMinor: z.number(),
  refundedUnits: z.number(),
  refundedMinor: z.number(),
});
const SkusOut = z.object({ ...Range, rows: z.array(SkuRowOut) }).meta({ id: 'AnalyticsSkus' });

const DevicesOut = z
  .object({
    ...Range,
    devices: z.array(z.object({ device: z.enum(DEVICE_CLASSES), buyers: z.number(), transactions: z.number(), units: z.number(), buyerShare: z.number(), transactionShare: z.number() })),
    buyers: z.number(),
    transactions: z.number(),
    mobileTransactionShare: z.number(),
    mobileBuyerShare: z.number(),
    buyersExact: z.boolean().describe('false when a buyer count was estimated (HyperLogLog, about ±1.6 %)'),
  })
  .meta({ id: 'AnalyticsDevices' });

const RegionsOut = z
  .object({
    ...Range,
    rows: z.array(
      z.object({
        region: z.string().describe("the province's division code (orders from before codes: their text, when it names no province)"),
        names: z.record(z.enum(LOCALES), z.string()).optional().describe('the province in every locale'),
        currency: z.string(),
        orders: z.number(),
        units: z.number(),
        revenueMinor: z.number(),
      }),
    ),
  })
  .meta({ id: 'AnalyticsRegions' });

const FunnelOut = z
  .object({
    launchId: z.string(),
    storeId: z.string(),
    title: z.string(),
    startsAt: z.number(),
    endsAt: z.number(),
    steps: z.array(z.object({ step: z.enum(FUNNEL_STEPS.map((s) => s.step) as [string, ...string[]]), buyers: z.number(), conversionFromPrevious: z.number().nullable(), conversionFromFirst: z.number().nullable() })),
    holds: z.number(),
    heldUnits: z.number(),
    paidHolds: z.number(),
    paidUnits: z.number(),
    expiredHolds: z.number(),
    expiredUnits: z.number(),
    cancelledHolds: z.number(),
    holdExpiryRate: z.number().nullable(),
    refusals: z.array(z.object({ reason: z.string(), count: z.number() })),
  })
  .meta({ id: 'LaunchFunnel' });
const FunnelsOut = z.object({ ...Range, launches: z.array(FunnelOut) }).meta({ id: 'AnalyticsFunnels' });

const SelloutOut = z
  .object({
    launchId: z.string(),
    startsAt: z.number(),
    allotment: z.number(),
    resolutionSeconds: z.number(),
    timeToSellOutSeconds: z.number().nullable(),
    timeToPaidOutSeconds: z.number().nullable(),
    points: z.array(z.object({ second: z.number(), heldUnits: z.number(), paidUnits: z.number(), releasedUnits: z.number(), reservedUnits: z.number(), paidTotal: z.number() })),
  })
  .meta({ id: 'LaunchSellout' });

const WaitingOut = z
  .object({
    launchId: z.string(),
    admitted: z.number(),
    buyers: z.number(),
    meanWaitSeconds: z.number().nullable(),
    buckets: z.array(z.object({ fromSeconds: z.number(), toSeconds: z.number().nullable(), admitted: z.number(), share: z.number() })),
  })
  .meta({ id: 'LaunchWaitingTimes' });

/** Money in a CSV: in yuan (major units, two decimals, as a spreadsheet reads them), never in fen. */
const majorUnits = (minor: number) => (minor / 100).toFixed(2);

const salesCsv: CsvColumn<SalesPoint>[] = [
  { header: 'bucket_start', value: (r) => new Date(r.bucketStart).toISOString() },
  { header: 'currency', value: (r) => r.currency },
  { header: 'views', value: (r) => r.views },
  { header: 'orders', value: (r) => r.orders },
  { header: 'units', value: (r) => r.units },
  { header: 'revenue', value: (r) => majorUnits(r.revenueMinor) },
  { header: 'refunds', value: (r) => r.refunds },
  { header: 'refunded_units', value: (r) => r.refundedUnits },
  { header: 'refunded', value: (r) => majorUnits(r.refundedMinor) },
  { header: 'shipped', value: (r) => r.shipped },
  { header: 'delivered', value: (r) => r.delivered },
];
const skuCsv: CsvColumn<SkuRow>[] = [
  { header: 'sku_id', value: (r) => r.skuId },
  { header: 'store_id', value: (r) => r.storeId },
  { header: 'product_id', value: (r) => r.productId },
  { header: 'title', value: (r) => r.title },
  { header: 'sku', value: (r) => r.name },
  { header: 'code', value: (r) => r.code },
  { header: 'currency', value: (r) => r.currency },
  { header: 'orders', value: (r) => r.orders },
  { header: 'units', value: (r) => r.units },
  { header: 'revenue', value: (r) => majorUnits(r.revenueMinor) },
  { header: 'refunded_units', value: (r) => r.refundedUnits },
  { header: 'refunded', value: (r) => majorUnits(r.refundedMinor) },
];
const deviceCsv: CsvColumn<DeviceRow>[] = [
  { header: 'device', value: (r) => r.device },
  { header: 'buyers', value: (r) => r.buyers },
  { header: 'buyer_share', value: (r) => r.buyerShare },
  { header: 'transactions', value: (r) => r.transactions },
  { header: 'transaction_share', value: (r) => r.transactionShare },
  { header: 'units', value: (r) => r.units },
];
const regionCsv: CsvColumn<RegionRow>[] = [
  { header: 'region', value: (r) => r.region },
  { header: 'region_zh', value: (r) => r.names?.['zh-CN'] ?? r.region },
  { header: 'region_en', value: (r) => r.names?.en ?? r.region },
  { header: 'currency', value: (r) => r.currency },
  { header: 'orders', value: (r) => r.orders },
  { header: 'units', value: (r) => r.units },
  { header: 'revenue', value: (r) => majorUnits(r.revenueMinor) },
];
type FunnelCsvRow = { f: LaunchFunnel; s: LaunchFunnel['steps'][number] };
const funnelCsv: CsvColumn<FunnelCsvRow>[] = [
  { header: 'launch_id', value: (r) => r.f.launchId },
  { header: 'title', value: (r) => r.f.title },
  { header: 'starts_at', value: (r) => new Date(r.f.startsAt).toISOString() },
  { header: 'step', value: (r) => r.s.step },
  { header: 'buyers', value: (r) => r.s.buyers },
  { header: 'conversion_from_previous', value: (r) => r.s.conversionFromPrevious },
  { header: 'conversion_from_first', value: (r) => r.s.conversionFromFirst },
  { header: 'hold_expiry_rate', value: (r) => r.f.holdExpiryRate },
];
const selloutCsv: CsvColumn<SelloutPoint>[] = [
  { header: 'second', value: (r) => r.second },
  { header: 'held_units', value: (r) => r.heldUnits },
  { header: 'paid_units', value: (r) => r.paidUnits },
  { header: 'released_units', value: (r) => r.releasedUnits },
  { header: 'reserved_units', value: (r) => r.reservedUnits },
  { header: 'paid_total', value: (r) => r.paidTotal },
];
const waitCsv: CsvColumn<WaitBucketRow>[] = [
  { header: 'from_seconds', value: (r) => r.fromSeconds },
  { header: 'to_seconds', value: (r) => r.toSeconds },
  { header: 'admitted', value: (r) => r.admitted },
  { header: 'share', value: (r) => r.share },
];
const funnelRows = (fs: LaunchFunnel[]): FunnelCsvRow[] => fs.flatMap((f) => f.steps.map((s) => ({ f, s })));

/** True when the caller asked for CSV: `?format=csv`, or an Accept header naming text/csv (and no format=json). */
function wantsCsv(req: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/i.test(req.headers.accept ?? '');
}

/** Sends the table as a CSV attachment (the JSON schema's serializer is bypassed for text/csv). */
function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).header('cache-control', 'no-store').send(csv);
}

const fileStamp = (f: AnalyticsFilter) => `${new Date(f.from).toISOString().slice(0, 10)}_${new Date(f.to - 1).toISOString().slice(0, 10)}`;

/** Registers the analytics routes (under /api/v1). */
export function analyticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const StoreParams = z.object({ storeId: Id });
  const LaunchParams = z.object({ launchId: Id });
  const csvNote = ' Add ?format=csv (or send Accept: text/csv) for the table as CSV.';

  /** The caller's scope for a store route: members (and admins) only; a launch filter must be the store's. */
  const storeScope = async (req: FastifyRequest, storeId: string, q: FilterQuery): Promise<{ scope: Scope; f: AnalyticsFilter }> => {
    await assertStoreAccess(ctx, requireUser(req), storeId);
    const f = normalizeFilter(q, ctx.clock.now());
    if (f.launchId && (await launchOf(ctx.db, f.launchId)).store_id !== storeId) throw notFound('Launch');
    return { scope: { kind: 'store', storeId }, f };
  };
  const platformScope = (req: FastifyRequest, q: FilterQuery): { scope: Scope; f: AnalyticsFilter } => {
    requireRole(req, 'admin');
    return { scope: { kind: 'platform' }, f: normalizeFilter(q, ctx.clock.now()) };
  };
  const launchAccess = async (req: FastifyRequest, launchId: string) => {
    const p = requireUser(req);
    const l = await launchOf(ctx.db, launchId);
    await assertStoreAccess(ctx, p, l.store_id);
    return l;
  };

  // One handler per dashboard, shared by the store and the platform variants.
  const sales = async (req: FastifyRequest, reply: FastifyReply, q: FilterQuery, s: { scope: Scope; f: AnalyticsFilter }, name: string) => {
    const points = await salesSeries(ctx.db, s.scope, s.f);
    if (wantsCsv(req, q.format)) return sendCsv(reply, `sales-${name}-${s.f.bucket}-${fileStamp(s.f)}`, toCsv(salesCsv, points));
    return { from: s.f.from, to: s.f.to, bucket: s.f.bucket, points };
  };
  const skus = async (req: FastifyRequest, reply: FastifyReply, q: FilterQuery, s: { scope: Scope; f: AnalyticsFilter }, name: string) => {
    const rows = await skuTable(ctx.db, s.scope, s.f);
    if (wantsCsv(req, q.format)) return sendCsv(reply, `skus-${name}-${fileStamp(s.f)}`, toCsv(skuCsv, rows));
    return { from: s.f.from, to: s.f.to, rows };
  };
  const devices = async (req: FastifyRequest, reply: FastifyReply, q: FilterQuery, s: { scope: Scope; f: AnalyticsFilter }, name: string) => {
    const mix = await deviceMix(ctx.db, s.scope, s.f);
    if (wantsCsv(req, q.format)) return sendCsv(reply, `devices-${name}-${fileStamp(s.f)}`, toCsv(deviceCsv, mix.devices));
    return { from: s.f.from, to: s.f.to, ...mix };
  };
  const regions = async (req: FastifyRequest, reply: FastifyReply, q: FilterQuery, s: { scope: Scope; f: AnalyticsFilter }, name: string) => {
    const rows = await topRegions(ctx.db, s.scope, s.f);
    if (wantsCsv(req, q.format)) return sendCsv(reply, `regions-${name}-${fileStamp(s.f)}`, toCsv(regionCsv, rows));
    return { from: s.f.from, to: s.f.to, rows };
  };
  const funnel = async (req: FastifyRequest, reply: FastifyReply, q: FilterQuery, s: { scope: Scope; f: AnalyticsFilter }, name: string) => {
    const launches = await funnels(ctx.db, s.scope, s.f);
    if (wantsCsv(req, q.format)) return sendCsv(reply, `funnels-${name}-${fileStamp(s.f)}`, toCsv(funnelCsv, funnelRows(launches)));
    return { from: s.f.from, to: s.f.to, launches };
  };

  const dashboards = [
    { path: 'sales', out: SalesOut, summary: 'Sales and revenue over time (views, orders, units, refunds) per minute, hour or day', run: sales },
    { path: 'skus', out: SkusOut, summary: 'Units and revenue per SKU, best sellers first', run: skus },
    { path: 'devices', out: DevicesOut, summary: 'Device mix of buyers (distinct) and of transactions (paid orders), with the share from mobile', run: devices },
    { path: 'funnel', out: FunnelsOut, summary: 'Launch funnels (registered → queued → admitted → held → paid) of the launches starting in the range', run: funnel },
    { path: 'regions', out: RegionsOut, summary: 'Top regions (province of the shipping address) by revenue', run: regions },
  ] as const;

  for (const d of dashboards) {
    r.get(`/stores/:storeId/analytics/${d.path}`, {
      schema: { tags: ['analytics'], summary: `${d.summary} (store members).${csvNote}`, params: StoreParams, querystring: FilterQuery, response: { 200: d.out, ...errorsOf('BAD_RANGE', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'RANGE_TOO_LARGE') } },
    }, async (req, reply) => d.run(req, reply, req.query, await storeScope(req, req.params.storeId, req.query), req.params.storeId.slice(0, 8)) as never);

    r.get(`/admin/analytics/${d.path}`, {
      schema: { tags: ['analytics', 'admin'], summary: `${d.summary}, platform-wide (admin).${csvNote}`, querystring: FilterQuery, response: { 200: d.out, ...errorsOf('BAD_RANGE', 'RANGE_TOO_LARGE', 'ROLE_REQUIRED') } },
    }, async (req, reply) => d.run(req, reply, req.query, platformScope(req, req.query), 'platform') as never);
  }

  const StoreSplitOut = z
    .object({
      ...Range,
      totals: z.array(z.object({ currency: z.string(), orders: z.number(), units: z.number(), revenueMinor: z.number(), refundedMinor: z.number() })),
      stores: z.array(z.object({ storeId: z.string(), name: z.string().nullable(), currency: z.string(), orders: z.number(), units: z.number(), revenueMinor: z.number(), refundedMinor: z.number(), revenueShare: z.number().nullable() })),
    })
    .meta({ id: 'AnalyticsStoreSplit' });
  const storeSplitCsv: CsvColumn<StoreSplitRow>[] = [
    { header: 'store_id', value: (r) => r.storeId },
    { header: 'store', value: (r) => r.name },
    { header: 'currency', value: (r) => r.currency },
    { header: 'orders', value: (r) => r.orders },
    { header: 'units', value: (r) => r.units },
    { header: 'revenue', value: (r) => majorUnits(r.revenueMinor) },
    { header: 'refunded', value: (r) => majorUnits(r.refundedMinor) },
    { header: 'revenue_share', value: (r) => r.revenueShare },
  ];
  r.get('/admin/analytics/stores', {
    schema: { tags: ['analytics', 'admin'], summary: `The platform's totals (orders, units, revenue, refunds per currency) and each store's part, over whole days (admin).${csvNote}`, querystring: FilterQuery, response: { 200: StoreSplitOut, ...errorsOf('BAD_RANGE', 'RANGE_TOO_LARGE', 'ROLE_REQUIRED') } },
  }, async (req, reply) => {
    const s = platformScope(req, req.query);
    const split = await storeSplit(ctx.db, s.f);
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, `stores-platform-${fileStamp(s.f)}`, toCsv(storeSplitCsv, split.stores));
    return { from: s.f.from, to: s.f.to, ...split };
  });

  const LaunchQuery = z.object({ format: Format });

  r.get('/launches/:launchId/analytics/funnel', {
    schema: { tags: ['analytics'], summary: `A launch's funnel with conversion at each step, hold outcomes and refusals (store members).${csvNote}`, params: LaunchParams, querystring: LaunchQuery, response: { 200: FunnelOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req, reply) => {
    await launchAccess(req, req.params.launchId);
    const f = await launchFunnel(ctx.db, req.params.launchId);
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, `funnel-${req.params.launchId.slice(0, 8)}`, toCsv(funnelCsv, funnelRows([f])));
    return f;
  });

  r.get('/launches/:launchId/analytics/sellout', {
    schema: {
      tags: ['analytics'],
      summary: `A launch's sell-out curve: units held, paid and released per second since the start, and the time to sell out (store members).${csvNote}`,
      params: LaunchParams,
      querystring: LaunchQuery.extend({ maxPoints: z.coerce.number().int().min(10).max(20_000).default(3600).describe('coarser steps when the curve is longer') }),
      response: { 200: SelloutOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') },
    },
  }, async (req, reply) => {
    await launchAccess(req, req.params.launchId);
    const c = await selloutCurve(ctx.db, req.params.launchId, req.query.maxPoints);
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, `sellout-${req.params.launchId.slice(0, 8)}`, toCsv(selloutCsv, c.points));
    return c;
  });

  r.get('/launches/:launchId/analytics/waiting', {
    schema: { tags: ['analytics'], summary: `How long admitted buyers waited in a launch's queue, bucketed (store members).${csvNote}`, params: LaunchParams, querystring: LaunchQuery, response: { 200: WaitingOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req, reply) => {
    await launchAccess(req, req.params.launchId);
    const w = await waitingTimes(ctx.db, req.params.launchId);
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, `waiting-${req.params.launchId.slice(0, 8)}`, toCsv(waitCsv, w.buckets));
    return w;
  });
}

/**
 * Helpers of the analytics suites: a generator of realistic random event histories (orders
 * with several lines, launches with funnels, views from every device), and the brute-force
 * recount of every dashboard figure straight from the raw event log — what the rollups are
 * held against.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { bucketStart, DEVICE_CLASSES, FUNNEL_STEPS, GRAINS, WAIT_BUCKETS_S, waitBucket, type AnalyticsEventType, type DeviceClass, type StoredEvent } from '../../src/analytics/events.js';
import { BUYER_ACTIONS, SELLOUT_TYPES } from '../../src/analytics/rollups.js';
import { allEvents } from '../../src/analytics/segments.js';
import { regionKey } from '../../src/regions/service.js';
import { dayRange, mergeRegions, type AnalyticsFilter, type DeviceMix, type LaunchFunnel, type RegionRow, type SalesPoint, type Scope, type SelloutCurve, type SkuRow, type WaitingTimes } from '../../src/analytics/queries.js';

/** Reads every raw event back from the log (its segments, in order). */
export function rawEvents(db: Kysely<Database>): Promise<StoredEvent[]> {
  return allEvents(db);
}

/** A launch the generator may use: its id, store and start. */
export interface GenLaunch {
  id: string;
  storeId: string;
  startsAt: number;
}

/** The fixed cast of one generated history: stores, launches, SKUs (each with one currency), buyers. */
export interface GenWorld {
  base: number;
  stores: string[];
  launches: GenLaunch[];
  /** SKUs, each of one store (as in the catalog: a SKU is one store's). */
  skus: Array<{ id: string; storeId: string; currency: string }>;
  buyers: string[];
}

/** Makes a cast of ids for one history starting at `base`. */
export function genWorld(stores: string[], base: number): GenWorld {
  return {
    base,
    stores,
    launches: [0, 1].map((i) => ({ id: randomUUID(), storeId: stores[i % stores.length]!, startsAt: base + (i + 1) * 3_600_000 + 1234 })),
    skus: [0, 1, 2, 3].map((i) => ({ id: randomUUID(), storeId: stores[i % stores.length]!, currency: i === 3 ? 'USD' : 'CNY' })),
    buyers: [0, 1, 2, 3, 4, 5].map(() => randomBytes(12).toString('base64url')),
  };
}

const REGIONS = ['Guangdong', 'Beijing', '上海', 'Zhejiang, "East"', 'Tab\there\\ and\nthere', null];
const REASONS = ['SOLD_OUT', 'LIMIT_REACHED', 'NOT_REGISTERED'];
const SPAN_MS = 3 * GRAINS.day;

/** An arbitrary event history over three days in `w`: orders (lines, then maybe shipped, delivered, refunded), views, launch events. */
export function historyArb(w: GenWorld): fc.Arbitrary<StoredEvent[]> {
  const device = fc.constantFrom<DeviceClass>(...DEVICE_CLASSES);
  const at = fc.integer({ min: 0, max: SPAN_MS - 1 }).map((o) => w.base + o);
  const buyer = fc.option(fc.constantFrom(...w.buyers), { nil: null, freq: 8 });
  const common = (e: Partial<StoredEvent> & Pick<StoredEvent, 'type' | 'at' | 'store_id'>): StoredEvent => ({
    product_id: null,
    sku_id: null,
    launch_id: null,
    order_id: null,
    buyer: null,
    device: 'unknown',
    channel: 'web',
    region: null,
    units: 0,
    amount_minor: 0,
    currency: null,
    reason: null,
    wait_ms: null,
    since_start_ms: null,
    ...e,
  });
  const skusOf = (store: string) => w.skus.filter((k) => k.storeId === store);
  const view = fc.record({ at, sku: fc.constantFrom(...w.skus), buyer, device }).map((v) => [
    common({ type: 'product_viewed', at: v.at, store_id: v.sku.storeId, product_id: v.sku.id, currency: v.sku.currency, buyer: v.buyer, device: v.device }),
  ]);
  const order = fc
    .record({
      at,
      store: fc.constantFrom(...w.stores),
      launch: fc.option(fc.constantFrom(...w.launches), { nil: null }),
      buyer: fc.constantFrom(...w.buyers),
      device,
      region: fc.constantFrom(...REGIONS),
      currency: fc.constantFrom('CNY', 'USD'),
      lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...w.skus), units: fc.integer({ min: 1, max: 3 }), price: fc.integer({ min: 0, max: 500_000 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.sku.id }),
      later: fc.array(fc.record({ what: fc.constantFrom<AnalyticsEventType>('order_shipped', 'order_delivered', 'order_refunded'), after: fc.integer({ min: 0, max: 2 * GRAINS.day }) }), { maxLength: 2 }),
    })
    .map((o) => {
      const orderId = randomUUID();
      const store = o.launch ? o.launch.storeId : o.store;
      const base = { store_id: store, launch_id: o.launch?.id ?? null, order_id: orderId, buyer: o.buyer, device: o.device, region: o.region, currency: o.currency };
      // An order's lines are SKUs of its store.
      const own = o.lines.filter((l) => l.sku.storeId === store);
      const orderLines = own.length > 0 ? own : [{ ...o.lines[0]!, sku: skusOf(store)[0]! }];
      const lines = (type: AnalyticsEventType, t: number) => orderLines.map((l) => common({ ...base, type, at: t, sku_id: l.sku.id, product_id: l.sku.id, units: l.units, amount_minor: l.units * l.price }));
      const out = lines('order_paid', o.at);
      for (const l of o.later) {
        const t = o.at + l.after;
        if (l.what === 'order_refunded') out.push(...lines('order_refunded', t));
        else out.push(common({ ...base, type: l.what, at: t }));
      }
      return out;
    });
  const launchEvent = fc
    .record({
      launch: fc.constantFrom(...w.launches),
      type: fc.constantFrom<AnalyticsEventType>('launch_registered', 'queue_joined', 'admitted', 'hold_created', 'hold_refused', 'payment_succeeded', 'hold_expired', 'hold_cancelled'),
      offset: fc.integer({ min: -5_000, max: 600_000 }),
      buyer: fc.constantFrom(...w.buyers),
      device,
      sku: fc.nat(),
      units: fc.integer({ min: 1, max: 2 }),
      wait: fc.option(fc.integer({ min: 0, max: 4_000_000 }), { nil: null, freq: 6 }),
      reason: fc.constantFrom(...REASONS),
    })
    .map((l) => {
      const t = l.launch.startsAt + l.offset;
      const holdish = SELLOUT_TYPES.has(l.type);
      const own = skusOf(l.launch.storeId);
      const sku = own[l.sku % own.length]!;
      return [
        common({
          type: l.type,
          at: t,
          store_id: l.launch.storeId,
          launch_id: l.launch.id,
          buyer: l.buyer,
          device: l.device,
          channel: 'api',
          sku_id: holdish || l.type === 'hold_refused' ? sku.id : null,
          units: holdish ? l.units : 0,
          amount_minor: holdish ? l.units * 99_900 : 0,
          currency: holdish ? sku.currency : null,
          reason: l.type === 'hold_refused' ? l.reason : null,
          wait_ms: l.type === 'admitted' ? l.wait : null,
          since_start_ms: holdish ? t - l.launch.startsAt : null,
        }),
      ];
    });
  return fc.array(fc.oneof(view, order, launchEvent, launchEvent), { minLength: 1, maxLength: 40 }).map((groups) => groups.flat());
}

/** A random filter inside the generated span (bucket sizes that fit their widest range). */
export function filterArb(w: GenWorld): fc.Arbitrary<AnalyticsFilter> {
  return fc
    .record({
      a: fc.integer({ min: -GRAINS.day, max: SPAN_MS + GRAINS.day }),
      len: fc.integer({ min: 1, max: SPAN_MS + GRAINS.day }),
      bucket: fc.constantFrom('minute' as const, 'hour' as const, 'day' as const),
      launch: fc.option(fc.constantFrom(...w.launches.map((l) => l.id)), { nil: undefined, freq: 3 }),
      sku: fc.option(fc.constantFrom(...w.skus.map((s) => s.id)), { nil: undefined, freq: 3 }),
    })
    .map((r) => ({ from: w.base + r.a, to: w.base + r.a + r.len, bucket: r.bucket, launchId: r.launch, skuId: r.sku, limit: 1000 }));
}

/**
 * A filter whose edges fall within an hour of the history's own events (before or after them),
 * with an event's SKU and launch: the range ends where a series summed from a finer grain (an
 * SKU's hours from its minutes) or widened to whole days must count exactly what it should.
 */
export function anchoredFilterArb(events: StoredEvent[]): fc.Arbitrary<AnalyticsFilter> {
  const sold = events.filter((e) => e.type === 'order_paid' || e.type === 'order_refunded');
  return fc
    .record({
      sku: fc.boolean(),
      i: fc.nat(),
      j: fc.nat(),
      same: fc.boolean(),
      dFrom: fc.integer({ min: -2 * GRAINS.hour, max: GRAINS.hour }),
      dTo: fc.integer({ min: -GRAINS.hour, max: GRAINS.hour }),
      bucket: fc.constantFrom('minute' as const, 'hour' as const, 'day' as const),
      launch: fc.boolean(),
    })
    .map((r) => {
      // With an SKU: anchored on that SKU's own sales, where its series must start and stop.
      const pool = r.sku && sold.length > 0 ? sold : events;
      const a = pool[r.i % pool.length]!;
      const b = r.same ? a : pool[r.j % pool.length]!;
      const from = Math.min(a.at, b.at) + r.dFrom;
      const to = Math.max(from + 1, Math.max(a.at, b.at) + r.dTo);
      return { from, to, bucket: r.bucket, skuId: r.sku ? (a.sku_id ?? undefined) : undefined, launchId: r.launch ? (a.launch_id ?? undefined) : undefined, limit: 1000 };
    });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const inScope = (e: StoredEvent, scope: Scope) => scope.kind === 'platform' || e.store_id === scope.storeId;
const inLaunch = (e: StoredEvent, f: AnalyticsFilter) => !f.launchId || (e.launch_id ?? '') === f.launchId;
const inDays = (e: StoredEvent, f: AnalyticsFilter) => {
  const d = dayRange(f);
  return e.at >= d.from && e.at < d.to;
};
const distinct = (xs: Array<string | null>) => new Set(xs.filter((x): x is string => x !== null)).size;

/** Sales series recounted from raw events. */
export function recountSales(events: StoredEvent[], scope: Scope, f: AnalyticsFilter): SalesPoint[] {
  const from = bucketStart(f.from, f.bucket);
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (!inScope(e, scope) || !inLaunch(e, f)) continue;
    const relevant = f.skuId ? (e.type === 'order_paid' || e.type === 'order_refunded') && e.sku_id === f.skuId : ['product_viewed', 'order_paid', 'order_refunded', 'order_shipped', 'order_delivered'].includes(e.type);
    const b = bucketStart(e.at, f.bucket);
    if (!relevant || b < from || b >= f.to) continue;
    const key = `${b}|${e.currency ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()]
    .map(([key, es]) => {
      const [b, currency] = key.split('|') as [string, string];
      const of = (t: AnalyticsEventType) => es.filter((e) => e.type === t);
      const sum = (xs: StoredEvent[], k: 'units' | 'amount_minor') => xs.reduce((n, e) => n + e[k], 0);
      return {
        bucketStart: Number(b),
        currency,
        views: of('product_viewed').length,
        orders: distinct(of('order_paid').map((e) => e.order_id)),
        units: sum(of('order_paid'), 'units'),
        revenueMinor: sum(of('order_paid'), 'amount_minor'),
        refunds: distinct(of('order_refunded').map((e) => e.order_id)),
        refundedUnits: sum(of('order_refunded'), 'units'),
        refundedMinor: sum(of('order_refunded'), 'amount_minor'),
        shipped: of('order_shipped').length,
        delivered: of('order_delivered').length,
      };
    })
    .sort((a, b) => a.bucketStart - b.bucketStart || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** Per-SKU table recounted from raw events (only the figures the rollups keep; names come from the catalog). */
export function recountSkus(events: StoredEvent[], scope: Scope, f: AnalyticsFilter): Array<Pick<SkuRow, 'skuId' | 'storeId' | 'currency' | 'orders' | 'units' | 'revenueMinor' | 'refundedUnits' | 'refundedMinor'>> {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if ((e.type !== 'order_paid' && e.type !== 'order_refunded') || !e.sku_id || !inScope(e, scope) || !inLaunch(e, f) || !inDays(e, f)) continue;
    if (f.skuId && e.sku_id !== f.skuId) continue;
    const key = `${e.store_id}|${e.sku_id}|${e.currency ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()]
    .map(([key, es]) => {
      const [storeId, skuId, currency] = key.split('|') as [string, string, string];
      const paid = es.filter((e) => e.type === 'order_paid');
      const ref = es.filter((e) => e.type === 'order_refunded');
      return {
        skuId,
        storeId,
        currency,
        orders: distinct(paid.map((e) => e.order_id)),
        units: paid.reduce((n, e) => n + e.units, 0),
        revenueMinor: paid.reduce((n, e) => n + e.amount_minor, 0),
        refundedUnits: ref.reduce((n, e) => n + e.units, 0),
        refundedMinor: ref.reduce((n, e) => n + e.amount_minor, 0),
      };
    })
    .sort((a, b) => b.units - a.units || cmp(a.skuId, b.skuId) || cmp(a.storeId, b.storeId) || cmp(a.currency, b.currency));
}

/** Device mix recounted from raw events (exact distinct buyers). */
export function recountDevices(events: StoredEvent[], scope: Scope, f: AnalyticsFilter): DeviceMix {
  const es = events.filter((e) => inDays(e, f) && (f.launchId ? e.launch_id === f.launchId : inScope(e, scope)));
  const active = es.filter((e) => e.buyer && BUYER_ACTIONS.has(e.type));
  const paid = es.filter((e) => e.type === 'order_paid' && inScope(e, scope));
  const rows = DEVICE_CLASSES.map((device) => ({
    device,
    buyers: distinct(active.filter((e) => e.device === device).map((e) => e.buyer)),
    transactions: distinct(paid.filter((e) => e.device === device).map((e) => e.order_id)),
    units: paid.filter((e) => e.device === device).reduce((n, e) => n + e.units, 0),
  })).filter((r) => r.device !== 'unknown' || r.buyers > 0 || r.transactions > 0);
  const buyerSum = rows.reduce((n, r) => n + r.buyers, 0);
  const txSum = rows.reduce((n, r) => n + r.transactions, 0);
  const share = (n: number, of: number) => (of > 0 ? n / of : 0);
  const mobile = (k: 'buyers' | 'transactions') => rows.filter((r) => r.device === 'phone' || r.device === 'tablet').reduce((n, r) => n + r[k], 0);
  return {
    devices: rows.map((r) => ({ ...r, buyerShare: share(r.buyers, buyerSum), transactionShare: share(r.transactions, txSum) })),
    buyers: distinct(active.map((e) => e.buyer)),
    transactions: txSum,
    mobileTransactionShare: share(mobile('transactions'), txSum),
    mobileBuyerShare: share(mobile('buyers'), buyerSum),
    buyersExact: true,
  };
}

/** Top regions recounted from raw events: grouped by the province each names (`regionKey`: "Guangdong" and "广东" are one). */
export function recountRegions(events: StoredEvent[], scope: Scope, f: AnalyticsFilter): RegionRow[] {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (e.type !== 'order_paid' || !inScope(e, scope) || !inLaunch(e, f) || !inDays(e, f)) continue;
    const key = JSON.stringify([regionKey(e.region ?? 'unknown'), e.currency ?? '']);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const rows = [...groups.entries()].map(([key, es]) => {
    const [region, currency] = JSON.parse(key) as [string, string];
    // Orders are counted once per region even when their events spelled it differently.
    return { region, currency, orders: distinct(es.map((e) => e.order_id)), units: es.reduce((n, e) => n + e.units, 0), revenueMinor: es.reduce((n, e) => n + e.amount_minor, 0) };
  });
  return mergeRegions(rows, f.limit);
}

/** One launch's funnel recounted from raw events (the launch row supplies title and times). */
export function recountFunnel(events: StoredEvent[], launch: { id: string; store_id: string; title: string; starts_at: number; ends_at: number }): LaunchFunnel {
  const es = events.filter((e) => e.launch_id === launch.id);
  const of = (t: AnalyticsEventType) => es.filter((e) => e.type === t);
  let prev: number | null = null;
  let first: number | null = null;
  const steps = FUNNEL_STEPS.map(({ step, event }) => {
    const buyers = distinct(of(event).map((e) => e.buyer));
    const row = { step, buyers, conversionFromPrevious: prev ? buyers / prev : null, conversionFromFirst: first ? buyers / first : null };
    if (buyers > 0) {
      prev = buyers;
      first ??= buyers;
    }
    return row;
  });
  const reasons = new Map<string, number>();
  for (const e of of('hold_refused')) reasons.set(e.reason ?? 'UNKNOWN', (reasons.get(e.reason ?? 'UNKNOWN') ?? 0) + 1);
  const units = (t: AnalyticsEventType) => of(t).reduce((n, e) => n + e.units, 0);
  return {
    launchId: launch.id,
    storeId: launch.store_id,
    title: launch.title,
    startsAt: launch.starts_at,
    endsAt: launch.ends_at,
    steps,
    holds: of('hold_created').length,
    heldUnits: units('hold_created'),
    paidHolds: of('payment_succeeded').length,
    paidUnits: units('payment_succeeded'),
    expiredHolds: of('hold_expired').length,
    expiredUnits: units('hold_expired'),
    cancelledHolds: of('hold_cancelled').length,
    holdExpiryRate: of('hold_created').length > 0 ? of('hold_expired').length / of('hold_created').length : null,
    refusals: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
  };
}

/** A launch's sell-out curve recounted from raw events. */
export function recountSellout(events: StoredEvent[], launchId: string, startsAt: number, allotment: number, maxPoints: number): SelloutCurve {
  const es = events.filter((e) => e.launch_id === launchId && SELLOUT_TYPES.has(e.type) && e.since_start_ms !== null);
  const secs = es.map((e) => Math.floor(e.since_start_ms! / 1000));
  const lo = secs.length ? Math.min(...secs) : 0;
  const hi = secs.length ? Math.max(...secs) : 0;
  const step = Math.max(1, Math.ceil((hi - Math.min(lo, 0) + 1) / maxPoints));
  const floorTo = (s: number, k: number) => s - (((s % k) + k) % k);
  const sumAt = (k: number) => {
    const m = new Map<number, { held: number; paid: number; released: number }>();
    es.forEach((e, i) => {
      const s = floorTo(secs[i]!, k);
      const g = m.get(s) ?? { held: 0, paid: 0, released: 0 };
      if (e.type === 'hold_created') g.held += e.units;
      else if (e.type === 'payment_succeeded') g.paid += e.units;
      else g.released += e.units;
      m.set(s, g);
    });
    return [...m.entries()].sort((a, b) => a[0] - b[0]);
  };
  let net = 0;
  let paid = 0;
  let sellOut: number | null = null;
  let paidOut: number | null = null;
  if (allotment > 0) {
    for (const [s, g] of sumAt(1)) {
      net += g.held - g.released;
      paid += g.paid;
      if (sellOut === null && net >= allotment) sellOut = s + 1;
      if (paid >= allotment) {
        paidOut = s + 1;
        break;
      }
    }
  }
  let reserved = 0;
  let paidTotal = 0;
  const points = sumAt(step).map(([s, g]) => {
    reserved += g.held - g.released;
    paidTotal += g.paid;
    return { second: s, heldUnits: g.held, paidUnits: g.paid, releasedUnits: g.released, reservedUnits: reserved, paidTotal };
  });
  return { launchId, startsAt, allotment, resolutionSeconds: step, timeToSellOutSeconds: sellOut, timeToPaidOutSeconds: paidOut, points };
}

/** A launch's waiting-time distribution recounted from raw events. */
export function recountWaiting(events: StoredEvent[], launchId: string): WaitingTimes {
  const admissions = events.filter((e) => e.launch_id === launchId && e.type === 'admitted');
  const waits = admissions.filter((e) => e.wait_ms !== null).map((e) => e.wait_ms!);
  const total = waits.length;
  const buckets = [0, ...WAIT_BUCKETS_S].map((fromSeconds, i) => {
    const n = waits.filter((w) => waitBucket(w) === i).length;
    return { fromSeconds, toSeconds: WAIT_BUCKETS_S[i] ?? null, admitted: n, share: total > 0 ? n / total : 0 };
  });
  return { launchId, admitted: total, buyers: new Set(admissions.map((e) => e.buyer)).size, meanWaitSeconds: total > 0 ? waits.reduce((a, b) => a + b, 0) / total / 1000 : null, buckets };
}

/** Parses CSV text written by `toCsv` (quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

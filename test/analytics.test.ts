/**
 * Seller analytics over HTTP: a real purchase and a real launch show up in the dashboards
 * (sales, SKUs, regions, device mix, funnel, sell-out curve, waiting times), every table
 * comes as CSV too, a seller can read only its own store's figures, and bad filters are 400s.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, bulkBuyers, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type Client, type ResponseOf, type ScheduledLaunch, type TestServer, textOf } from './harness.js';
import { expectError, expectOk, orderInState, webhooksSettled } from './helpers/api.js';
import { approve, openHoldPayment, passOf, sleepUntil } from './helpers/launch.js';
import { parseCsv } from './helpers/analytics.js';
import { allEvents } from '../src/analytics/segments.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

forEachEngine('seller analytics API', (engine) => {
  let s: TestServer;
  let sellerX: Client;
  let sellerY: Client;
  let buyer: Client;
  let adminC: Client;
  let storeX: string;
  let storeY: string;
  let productX: ResponseOf<'/products/{productId}', 'get'>;
  let launchX: ScheduledLaunch;
  let launchY: ScheduledLaunch;

  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
    const x = await sellerWithProduct(s.url, { stock: 50, priceMinor: 1999_00 });
    const y = await sellerWithProduct(s.url, { stock: 50 });
    ({ seller: sellerX, product: productX } = x);
    sellerY = y.seller;
    storeX = x.store.id;
    storeY = y.store.id;
    buyer = await signup(s.url, 'buyer', 'cookie');
    adminC = await admin(s.url);
    launchX = await scheduleLaunch(sellerX, storeX, productX.skus[0]!.id, { allotment: 2, startsInMs: 1500 });
    launchY = await scheduleLaunch(sellerY, storeY, y.product.skus[0]!.id, { allotment: 1, startsInMs: 60_000 });
  });
  afterAll(() => s?.close());

  describe('a purchase', () => {
    it('shows in sales, SKUs, regions and the device mix, and as CSV', async () => {
      expectOk(await buyer.get(`/products/${productX.id}`, { 'user-agent': IPHONE }));
      expectOk(await buyer.get(`/products/${productX.id}`, { 'user-agent': IPHONE }));
      const skuId = productX.skus[0]!.id;
      await orderInState(s, buyer, sellerX, skuId, 'shipped');
      await s.fm.ctx.analytics.flush();

      const sales = await sellerX.get(`/stores/${storeX}/analytics/sales?bucket=hour`);
      expectOk(sales);
      const total = (k: 'views' | 'orders' | 'units' | 'revenueMinor' | 'shipped') => sales.body.points.reduce((n: number, p) => n + p[k], 0);
      expect({ views: total('views'), orders: total('orders'), units: total('units'), revenue: total('revenueMinor'), shipped: total('shipped') }).toEqual({ views: 2, orders: 1, units: 1, revenue: 1999_00, shipped: 1 });

      const skus = await sellerX.get(`/stores/${storeX}/analytics/skus`);
      expectOk(skus);
      expect(skus.body.rows).toEqual([expect.objectContaining({ skuId, productId: productX.id, title: productX.title, orders: 1, units: 1, revenueMinor: 1999_00, currency: 'CNY' })]);

      const regions = await sellerX.get(`/stores/${storeX}/analytics/regions`);
      expect(regions.body.rows).toEqual([{ region: '440000', names: { 'zh-CN': '广东省', en: 'Guangdong' }, currency: 'CNY', orders: 1, units: 1, revenueMinor: 1999_00 }]);

      const devices = await sellerX.get(`/stores/${storeX}/analytics/devices`);
      expectOk(devices);
      expect(devices.body.devices.find((d) => d.device === 'phone')).toMatchObject({ buyers: 1, transactions: 1, units: 1, transactionShare: 1 });
      expect(devices.body).toMatchObject({ buyers: 1, transactions: 1, mobileTransactionShare: 1, buyersExact: true });

      // The raw log never holds a user id.
      const raw = (await allEvents(s.fm.ctx.db)).filter((e) => e.store_id === storeX);
      expect(raw.length).toBeGreaterThan(0);
      expect(raw.some((r) => r.buyer === buyer.userId)).toBe(false);
      expect(raw.filter((r) => r.buyer).every((r) => r.buyer === s.fm.ctx.analytics.pseudonym(buyer.userId!))).toBe(true);
      expect(new Set(raw.map((r) => `${r.device}/${r.channel}`))).toEqual(new Set(['phone/web']));

      for (const via of ['query', 'accept'] as const) {
        const csv = via === 'query' ? await sellerX.get(`/stores/${storeX}/analytics/regions?format=csv`) : await sellerX.get(`/stores/${storeX}/analytics/regions`, { accept: 'text/csv' });
        expect(csv.status).toBe(200);
        expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="regions-/);
        expect(parseCsv(textOf(csv))).toEqual([
          ['region', 'region_zh', 'region_en', 'currency', 'orders', 'units', 'revenue'],
          ['440000', '广东省', 'Guangdong', 'CNY', '1', '1', '1999.00'],
        ]);
      }
      const salesCsv = parseCsv(textOf(await sellerX.get(`/stores/${storeX}/analytics/sales?bucket=hour&format=csv`)));
      expect(salesCsv[0]).toEqual(['bucket_start', 'currency', 'views', 'orders', 'units', 'revenue', 'refunds', 'refunded_units', 'refunded', 'shipped', 'delivered']);
      expect(salesCsv).toHaveLength(sales.body.points.length + 1);
      // The SKU table names the SKU as a buyer reads it (not its code), with money in yuan.
      const skuName = [productX.title, ...Object.values(productX.skus[0]!.options)].join(' · ');
      expect(skus.body.rows[0]).toMatchObject({ name: skuName, options: productX.skus[0]!.options });
      const skusCsv = parseCsv(textOf(await sellerX.get(`/stores/${storeX}/analytics/skus?format=csv`)));
      const col = (h: string) => skusCsv[1]![skusCsv[0]!.indexOf(h)];
      expect(skusCsv[0]).not.toContain('revenue_minor');
      expect([col('sku'), col('revenue'), col('refunded')]).toEqual([skuName, '1999.00', '0.00']);

      const platform = await adminC.get('/admin/analytics/sales?bucket=hour');
      expectOk(platform);
      expect(platform.body.points.reduce((n: number, p) => n + p.orders, 0)).toBeGreaterThanOrEqual(1);
    });
  });

  describe('a launch', () => {
    it('reserve and pay produce the funnel, the sell-out curve and waiting times', async () => {
      const skuId = productX.skus[0]!.id;
      const buyers = await bulkBuyers(s, 3);
      const phone = { 'x-device-class': 'phone' };
      const tokens: string[] = [];
      for (const b of buyers) {
        const j = await b.post(`/launches/${launchX.id}/queue`, {}, phone);
        expectOk(j);
        tokens.push(j.body.queueToken);
      }
      await sleepUntil(launchX.startsAt);
      await s.fm.launches.tick();
      const passes = await Promise.all(buyers.map((b, i) => passOf(b, launchX.id, tokens[i]!)));
      const results = [];
      for (const [i, b] of buyers.entries()) results.push(await b.post(`/launches/${launchX.id}/reservations`, { skuId }, { ...phone, 'x-admission-pass': passes[i]!, 'idempotency-key': `an-${i}-key` }));
      expect(results.map((r) => r.status)).toEqual([201, 201, 409]);
      const { payUrl } = await openHoldPayment(buyers[0]!, results[0]!.body.id);
      expectOk(await approve(s.url, payUrl));
      await webhooksSettled(s);
      await s.fm.launches.reconcile();
      await s.fm.ctx.analytics.flush();

      const funnel = await sellerX.get(`/launches/${launchX.id}/analytics/funnel`);
      expectOk(funnel);
      expect(funnel.body.steps.map((st) => [st.step, st.buyers])).toEqual([['registered', 0], ['queued', 3], ['admitted', 3], ['held', 2], ['paid', 1]]);
      expect(funnel.body.steps[1]!.conversionFromPrevious).toBeNull();
      expect(funnel.body.steps[3]).toMatchObject({ conversionFromPrevious: 2 / 3, conversionFromFirst: 2 / 3 });
      expect(funnel.body.steps[4]).toMatchObject({ conversionFromPrevious: 0.5 });
      expect(funnel.body).toMatchObject({ holds: 2, heldUnits: 2, paidHolds: 1, paidUnits: 1, expiredHolds: 0, holdExpiryRate: 0, refusals: [{ reason: 'SOLD_OUT', count: 1 }] });

      const storeFunnels = await sellerX.get(`/stores/${storeX}/analytics/funnel?launchId=${launchX.id}`);
      expect(storeFunnels.body.launches).toEqual([funnel.body]);

      const sellout = await sellerX.get(`/launches/${launchX.id}/analytics/sellout`);
      expectOk(sellout);
      expect(sellout.body).toMatchObject({ allotment: 2, resolutionSeconds: 1 });
      const sum = (k: 'heldUnits' | 'paidUnits' | 'releasedUnits') => sellout.body.points.reduce((n: number, p) => n + p[k], 0);
      expect({ held: sum('heldUnits'), paid: sum('paidUnits'), released: sum('releasedUnits') }).toEqual({ held: 2, paid: 1, released: 0 });
      expect(sellout.body.timeToSellOutSeconds).toBeGreaterThanOrEqual(1);
      // Both units reserved, one paid: sold out on reservations, not yet on payments.
      expect(sellout.body.timeToPaidOutSeconds).toBeNull();
      expect(sellout.body.points.at(-1)).toMatchObject({ reservedUnits: 2, paidTotal: 1 });

      const waiting = await sellerX.get(`/launches/${launchX.id}/analytics/waiting`);
      expect(waiting.body).toMatchObject({ admitted: 3, buyers: 3 });
      expect(waiting.body.buckets.reduce((n: number, b) => n + b.admitted, 0)).toBe(3);

      const devices = await sellerX.get(`/stores/${storeX}/analytics/devices?launchId=${launchX.id}`);
      expect(devices.body.devices.find((d) => d.device === 'phone')).toMatchObject({ buyers: 3, transactions: 1 });

      const csv = parseCsv(textOf(await sellerX.get(`/launches/${launchX.id}/analytics/funnel`, { accept: 'text/csv' })));
      expect(csv.map((r) => r[3])).toEqual(['step', 'registered', 'queued', 'admitted', 'held', 'paid']);
      const curve = parseCsv(textOf(await sellerX.get(`/launches/${launchX.id}/analytics/sellout?format=csv`)));
      expect(curve).toHaveLength(sellout.body.points.length + 1);
    });
  });

  describe('access', () => {
    it('only members of the store (and the admin) read its analytics', async () => {
      for (const path of ['sales', 'skus', 'devices', 'funnel', 'regions']) {
        expectError(await sellerY.get(`/stores/${storeX}/analytics/${path}`), 403, 'NOT_STORE_MEMBER');
        expectError(await buyer.get(`/stores/${storeX}/analytics/${path}`), 403);
        expectError(await new (sellerY.constructor as typeof Client)(s.url).get(`/stores/${storeX}/analytics/${path}`), 401);
        expectError(await sellerX.get(`/stores/${randomUUID()}/analytics/${path}`), 404);
        expectOk(await adminC.get(`/stores/${storeX}/analytics/${path}`));
        expectError(await sellerX.get(`/admin/analytics/${path}`), 403, 'ROLE_REQUIRED');
        expectOk(await adminC.get(`/admin/analytics/${path}`));
        // Another store's launch as a filter is not found, whatever its id.
        expectError(await sellerX.get(`/stores/${storeX}/analytics/${path}?launchId=${launchY.id}`), 404);
      }
      for (const path of ['funnel', 'sellout', 'waiting']) {
        expectError(await sellerY.get(`/launches/${launchX.id}/analytics/${path}`), 403, 'NOT_STORE_MEMBER');
        expectError(await sellerX.get(`/launches/${randomUUID()}/analytics/${path}`), 404);
        expectOk(await adminC.get(`/launches/${launchX.id}/analytics/${path}`));
      }
    });
  });

  describe('bad input', () => {
    it('answers 400 with the one error shape', async () => {
      const base = `/stores/${storeX}/analytics`;
      const day = 86_400_000;
      const now = Date.now();
      const cases: Array<[string, string?]> = [
        [`${base}/sales?bucket=week`, 'VALIDATION_FAILED'],
        [`${base}/sales?from=yesterday`, 'VALIDATION_FAILED'],
        [`${base}/sales?from=${now}&to=${now - day}`, 'BAD_RANGE'],
        [`${base}/sales?bucket=minute&from=${now - 10 * day}&to=${now}`, 'RANGE_TOO_LARGE'],
        [`${base}/skus?limit=0`, 'VALIDATION_FAILED'],
        [`${base}/skus?limit=abc`, 'VALIDATION_FAILED'],
        [`${base}/regions?launchId=not-a-uuid`, 'VALIDATION_FAILED'],
        [`${base}/devices?format=xml`, 'VALIDATION_FAILED'],
        [`${base}/funnel?to=99999999999999999999`, 'VALIDATION_FAILED'],
        [`/launches/${launchX.id}/analytics/sellout?maxPoints=1`, 'VALIDATION_FAILED'],
        [`/launches/not-a-uuid/analytics/funnel`, 'VALIDATION_FAILED'],
      ];
      for (const [url, code] of cases) expectError(await sellerX.get(url), 400, code);
      expectOk(await sellerX.get(`${base}/sales?from=2025-04-08&to=2025-04-09T00:00:00Z&bucket=minute`));
    });
  });
});

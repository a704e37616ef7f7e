/**
 * Addresses by China's administrative divisions: the lists to pick from (provinces → cities →
 * districts, named in the language asked for), addresses stored by code with a city that
 * must belong to its province and a district to its city, orders from before the codes still
 * shown as they were typed, and the seller's region chart grouped by province code — so
 * "Guangdong", "guangdong" and "广东" of older orders and 440000 of new ones are one region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, Client, forEachEngine, sellerWithProduct, signup, startServer, type TestServer, errorOf } from './harness.js';
import { expectError, expectOk, payOrders, placeOrder } from './helpers/api.js';
import fs from 'node:fs';
import { checkRegions, provinceCodeOfText, regionKey, regionsUnder } from '../src/regions/service.js';
import { buildDivisions, OUT } from '../tools/regions.js';

describe('the division list', () => {
  it('is what tools/regions.ts makes of the installed @vant/area-data (run it after an update)', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(buildDivisions());
  });

  it('has every province, each city under its province and each district under its city', () => {
    const provinces = regionsUnder(null)!;
    expect(provinces).toHaveLength(34);
    let cities = 0;
    let districts = 0;
    for (const p of provinces) {
      for (const c of regionsUnder(p.code)!) {
        cities++;
        expect(c.parent).toBe(p.code);
        for (const d of regionsUnder(c.code)!) {
          districts++;
          expect(checkRegions({ provinceCode: p.code, cityCode: c.code, districtCode: d.code })).toEqual([]);
          expect(d.names.en, `${d.code} ${d.names['zh-CN']}`).toMatch(/^[A-Z][A-Za-z' -]+$/);
        }
      }
    }
    expect(cities).toBeGreaterThan(300);
    expect(districts).toBeGreaterThan(3000);
  });

  it('reads the free text of older addresses as the province it names', () => {
    for (const t of ['Guangdong', 'guangdong', ' GUANGDONG ', '广东', '广东省', 'Guangdong Province']) expect(provinceCodeOfText(t), t).toBe('440000');
    expect(provinceCodeOfText('Chengdu')).toBeNull();
    expect(provinceCodeOfText('广西壮族自治区')).toBe('450000');
    expect(regionKey('Atlantis')).toBe('Atlantis');
    expect(regionKey('440000')).toBe('440000');
  });
});

forEachEngine('addresses by division', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
  });
  afterAll(async () => s?.close());

  it('lists provinces, a province\'s cities and a city\'s districts, in the language asked for', async () => {
    const c = new Client(s.url);
    const top = await c.get('/regions');
    expectOk(top);
    expect(top.body.parent).toBeNull();
    expect(top.body.regions).toHaveLength(34);
    expect(top.body.regions.find((r) => r.code === '440000')).toEqual({ code: '440000', level: 'province', parent: null, name: '广东省', names: { 'zh-CN': '广东省', en: 'Guangdong' } });
    expect(top.headers.get('cache-control')).toBe('public, max-age=86400');

    const cities = await c.get('/regions?parent=440000', { 'accept-language': 'en-US,en;q=0.9' });
    expect(cities.body.parent).toMatchObject({ code: '440000', name: 'Guangdong' });
    expect(cities.body.regions.find((r) => r.code === '440300')).toMatchObject({ level: 'city', parent: '440000', name: 'Shenzhen' });
    const districts = await c.get('/regions?parent=440300&lang=zh-CN', { 'accept-language': 'en' });
    expect(districts.body.regions.find((r) => r.code === '440305')).toMatchObject({ level: 'district', name: '南山区', names: { en: 'Nanshan District' } });
    expect((await c.get('/regions?parent=440305')).body.regions).toEqual([]);
    expectError(await c.get('/regions?parent=999999'), 404, 'NOT_FOUND');
  });

  it('stores an address by its codes with the names, and refuses a city of another province — field by field', async () => {
    const { product } = await sellerWithProduct(s.url);
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);
    expect(order.address).toMatchObject({ provinceCode: '440000', cityCode: '440300', districtCode: '440305', province: '广东省', city: '深圳市', district: '南山区' });
    expect(order.address.regionNames).toEqual({ 'zh-CN': { province: '广东省', city: '深圳市', district: '南山区' }, en: { province: 'Guangdong', city: 'Shenzhen', district: 'Nanshan District' } });

    // Chengdu is a city of Sichuan: not a province, and not in Guangdong.
    expectOk(await buyer.put(`/cart/items/${product.skus[0]!.id}`, { quantity: 1 }));
    const asProvince = await buyer.post('/checkout', { address: { ...ADDRESS, provinceCode: '510100' } });
    expectError(asProvince, 400, 'VALIDATION_FAILED');
    expect(errorOf<{ issues: Array<{ path: string }> }>(asProvince).details.issues.map((i) => i.path)).toContain('address.provinceCode');
    const elsewhere = await buyer.post('/checkout', { address: { ...ADDRESS, cityCode: '510100', districtCode: '510104' } });
    expectError(elsewhere, 400, 'VALIDATION_FAILED');
    expect(errorOf(elsewhere).details.issues).toEqual([{ path: 'address.cityCode', message: 'Chengdu is not in Guangdong' }]);
    const district = await buyer.post('/checkout', { address: { ...ADDRESS, districtCode: '440104' } });
    expect(errorOf(district).details.issues).toEqual([{ path: 'address.districtCode', message: 'Yuexiu District is not in Shenzhen' }]);
    // Nothing was ordered meanwhile.
    expect((await buyer.get('/orders')).body.orders).toHaveLength(1);
  });

  it('shows an order from before the codes as it was typed', async () => {
    const { product } = await sellerWithProduct(s.url);
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);
    const typed = { recipient: 'Wang Wei', phone: '+86 139 0000 0000', country: 'CN', province: 'guangdong', city: 'Shenzhen', district: 'Nanshan', line1: '9 Keji Road', postalCode: '518057' };
    await s.fm.ctx.db.updateTable('orders').set({ address_json: JSON.stringify(typed) }).where('id', '=', order.id).execute();
    const read = await buyer.get(`/orders/${order.id}`);
    expectOk(read);
    expect(read.body.address).toEqual(typed);
  });

  it('the region chart groups by province code: Guangdong, guangdong, 广东 and 440000 are one region', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 20, priceMinor: 100_00 });
    const buyer = await signup(s.url);
    const ids: string[] = [];
    for (const province of ['Guangdong', 'guangdong', '广东', null]) {
      const o = await placeOrder(buyer, product.skus[0]!.id);
      // Orders placed before addresses had codes kept the province as typed.
      if (province) await s.fm.ctx.db.updateTable('orders').set({ address_json: JSON.stringify({ recipient: 'R', phone: '+86 1', country: 'CN', province, city: 'Shenzhen', line1: 'x' }) }).where('id', '=', o.id).execute();
      ids.push(o.id);
    }
    const elsewhere = await placeOrder(buyer, product.skus[0]!.id);
    await s.fm.ctx.db.updateTable('orders').set({ address_json: JSON.stringify({ recipient: 'R', phone: '+86 1', country: 'CN', province: 'Atlantis', city: 'x', line1: 'x' }) }).where('id', '=', elsewhere.id).execute();
    await payOrders(s, buyer, [...ids, elsewhere.id]);
    await s.fm.ctx.analytics.flush();
    // A rollup row written before this change, keyed by the text itself.
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    await s.fm.ctx.db.insertInto('analytics_regions').values({ store_id: store.id, day, region: '广东省', launch_id: '', currency: 'CNY', orders: 1, units: 1, revenue_minor: 50_00 }).execute();

    const regions = await seller.get(`/stores/${store.id}/analytics/regions`);
    expectOk(regions);
    expect(regions.body.rows).toEqual([
      { region: '440000', names: { 'zh-CN': '广东省', en: 'Guangdong' }, currency: 'CNY', orders: 5, units: 5, revenueMinor: 450_00 },
      { region: 'Atlantis', currency: 'CNY', orders: 1, units: 1, revenueMinor: 100_00 },
    ]);
  });
});

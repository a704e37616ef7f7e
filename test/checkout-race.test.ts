import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADDRESS, forEachEngine, sellerWithProduct, signup, startServer, type TestServer, errorOf } from './harness.js';

forEachEngine('concurrent checkouts never oversell', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  it('200 buyers check out at once for 50 units: exactly 50 orders, stock 0', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 50 });
    const skuId = product.skus[0]!.id;
    const buyers = await Promise.all(Array.from({ length: 200 }, () => signup(s.url)));
    await Promise.all(buyers.map((b) => b.post('/cart/items', { skuId, quantity: 1 })));

    const results = await Promise.all(buyers.map((b) => b.post('/checkout', { address: ADDRESS })));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const r of refused) expect(errorOf(r).code).toBe('OUT_OF_STOCK');
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);

    expect((await seller.get(`/products/${product.id}`)).body.skus[0]!.stock).toBe(0);
    const orders = await s.fm.ctx.db.selectFrom('order_items').select((eb) => eb.fn.sum<number>('quantity').as('n')).where('sku_id', '=', skuId).executeTakeFirstOrThrow();
    expect(Number(orders.n)).toBe(50);
    // The refused buyers still have the item in their cart, and nothing else changed for them.
    const leftover = await Promise.all(refused.slice(0, 5).map((_, i) => buyers[results.indexOf(refused[i]!)]!.get('/cart')));
    for (const c of leftover) expect(c.body.itemCount).toBe(1);
  });

  it('a double tap on "Place order": 8 checkouts of one 3-unit cart at once, without an Idempotency-Key, make exactly one order', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 10 });
    const skuId = product.skus[0]!.id;
    const buyer = await signup(s.url);
    expect((await buyer.put(`/cart/items/${skuId}`, { quantity: 3 })).status).toBe(200);

    const results = await Promise.all(Array.from({ length: 8 }, () => buyer.post('/checkout', { address: ADDRESS })));
    const ok = results.filter((r) => r.status === 201);
    expect(ok, JSON.stringify(results.map((r) => r.status))).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(errorOf(r).code).toBe('CART_EMPTY');
    }
    const orders = (await buyer.get('/orders')).body.orders;
    expect(orders).toHaveLength(1);
    expect(orders[0]!.items).toEqual([expect.objectContaining({ skuId, quantity: 3 })]);
    expect((await seller.get(`/products/${product.id}`)).body.skus[0]!.stock).toBe(7);
    expect((await buyer.get('/cart')).body.itemCount).toBe(0);
  });
});

/**
 * One account cannot lock a SKU's ordinary stock with orders it never pays: unpaid ordinary
 * orders are capped per buyer (ORDER_UNPAID_MAX_PER_BUYER) and so are the units of one SKU
 * across them (ORDER_UNPAID_UNITS_PER_SKU), also when the buyer checks out many times at once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADDRESS, forEachEngine, sellerWithProduct, signup, startServer, type TestServer, type Client, errorOf } from './harness.js';
import { expectError, expectOk, payOrders, placeOrder } from './helpers/api.js';

forEachEngine('unpaid order limits', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { unpaidOrders: { maxPerBuyer: 3, unitsPerSku: 5 } } });
  });
  afterAll(() => s.close());

  const stockOf = async (seller: Client, productId: string) => (await seller.get(`/products/${productId}`)).body.skus.map((k) => k.stock);

  it('the units of one SKU waiting for payment are capped per buyer; a refused checkout takes no stock; paying makes room', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 500 });
    const skuId = product.skus[0]!.id;
    const buyer = await signup(s.url);
    expectOk(await buyer.put(`/cart/items/${skuId}`, { quantity: 99 }));
    const hoard = await buyer.post('/checkout', { address: ADDRESS });
    expectError(hoard, 409, 'UNPAID_UNITS_LIMIT');
    expect(errorOf(hoard).details).toMatchObject({ limit: 5, items: [{ skuId, unpaid: 0, requested: 99 }] });
    expect(await stockOf(seller, product.id)).toEqual([500]);

    const first = await placeOrder(buyer, skuId, 4);
    expectOk(await buyer.put(`/cart/items/${skuId}`, { quantity: 2 }));
    expectError(await buyer.post('/checkout', { address: ADDRESS }), 409, 'UNPAID_UNITS_LIMIT');
    expect(await stockOf(seller, product.id)).toEqual([496]);
    await payOrders(s, buyer, [first.id]);
    await placeOrder(buyer, skuId, 5);
    expect(await stockOf(seller, product.id)).toEqual([491]);
    // Another account has a budget of its own.
    await placeOrder(await signup(s.url), skuId, 5);
  });

  it('unpaid orders are capped per buyer, even when the checkouts arrive at once', async () => {
    const { product } = await sellerWithProduct(s.url, { stock: 50, options: [{ name: 'colour', values: ['a', 'b', 'c', 'd', 'e', 'f'] }] });
    const buyer = await signup(s.url);
    const skus: string[] = product.skus.map((k) => k.id);
    for (const id of skus) expectOk(await buyer.put(`/cart/items/${id}`, { quantity: 1 }));
    const answers = await Promise.all(skus.map((id) => buyer.post('/checkout', { address: ADDRESS, skuIds: [id] })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    for (const a of answers.filter((x) => x.status !== 201)) expectError(a, 409, 'UNPAID_ORDER_LIMIT');
    const open = await s.fm.ctx.db.selectFrom('orders').select('id').where('buyer_id', '=', buyer.userId!).where('status', '=', 'pending_payment').execute();
    expect(open).toHaveLength(3);
    // Cancelling one makes room for one more.
    expectOk(await buyer.post(`/orders/${open[0]!.id}/cancel`, { reason: 'changed my mind' }));
    const left = skus.filter((id) => !answers.some((a) => a.status === 201 && a.body.orders[0]!.items[0]!.skuId === id));
    expectOk(await buyer.post('/checkout', { address: ADDRESS, skuIds: [left[0]!] }), 201);
    expectError(await buyer.post('/checkout', { address: ADDRESS, skuIds: [left[1]!] }), 409, 'UNPAID_ORDER_LIMIT');
  });
});

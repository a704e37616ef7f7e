import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADDRESS, Client, eventually, forEachEngine, sellerWithProduct, signup, startServer, type TestServer, errorOf } from './harness.js';

forEachEngine('a buyer goes from search to a completed order', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  it('search → cart → checkout → sandbox pay page → webhook → ship → confirm delivery', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 5, priceMinor: 2999_00, title: 'Nova X5 Smartphone', options: [{ name: 'colour', values: ['black', 'white'] }] });
    const buyer = await signup(s.url);

    const found = await buyer.get('/products?q=nova%20smart');
    expect(found.status).toBe(200);
    expect(found.body.items.map((i) => i.id)).toContain(product.id);

    const sku = product.skus.find((k) => k.options.colour === 'white');
    const cart = await buyer.post('/cart/items', { skuId: sku!.id, quantity: 2 });
    expect(cart.status).toBe(200);
    expect(cart.body.totalMinor).toBe(2 * 2999_00);

    const co = await buyer.post('/checkout', { address: ADDRESS }, { 'idempotency-key': 'checkout-test-0001' });
    expect(co.status).toBe(201);
    expect(co.body.orders).toHaveLength(1);
    const order = co.body.orders[0];
    expect(order!.status).toBe('pending_payment');
    expect(order!.storeId).toBe(store.id);
    expect((await seller.get(`/products/${product.id}`)).body.skus.find((k) => k.id === sku!.id)!.stock).toBe(3);
    expect((await buyer.get('/cart')).body.itemCount).toBe(0);

    // Retrying the checkout with the same key returns the same orders and takes no more stock.
    const again = await buyer.post('/checkout', { address: ADDRESS }, { 'idempotency-key': 'checkout-test-0001' });
    expect(again.status).toBe(201);
    expect(again.body.orders[0]!.id).toBe(order!.id);
    expect((await seller.get(`/products/${product.id}`)).body.skus.find((k) => k.id === sku!.id)!.stock).toBe(3);

    const pay = await buyer.post('/payments', { orderIds: [order!.id] });
    expect(pay.status).toBe(201);
    expect(pay.body.amountMinor).toBe(2 * 2999_00);
    expect(pay.body.payUrl).toMatch(/\/sandbox-pay\/sbp_/);

    // The hosted pay page shows the amount; the buyer approves it there.
    const page = await new Client(s.url).get(pay.body.payUrl);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('5,998.00');
    const approve = await new Client(s.url).req('POST', `${pay.body.payUrl}/approve`, undefined, { accept: 'application/json' });
    expect(approve.status).toBe(200);
    expect((approve.body as { status: string }).status).toBe('succeeded');

    // The gateway's webhook arrives asynchronously and marks the order paid.
    const paid = await eventually(async () => {
      const o = await buyer.get(`/orders/${order!.id}`);
      return o.body.status === 'paid' ? o.body : null;
    }, 10_000, 'order paid');
    expect(paid.paymentId).toBe(pay.body.id);
    expect((await buyer.get(`/payments/${pay.body.id}`)).body.status).toBe('succeeded');

    // The store sees it among its orders and ships it.
    const storeOrders = await seller.get(`/stores/${store.id}/orders?status=paid`);
    expect(storeOrders.body.orders.map((o) => o.id)).toContain(order!.id);
    const shipped = await seller.post(`/orders/${order!.id}/ship`, { carrier: 'SF Express', trackingNumber: 'SF1234567890' });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.trackingNumber).toBe('SF1234567890');

    const done = await buyer.post(`/orders/${order!.id}/confirm-delivery`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.timeline.map((t) => t.to)).toEqual(['pending_payment', 'paid', 'shipped', 'delivered', 'completed']);
  });

  it('a cart spanning two stores becomes one order per store, paid with one payment', async () => {
    const a = await sellerWithProduct(s.url, { stock: 3, priceMinor: 100_00 });
    const b = await sellerWithProduct(s.url, { stock: 3, priceMinor: 250_00 });
    const buyer = await signup(s.url);
    await buyer.post('/cart/items', { skuId: a.product.skus[0]!.id, quantity: 1 });
    await buyer.post('/cart/items', { skuId: b.product.skus[0]!.id, quantity: 2 });
    const cart = (await buyer.get('/cart')).body;
    expect(cart.stores).toHaveLength(2);
    const co = await buyer.post('/checkout', { address: ADDRESS });
    expect(co.status).toBe(201);
    expect(co.body.orders.map((o) => o.storeId).sort()).toEqual([a.store.id, b.store.id].sort());
    expect(co.body.totalMinor).toBe(100_00 + 500_00);
    const pay = await buyer.post('/payments', { orderIds: co.body.orders.map((o) => o.id) });
    expect(pay.body.amountMinor).toBe(600_00);
    await new Client(s.url).req('POST', `${pay.body.payUrl}/approve`, undefined, { accept: 'application/json' });
    for (const o of co.body.orders) {
      await eventually(async () => (await buyer.get(`/orders/${o.id}`)).body.status === 'paid', 10_000, 'paid');
    }
    // Each store sees only its own order.
    const aOrders = (await a.seller.get(`/stores/${a.store.id}/orders`)).body.orders;
    expect(aOrders.map((o) => o.storeId)).toEqual([a.store.id]);
  });

  it('an unpaid order expires at its deadline and its stock comes back', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 2 });
    const buyer = await signup(s.url);
    await buyer.post('/cart/items', { skuId: product.skus[0]!.id, quantity: 2 });
    const co = await buyer.post('/checkout', { address: ADDRESS });
    const orderId = co.body.orders[0]!.id;
    await s.fm.ctx.db.updateTable('orders').set({ payment_deadline_at: Date.now() - 1 }).where('id', '=', orderId).execute();
    await s.fm.sweeper.runOnce();
    const o = (await buyer.get(`/orders/${orderId}`)).body;
    expect(o.status).toBe('cancelled');
    expect(o.cancelReason).toBe('payment deadline passed');
    expect((await seller.get(`/products/${product.id}`)).body.skus[0]!.stock).toBe(2);
    // Paying it now is refused.
    const pay = await buyer.post('/payments', { orderIds: [orderId] });
    expect(pay.status).toBe(409);
    expect(errorOf(pay).code).toBe('ORDER_NOT_PAYABLE');
  });
});

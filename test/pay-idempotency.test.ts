/**
 * "Pay" pressed twice (a double tap, or a retry after a lost answer) with the web client's
 * Idempotency-Key makes one payment: both answers name it, the orders point at it, and the
 * same key for other orders is refused (422). Also for paying a launch hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { expectError, placeOrder } from './helpers/api.js';
import { joinQueue, passOf, reserve, sleepUntil } from './helpers/launch.js';

forEachEngine('a double "Pay" makes one payment', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
  });
  afterAll(() => s.close());

  describe('POST /payments', () => {
    it('two at once and a retry with the same key: one payment', async () => {
      const { product } = await sellerWithProduct(s.url, { stock: 5 });
      const buyer = await signup(s.url);
      const order = await placeOrder(buyer, product.skus[0]!.id);
      const headers = { 'idempotency-key': 'pay-twice-key-1' };
      const both = await Promise.all([buyer.post('/payments', { orderIds: [order.id] }, headers), buyer.post('/payments', { orderIds: [order.id] }, headers)]);
      for (const r of both) expect(r.status, JSON.stringify(r.body)).toBe(201);
      const retry = await buyer.post('/payments', { orderIds: [order.id] }, headers);
      expect(retry.status).toBe(201);
      const ids = new Set([...both, retry].map((r) => r.body.id));
      expect(ids.size).toBe(1);
      const rows = await s.fm.ctx.db.selectFrom('payments').select('id').where('buyer_id', '=', (await s.fm.ctx.db.selectFrom('orders').select('buyer_id').where('id', '=', order.id).executeTakeFirstOrThrow()).buyer_id).execute();
      expect(rows.map((r) => r.id)).toEqual([...ids]);
      const o = await s.fm.ctx.db.selectFrom('orders').select('payment_id').where('id', '=', order.id).executeTakeFirstOrThrow();
      expect(o.payment_id).toBe([...ids][0]);

      const other = await placeOrder(buyer, product.skus[0]!.id);
      expectError(await buyer.post('/payments', { orderIds: [other.id] }, headers), 422, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('without a key each press is a payment of its own (as before)', async () => {
      const { product } = await sellerWithProduct(s.url, { stock: 5 });
      const buyer = await signup(s.url);
      const order = await placeOrder(buyer, product.skus[0]!.id);
      const a = await buyer.post('/payments', { orderIds: [order.id] });
      const b = await buyer.post('/payments', { orderIds: [order.id] });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).not.toBe(b.body.id);
    });
  });

  it('POST /holds/{holdId}/pay twice with the same key: one order, one payment', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 2 });
    const skuId = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment: 1, perBuyerLimit: 1, startsInMs: 300 });
    const buyer = await signup(s.url);
    const token = await joinQueue(buyer, launch.id);
    await sleepUntil(launch.startsAt);
    await s.fm.launches.tick();
    const held = await reserve(buyer, launch.id, skuId, await passOf(buyer, launch.id, token), 'hold-pay-twice');
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const headers = { 'idempotency-key': 'hold-pay-key-1' };
    // Two at once: the one that loses the race to make the hold's order may get 409 HOLD_CHANGED
    // (PostgreSQL); a retry with the same key then gets the same order and payment.
    const both = await Promise.all([0, 1].map(() => buyer.post(`/holds/${held.body.id}/pay`, { address: ADDRESS }, headers)));
    const ok = both.filter((r) => r.status === 201);
    expect(ok.length, JSON.stringify(both.map((r) => r.body))).toBeGreaterThanOrEqual(1);
    for (const r of both) if (r.status !== 201) expectError(r, 409, 'HOLD_CHANGED');
    const retry = await buyer.post(`/holds/${held.body.id}/pay`, { address: ADDRESS }, headers);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    const answers = [...ok, retry];
    expect(new Set(answers.map((r) => r.body.order.id)).size).toBe(1);
    expect(new Set(answers.map((r) => r.body.payment.id)).size).toBe(1);
    const rows = await s.fm.ctx.db.selectFrom('payments').select('id').where('order_ids_json', 'like', `%${retry.body.order.id}%`).execute();
    expect(rows).toHaveLength(1);
  });
});

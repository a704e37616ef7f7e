/**
 * The payment gateway's webhooks: only genuine, fresh deliveries are believed; a replayed
 * delivery is refused; a redelivered event is acknowledged but applied once, even when the
 * copies arrive together; money that arrives for an order that can no longer take it goes
 * back to the buyer automatically.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, eventually, forEachEngine, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { approveOnPayPage, expectError, expectOk, placeOrder, webhooksSettled } from './helpers/api.js';
import { SIGNATURE_HEADER, signPayload } from '../src/payments/sandbox.js';

forEachEngine('payment webhooks', (engine) => {
  let s: TestServer;
  let secret: string;
  beforeAll(async () => {
    s = await startServer(engine);
    secret = (await s.fm.ctx.db.selectFrom('settings').select('value').where('key', '=', 'sandbox_webhook_secret').executeTakeFirstOrThrow()).value;
  });
  afterAll(() => s.close());

  const deliver = (payload: string, signature: string | null) =>
    new Client(s.url).req('POST', '/api/v1/payments/webhooks/sandbox', payload, signature === null ? {} : { [SIGNATURE_HEADER]: signature });

  /** A buyer's order with a payment opened for it but not yet approved. */
  async function pendingPayment(priceMinor = 1299_00) {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 5, priceMinor });
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);
    const pay = await buyer.post('/payments', { orderIds: [order.id] });
    expectOk(pay, 201);
    const row = await s.fm.ctx.db.selectFrom('payments').selectAll().where('id', '=', pay.body.id).executeTakeFirstOrThrow();
    return { seller, product, buyer, orderId: order.id, payment: pay.body, providerPaymentId: row.provider_payment_id };
  }

  /** The JSON the gateway would post when that payment succeeds. */
  const succeededEvent = (p: Awaited<ReturnType<typeof pendingPayment>>, id = `evt_test_${randomBytes(8).toString('hex')}`) =>
    JSON.stringify({ id, type: 'payment.succeeded', createdAt: Date.now(), data: { paymentId: p.providerPaymentId, reference: p.payment.id, amountMinor: p.payment.amountMinor, currency: p.payment.currency } });

  const orderStatus = async (buyer: Client, id: string) => (await buyer.get(`/orders/${id}`)).body.status;
  const paidEvents = async (orderId: string) =>
    (await s.fm.ctx.db.selectFrom('order_events').select('id').where('order_id', '=', orderId).where('to_status', '=', 'paid').execute()).length;

  it('a delivery whose signature was not made with the shared secret is refused, and nothing is paid', async () => {
    const p = await pendingPayment();
    const payload = succeededEvent(p);
    const now = Date.now();
    expectError(await deliver(payload, signPayload('not-the-secret', now, payload)), 400, 'SIGNATURE_INVALID');
    // A genuine signature over different bytes does not vouch for these.
    const other = succeededEvent(p);
    expectError(await deliver(payload, signPayload(secret, now, other)), 400, 'SIGNATURE_INVALID');
    // The timestamp is part of what is signed.
    expectError(await deliver(payload, signPayload(secret, now, payload).replace(`t=${now}`, `t=${now + 1}`)), 400, 'SIGNATURE_INVALID');
    expectError(await deliver(payload, null), 400, 'SIGNATURE_MISSING');
    expectError(await deliver(payload, 'v1=deadbeef'), 400, 'SIGNATURE_MALFORMED');
    expect(await orderStatus(p.buyer, p.orderId)).toBe('pending_payment');
    expect((await p.buyer.get(`/payments/${p.payment.id}`)).body.status).toBe('pending');
    expect(await s.fm.ctx.db.selectFrom('webhook_events').selectAll().where('event_id', '=', (JSON.parse(payload) as { id: string }).id).execute()).toEqual([]);
  });

  it('a delivery signed too long ago (or too far ahead) is refused as stale; the same event signed now is applied', async () => {
    const p = await pendingPayment();
    const payload = succeededEvent(p);
    const tolerance = s.fm.ctx.config.webhookToleranceMs;
    expectError(await deliver(payload, signPayload(secret, Date.now() - tolerance - 60_000, payload)), 400, 'WEBHOOK_STALE');
    expectError(await deliver(payload, signPayload(secret, Date.now() + tolerance + 60_000, payload)), 400, 'WEBHOOK_STALE');
    expect(await orderStatus(p.buyer, p.orderId)).toBe('pending_payment');

    const fresh = await deliver(payload, signPayload(secret, Date.now(), payload));
    expectOk(fresh);
    expect(fresh.body).toEqual({ received: true, duplicate: false });
    expect(await orderStatus(p.buyer, p.orderId)).toBe('paid');
  });

  it('the very same signed delivery sent twice is refused the second time as a replay', async () => {
    const p = await pendingPayment();
    const payload = succeededEvent(p);
    const signature = signPayload(secret, Date.now(), payload);
    const first = await deliver(payload, signature);
    expectOk(first);
    expect(first.body).toEqual({ received: true, duplicate: false });
    expectError(await deliver(payload, signature), 409, 'WEBHOOK_REPLAYED');
    expect(await orderStatus(p.buyer, p.orderId)).toBe('paid');
    expect(await paidEvents(p.orderId)).toBe(1);
  });

  it('a captured delivery replayed with its timestamp padded by leading zeros (same MAC) is refused as malformed, not taken as a duplicate', async () => {
    const p = await pendingPayment();
    const payload = succeededEvent(p);
    const now = Date.now();
    const signature = signPayload(secret, now, payload);
    expectOk(await deliver(payload, signature));
    for (const padded of [signature.replace(`t=${now}`, `t=0${now}`), signature.replace(`t=${now}`, `t=000${now}`)]) {
      expectError(await deliver(payload, padded), 400, 'SIGNATURE_MALFORMED');
    }
    // Other spellings of a number are no timestamp either.
    for (const t of [`+${now}`, `${now}.0`, ` ${now}`, `${now}e0`, '99999999999999999']) {
      expectError(await deliver(payload, `t=${t},v1=${'0'.repeat(64)}`), 400, 'SIGNATURE_MALFORMED');
    }
    expectError(await deliver(payload, signature), 409, 'WEBHOOK_REPLAYED');
    expect(await paidEvents(p.orderId)).toBe(1);
  });

  it("an event whose reference is not the payment it names is refused, and nothing is paid or recorded", async () => {
    const p = await pendingPayment();
    const other = await pendingPayment();
    const event = JSON.parse(succeededEvent(p)) as { id: string; data: { reference: string } };
    event.data.reference = other.payment.id;
    const payload = JSON.stringify(event);
    expectError(await deliver(payload, signPayload(secret, Date.now(), payload)), 400, 'REFERENCE_MISMATCH');
    expect(await orderStatus(p.buyer, p.orderId)).toBe('pending_payment');
    expect(await orderStatus(other.buyer, other.orderId)).toBe('pending_payment');
    expect(await s.fm.ctx.db.selectFrom('webhook_events').selectAll().where('event_id', '=', event.id).execute()).toEqual([]);
    // The genuine event (the right reference) still applies afterwards.
    const genuine = succeededEvent(p, event.id);
    expectOk(await deliver(genuine, signPayload(secret, Date.now(), genuine)));
    expect(await orderStatus(p.buyer, p.orderId)).toBe('paid');
  });

  it("the gateway's duplicate of an event, re-signed with a fresh timestamp, is acknowledged and changes nothing", async () => {
    const p = await pendingPayment();
    await approveOnPayPage(s, p.payment.payUrl);
    await eventually(async () => (await orderStatus(p.buyer, p.orderId)) === 'paid', 10_000, 'order paid');
    await webhooksSettled(s);
    const sent = await s.fm.ctx.db
      .selectFrom('sandbox_webhook_outbox')
      .selectAll()
      .where('type', '=', 'payment.succeeded')
      .where('payload', 'like', `%${p.providerPaymentId}%`)
      .executeTakeFirstOrThrow();
    const orderBefore = (await p.buyer.get(`/orders/${p.orderId}`)).body;
    const paymentBefore = (await p.buyer.get(`/payments/${p.payment.id}`)).body;

    for (const delay of [1, 2]) {
      const again = await deliver(sent.payload, signPayload(secret, Date.now() + delay, sent.payload));
      expectOk(again);
      expect(again.body).toEqual({ received: true, duplicate: true });
    }
    expect((await p.buyer.get(`/orders/${p.orderId}`)).body).toEqual(orderBefore);
    expect((await p.buyer.get(`/payments/${p.payment.id}`)).body).toEqual(paymentBefore);
    expect(await paidEvents(p.orderId)).toBe(1);
  });

  it('copies of one event arriving at the same moment are all acknowledged and applied once', async () => {
    const p = await pendingPayment();
    const payload = succeededEvent(p);
    const now = Date.now();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => deliver(payload, signPayload(secret, now + i, payload))));
    for (const a of answers) expectOk(a);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(await orderStatus(p.buyer, p.orderId)).toBe('paid');
    expect(await paidEvents(p.orderId)).toBe(1);
  });

  it('a payment approved after the sweeper cancelled the overdue order is refunded in full, and the stock comes back once', async () => {
    const p = await pendingPayment(2499_00);
    const skuId = p.product.skus[0]!.id;
    expect((await p.seller.get(`/products/${p.product.id}`)).body.skus[0]!.stock).toBe(4);
    await s.fm.ctx.db.updateTable('orders').set({ payment_deadline_at: Date.now() - 1 }).where('id', '=', p.orderId).execute();
    await s.fm.sweeper.runOnce();
    expect(await orderStatus(p.buyer, p.orderId)).toBe('cancelled');

    // The buyer still had the pay page open and approves it now.
    await approveOnPayPage(s, p.payment.payUrl);
    const payment = await eventually(async () => {
      const r = (await p.buyer.get(`/payments/${p.payment.id}`)).body;
      return r.status === 'refunded' ? r : null;
    }, 10_000, 'payment refunded');
    expect(payment.refundedMinor).toBe(2499_00);
    const refunds = await s.fm.ctx.db.selectFrom('refunds').selectAll().where('payment_id', '=', p.payment.id).execute();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ order_id: p.orderId, amount_minor: 2499_00 });
    const gatewaySide = await s.fm.ctx.db.selectFrom('sandbox_payments').selectAll().where('id', '=', p.providerPaymentId).executeTakeFirstOrThrow();
    expect(gatewaySide.refunded_minor).toBe(2499_00);
    expect(gatewaySide.status).toBe('succeeded');

    // Nothing more happens on later sweeps: one refund, the order stays cancelled, stock back once.
    await webhooksSettled(s);
    await s.fm.sweeper.runOnce();
    expect(await s.fm.ctx.db.selectFrom('refunds').selectAll().where('payment_id', '=', p.payment.id).execute()).toHaveLength(1);
    expect(await orderStatus(p.buyer, p.orderId)).toBe('cancelled');
    expect((await p.seller.get(`/products/${p.product.id}`)).body.skus.find((k) => k.id === skuId)!.stock).toBe(5);
  });

  it('two payments opened for one order and both approved: the order is paid once and the second payment is refunded', async () => {
    const p = await pendingPayment(799_00);
    // The buyer opens the pay page again (a second payment) but then approves the first one.
    const second = await p.buyer.post('/payments', { orderIds: [p.orderId] });
    expectOk(second, 201);
    await approveOnPayPage(s, p.payment.payUrl);
    await eventually(async () => (await orderStatus(p.buyer, p.orderId)) === 'paid', 10_000, 'order paid by the first payment');
    expect((await p.buyer.get(`/orders/${p.orderId}`)).body.paymentId).toBe(p.payment.id);

    // Then the second page is approved too: that money goes back.
    await approveOnPayPage(s, second.body.payUrl);
    const refunded = await eventually(async () => {
      const r = (await p.buyer.get(`/payments/${second.body.id}`)).body;
      return r.status === 'refunded' ? r : null;
    }, 10_000, 'second payment refunded');
    expect(refunded.refundedMinor).toBe(799_00);
    const first = (await p.buyer.get(`/payments/${p.payment.id}`)).body;
    expect(first).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
    const order = (await p.buyer.get(`/orders/${p.orderId}`)).body;
    expect(order).toMatchObject({ status: 'paid', paymentId: p.payment.id });
    expect(await paidEvents(p.orderId)).toBe(1);
    await webhooksSettled(s);
  });
});

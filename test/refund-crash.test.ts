/**
 * A refund is never lost and never sent twice, whatever moment a crash picks. At each step
 * boundary of a refund (before its transaction commits; recorded but not yet sent; sent to the
 * provider but the answer not recorded) the process dies — simulated in-process on every
 * engine, and for real (the server SIGKILLs itself at the crash point) on SQLite and
 * PostgreSQL — and after the restart the sweep finishes the refund: the provider has returned
 * the money exactly once, the payment and the books (paid − refunded) agree with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { ADDRESS, Client, ENGINES, eventually, forEachEngine, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { expectOk, orderInState, webhooksSettled } from './helpers/api.js';
import { freePort, ServerData, ServerProcess } from './helpers/server-process.js';
import type { CrashPoint } from '../src/shared/crash-points.js';
import { accounts, balanceOf } from '../src/money/ledger.js';

const POINTS: CrashPoint[] = ['refund.before_commit', 'refund.before_provider', 'refund.after_provider'];
const PRICE = 1288_00;

class SimulatedCrash extends Error {}

/** What the provider and Flashmall each say about one order's refunds. */
async function refundBooks(db: Kysely<Database>, orderId: string) {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  const payment = await db.selectFrom('payments').selectAll().where('id', '=', order.payment_id!).executeTakeFirstOrThrow();
  const gateway = await db.selectFrom('sandbox_payments').selectAll().where('id', '=', payment.provider_payment_id).executeTakeFirstOrThrow();
  const refunds = await db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).execute();
  const gatewayRefundEvents = await db.selectFrom('sandbox_webhook_outbox').select('id').where('type', '=', 'refund.succeeded').where('payload', 'like', `%${gateway.id}%`).execute();
  return { order, payment, gateway, refunds, gatewayRefundEvents };
}

forEachEngine('refunds survive a crash at every step (simulated)', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { moneyResumeGraceMs: 0 } });
  });
  afterAll(() => s.close());

  it.each(POINTS)('a crash at %s: the refund reaches the provider exactly once, and the books match', async (point) => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 5, priceMinor: PRICE });
    const buyer = await signup(s.url);
    const orderId = await orderInState(s, buyer, seller, product.skus[0]!.id, 'refund_requested');
    s.fm.ctx.crash = (p) => {
      if (p === point) throw new SimulatedCrash(p);
    };
    const approved = await seller.post(`/orders/${orderId}/refund/approve`);
    s.fm.ctx.crash = () => {};
    if (point === 'refund.before_commit') {
      // The process died inside the transaction: nothing happened, and the store approves again.
      expect(approved.status).toBe(500);
      expect((await buyer.get(`/orders/${orderId}`)).body.status).toBe('refund_requested');
      expect(await s.fm.ctx.db.selectFrom('refunds').select('id').where('order_id', '=', orderId).execute()).toEqual([]);
      expectOk(await seller.post(`/orders/${orderId}/refund/approve`));
    } else {
      // The refund was recorded before the crash: the answer is the refunded order.
      expectOk(approved);
      expect(approved.body.status).toBe('refunded');
    }
    // "Restart": the sweep finishes what is left, and the gateway's webhooks arrive.
    await s.fm.sweeper.runOnce();
    await webhooksSettled(s);
    await eventually(async () => (await s.fm.ctx.db.selectFrom('refunds').select('status').where('order_id', '=', orderId).executeTakeFirst())?.status === 'confirmed', 10_000, 'refund confirmed');
    const b = await refundBooks(s.fm.ctx.db, orderId);
    expect(b.refunds).toHaveLength(1);
    expect(b.refunds[0]).toMatchObject({ status: 'confirmed', amount_minor: PRICE });
    expect(b.gateway.refunded_minor).toBe(PRICE);
    expect(b.gatewayRefundEvents).toHaveLength(1);
    expect(b.payment).toMatchObject({ status: 'refunded', refunded_minor: PRICE });
    // The refund's step log: requested, then sent (or confirmed straight away when the webhook overtook the answer), then confirmed.
    const steps = (await s.fm.ctx.db.selectFrom('refund_events').select('to_status').where('refund_id', '=', b.refunds[0]!.id).orderBy('id').execute()).map((e) => e.to_status);
    expect([['requested', 'sent', 'confirmed'], ['requested', 'confirmed']]).toContainEqual(steps);
    // The books: everything paid for the order came back; nothing is left owed to the buyer.
    expect(await balanceOf(s.fm.ctx.db, accounts.refundsPayable('CNY'))).toBe(0);
    expect(b.payment.amount_minor - b.payment.refunded_minor).toBe(b.gateway.amount_minor - b.gateway.refunded_minor);
  });
});

const REAL = ENGINES.filter((e): e is 'sqlite' | 'postgres' => e === 'sqlite' || e === 'postgres');

for (const engine of REAL) {
  describe(`refunds survive SIGKILL at every step [${engine}, real server process]`, () => {
    const data = new ServerData(engine);
    let server: ServerProcess;
    beforeAll(async () => {
      await data.init();
      server = new ServerProcess(data, await freePort());
    });
    afterAll(async () => {
      await server?.kill9();
      await data.destroy();
    });

    it.each(POINTS)('SIGKILL at %s: after the restart the refund is sent exactly once', async (point) => {
      await server.start({ CRASH_POINTS: point });
      const base = server.url;
      const { seller, product } = await sellerWithProduct(base, { stock: 5, priceMinor: PRICE });
      const buyer = await signup(base);
      expectOk(await buyer.put(`/cart/items/${product.skus[0]!.id}`, { quantity: 1 }));
      const co = await buyer.post('/checkout', { address: ADDRESS });
      expectOk(co, 201);
      const orderId: string = co.body.orders[0]!.id;
      const pay = await buyer.post('/payments', { orderIds: [orderId] });
      expectOk(pay, 201);
      expectOk(await new Client(base).req('POST', `${pay.body.payUrl}/approve`, undefined, { accept: 'application/json' }));
      await eventually(async () => (await buyer.get(`/orders/${orderId}`)).body.status === 'paid', 15_000, 'order paid');
      expectOk(await buyer.post(`/orders/${orderId}/refund-request`, { reason: 'arrived broken' }));

      // The approval kills the server at the crash point: the answer never comes.
      const answer = await seller.post(`/orders/${orderId}/refund/approve`).then(
        (r) => r.status,
        () => 'no answer' as const,
      );
      expect(answer).toBe('no answer');
      await server.gone();

      await server.start();
      if (point === 'refund.before_commit') {
        expect((await buyer.get(`/orders/${orderId}`)).body.status).toBe('refund_requested');
        expectOk(await seller.post(`/orders/${orderId}/refund/approve`));
      }
      const refunds = await eventually(async () => {
        const r = await buyer.get(`/orders/${orderId}/refunds`);
        return r.body.refunds?.length === 1 && r.body.refunds[0]!.status === 'confirmed' ? r.body.refunds : null;
      }, 20_000, 'refund confirmed after the restart');
      expect(refunds[0]).toMatchObject({ amountMinor: PRICE, status: 'confirmed' });
      const db = data.open();
      const b = await refundBooks(db, orderId);
      expect(b.gateway.refunded_minor).toBe(PRICE);
      expect(b.gatewayRefundEvents).toHaveLength(1);
      expect(b.payment).toMatchObject({ status: 'refunded', refunded_minor: PRICE });
      expect(await balanceOf(db, accounts.refundsPayable('CNY'))).toBe(0);
      await server.kill9();
    });
  });
}

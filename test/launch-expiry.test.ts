/**
 * Expiry against payment at the same instant: every hold is paid on the sandbox page just
 * as its deadline passes, while the sweeps that expire holds and orders run. Each hold must
 * end paid or expired, never both; a payment that lands on an expired hold is refunded; the
 * books balance; an expired hold frees the buyer's limit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkBuyers, forEachEngine, scheduleLaunch, sellerWithProduct, startServer, type ApiError, type Res, type TestServer } from './harness.js';
import { approve, expectBooksBalance, joinQueue, openHoldPayment, passOf, reserve, sleep, sleepUntil } from './helpers/launch.js';

forEachEngine('launch expiry vs payment', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
  });
  afterAll(() => s.close());

  it('40 holds paid exactly when their deadline passes: each ends paid xor expired; late payments are refunded; units and limits come back', async () => {
    const N = 40;
    const db = s.fm.ctx.db;
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: N });
    const skuId: string = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment: N, perBuyerLimit: 1, startsInMs: 600 });
    const buyers = await bulkBuyers(s, N);
    const tokens = await Promise.all(buyers.map((b) => joinQueue(b, launch.id)));
    await sleepUntil(launch.startsAt);
    await s.fm.launches.tick();
    const passes = await Promise.all(buyers.map((b, i) => passOf(b, launch.id, tokens[i]!)));
    const won = await Promise.all(buyers.map((b, i) => reserve(b, launch.id, skuId, passes[i]!, `first-key-${i}`)));
    for (const r of won) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const holds = won.map((r) => r.body.id);
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ available: 0, held: N, sold: 0 });

    const pays = await Promise.all(buyers.map((b, i) => openHoldPayment(b, holds[i]!)));

    // Wave by wave (5 holds each), the deadline is now — hold and order both — and each buyer
    // presses "approve" while the sweeps that expire holds and orders run, a little earlier or
    // later from one wave to the next, so both sides win some races.
    const approved: Res[] = [];
    const swept: Array<PromiseSettledResult<unknown>> = [];
    const WAVE = 5;
    for (let w = 0; w * WAVE < N; w++) {
      const idx = Array.from({ length: WAVE }, (_, k) => w * WAVE + k);
      const now = Date.now();
      await db.updateTable('holds').set({ expires_at: now }).where('id', 'in', idx.map((i) => holds[i]!)).execute();
      await db.updateTable('orders').set({ payment_deadline_at: now }).where('id', 'in', idx.map((i) => pays[i]!.orderId)).execute();
      const delay = [0, 5, 10, 20, 40, 60, 80, 100][w % 8]!;
      const sweeps = [0, 1, 2, 3].map(async (k) => {
        await sleep(delay + k * 2);
        await (k % 2 ? s.fm.launches.expireDueHolds() : s.fm.sweeper.runOnce());
      });
      const [a, sw] = await Promise.all([Promise.all(idx.map((i) => approve(s.url, pays[i]!.payUrl))), Promise.allSettled(sweeps)]);
      approved.push(...a);
      swept.push(...sw);
    }
    for (const r of approved) expect(r.status, JSON.stringify(r.body)).toBe(200);
    // A sweep that loses a race to a payment must not fail (it would skip the rest of its batch).
    for (const r of swept) expect(r.status, r.status === 'rejected' ? String(((r).reason as Error)?.stack) : '').toBe('fulfilled');

    // Let every webhook (and retry) land, the refunds go out and the engine reconcile.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await s.fm.sweeper.runOnce();
      const open = await db
        .selectFrom('sandbox_webhook_outbox')
        .select('id')
        .where((eb) => eb.or([eb('delivered_at', 'is', null), eb('duplicates_left', '>', 0)]))
        .execute();
      const pending = await db.selectFrom('payments').select('id').where('id', 'in', pays.map((p) => p.paymentId)).where('status', 'in', ['pending', 'succeeded']).execute();
      const held = await db.selectFrom('holds').select('id').where('launch_id', '=', launch.id).where('status', '=', 'held').execute();
      const c = (await s.fm.launches.counts(launch.id))[0]!;
      const paidRows = await db.selectFrom('holds').select('id').where('launch_id', '=', launch.id).where('status', '=', 'paid').execute();
      // Settled: no webhook in flight, no hold left held, every payment either captured for a paid order or refunded.
      const capturedForPaid = await db.selectFrom('orders').select('id').where('launch_id', '=', launch.id).where('status', '=', 'paid').execute();
      if (open.length === 0 && held.length === 0 && c.held === 0 && c.sold === paidRows.length && pending.length === capturedForPaid.length) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${open.length} webhooks open, ${held.length} holds held, counts ${JSON.stringify(c)}, ${pending.length} payments pending/succeeded vs ${capturedForPaid.length} paid orders`);
      await sleep(100);
    }

    let paid = 0;
    let expired = 0;
    for (let i = 0; i < N; i++) {
      const hold = await db.selectFrom('holds').selectAll().where('id', '=', holds[i]!).executeTakeFirstOrThrow();
      const order = await db.selectFrom('orders').selectAll().where('id', '=', pays[i]!.orderId).executeTakeFirstOrThrow();
      const payment = await db.selectFrom('payments').selectAll().where('id', '=', pays[i]!.paymentId).executeTakeFirstOrThrow();
      const refunds = await db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).execute();
      const events = await db.selectFrom('order_events').select('to_status').where('order_id', '=', order.id).execute();
      const what = `hold ${i}: ${JSON.stringify({ hold: hold.status, order: order.status, payment: payment.status, refunds: refunds.length })}`;
      expect(['paid', 'expired'], what).toContain(hold.status);
      // Never both: the order's timeline has either the payment or the cancellation, not the two.
      const tos = events.map((e) => e.to_status);
      expect(tos.includes('paid') && tos.includes('cancelled'), what).toBe(false);
      if (hold.status === 'paid') {
        paid++;
        expect(order.status, what).toBe('paid');
        expect(payment.status, what).toBe('succeeded');
        expect(refunds, what).toHaveLength(0);
      } else {
        expired++;
        expect(order.status, what).toBe('cancelled');
        expect(payment.status, what).toBe('refunded');
        expect(payment.refunded_minor, what).toBe(payment.amount_minor);
        expect(refunds, what).toHaveLength(1);
        expect(refunds[0]!.amount_minor, what).toBe(order.total_minor);
        expect(refunds[0]!.provider_refund_id, what).not.toBeNull();
      }
    }
    expect(paid + expired).toBe(N);
    console.log(`[${engine}] at the deadline: ${paid} paid, ${expired} expired (and refunded)`);

    const books = await expectBooksBalance(s, launch.id);
    expect(books).toEqual({ allotment: N, available: expired, held: 0, sold: paid });
    // The gateway's books agree: what it captured minus what it refunded is what the paid orders cost.
    const sandbox = await db.selectFrom('sandbox_payments').select(['amount_minor', 'refunded_minor', 'status']).where('id', 'in', pays.map((p) => p.payUrl.split('/').pop()!)).execute();
    expect(sandbox.every((p) => p.status === 'succeeded')).toBe(true);
    expect(sandbox.reduce((n, p) => n + p.amount_minor - p.refunded_minor, 0)).toBe(paid * 999_00);

    // An expired hold frees the buyer's limit: a new key reserves again; the old key still answers with the old hold.
    const again = await Promise.all(buyers.map((b, i) => reserve(b, launch.id, skuId, passes[i]!, `second-key-${i}`)));
    const replay = await Promise.all(buyers.map((b, i) => reserve(b, launch.id, skuId, passes[i]!, `first-key-${i}`)));
    for (let i = 0; i < N; i++) {
      const hold = await db.selectFrom('holds').select('status').where('id', '=', holds[i]!).executeTakeFirstOrThrow();
      if (hold.status === 'expired') expect(again[i]!.status, JSON.stringify(again[i]!.body)).toBe(201);
      else expect((again[i]!.body as Partial<ApiError> | undefined)?.error?.code, JSON.stringify(again[i]!.body)).toBe('LIMIT_REACHED');
      expect(replay[i]!.status).toBe(200);
      expect(replay[i]!.body).toMatchObject({ id: holds[i], status: hold.status });
    }
    expect(await expectBooksBalance(s, launch.id)).toEqual({ allotment: N, available: 0, held: expired, sold: paid });
  });
});

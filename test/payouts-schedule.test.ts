/**
 * Payouts on a schedule and the provider's payout webhooks, on every engine, with a manual
 * clock. PAYOUT_INTERVAL_MS makes the sweep pay every store its payable balance once per
 * interval of the app's clock — not before, and once even when two processes run the schedule
 * (scale-out). A payout webhook that names no payout of ours, another provider payout, or
 * another amount or currency is refused with its code and changes nothing; the provider's
 * genuine event still settles the payout afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/shared/clock.js';
import { SIGNATURE_HEADER, signPayload } from '../src/payments/sandbox.js';
import { Client, forEachEngine, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { expectError, expectOk } from './helpers/api.js';
import { dbSnapshot } from './helpers/db-snapshot.js';
import { deliver, expectBooksBalance, paidOrder, payoutsSettled } from './helpers/money.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

forEachEngine('payouts on a schedule; payout webhooks', (engine) => {
  let s: TestServer;
  let clock: ManualClock;
  let secret: string;
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    // Money is payable an hour after delivery; the sandbox settles a payout an hour after it is asked.
    s = await startServer(engine, { clock, config: { payoutIntervalMs: DAY, returnWindowMs: HOUR, payoutMinimumMinor: 100, sandboxPayoutDelayMs: HOUR, sandboxPayoutFailureRate: 0, sessionTtlMs: 3650 * DAY } });
    secret = (await s.fm.ctx.db.selectFrom('settings').select('value').where('key', '=', 'sandbox_webhook_secret').executeTakeFirstOrThrow()).value;
  });
  afterAll(() => s.close());

  const available = async (c: Client, storeId: string): Promise<number> => {
    const r = await c.get(`/stores/${storeId}/balance`);
    expectOk(r);
    return r.body.balances.find((b) => b.currency === 'CNY')?.availableMinor ?? 0;
  };
  const payoutsOf = (storeId: string) => s.fm.ctx.db.selectFrom('payouts').selectAll().where('store_id', '=', storeId).execute();

  /** A store with one order delivered and past its return window: its payable balance. */
  async function storeWithPayable() {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 5, priceMinor: 1000_00 });
    const buyer = await signup(s.url);
    await deliver(seller, await paidOrder(s, buyer, product.skus[0]!.id));
    clock.advance(HOUR);
    const payable = await available(seller, store.id);
    expect(payable).toBeGreaterThan(0);
    return { seller, store, payable };
  }

  it('PAYOUT_INTERVAL_MS: the sweep pays every store what is payable once per interval of the clock, not before; two processes on the schedule pay a store once', async () => {
    const scheduled = () => s.fm.ctx.db.selectFrom('payout_batches').selectAll().where('created_by', '=', 'schedule').orderBy('created_at').execute();
    const t0 = clock.now();
    // The first sweep runs the schedule: nothing is payable yet, an empty batch.
    await s.fm.sweeper.runOnce();
    expect((await scheduled()).map((b) => [b.payouts, Number(b.total_minor)])).toEqual([[0, 0]]);
    const { seller, store, payable } = await storeWithPayable();
    // Payable now, but a day has not passed since the last batch: the sweep pays nobody.
    await s.fm.sweeper.runOnce();
    expect(await scheduled()).toHaveLength(1);
    expect(await payoutsOf(store.id)).toEqual([]);
    clock.set(t0 + DAY - 1);
    await s.fm.sweeper.runOnce();
    expect(await scheduled()).toHaveLength(1);

    // A day after the last batch: one payout of all that is payable, requested by the schedule
    // (in scale-out a second process, new to the schedule, runs its batch at the same moment).
    clock.set(t0 + DAY);
    const peer = s.variant === 'scale' ? await s.peer() : null;
    await Promise.all([s.fm.sweeper.runOnce(), peer?.fm.sweeper.runOnce()]);
    const paid = await payoutsOf(store.id);
    expect(paid.map((p) => [Number(p.amount_minor), p.status, p.requested_by])).toEqual([[payable, 'sent', 'schedule']]);
    const batches = await scheduled();
    expect(batches.length).toBe(peer ? 3 : 2);
    expect(batches.slice(1).map((b) => [b.payouts, Number(b.total_minor)]).sort()).toEqual((peer ? [[0, 0]] : []).concat([[1, payable]]).sort());
    expect(batches.map((b) => b.id)).toContain(paid[0]!.batch_id);
    expect(await available(seller, store.id)).toBe(0);

    // The provider settles it an hour later; the next sweeps that day pay nothing more.
    clock.advance(HOUR);
    await payoutsSettled(s);
    expect((await payoutsOf(store.id)).map((p) => p.status)).toEqual(['paid']);
    await Promise.all([s.fm.sweeper.runOnce(), peer?.fm.sweeper.runOnce()]);
    expect(await scheduled()).toHaveLength(batches.length);
    expect(await payoutsOf(store.id)).toHaveLength(1);
    await expectBooksBalance(s.fm.ctx.db);
  });

  it('payout webhooks: an unknown payout, another provider payout, another amount or currency are refused with their code and change nothing; the genuine event then settles it', async () => {
    const { seller, store, payable } = await storeWithPayable();
    const r = await seller.post(`/stores/${store.id}/payouts`, {});
    expectOk(r, 201);
    const payout = await s.fm.ctx.db.selectFrom('payouts').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    expect(payout).toMatchObject({ status: 'sent', amount_minor: payable, currency: 'CNY' });
    expect(payout.provider_payout_id).toBeTruthy();

    /** A payout event as the provider would sign it, with some of it changed. */
    const forged = (type: 'payout.paid' | 'payout.failed', data: Record<string, unknown>) =>
      JSON.stringify({ id: `evt_forged_${randomBytes(6).toString('hex')}`, type, createdAt: clock.now(), data: { payoutId: payout.provider_payout_id, reference: payout.id, amountMinor: Number(payout.amount_minor), currency: payout.currency, failureReason: type === 'payout.failed' ? 'ACCOUNT_CLOSED' : null, ...data } });
    const post = (payload: string) => new Client(s.url).req('POST', '/api/v1/payments/webhooks/sandbox', payload, { [SIGNATURE_HEADER]: signPayload(secret, clock.now(), payload) });

    const before = await dbSnapshot(s);
    const cases: Array<[string, number, string]> = [
      [forged('payout.paid', { reference: randomUUID() }), 404, 'UNKNOWN_PAYOUT'],
      [forged('payout.failed', { reference: randomUUID() }), 404, 'UNKNOWN_PAYOUT'],
      [forged('payout.paid', { payoutId: `po_${randomBytes(8).toString('hex')}` }), 400, 'PAYOUT_MISMATCH'],
      // A "failed" for a payout the provider is paying would give the money back to spend twice.
      [forged('payout.failed', { payoutId: `po_${randomBytes(8).toString('hex')}` }), 400, 'PAYOUT_MISMATCH'],
      [forged('payout.paid', { amountMinor: Number(payout.amount_minor) - 1 }), 400, 'AMOUNT_MISMATCH'],
      [forged('payout.failed', { amountMinor: Number(payout.amount_minor) + 1 }), 400, 'AMOUNT_MISMATCH'],
      [forged('payout.paid', { currency: 'USD' }), 400, 'AMOUNT_MISMATCH'],
    ];
    for (const [payload, status, code] of cases) expectError(await post(payload), status, code);
    // Nothing was written: no event claimed, no signature kept, the payout and the ledger as they were.
    expect(await dbSnapshot(s)).toEqual(before);
    expect(await available(seller, store.id)).toBe(0);

    // The genuine event, when the provider settles the payout, is not blocked by any of them.
    clock.advance(HOUR);
    await payoutsSettled(s);
    const settled = await s.fm.ctx.db.selectFrom('payouts').selectAll().where('id', '=', payout.id).executeTakeFirstOrThrow();
    expect(settled).toMatchObject({ status: 'paid', provider_payout_id: payout.provider_payout_id, failure_reason: null });
    expect(await available(seller, store.id)).toBe(0);
    await expectBooksBalance(s.fm.ctx.db);
  });
});

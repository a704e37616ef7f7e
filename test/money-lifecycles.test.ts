/**
 * The money lifecycles' tables, walked in full: every move of payments, refunds, payouts and holds
 * from every status, by every actor — allowed exactly where the table says, refused (409
 * ILLEGAL_TRANSITION, or 403 for the wrong actor) everywhere else. The ledger's guard refuses
 * every malformed posting, and commission rounding gives back exactly what was charged.
 * Analytics count an order's move, and the settle of its launch holds, only once its transaction committed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, nextOf, type MoveTable } from '../src/shared/lifecycle.js';
import { PAYMENT_TRANSITIONS, REFUND_TRANSITIONS } from '../src/payments/state-machine.js';
import { PAYOUT_TRANSITIONS } from '../src/money/state-machine.js';
import { HOLD_TRANSITIONS } from '../src/launches/hold-lifecycle.js';
import { AppError, statusOf } from '../src/shared/errors.js';
import { accounts, assertPosting, type Posting } from '../src/money/ledger.js';
import { commissionOf, pickRule } from '../src/money/commission.js';
import type { CommissionRule } from '../src/db/schema.js';
import { forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { joinQueue, openHoldPayment, passOf, reserve, sleepUntil } from './helpers/launch.js';
import { placeOrder } from './helpers/api.js';
import { rawEvents } from './helpers/analytics.js';
import { applyTransition, loadOrder } from '../src/orders/service.js';

function walk<S extends string, A extends string, R extends string>(name: string, table: MoveTable<S, A, R>, statuses: readonly S[], actors: readonly R[], expected: Array<[A, S, S]>) {
  describe(`the ${name} lifecycle`, () => {
    const cases = (Object.keys(table) as A[]).flatMap((a) => statuses.flatMap((s) => actors.map((r) => ({ a, s, r }))));
    it.each(cases)(`$a from $s by $r`, ({ a, s, r }) => {
      const allowed = expected.find(([ea, es]) => ea === a && es === s);
      if (allowed && table[a].by.includes(r)) {
        expect(allows(table, s, a, r)).toBe(true);
        expect(nextOf(name, table, s, a, r)).toBe(allowed[2]);
      } else {
        expect(allows(table, s, a, r)).toBe(false);
        let err: unknown;
        try {
          nextOf(name, table, s, a, r);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AppError);
        expect(statusOf((err as AppError).code)).toBe(table[a].by.includes(r) ? 409 : 403);
      }
    });
  });
}

walk('payment', PAYMENT_TRANSITIONS, ['pending', 'succeeded', 'failed', 'partially_refunded', 'refunded'], ['provider', 'system'], [
  ['capture', 'pending', 'succeeded'],
  ['decline', 'pending', 'failed'],
  ['refund_part', 'succeeded', 'partially_refunded'],
  ['refund_part', 'partially_refunded', 'partially_refunded'],
  ['refund_rest', 'succeeded', 'refunded'],
  ['refund_rest', 'partially_refunded', 'refunded'],
]);
walk('refund', REFUND_TRANSITIONS, ['requested', 'sent', 'confirmed', 'failed'], ['provider', 'system'], [
  ['send', 'requested', 'sent'],
  ['confirm', 'requested', 'confirmed'],
  ['confirm', 'sent', 'confirmed'],
  ['fail', 'requested', 'failed'],
]);
walk('payout', PAYOUT_TRANSITIONS, ['requested', 'sent', 'paid', 'failed'], ['provider'], [
  ['send', 'requested', 'sent'],
  ['pay', 'requested', 'paid'],
  ['pay', 'sent', 'paid'],
  ['fail', 'requested', 'failed'],
  ['fail', 'sent', 'failed'],
]);
walk('hold', HOLD_TRANSITIONS, ['held', 'paid', 'expired', 'cancelled'], ['order', 'sweep'], [
  ['pay', 'held', 'paid'],
  ['expire', 'held', 'expired'],
  ['cancel', 'held', 'cancelled'],
]);

describe('the ledger refuses malformed postings before anything is written', () => {
  const store = accounts.store('0190a6c2-0000-7000-8000-000000000001', 'CNY');
  const ok: Posting = { ref: 'test:1', kind: 'test', currency: 'CNY', at: 1, transfers: [{ debit: accounts.clearing('CNY'), credit: store, amountMinor: 100, kind: 'sale' }] };
  it('accepts a well-formed posting', () => expect(() => assertPosting(ok)).not.toThrow());
  it.each([
    ['a negative amount', { ...ok, transfers: [{ ...ok.transfers[0]!, amountMinor: -5 }] }],
    ['a fractional amount', { ...ok, transfers: [{ ...ok.transfers[0]!, amountMinor: 1.5 }] }],
    ['an amount past 2^53', { ...ok, transfers: [{ ...ok.transfers[0]!, amountMinor: 2 ** 53 + 2 }] }],
    ['money moved to the same account', { ...ok, transfers: [{ ...ok.transfers[0]!, credit: accounts.clearing('CNY') }] }],
    ['an account in another currency', { ...ok, transfers: [{ ...ok.transfers[0]!, credit: accounts.store('0190a6c2-0000-7000-8000-000000000001', 'USD') }] }],
    ['something that is not an account', { ...ok, transfers: [{ ...ok.transfers[0]!, credit: 'somewhere' }] }],
    ['an unknown kind', { ...ok, transfers: [{ ...ok.transfers[0]!, kind: 'gift' as 'sale' }] }],
    ['no currency', { ...ok, currency: 'cny' }],
    ['a transfer between two stores', { ...ok, transfers: [{ debit: accounts.store('0190a6c2-0000-7000-8000-000000000002', 'CNY'), credit: store, amountMinor: 1, kind: 'sale' as const }] }],
  ])('refuses %s', (_, p) => expect(() => assertPosting(p)).toThrow(/ledger/));
});

describe('commission', () => {
  it('rounds half up, in integers, at any size', () => {
    expect(commissionOf(1999_00, 500)).toBe(9995);
    expect(commissionOf(1, 5000)).toBe(1);
    expect(commissionOf(1, 4999)).toBe(0);
    expect(commissionOf(99 * 50 * 1_000_000_000_00, 10_000)).toBe(99 * 50 * 1_000_000_000_00);
  });

  it('the most specific rule effective at the sale applies (launch, then category, then store kind), the latest of its scope', () => {
    const rule = (id: string, o: Partial<CommissionRule>): CommissionRule => ({ id, store_kind: null, category: null, launch_id: null, rate_bps: 0, effective_from: 0, note: null, created_by: 't', created_at: 0, ...o });
    const rules = [
      rule('kind', { store_kind: 'marketplace', rate_bps: 500 }),
      rule('kind-later', { store_kind: 'marketplace', rate_bps: 600, effective_from: 1000 }),
      rule('audio', { category: 'audio', rate_bps: 800, effective_from: 500 }),
      rule('launch', { launch_id: 'L', rate_bps: 100, effective_from: 200 }),
      rule('flagship', { store_kind: 'flagship', rate_bps: 300 }),
    ];
    const at = (t: number, category: string | null = null, launchId: string | null = null, storeKind: 'marketplace' | 'flagship' = 'marketplace') => pickRule(rules, { storeKind, category, launchId, at: t })?.id;
    expect(at(10)).toBe('kind');
    expect(at(1000)).toBe('kind-later');
    expect(at(499, 'audio')).toBe('kind');
    expect(at(500, 'audio')).toBe('audio');
    expect(at(2000, 'audio')).toBe('audio');
    expect(at(100, 'audio', 'L')).toBe('kind');
    expect(at(200, 'audio', 'L')).toBe('launch');
    expect(at(200, null, 'other-launch')).toBe('kind');
    expect(at(2000, null, null, 'flagship')).toBe('flagship');
  });

  it('refunding an order in any number of parts gives back exactly the commission charged (cumulative rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), (sale, bps, weights) => {
        const commission = commissionOf(sale, bps);
        const total = weights.reduce((a, b) => a + b, 0);
        let refunded = 0;
        let back = 0;
        weights.forEach((w, i) => {
          const part = i === weights.length - 1 ? sale - refunded : Math.floor((sale * w) / total);
          refunded += part;
          const after = Number((2n * BigInt(commission) * BigInt(refunded) + BigInt(sale)) / (2n * BigInt(sale)));
          expect(after - back).toBeGreaterThanOrEqual(0);
          back = after;
        });
        expect(refunded).toBe(sale);
        expect(back).toBe(commission);
      }),
    );
  });
});

forEachEngine('analytics count an order move only after its transaction commits', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  it('a payment applied in a transaction that rolls back is never counted; the same move committed is', async () => {
    const { product } = await sellerWithProduct(s.url, { stock: 5 });
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product.skus[0]!.id);
    const ctx = s.fm.ctx;
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await applyTransition(ctx, trx, await loadOrder(trx, order.id), 'pay', 'system');
        throw new Error('rolled back after the move');
      }),
    ).rejects.toThrow('rolled back');
    await ctx.analytics.flush();
    const paidEvents = async () => (await rawEvents(ctx.db)).filter((e) => e.type === 'order_paid' && e.order_id === order.id);
    expect(await paidEvents()).toEqual([]);
    expect((await loadOrder(ctx.db, order.id)).status).toBe('pending_payment');

    await ctx.db.transaction().execute(async (trx) => {
      await applyTransition(ctx, trx, await loadOrder(trx, order.id), 'pay', 'system');
    });
    await ctx.analytics.flush();
    expect(await paidEvents()).toHaveLength(1);
  });

  it("a hold's settle (its order paid) is counted only once the order's transaction commits", async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 2 });
    const skuId = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment: 1, perBuyerLimit: 1, startsInMs: 300 });
    const buyer = await signup(s.url);
    const token = await joinQueue(buyer, launch.id);
    await sleepUntil(launch.startsAt);
    await s.fm.launches.tick();
    const held = await reserve(buyer, launch.id, skuId, await passOf(buyer, launch.id, token), 'hold-settle-key');
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const holdId = held.body.id;
    const { orderId } = await openHoldPayment(buyer, holdId);
    const ctx = s.fm.ctx;
    const settled = async () => (await rawEvents(ctx.db)).filter((e) => e.type === 'payment_succeeded' && e.launch_id === launch.id && e.order_id === orderId);
    const holdStatus = async () => (await ctx.db.selectFrom('holds').select('status').where('id', '=', holdId).executeTakeFirstOrThrow()).status;

    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await applyTransition(ctx, trx, await loadOrder(trx, orderId), 'pay', 'system');
        throw new Error('rolled back after the move');
      }),
    ).rejects.toThrow('rolled back');
    await ctx.analytics.flush();
    expect(await settled()).toEqual([]);
    expect(await holdStatus()).toBe('held');

    await ctx.db.transaction().execute(async (trx) => {
      await applyTransition(ctx, trx, await loadOrder(trx, orderId), 'pay', 'system');
    });
    await ctx.analytics.flush();
    expect(await settled()).toHaveLength(1);
    expect(await holdStatus()).toBe('paid');
  });
});

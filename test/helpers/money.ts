/**
 * Helpers of the money suites: orders brought to paid/delivered through the API, payouts
 * settled by the sandbox, and the ledger's own checks (its trial balance sums to zero; its
 * clearing account holds what the provider's books say the platform holds).
 */
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { trialBalance } from '../../src/money/ledger.js';
import { eventually, type Client, type TestServer } from '../harness.js';
import { expectOk, payOrders, placeOrder, webhooksSettled } from './api.js';

/** A paid order of `quantity` units of the SKU; returns its id. */
export async function paidOrder(s: TestServer, buyer: Client, skuId: string, quantity = 1): Promise<string> {
  const order = await placeOrder(buyer, skuId, quantity);
  await payOrders(s, buyer, [order.id]);
  return order.id;
}

/** Ships and delivers a paid order (the store), which starts its return window. */
export async function deliver(seller: Client, orderId: string): Promise<void> {
  expectOk(await seller.post(`/orders/${orderId}/ship`, { carrier: 'SF Express', trackingNumber: 'SF0000000009' }));
  expectOk(await seller.post(`/orders/${orderId}/deliver`));
}

/** The buyer asks, the store approves (all that is left, or `amountMinor`); waits for the provider's confirmation. */
export async function refund(s: TestServer, buyer: Client, seller: Client, orderId: string, amountMinor?: number): Promise<void> {
  expectOk(await buyer.post(`/orders/${orderId}/refund-request`, { reason: 'not as described' }));
  expectOk(await seller.post(`/orders/${orderId}/refund/approve`, amountMinor === undefined ? {} : { amountMinor }));
  await webhooksSettled(s);
}

/**
 * Lets the sandbox settle every due payout and delivers its webhooks. With no payout delay the
 * sandbox also settles by itself, so a round here can find a payout already taken by that
 * one's transaction: it waits until none is left processing (its webhook is queued in the same
 * transaction) before the webhooks are delivered.
 */
export async function payoutsSettled(s: TestServer): Promise<void> {
  const now = s.fm.ctx.clock.now();
  await eventually(
    async () => {
      await s.fm.gateway.settlePayouts();
      const left = await s.fm.ctx.db.selectFrom('sandbox_payouts').select('id').where('status', '=', 'processing').where('settles_at', '<=', now).execute();
      return left.length === 0;
    },
    10_000,
    'due sandbox payouts settled',
  );
  await webhooksSettled(s);
}

/** The ledger agrees with itself and with the provider: trial balance zero, clearing = captured − refunded − paid out. */
export async function expectBooksBalance(db: Kysely<Database>, currency = 'CNY'): Promise<void> {
  const tb = await trialBalance(db, currency);
  expect([...tb.values()].reduce((a, b) => a + b, 0)).toBe(0);
  const clearing = 0 - (tb.get(`platform:clearing:${currency}`) ?? 0);
  const captured = await db.selectFrom('sandbox_payments').select(['amount_minor', 'refunded_minor']).where('status', '=', 'succeeded').where('currency', '=', currency).execute();
  const paidOut = await db.selectFrom('sandbox_payouts').select('amount_minor').where('status', '=', 'paid').where('currency', '=', currency).execute();
  const held = captured.reduce((n, p) => n + Number(p.amount_minor) - Number(p.refunded_minor), 0) - paidOut.reduce((n, p) => n + Number(p.amount_minor), 0);
  // Refunds the provider took but whose confirmation has not arrived are still owed in the ledger.
  const inFlight = await db.selectFrom('refunds').select('amount_minor').where('status', '=', 'sent').execute();
  expect(clearing).toBe(held + inFlight.reduce((n, r) => n + Number(r.amount_minor), 0));
}

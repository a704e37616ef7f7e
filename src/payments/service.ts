/**
 * Payments: paying one or more pending orders through the provider, and applying the
 * provider's webhook events exactly once — payments captured or declined, refunds confirmed
 * (refunds.ts), payouts paid or failed (the money domain's). A payment moves only through its
 * transition table (state-machine.ts), each write conditional on the status read. A payment
 * that lands for an order that can no longer take it (cancelled after its deadline, paid by
 * another payment) is refunded automatically.
 */
import type { AppContext } from '../context.js';
import type { Payment } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { newId } from '../shared/ids.js';
import { idempotent, replayOf } from '../shared/idempotency.js';
import { applyTransition } from '../orders/service.js';
import { applyPayoutEvent } from '../money/payouts.js';
import type { PaymentEvent } from './provider.js';
import { movePayment } from './moves.js';
import { confirmRefund, refundUnpayableOrders } from './refunds.js';

/** A payment as the API shows it. */
export interface PaymentView {
  id: string;
  status: Payment['status'];
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  payUrl: string;
  orderIds: string[];
  createdAt: number;
}

/** The API's view of a payment row. */
export function toPaymentView(p: Payment): PaymentView {
  return {
    id: p.id,
    status: p.status,
    amountMinor: p.amount_minor,
    refundedMinor: p.refunded_minor,
    currency: p.currency,
    payUrl: p.pay_url,
    orderIds: JSON.parse(p.order_ids_json) as string[],
    createdAt: p.created_at,
  };
}

/**
 * Opens one payment for the buyer's pending orders (one checkout may span several stores).
 * `origin` is where the buyer reached us (see `http/origin.ts`): the pay page and the way
 * back from it are built on it, so the buyer comes back to the same host and session.
 */
export async function startPayment(ctx: AppContext, p: Principal, orderIds: string[], origin: string = ctx.publicUrl(), idempotencyKey?: string): Promise<PaymentView> {
  const unique = [...new Set(orderIds)];
  // A retry of the same "Pay" (same key) gets the payment it made; two at once make one payment
  // (the loser's provider payment is left unused: no money moves without its pay page).
  const request = { orderIds: [...unique].sort() };
  const replay = await replayOf<PaymentView>(ctx, 'payment', p.userId, idempotencyKey, request);
  if (replay) return replay.body;
  const orders = await ctx.db.selectFrom('orders').selectAll().where('id', 'in', unique).execute();
  if (orders.length !== unique.length || orders.some((o) => o.buyer_id !== p.userId)) throw notFound('Order');
  const now = ctx.clock.now();
  for (const o of orders) {
    if (o.status !== 'pending_payment') throw new AppError('ORDER_NOT_PAYABLE', `Order ${o.id} is ${o.status}; only orders awaiting payment can be paid.`);
    if (o.payment_deadline_at <= now) throw new AppError('PAYMENT_DEADLINE_PASSED', `The time to pay order ${o.id} has run out.`);
  }
  const currencies = new Set(orders.map((o) => o.currency));
  if (currencies.size !== 1) throw new AppError('MIXED_CURRENCIES', 'Orders in different currencies must be paid separately.');
  const amount = orders.reduce((s, o) => s + o.total_minor, 0);
  const currency = orders[0]!.currency;
  const id = newId();
  const returnUrl = `${origin}/orders?payment=${id}`;
  const created = await ctx.payments.createPayment({ reference: id, amountMinor: amount, currency, description: `Flashmall order${orders.length > 1 ? 's' : ''} ${orders.map((o) => o.id.slice(-8)).join(', ')}`, returnUrl, pageOrigin: origin });
  const row: Payment = {
    id,
    provider: ctx.payments.name,
    provider_payment_id: created.providerPaymentId,
    buyer_id: p.userId,
    amount_minor: amount,
    refunded_minor: 0,
    currency,
    status: 'pending',
    order_ids_json: JSON.stringify(unique),
    pay_url: created.payUrl,
    created_at: now,
    updated_at: now,
  };
  const out = await idempotent(ctx, 'payment', p.userId, idempotencyKey, request, async (trx) => {
    await trx.insertInto('payments').values(row).execute();
    await trx.updateTable('orders').set({ payment_id: id, updated_at: now }).where('id', 'in', unique).where('status', '=', 'pending_payment').execute();
    return { statusCode: 201, body: toPaymentView(row) };
  });
  return out.body;
}

/** One of the buyer's payments (the admin sees any). */
export async function getPayment(ctx: AppContext, p: Principal, paymentId: string): Promise<PaymentView> {
  const row = await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!row || (row.buyer_id !== p.userId && p.role !== 'admin')) throw notFound('Payment');
  return toPaymentView(row);
}

/**
 * Applies one verified webhook event exactly once. A repeat of an event already applied is
 * acknowledged and changes nothing; the very same signed delivery seen twice is a replay
 * and refused.
 */
export async function applyPaymentEvent(ctx: AppContext, e: PaymentEvent): Promise<{ duplicate: boolean }> {
  const now = ctx.clock.now();
  let paymentId: string | null = null;
  const result = await ctx.db.transaction().execute(async (trx) => {
    try {
      await trx.insertInto('webhook_signatures').values({ signature: e.signature, received_at: now }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('WEBHOOK_REPLAYED', 'This exact delivery was already received.');
      throw err;
    }
    // Claim the event id. Copies arriving at the same moment wait here for the first one's
    // transaction and then find the id taken, so only one of them ever applies the event.
    const claimed = await trx
      .insertInto('webhook_events')
      .values({ event_id: e.id, provider: ctx.payments.name, type: e.type, received_at: now })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return { duplicate: true };
    if (e.type === 'payout.paid' || e.type === 'payout.failed') {
      await applyPayoutEvent(ctx, trx, e);
      return { duplicate: false };
    }
    const pe = e as Exclude<PaymentEvent, { type: 'payout.paid' | 'payout.failed' }>;
    const payment = await trx
      .selectFrom('payments')
      .selectAll()
      .where('provider', '=', ctx.payments.name)
      .where('provider_payment_id', '=', pe.providerPaymentId)
      .executeTakeFirst();
    if (!payment) throw new AppError('UNKNOWN_PAYMENT', 'No payment matches this event.');
    // The gateway's payment id and our reference must name the same payment (the transaction rolls back otherwise).
    if (pe.reference !== payment.id) throw new AppError('REFERENCE_MISMATCH', "The event's reference does not match the payment it names.");
    if (pe.type === 'refund.succeeded') {
      await confirmRefund(ctx, trx, payment, pe.refundReference, pe.amountMinor);
    } else if (e.type === 'payment.succeeded' && payment.status === 'pending') {
      if (e.amountMinor !== payment.amount_minor || e.currency !== payment.currency) {
        throw new AppError('AMOUNT_MISMATCH', 'The event amount does not match the payment.');
      }
      await movePayment(ctx, trx, payment, 'capture');
      const ids = JSON.parse(payment.order_ids_json) as string[];
      const orders = await trx.selectFrom('orders').selectAll().where('id', 'in', ids).execute();
      for (const o of orders) {
        // Captured money pays every order it covers that still awaits payment, even when the
        // buyer opened another payment for it meanwhile (the order then points at this one;
        // should the other payment succeed too, it finds the order paid and is refunded).
        if (o.status === 'pending_payment') {
          await applyTransition(ctx, trx, o, 'pay', 'system', { actorLabel: `payment:${payment.id}`, patch: { payment_id: payment.id } });
        }
      }
      paymentId = payment.id;
    } else if (e.type === 'payment.failed' && payment.status === 'pending') {
      await movePayment(ctx, trx, payment, 'decline');
    }
    return { duplicate: false };
  });
  if (paymentId) await refundUnpayableOrders(ctx, paymentId);
  return result;
}

/**
 * Payments: paying one or more pending orders through the provider, applying the
 * provider's webhook events exactly once, and refunds. A payment that lands for an order
 * that can no longer take it (cancelled after its deadline, paid by another payment) is
 * refunded automatically; a sweep retries any refund a crash interrupted.
 */
import type { AppContext } from '../context.js';
import type { Order, Payment } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import type { Principal } from '../accounts/service.js';
import { newId } from '../shared/ids.js';
import { applyTransition } from '../orders/service.js';
import type { PaymentEvent } from './provider.js';

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
export async function startPayment(ctx: AppContext, p: Principal, orderIds: string[], origin: string = ctx.publicUrl()): Promise<PaymentView> {
  const unique = [...new Set(orderIds)];
  const orders = await ctx.db.selectFrom('orders').selectAll().where('id', 'in', unique).execute();
  if (orders.length !== unique.length || orders.some((o) => o.buyer_id !== p.userId)) throw notFound('Order');
  const now = ctx.clock.now();
  for (const o of orders) {
    if (o.status !== 'pending_payment') throw conflict('ORDER_NOT_PAYABLE', `Order ${o.id} is ${o.status}; only orders awaiting payment can be paid.`);
    if (o.payment_deadline_at <= now) throw conflict('PAYMENT_DEADLINE_PASSED', `The time to pay order ${o.id} has run out.`);
  }
  const currencies = new Set(orders.map((o) => o.currency));
  if (currencies.size !== 1) throw badRequest('MIXED_CURRENCIES', 'Orders in different currencies must be paid separately.');
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
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('payments').values(row).execute();
    await trx.updateTable('orders').set({ payment_id: id, updated_at: now }).where('id', 'in', unique).where('status', '=', 'pending_payment').execute();
  });
  return toPaymentView(row);
}

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
      if (isUniqueViolation(err)) throw conflict('WEBHOOK_REPLAYED', 'This exact delivery was already received.');
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
    const payment = await trx
      .selectFrom('payments')
      .selectAll()
      .where('provider', '=', ctx.payments.name)
      .where('provider_payment_id', '=', e.providerPaymentId)
      .executeTakeFirst();
    if (!payment) throw new AppError(404, 'UNKNOWN_PAYMENT', 'No payment matches this event.');
    if (e.type === 'payment.succeeded' && payment.status === 'pending') {
      if (e.amountMinor !== payment.amount_minor || e.currency !== payment.currency) {
        throw badRequest('AMOUNT_MISMATCH', 'The event amount does not match the payment.');
      }
      await trx.updateTable('payments').set({ status: 'succeeded', updated_at: now }).where('id', '=', payment.id).execute();
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
      await trx.updateTable('payments').set({ status: 'failed', updated_at: now }).where('id', '=', payment.id).execute();
    }
    return { duplicate: false };
  });
  if (paymentId) await refundUnpayableOrders(ctx, paymentId);
  return result;
}

/** Orders a succeeded payment covers but could not pay (cancelled meanwhile, or paid twice): refund their share. */
export async function refundUnpayableOrders(ctx: AppContext, paymentId: string): Promise<number> {
  const payment = await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!payment || (payment.status !== 'succeeded' && payment.status !== 'partially_refunded')) return 0;
  const ids = JSON.parse(payment.order_ids_json) as string[];
  const orders = await ctx.db.selectFrom('orders').selectAll().where('id', 'in', ids).execute();
  let n = 0;
  for (const o of orders) {
    const paidByThis = o.payment_id === payment.id && o.status !== 'pending_payment' && o.status !== 'cancelled';
    if (paidByThis || o.status === 'pending_payment') continue;
    await refundShare(ctx, payment, o, o.status === 'cancelled' ? 'payment arrived after the order was cancelled' : 'order was paid by another payment');
    n++;
  }
  return n;
}

/** Refunds one order's share of a payment, once: the refunds row is claimed before the provider is called. */
async function refundShare(ctx: AppContext, payment: Payment, order: Order, reason: string): Promise<void> {
  const now = ctx.clock.now();
  let refundId = newId();
  try {
    await ctx.db
      .insertInto('refunds')
      .values({ id: refundId, payment_id: payment.id, order_id: order.id, amount_minor: order.total_minor, reason, provider_refund_id: null, created_at: now })
      .execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await ctx.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).where('order_id', '=', order.id).executeTakeFirstOrThrow();
    if (existing.provider_refund_id) return;
    refundId = existing.id;
  }
  const { providerRefundId } = await ctx.payments.refund({ providerPaymentId: payment.provider_payment_id, amountMinor: order.total_minor, idempotencyKey: refundId });
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('refunds').set({ provider_refund_id: providerRefundId }).where('id', '=', refundId).where('provider_refund_id', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    const fresh = await trx.selectFrom('payments').select(['amount_minor', 'refunded_minor']).where('id', '=', payment.id).executeTakeFirstOrThrow();
    const refunded = fresh.refunded_minor + order.total_minor;
    await trx
      .updateTable('payments')
      .set({ refunded_minor: refunded, status: refunded >= fresh.amount_minor ? 'refunded' : 'partially_refunded', updated_at: ctx.clock.now() })
      .where('id', '=', payment.id)
      .execute();
  });
}

/** Refunds the order's share of the payment that paid it (an approved refund request). */
export async function refundOrderPayment(ctx: AppContext, order: Order, reason: string): Promise<void> {
  if (!order.payment_id) throw conflict('NOT_PAID', 'This order has no payment to refund.');
  const payment = await ctx.db.selectFrom('payments').selectAll().where('id', '=', order.payment_id).executeTakeFirstOrThrow();
  await refundShare(ctx, payment, order, reason);
}

/** Sweep: finishes refunds a crash interrupted and refunds late payments the webhook path missed. */
export async function settleRefunds(ctx: AppContext): Promise<void> {
  const pending = await ctx.db.selectFrom('refunds').select('payment_id').where('provider_refund_id', 'is', null).limit(50).execute();
  const late = await ctx.db
    .selectFrom('payments')
    .innerJoin('orders', 'orders.payment_id', 'payments.id')
    .select('payments.id as payment_id')
    .where('payments.status', '=', 'succeeded')
    .where('orders.status', '=', 'cancelled')
    .limit(50)
    .execute();
  for (const id of new Set([...pending, ...late].map((r) => r.payment_id))) await refundUnpayableOrders(ctx, id);
}

/**
 * Refunds, as resumable steps (state-machine.ts: requested → sent → confirmed | failed).
 * Deciding a refund — approving a buyer's request (all or part of what is left), or giving
 * back money that arrived for an order that could not take it — records it as `requested`
 * in the same transaction as the order's move and the ledger's reversal. Only then is the
 * provider called, with the refund's id as its idempotency key; its answer moves the refund
 * to `sent` (or `failed` when the provider refuses it), and its webhook to `confirmed`.
 * Whatever a crash interrupts, the sweep (`resumeRefunds`) sends every refund still
 * `requested` again: the provider returns the money once, however often it is asked.
 */
import type { AppContext } from '../context.js';
import type { Order, Payment, Refund } from '../db/schema.js';
import { AppError, hasCode, notFound, refusesForGood } from '../shared/errors.js';
import { lockForUpdate } from '../db/dialect.js';
import type { Principal } from '../accounts/service.js';
import { newId } from '../shared/ids.js';
import { applyTransition, getOrder, loadOrder, relation, type OrderView, type Tx } from '../orders/service.js';
import { nextStatus } from '../orders/state-machine.js';
import { postRefundApproved, postRefundSent } from '../money/sales.js';
import { addRefunded, insertRefund, moveRefund } from './moves.js';

/** A refund as the API shows it. */
export interface RefundView {
  id: string;
  orderId: string;
  paymentId: string;
  kind: Refund['kind'];
  amountMinor: number;
  currency: string;
  reason: string;
  status: Refund['status'];
  failureReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The API's view of a refund row. */
export const toRefundView = (r: Refund): RefundView => ({
  id: r.id,
  orderId: r.order_id,
  paymentId: r.payment_id,
  kind: r.kind,
  amountMinor: r.amount_minor,
  currency: r.currency,
  reason: r.reason,
  status: r.status,
  failureReason: r.failure_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What has been (or is being) refunded of an order's approved refunds; failed ones gave nothing back. */
async function refundedOf(db: Tx, orderId: string): Promise<number> {
  const r = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.val(0)).as('n'))
    .where('order_id', '=', orderId)
    .where('kind', '=', 'order')
    .where('status', '!=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The store (or admin) approves a refund request: all of what is left to refund (the order
 * becomes refunded), or `amountMinor` of it (the order goes back to where it was). The refund
 * is recorded with the order's move, the ledger's reversal and the buyer's "refund sent" in one
 * transaction, then sent.
 */
export async function approveRefund(ctx: AppContext, p: Principal, orderId: string, amountMinor?: number): Promise<OrderView> {
  const read = await loadOrder(ctx.db, orderId);
  const actor = await relation(ctx, p, read);
  nextStatus(read.status, 'approve_refund', actor, read.status_before_refund);
  if (!read.payment_id) throw new AppError('NOT_PAID', 'This order has no payment to refund.');
  const refundId = await ctx.db.transaction().execute(async (trx) => {
    const order = await loadOrder(trx, orderId);
    const payment = await trx.selectFrom('payments').selectAll().where('id', '=', order.payment_id!).executeTakeFirstOrThrow();
    const remaining = order.total_minor - (await refundedOf(trx, order.id));
    if (remaining <= 0) throw new AppError('NOTHING_TO_REFUND', 'Everything paid for this order has been refunded already.');
    const amount = amountMinor ?? remaining;
    if (amount > remaining) throw new AppError('REFUND_EXCEEDS_REMAINING', `At most ${remaining} (minor units) of this order is left to refund.`, { remainingMinor: remaining });
    const full = amount === remaining;
    await applyTransition(ctx, trx, order, full ? 'approve_refund' : 'approve_partial_refund', actor, { actorLabel: `${actor}:${p.userId}`, note: full ? null : `refunded ${amount} of ${remaining}` });
    const refund = await insertRefund(
      ctx,
      trx,
      { id: newId(), payment_id: payment.id, order_id: order.id, kind: 'order', amount_minor: amount, currency: payment.currency, reason: order.refund_reason ?? 'refund approved' },
      `${actor}:${p.userId}`,
    );
    await postRefundApproved(ctx, trx, refund!, order);
    // The buyer hears of each refund, partial or the rest, with its own amount (written with it).
    await ctx.notifications?.notify(trx, [{ userId: order.buyer_id, kind: 'refund_sent', key: `refund:${refund!.id}`, params: { orderId: order.id, amountMinor: amount, currency: payment.currency } }]);
    ctx.crash('refund.before_commit');
    return refund!.id;
  });
  await sendRefundLogged(ctx, refundId);
  return getOrder(ctx, p, orderId);
}

/** Orders a succeeded payment covers but could not pay (cancelled meanwhile, or paid twice): refund their share, once. */
export async function refundUnpayableOrders(ctx: AppContext, paymentId: string): Promise<number> {
  const payment = await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!payment || (payment.status !== 'succeeded' && payment.status !== 'partially_refunded')) return 0;
  const ids = JSON.parse(payment.order_ids_json) as string[];
  const orders = await ctx.db.selectFrom('orders').selectAll().where('id', 'in', ids).execute();
  let n = 0;
  for (const o of orders) {
    const paidByThis = o.payment_id === payment.id && o.status !== 'pending_payment' && o.status !== 'cancelled';
    if (paidByThis || o.status === 'pending_payment') continue;
    const reason = o.status === 'cancelled' ? 'payment arrived after the order was cancelled' : 'order was paid by another payment';
    await ctx.db.transaction().execute(async (trx) => {
      const refund = await insertRefund(ctx, trx, { id: newId(), payment_id: payment.id, order_id: o.id, kind: 'unpayable', amount_minor: o.total_minor, currency: payment.currency, reason }, 'system');
      if (refund) await postRefundApproved(ctx, trx, refund, null);
    });
    const refund = await ctx.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).where('order_id', '=', o.id).where('kind', '=', 'unpayable').executeTakeFirstOrThrow();
    if (refund.status === 'requested') await sendRefundLogged(ctx, refund.id);
    n++;
  }
  return n;
}

/**
 * Sends a `requested` refund to the provider (idempotent by its id) and records the answer:
 * `sent`, or `failed` when the provider refuses it for good. A transient failure leaves it
 * `requested` for the sweep. Safe to run again, from any process, at any time.
 */
export async function sendRefund(ctx: AppContext, refundId: string): Promise<void> {
  const refund = await ctx.db.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
  if (!refund || refund.status !== 'requested') return;
  const payment = await ctx.db.selectFrom('payments').selectAll().where('id', '=', refund.payment_id).executeTakeFirstOrThrow();
  ctx.crash('refund.before_provider');
  let providerRefundId: string;
  try {
    ({ providerRefundId } = await ctx.payments.refund({ providerPaymentId: payment.provider_payment_id, amountMinor: refund.amount_minor, idempotencyKey: refund.id }));
  } catch (err) {
    if (!refusesForGood(err)) throw err;
    await ctx.db.transaction().execute(async (trx) => {
      const fresh = await trx.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirstOrThrow();
      if (fresh.status === 'requested') await moveRefund(ctx, trx, fresh, 'fail', 'provider', { failure_reason: err.code }, err.message);
    });
    return;
  }
  ctx.crash('refund.after_provider');
  // Another payment's refund may be counted on the same payment at the same moment: try again then.
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        // Locked: the provider's webhook may be confirming it at this very moment (it then waits, or we do).
        const fresh = await lockForUpdate(ctx.engine.kind, trx.selectFrom('refunds').selectAll().where('id', '=', refundId)).executeTakeFirstOrThrow();
        if (fresh.status !== 'requested') return; // the provider's webhook confirmed it meanwhile
        await moveRefund(ctx, trx, fresh, 'send', 'provider', { provider_refund_id: providerRefundId });
        await addRefunded(ctx, trx, payment.id, refund.amount_minor);
      });
      return;
    } catch (err) {
      if (attempt >= 4 || !hasCode(err, 'PAYMENT_CHANGED', 'REFUND_CHANGED')) throw err;
    }
  }
}

/** `sendRefund`, with a failure logged instead of thrown (the refund is recorded; the sweep will send it). */
async function sendRefundLogged(ctx: AppContext, refundId: string): Promise<void> {
  try {
    await sendRefund(ctx, refundId);
  } catch (err) {
    ctx.log.warn({ err, refundId }, 'refund not sent yet; the sweep will send it');
  }
}

/**
 * The provider's webhook says a refund went through: the refund is confirmed (and counted on
 * the payment if its answer had not been recorded yet), and the ledger moves the money out.
 */
export async function confirmRefund(ctx: AppContext, trx: Tx, payment: Payment, refundId: string, amountMinor: number): Promise<void> {
  const refund = await lockForUpdate(ctx.engine.kind, trx.selectFrom('refunds').selectAll().where('id', '=', refundId).where('payment_id', '=', payment.id)).executeTakeFirst();
  if (!refund) throw new AppError('UNKNOWN_REFUND', 'No refund of this payment matches this event.');
  if (refund.amount_minor !== amountMinor) throw new AppError('AMOUNT_MISMATCH', 'The event amount does not match the refund.');
  if (refund.status === 'confirmed') return;
  if (refund.status === 'failed') {
    ctx.log.error({ refundId }, 'the provider confirmed a refund recorded as failed');
    return;
  }
  const answered = refund.status === 'sent';
  await moveRefund(ctx, trx, refund, 'confirm', 'provider');
  if (!answered) await addRefunded(ctx, trx, payment.id, refund.amount_minor);
  await postRefundSent(ctx, trx, refund);
}

/**
 * Sweep: sends every refund a crash left `requested` (older than MONEY_RESUME_GRACE_MS, so a
 * refund being sent right now is left to its request), and refunds late payments the webhook
 * path missed (a crash after the payment was applied).
 */
export async function resumeRefunds(ctx: AppContext): Promise<void> {
  const before = ctx.clock.now() - ctx.config.moneyResumeGraceMs;
  const due = await ctx.db.selectFrom('refunds').select('id').where('status', '=', 'requested').where('updated_at', '<=', before).orderBy('updated_at').limit(50).execute();
  for (const r of due) await sendRefundLogged(ctx, r.id);
  const late = await ctx.db
    .selectFrom('payments')
    .innerJoin('orders', 'orders.payment_id', 'payments.id')
    .select('payments.id as payment_id')
    .where('payments.status', '=', 'succeeded')
    .where('orders.status', '=', 'cancelled')
    .limit(50)
    .execute();
  for (const id of new Set(late.map((r) => r.payment_id))) await refundUnpayableOrders(ctx, id);
}

/** The refunds of one order (for the buyer, the store and the admin: whoever may read the order). */
export async function listOrderRefunds(ctx: AppContext, p: Principal, orderId: string): Promise<RefundView[]> {
  const order: Order = await loadOrder(ctx.db, orderId).catch(() => {
    throw notFound('Order');
  });
  await relation(ctx, p, order);
  const rows = await ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();
  return rows.map(toRefundView);
}

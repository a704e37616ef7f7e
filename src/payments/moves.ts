/**
 * The writes of the payment and refund lifecycles: each move checked against its table
 * (state-machine.ts) and applied by an update conditional on the status read, so two racing
 * moves can never both apply; refund moves are logged in refund_events.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Payment, PaymentStatus, Refund, RefundStatus } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { lockForUpdate } from '../db/dialect.js';
import { nextOf } from '../shared/lifecycle.js';
import type { Tx } from '../orders/service.js';
import { PAYMENT_TRANSITIONS, REFUND_TRANSITIONS, type MoneyActor, type PaymentAction, type RefundAction } from './state-machine.js';

/** Moves a payment, conditional on the status and refunded amount read; returns it as it is after. */
export async function movePayment(ctx: AppContext, trx: Tx, payment: Payment, action: PaymentAction, patch: Partial<Payment> = {}): Promise<Payment> {
  const to: PaymentStatus = nextOf('payment', PAYMENT_TRANSITIONS, payment.status, action, 'provider');
  const set = { ...patch, status: to, updated_at: ctx.clock.now() };
  const res = await trx
    .updateTable('payments')
    .set(set)
    .where('id', '=', payment.id)
    .where('status', '=', payment.status)
    .where('refunded_minor', '=', payment.refunded_minor)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('PAYMENT_CHANGED', 'The payment changed meanwhile.');
  return { ...payment, ...set };
}

/** Counts `amountMinor` more as refunded on the payment (the provider took the refund). */
export async function addRefunded(ctx: AppContext, trx: Tx, paymentId: string, amountMinor: number): Promise<Payment> {
  // Locked: two refunds of one payment counted at once take turns instead of one failing.
  const payment = await lockForUpdate(ctx.engine.kind, trx.selectFrom('payments').selectAll().where('id', '=', paymentId)).executeTakeFirstOrThrow();
  const refunded = payment.refunded_minor + amountMinor;
  // The provider refuses refunds beyond the payment, so this can only fail on a bug of ours.
  if (refunded > payment.amount_minor) throw new Error(`refunds of payment ${paymentId} would exceed it (${refunded} > ${payment.amount_minor})`);
  return movePayment(ctx, trx, payment, refunded === payment.amount_minor ? 'refund_rest' : 'refund_part', { refunded_minor: refunded });
}

/** Moves a refund, conditional on the status read, and logs the step; returns it as it is after. */
export async function moveRefund(ctx: AppContext, trx: Tx, refund: Refund, action: RefundAction, actor: MoneyActor, patch: Partial<Refund> = {}, note: string | null = null): Promise<Refund> {
  const to: RefundStatus = nextOf('refund', REFUND_TRANSITIONS, refund.status, action, actor);
  const now = ctx.clock.now();
  const set = { ...patch, status: to, updated_at: now };
  const res = await trx.updateTable('refunds').set(set).where('id', '=', refund.id).where('status', '=', refund.status).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('REFUND_CHANGED', 'The refund changed meanwhile.');
  await trx.insertInto('refund_events').values({ refund_id: refund.id, from_status: refund.status, to_status: to, actor, note, at: now }).execute();
  return { ...refund, ...set };
}

/** Records a new refund as `requested` (the step before the provider is called), with its first log line. */
export async function insertRefund(ctx: AppContext, trx: Tx, refund: Omit<Refund, 'status' | 'provider_refund_id' | 'failure_reason' | 'created_at' | 'updated_at'>, actor: string): Promise<Refund | null> {
  const now = ctx.clock.now();
  const row: Refund = { ...refund, status: 'requested', provider_refund_id: null, failure_reason: null, created_at: now, updated_at: now };
  const res = await trx
    .insertInto('refunds')
    .values(row)
    // Only money for an order that could not take it is unique per payment and order (a partial index;
    // SQLite matches the index only when the condition is the same literal).
    .onConflict((oc) => oc.columns(['payment_id', 'order_id']).where('kind', '=', sql.lit('unpayable')).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
  await trx.insertInto('refund_events').values({ refund_id: row.id, from_status: null, to_status: 'requested', actor, note: refund.reason, at: now }).execute();
  return row;
}

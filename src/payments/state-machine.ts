/**
 * The payment and refund lifecycles, each in one table (see shared/lifecycle.ts).
 *
 *   payment:  pending ──capture──▶ succeeded ──refund_part──▶ partially_refunded ──refund_rest──▶ refunded
 *                └──decline──▶ failed     └───────────────refund_rest──────────────────────▲
 *
 *   refund:   requested ──send──▶ sent ──confirm──▶ confirmed
 *                 ├──────────confirm──────────▲      (the provider's webhook may overtake its answer)
 *                 └──fail──▶ failed                    (the provider refused it)
 *
 * A refund is recorded as `requested` in the transaction that decides it, before the provider
 * is called; the provider's idempotency key is the refund's id, so sending it again after a
 * crash never returns the money twice.
 */
import type { PaymentStatus, RefundStatus } from '../db/schema.js';
import type { MoveTable } from '../shared/lifecycle.js';

/** Moves of a payment. */
export type PaymentAction = 'capture' | 'decline' | 'refund_part' | 'refund_rest';
/** Moves of a refund. */
export type RefundAction = 'send' | 'confirm' | 'fail';
/** Who moves money: the provider (by webhook or by its answer) or Flashmall itself. */
export type MoneyActor = 'provider' | 'system';

/** Every allowed move of a payment. */
export const PAYMENT_TRANSITIONS: MoveTable<PaymentStatus, PaymentAction, MoneyActor> = {
  capture: { from: ['pending'], to: 'succeeded', by: ['provider'] },
  decline: { from: ['pending'], to: 'failed', by: ['provider'] },
  refund_part: { from: ['succeeded', 'partially_refunded'], to: 'partially_refunded', by: ['provider'] },
  refund_rest: { from: ['succeeded', 'partially_refunded'], to: 'refunded', by: ['provider'] },
};

/** Every allowed move of a refund. */
export const REFUND_TRANSITIONS: MoveTable<RefundStatus, RefundAction, MoneyActor> = {
  send: { from: ['requested'], to: 'sent', by: ['provider'] },
  confirm: { from: ['requested', 'sent'], to: 'confirmed', by: ['provider'] },
  fail: { from: ['requested'], to: 'failed', by: ['provider'] },
};

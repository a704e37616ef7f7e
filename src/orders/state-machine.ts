/**
 * The order lifecycle, in one table. Every allowed move names the states it leaves from,
 * the state it reaches and who may make it; anything else is an illegal transition (409).
 *
 *   pending_payment ──pay──▶ paid ──ship──▶ shipped ──deliver──▶ delivered ──complete──▶ completed
 *         │                   │               │                     │
 *         ├─cancel/expire─▶ cancelled         └──── request_refund ─┴──▶ refund_requested ──approve──▶ refunded
 *                                                                        ├──approve part──▶ (status before the request)
 *                                                                        └──reject──▶ (status before the request)
 *
 * Approving a refund of less than what is left to refund (`approve_partial_refund`) sends that
 * part back and returns the order to where it was; a later request can take the rest.
 */
import type { OrderStatus } from '../db/schema.js';
import { AppError } from '../shared/errors.js';

export type OrderAction =
  | 'pay'
  | 'cancel'
  | 'expire'
  | 'ship'
  | 'deliver'
  | 'complete'
  | 'request_refund'
  | 'approve_refund'
  | 'approve_partial_refund'
  | 'reject_refund';

/** Who makes a move: the buyer, the store's members, the platform admin, or Flashmall itself. */
export type OrderActor = 'buyer' | 'store' | 'admin' | 'system';

interface Transition {
  from: readonly OrderStatus[];
  /** 'previous' returns to the status held before the refund request. */
  to: OrderStatus | 'previous';
  by: readonly OrderActor[];
}

export const ORDER_TRANSITIONS: Readonly<Record<OrderAction, Transition>> = {
  pay: { from: ['pending_payment'], to: 'paid', by: ['system'] },
  cancel: { from: ['pending_payment'], to: 'cancelled', by: ['buyer', 'admin'] },
  expire: { from: ['pending_payment'], to: 'cancelled', by: ['system'] },
  ship: { from: ['paid'], to: 'shipped', by: ['store', 'admin'] },
  deliver: { from: ['shipped'], to: 'delivered', by: ['store', 'buyer', 'admin', 'system'] },
  complete: { from: ['delivered'], to: 'completed', by: ['buyer', 'admin', 'system'] },
  request_refund: { from: ['paid', 'shipped', 'delivered'], to: 'refund_requested', by: ['buyer'] },
  approve_refund: { from: ['refund_requested'], to: 'refunded', by: ['store', 'admin'] },
  approve_partial_refund: { from: ['refund_requested'], to: 'previous', by: ['store', 'admin'] },
  reject_refund: { from: ['refund_requested'], to: 'previous', by: ['store', 'admin'] },
};

/** Where `action` takes an order in `status`, or the error explaining why it cannot (ACTION_NOT_ALLOWED, ILLEGAL_TRANSITION). */
export function nextStatus(status: OrderStatus, action: OrderAction, actor: OrderActor, statusBeforeRefund: OrderStatus | null): OrderStatus {
  const t = ORDER_TRANSITIONS[action];
  if (!t.by.includes(actor)) {
    throw new AppError('ACTION_NOT_ALLOWED', `The ${actor} cannot ${action.replaceAll('_', ' ')} an order.`);
  }
  if (!t.from.includes(status)) {
    throw new AppError('ILLEGAL_TRANSITION', `An order that is ${status} cannot be ${pastTense[action]}.`, { status, action, allowedFrom: t.from });
  }
  if (t.to === 'previous') {
    if (!statusBeforeRefund) throw new AppError('ILLEGAL_TRANSITION', 'This order has no status to return to.', { status, action });
    return statusBeforeRefund;
  }
  return t.to;
}

const pastTense: Record<OrderAction, string> = {
  pay: 'paid',
  cancel: 'cancelled',
  expire: 'expired',
  ship: 'shipped',
  deliver: 'marked delivered',
  complete: 'completed',
  request_refund: 'refunded on request',
  approve_refund: 'refunded',
  approve_partial_refund: 'partly refunded',
  reject_refund: 'refused a refund',
};

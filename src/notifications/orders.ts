/**
 * Buyers' order notifications: a listener on `ctx.orderEvents` that runs inside the order's
 * transaction, so "paid", "shipped" and "delivered" are written with the move itself (a move
 * that rolls back tells nobody; one that commits is never left untold). "Refund sent" is not an
 * order move — a partial refund leaves the order where it was — so it is written with each
 * refund instead (payments/refunds.ts `approveRefund`), with that refund's amount.
 */
import type { OrderTransition, Tx } from '../orders/events.js';
import type { Notifications } from './service.js';
import type { NotificationKind } from './texts.js';

const KIND_OF: Partial<Record<OrderTransition['to'], NotificationKind>> = {
  paid: 'order_paid',
  shipped: 'order_shipped',
  delivered: 'order_delivered',
};

/** Writes the buyer's notification for an order move, if the move is one buyers hear of. */
export async function notifyOrderMove(n: Notifications, trx: Tx, t: OrderTransition): Promise<void> {
  const kind = KIND_OF[t.to];
  if (!kind) return;
  await n.notify(trx, [{ userId: t.order.buyer_id, kind, key: `order:${t.order.id}:${t.to}`, params: { orderId: t.order.id, amountMinor: t.order.total_minor, currency: t.order.currency } }]);
}

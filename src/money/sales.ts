/**
 * What sales and refunds post to the ledger. A paid order (ordinary or a launch's, alike):
 * the buyer's payment enters platform clearing and is owed to the store (sale), and the
 * commission goes from the store's share to platform revenue. A refund reverses its share:
 * the store gives back the amount (owed to the buyer until the provider confirms it sent)
 * and gets back the commission pro rata — with cumulative rounding, so refunding an order in
 * parts returns exactly the commission charged. Money that arrived for an order that could
 * not take it goes from clearing straight to refunds payable. Delivery starts the return
 * window, after which the sale's money is payable (money_releases, written only here).
 */
import type { AppContext } from '../context.js';
import type { Order, Refund } from '../db/schema.js';
import { orderLines, type Tx } from '../orders/service.js';
import { storeKindOf } from '../stores/service.js';
import { productCategories } from '../catalog/service.js';
import { accounts, post } from './ledger.js';
import { candidateRules, commissionOf, pickRule } from './commission.js';

/** Posts a paid order (inside the transaction that marked it paid), at most once. */
export async function postOrderPaid(ctx: AppContext, trx: Tx, order: Order, paidAt: number): Promise<void> {
  const lines = await orderLines(trx, [order.id]);
  const storeKind = await storeKindOf(trx, order.store_id);
  const categories = await productCategories(trx, [...new Set(lines.map((l) => l.product_id))]);
  const rules = await candidateRules(trx, { storeKind, launchId: order.launch_id, at: paidAt });
  const detail = lines.map((l) => {
    const amountMinor = l.unit_price_minor * l.quantity;
    const category = categories.get(l.product_id) ?? null;
    const rule = pickRule(rules, { storeKind, category, launchId: order.launch_id, at: paidAt });
    const rateBps = rule?.rate_bps ?? 0;
    return { skuId: l.sku_id, category, amountMinor, rateBps, ruleId: rule?.id ?? null, commissionMinor: commissionOf(amountMinor, rateBps) };
  });
  const saleMinor = detail.reduce((s, d) => s + d.amountMinor, 0);
  if (saleMinor !== order.total_minor) throw new Error(`order ${order.id}: lines sum to ${saleMinor}, the order to ${order.total_minor}`);
  const commissionMinor = detail.reduce((s, d) => s + d.commissionMinor, 0);
  const cur = order.currency;
  const store = accounts.store(order.store_id, cur);
  await post(trx, {
    ref: `order_paid:${order.id}`,
    kind: 'order_paid',
    currency: cur,
    at: paidAt,
    storeId: order.store_id,
    orderId: order.id,
    detail: { storeKind, launchId: order.launch_id, lines: detail },
    transfers: [
      { debit: accounts.clearing(cur), credit: store, amountMinor: saleMinor, kind: 'sale' },
      { debit: store, credit: accounts.revenue(cur), amountMinor: commissionMinor, kind: 'commission' },
    ],
  });
}

/** An order's posted sale, commission and what its refunds reversed so far. */
async function orderTotals(trx: Tx, orderId: string) {
  const rows = await trx
    .selectFrom('ledger_transfers')
    .select(['kind', (eb) => eb.fn.sum<number>('amount_minor').as('n')])
    .where('order_id', '=', orderId)
    .where('kind', 'in', ['sale', 'commission', 'refund', 'commission_refund'])
    .groupBy('kind')
    .execute();
  const of = (k: string) => Number(rows.find((r) => r.kind === k)?.n ?? 0);
  return { sale: of('sale'), commission: of('commission'), refunded: of('refund'), commissionRefunded: of('commission_refund') };
}

/**
 * Posts a refund decision (inside the transaction that records it). For an order's refund:
 * the store's share back and the commission back pro rata; for money an order could not take
 * (`order` null): from clearing to refunds payable.
 */
export async function postRefundApproved(ctx: AppContext, trx: Tx, refund: Refund, order: Order | null): Promise<void> {
  const cur = refund.currency;
  const base = { ref: `refund_approved:${refund.id}`, kind: 'refund_approved', currency: cur, at: refund.created_at, orderId: refund.order_id, refundId: refund.id };
  if (!order) {
    await post(trx, { ...base, transfers: [{ debit: accounts.clearing(cur), credit: accounts.refundsPayable(cur), amountMinor: refund.amount_minor, kind: 'unpayable_payment' }] });
    return;
  }
  const t = await orderTotals(trx, order.id);
  const refundedAfter = t.refunded + refund.amount_minor;
  if (t.sale > 0 && refundedAfter > t.sale) throw new Error(`order ${order.id}: refunds (${refundedAfter}) would exceed the sale (${t.sale})`);
  // Cumulative rounding: after refunding R of sale S, round(C × R / S) of commission C has come back.
  const backAfter = t.sale > 0 ? Number((2n * BigInt(t.commission) * BigInt(refundedAfter) + BigInt(t.sale)) / (2n * BigInt(t.sale))) : 0;
  const store = accounts.store(order.store_id, cur);
  await post(trx, {
    ...base,
    storeId: order.store_id,
    detail: { saleMinor: t.sale, commissionMinor: t.commission, refundedBeforeMinor: t.refunded },
    transfers: [
      { debit: store, credit: accounts.refundsPayable(cur), amountMinor: refund.amount_minor, kind: 'refund' },
      { debit: accounts.revenue(cur), credit: store, amountMinor: backAfter - t.commissionRefunded, kind: 'commission_refund' },
    ],
  });
}

/** Posts a refund the provider confirmed: the money leaves clearing. */
export async function postRefundSent(ctx: AppContext, trx: Tx, refund: Refund): Promise<void> {
  const cur = refund.currency;
  await post(trx, {
    ref: `refund_sent:${refund.id}`,
    kind: 'refund_sent',
    currency: cur,
    at: ctx.clock.now(),
    orderId: refund.order_id,
    refundId: refund.id,
    transfers: [{ debit: accounts.refundsPayable(cur), credit: accounts.clearing(cur), amountMinor: refund.amount_minor, kind: 'refund_sent' }],
  });
}

/** Starts an order's return window at delivery (inside the delivery's transaction), once. */
export async function releaseOnDelivery(ctx: AppContext, trx: Tx, order: Order, deliveredAt: number): Promise<void> {
  await trx
    .insertInto('money_releases')
    .values({ order_id: order.id, store_id: order.store_id, currency: order.currency, delivered_at: deliveredAt, available_at: deliveredAt + ctx.config.returnWindowMs })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
}

/** Subscribes the money domain to order moves: paid orders post, delivered orders start their return window. */
export function listenToOrders(ctx: AppContext): void {
  ctx.orderEvents.onTransitionInTransaction(async (trx, t) => {
    if (t.action === 'pay') await postOrderPaid(ctx, trx, t.order, t.at);
    if (t.to === 'delivered') await releaseOnDelivery(ctx, trx, t.order, t.at);
  });
}

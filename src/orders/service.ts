/**
 * Orders: reading them (each party sees only its own), and every change of state through
 * `applyTransition`, which checks the state machine, updates the row only if nobody changed
 * it meanwhile, writes the timeline event and returns stock when an order is cancelled.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database, Order, OrderStatus } from '../db/schema.js';
import { conflict, notFound } from '../http/errors.js';
import type { Principal } from '../accounts/service.js';
import { isStoreMember, assertStoreAccess } from '../stores/service.js';
import { returnStock } from '../catalog/stock.js';
import { nextStatus, type OrderAction, type OrderActor } from './state-machine.js';
import { refundOrderPayment } from '../payments/service.js';
import { regionNames } from '../regions/service.js';

type Tx = Transaction<Database> | Kysely<Database>;

/**
 * A delivery address as stored with an order. New addresses carry the division codes
 * (GB/T 2260) and the Chinese names they had when the order was placed; addresses from before
 * the codes have only the free-text province, city and district the buyer typed.
 */
export interface Address {
  recipient: string;
  phone: string;
  country: string;
  provinceCode?: string | undefined;
  cityCode?: string | undefined;
  districtCode?: string | undefined;
  province: string;
  city: string;
  district?: string | undefined;
  line1: string;
  line2?: string | undefined;
  postalCode?: string | undefined;
}

/** An address as the API shows it: with its divisions' names in every locale when it has codes. */
export type AddressView = Address & { regionNames?: ReturnType<typeof regionNames> };

/** The stored address with the names of its divisions in every locale (from the codes). */
export function toAddressView(a: Address): AddressView {
  if (!a.provinceCode || !a.cityCode || !a.districtCode) return a;
  return { ...a, regionNames: regionNames({ provinceCode: a.provinceCode, cityCode: a.cityCode, districtCode: a.districtCode }) };
}

export interface OrderView {
  id: string;
  buyerId: string;
  storeId: string;
  checkoutId: string;
  launchId: string | null;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  address: AddressView;
  paymentDeadlineAt: number;
  paymentId: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  refundReason: string | null;
  cancelReason: string | null;
  items: Array<{ skuId: string; productId: string; title: string; options: Record<string, string>; unitPriceMinor: number; quantity: number }>;
  timeline: Array<{ from: OrderStatus | null; to: OrderStatus; actor: string; note: string | null; at: number }>;
  createdAt: number;
  updatedAt: number;
}

/**
 * Hooks other modules register to act inside an order's transaction when it is paid or
 * cancelled. The launch engine uses this to settle the hold behind a launch order.
 */
export interface OrderHooks {
  onLaunchOrder?(trx: Tx, order: Order, to: 'paid' | 'cancelled', action: OrderAction): Promise<void>;
}
/** Hooks per app (keyed by its context): several apps in one process (tests) must not fire each other's. */
const hooksByApp = new WeakMap<AppContext, OrderHooks[]>();
export function registerOrderHooks(ctx: AppContext, h: OrderHooks): void {
  hooksByApp.set(ctx, [...(hooksByApp.get(ctx) ?? []), h]);
}

/**
 * Moves an order along the state machine inside `trx`. The update is conditional on the
 * status the caller read, so two racing moves (payment vs. expiry) can never both win.
 */
export async function applyTransition(
  ctx: AppContext,
  trx: Tx,
  order: Order,
  action: OrderAction,
  actor: OrderActor,
  opts: { actorLabel?: string; note?: string | null; patch?: Partial<Order> } = {},
): Promise<Order> {
  const to = nextStatus(order.status, action, actor, order.status_before_refund);
  const now = ctx.clock.now();
  const set: Partial<Order> = { ...opts.patch, status: to, updated_at: now };
  if (action === 'request_refund') set.status_before_refund = order.status;
  if (action === 'reject_refund') set.status_before_refund = null;
  const res = await trx.updateTable('orders').set(set).where('id', '=', order.id).where('status', '=', order.status).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw conflict('ORDER_CHANGED', 'The order changed meanwhile; reload it and try again.');
  }
  await trx
    .insertInto('order_events')
    .values({ order_id: order.id, from_status: order.status, to_status: to, actor: opts.actorLabel ?? actor, note: opts.note ?? null, at: now })
    .execute();
  const updated = { ...order, ...set } as Order;
  if (order.launch_id && (to === 'paid' || to === 'cancelled')) {
    // A launch order's units belong to the launch's allotment: its hold settles them.
    for (const h of hooksByApp.get(ctx) ?? []) await h.onLaunchOrder?.(trx, updated, to, action);
  } else if (to === 'cancelled' || (action === 'approve_refund' && order.status_before_refund === 'paid')) {
    // Units never shipped go back on hand (a refunded launch unit returns to ordinary stock).
    const items = await trx.selectFrom('order_items').select(['sku_id', 'quantity']).where('order_id', '=', order.id).execute();
    for (const it of items) await returnStock(trx, it.sku_id, it.quantity, now);
  }
  ctx.analytics.recordOrder(updated, to);
  return updated;
}

async function load(db: Tx, orderId: string): Promise<Order> {
  const o = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!o) throw notFound('Order');
  return o;
}

/** How the caller relates to an order; 404 (not 403) when unrelated, so ids reveal nothing. */
async function relation(ctx: AppContext, p: Principal, order: Order): Promise<OrderActor> {
  if (p.role === 'admin') return 'admin';
  if (order.buyer_id === p.userId) return 'buyer';
  if (await isStoreMember(ctx, p, order.store_id)) return 'store';
  throw notFound('Order');
}

export async function toOrderView(db: Tx, orders: Order[]): Promise<OrderView[]> {
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const items = await db.selectFrom('order_items').selectAll().where('order_id', 'in', ids).execute();
  const events = await db.selectFrom('order_events').selectAll().where('order_id', 'in', ids).orderBy('id').execute();
  return orders.map((o) => ({
    id: o.id,
    buyerId: o.buyer_id,
    storeId: o.store_id,
    checkoutId: o.checkout_id,
    launchId: o.launch_id,
    status: o.status,
    totalMinor: o.total_minor,
    currency: o.currency,
    address: toAddressView(JSON.parse(o.address_json) as Address),
    paymentDeadlineAt: o.payment_deadline_at,
    paymentId: o.payment_id,
    carrier: o.carrier,
    trackingNumber: o.tracking_number,
    refundReason: o.refund_reason,
    cancelReason: o.cancel_reason,
    items: items
      .filter((i) => i.order_id === o.id)
      .map((i) => ({ skuId: i.sku_id, productId: i.product_id, title: i.title, options: JSON.parse(i.options_json) as Record<string, string>, unitPriceMinor: i.unit_price_minor, quantity: i.quantity })),
    timeline: events.filter((e) => e.order_id === o.id).map((e) => ({ from: e.from_status, to: e.to_status, actor: e.actor, note: e.note, at: e.at })),
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  }));
}

export async function getOrder(ctx: AppContext, p: Principal, orderId: string): Promise<OrderView> {
  const order = await load(ctx.db, orderId);
  await relation(ctx, p, order);
  return (await toOrderView(ctx.db, [order]))[0]!;
}

/** A page of orders, newest first: the buyer's own, or one store's (members), or all (admin). */
export async function listOrders(
  ctx: AppContext,
  p: Principal,
  q: { storeId?: string | undefined; status?: OrderStatus | undefined; before?: string | undefined; limit: number; all?: boolean },
): Promise<{ orders: OrderView[]; nextCursor: string | null }> {
  let query = ctx.db.selectFrom('orders').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.storeId) {
    await assertStoreAccess(ctx, p, q.storeId);
    query = query.where('store_id', '=', q.storeId);
  } else if (!(q.all && p.role === 'admin')) {
    query = query.where('buyer_id', '=', p.userId);
  }
  if (q.status) query = query.where('status', '=', q.status);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return { orders: await toOrderView(ctx.db, page), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** Runs one caller-initiated move on an order, in a transaction of its own. */
async function act(
  ctx: AppContext,
  p: Principal,
  orderId: string,
  action: OrderAction,
  opts: { note?: string | null; patch?: Partial<Order>; asActor?: OrderActor } = {},
): Promise<OrderView> {
  const order = await load(ctx.db, orderId);
  const actor = opts.asActor ?? (await relation(ctx, p, order));
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(ctx, trx, order, action, actor, { actorLabel: `${actor}:${p.userId}`, note: opts.note ?? null, patch: opts.patch ?? {} });
  });
  return getOrder(ctx, p, orderId);
}

export const cancelOrder = (ctx: AppContext, p: Principal, orderId: string, reason: string | undefined) =>
  act(ctx, p, orderId, 'cancel', { note: reason ?? null, patch: { cancel_reason: reason ?? 'cancelled by buyer' } });

export const shipOrder = (ctx: AppContext, p: Principal, orderId: string, carrier: string, trackingNumber: string) =>
  act(ctx, p, orderId, 'ship', { note: `${carrier} ${trackingNumber}`, patch: { carrier, tracking_number: trackingNumber } });

export const markDelivered = (ctx: AppContext, p: Principal, orderId: string) => act(ctx, p, orderId, 'deliver');

export const requestRefund = (ctx: AppContext, p: Principal, orderId: string, reason: string) =>
  act(ctx, p, orderId, 'request_refund', { note: reason, patch: { refund_reason: reason } });

export const rejectRefund = (ctx: AppContext, p: Principal, orderId: string, note: string | undefined) =>
  act(ctx, p, orderId, 'reject_refund', { note: note ?? null });

/** The buyer confirms receipt: a shipped order becomes delivered, and a delivered one completed. */
export async function confirmDelivery(ctx: AppContext, p: Principal, orderId: string): Promise<OrderView> {
  const order = await load(ctx.db, orderId);
  const actor = await relation(ctx, p, order);
  if (actor !== 'buyer') return act(ctx, p, orderId, 'complete', { asActor: actor });
  await ctx.db.transaction().execute(async (trx) => {
    let o = order;
    if (o.status === 'shipped') o = await applyTransition(ctx, trx, o, 'deliver', 'buyer', { actorLabel: `buyer:${p.userId}`, note: 'receipt confirmed by buyer' });
    await applyTransition(ctx, trx, o, 'complete', 'buyer', { actorLabel: `buyer:${p.userId}` });
  });
  return getOrder(ctx, p, orderId);
}

/** The store (or admin) approves a refund request: money goes back through the provider first. */
export async function approveRefund(ctx: AppContext, p: Principal, orderId: string): Promise<OrderView> {
  const order = await load(ctx.db, orderId);
  const actor = await relation(ctx, p, order);
  nextStatus(order.status, 'approve_refund', actor, order.status_before_refund);
  await refundOrderPayment(ctx, order, order.refund_reason ?? 'refund approved');
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(ctx, trx, order, 'approve_refund', actor, { actorLabel: `${actor}:${p.userId}` });
  });
  return getOrder(ctx, p, orderId);
}

/**
 * Cancels every order whose payment deadline has passed, returning its stock. Safe to run
 * from many processes at once: each order is moved by a conditional update exactly once.
 */
export async function expireOverdueOrders(ctx: AppContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('orders')
    .selectAll()
    .where('status', '=', 'pending_payment')
    .where('payment_deadline_at', '<=', now)
    .limit(batch)
    .execute();
  let n = 0;
  for (const order of due) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await applyTransition(ctx, trx, order, 'expire', 'system', { note: 'payment deadline passed', patch: { cancel_reason: 'payment deadline passed' } });
      });
      n++;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ORDER_CHANGED') throw err;
    }
  }
  return n;
}

/**
 * Orders: creating them (the one place orders, their lines and first timeline event are
 * written — for a checkout and for a paid launch hold alike), reading them (each party sees
 * only its own), and every change of state through `applyTransition`, which checks the state
 * machine, updates the row only if nobody changed it meanwhile, writes the timeline event,
 * returns stock when an order is cancelled and tells the listeners on `ctx.orderEvents`.
 */
import type { AppContext } from '../context.js';
import type { Order, OrderItem, OrderStatus } from '../db/schema.js';
import { AppError, hasCode, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { isStoreMember, assertStoreAccess } from '../stores/service.js';
import { returnStock } from '../catalog/stock.js';
import { newId } from '../shared/ids.js';
import { nextStatus, type OrderAction, type OrderActor } from './state-machine.js';
import type { Tx } from './events.js';
import { regionNames } from '../regions/service.js';

export type { Tx } from './events.js';

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

/** An order as the API shows it: its lines and its timeline. */
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

/** One line of a new order. */
export interface NewOrderLine {
  skuId: string;
  productId: string;
  title: string;
  /** The SKU's options as stored (JSON text), copied onto the line. */
  optionsJson: string;
  unitPriceMinor: number;
  quantity: number;
}

/** What a new order is made of: who buys, from which store, what, until when it can be paid. */
export interface NewOrder {
  buyerId: string;
  storeId: string;
  checkoutId: string;
  currency: string;
  address: Address;
  paymentDeadlineAt: number;
  /** The launch whose hold the order pays (null for a checkout). */
  launchId: string | null;
  lines: NewOrderLine[];
  /** Who opened it (the timeline's actor), and an optional note. */
  actorLabel: string;
  note?: string | null;
  /** A fixed id (a hold claims its order's id before the order exists); a new one otherwise. */
  id?: string;
}

/**
 * Creates one order awaiting payment inside `trx`: the order row, its lines and the first
 * timeline event. The only place an order is born; its total is the sum of its lines.
 */
export async function createOrder(ctx: AppContext, trx: Tx, input: NewOrder): Promise<Order> {
  if (input.lines.length === 0) throw new Error('createOrder: an order needs at least one line');
  const now = ctx.clock.now();
  const order: Order = {
    id: input.id ?? newId(),
    buyer_id: input.buyerId,
    store_id: input.storeId,
    checkout_id: input.checkoutId,
    status: 'pending_payment',
    total_minor: input.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0),
    currency: input.currency,
    address_json: JSON.stringify(input.address),
    payment_deadline_at: input.paymentDeadlineAt,
    payment_id: null,
    carrier: null,
    tracking_number: null,
    refund_reason: null,
    status_before_refund: null,
    cancel_reason: null,
    launch_id: input.launchId,
    created_at: now,
    updated_at: now,
  };
  const items: OrderItem[] = input.lines.map((l) => ({
    id: newId(),
    order_id: order.id,
    sku_id: l.skuId,
    product_id: l.productId,
    title: l.title,
    options_json: l.optionsJson,
    unit_price_minor: l.unitPriceMinor,
    quantity: l.quantity,
  }));
  await trx.insertInto('orders').values(order).execute();
  await trx.insertInto('order_items').values(items).execute();
  await trx.insertInto('order_events').values({ order_id: order.id, from_status: null, to_status: 'pending_payment', actor: input.actorLabel, note: input.note ?? null, at: now }).execute();
  return order;
}

/**
 * Moves an order along the state machine inside `trx`. The update is conditional on the
 * status the caller read, so two racing moves (payment vs. expiry) can never both win.
 * Listeners on `ctx.orderEvents` hear of the move inside the transaction or after it commits.
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
  if (action === 'reject_refund' || action === 'approve_partial_refund') set.status_before_refund = null;
  const res = await trx.updateTable('orders').set(set).where('id', '=', order.id).where('status', '=', order.status).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw new AppError('ORDER_CHANGED', 'The order changed meanwhile; reload it and try again.');
  }
  await trx
    .insertInto('order_events')
    .values({ order_id: order.id, from_status: order.status, to_status: to, actor: opts.actorLabel ?? actor, note: opts.note ?? null, at: now })
    .execute();
  const updated = { ...order, ...set };
  // A launch order's units belong to the launch's allotment: its hold settles them (a listener).
  // Units of an ordinary order never shipped go back on hand (a refunded launch unit returns to ordinary stock).
  if (!(order.launch_id && (to === 'paid' || to === 'cancelled')) && (to === 'cancelled' || (action === 'approve_refund' && order.status_before_refund === 'paid'))) {
    const items = await trx.selectFrom('order_items').select(['sku_id', 'quantity']).where('order_id', '=', order.id).execute();
    for (const it of items) await returnStock(trx, it.sku_id, it.quantity, now);
  }
  await ctx.orderEvents.emit(trx, { order: updated, from: order.status, to, action, actor, at: now });
  return updated;
}

/** Reads one order row (404 when there is none). */
export async function loadOrder(db: Tx, orderId: string): Promise<Order> {
  return load(db, orderId);
}

/** The lines of the given orders (other domains read them here, never from the table). */
export async function orderLines(db: Tx, orderIds: string[]): Promise<OrderItem[]> {
  if (orderIds.length === 0) return [];
  return db.selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
}

async function load(db: Tx, orderId: string): Promise<Order> {
  const o = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!o) throw notFound('Order');
  return o;
}

/** How the caller relates to an order; 404 (not 403) when unrelated, so ids reveal nothing. */
export async function relation(ctx: AppContext, p: Principal, order: Order): Promise<OrderActor> {
  if (p.role === 'admin') return 'admin';
  if (order.buyer_id === p.userId) return 'buyer';
  if (await isStoreMember(ctx, p, order.store_id)) return 'store';
  throw notFound('Order');
}

/** Orders with their lines and timelines, as the API shows them. */
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

/** One order, for a caller related to it. */
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
      if (!hasCode(err, 'ORDER_CHANGED')) throw err;
    }
  }
  return n;
}

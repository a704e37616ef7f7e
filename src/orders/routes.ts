/** HTTP routes for orders: the buyer's and the store's views, and every move of the state machine. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { requireRole, requireUser } from '../http/auth.js';
import { Id, PageQuery, typed } from '../http/typed.js';
import { checkRegions, regionNames } from '../regions/service.js';
import { LOCALES } from '../shared/locales.js';
import { cancelOrder, confirmDelivery, getOrder, listOrders, markDelivered, rejectRefund, requestRefund, shipOrder } from './service.js';

const Status = z.enum(['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refund_requested', 'refunded']);

const DivisionCode = z.string().regex(/^\d{6}$/, 'a six-digit division code (GB/T 2260)');

/**
 * A delivery address in China: the province, city and district by their division codes
 * (`GET /regions` lists them), which must belong together; the names are filled in from the
 * codes and stored with the order.
 */
export const AddressIn = z
  .object({
    recipient: z.string().trim().min(1).max(100),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'a phone number'),
    country: z.literal('CN').default('CN').describe('CN: addresses are by China\'s administrative divisions'),
    provinceCode: DivisionCode.describe('the province, e.g. 440000 (Guangdong); also what regional analytics group by'),
    cityCode: DivisionCode.describe('a city of that province, e.g. 440300 (Shenzhen)'),
    districtCode: DivisionCode.describe('a district of that city, e.g. 440305 (Nanshan)'),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    postalCode: z.string().trim().regex(/^\d{6}$/, 'a six-digit postal code').optional(),
  })
  .superRefine((a, c) => {
    for (const issue of checkRegions(a)) c.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  })
  // Stored with the Chinese names of its divisions, as they were when the order was placed.
  .transform((a) => ({ ...a, ...regionNames(a)['zh-CN'] }));

const RegionNamesOut = z.object({ province: z.string(), city: z.string(), district: z.string() });

/** An order's address: codes and names, or (orders from before the codes) the free text only. */
export const AddressOut = z
  .object({
    recipient: z.string(),
    phone: z.string(),
    country: z.string(),
    provinceCode: z.string().optional(),
    cityCode: z.string().optional(),
    districtCode: z.string().optional(),
    province: z.string(),
    city: z.string(),
    district: z.string().optional(),
    line1: z.string(),
    line2: z.string().optional(),
    postalCode: z.string().optional(),
    regionNames: z.record(z.enum(LOCALES), RegionNamesOut).optional().describe('the divisions named in every locale (addresses with codes)'),
  })
  .meta({ id: 'Address' });

export const OrderOut = z
  .object({
    id: z.string(),
    buyerId: z.string(),
    storeId: z.string(),
    checkoutId: z.string(),
    launchId: z.string().nullable(),
    status: Status,
    totalMinor: z.number(),
    currency: z.string(),
    address: AddressOut,
    paymentDeadlineAt: z.number(),
    paymentId: z.string().nullable(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    refundReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    items: z.array(z.object({ skuId: z.string(), productId: z.string(), title: z.string(), options: z.record(z.string(), z.string()), unitPriceMinor: z.number(), quantity: z.number() })),
    timeline: z.array(z.object({ from: Status.nullable(), to: Status, actor: z.string(), note: z.string().nullable(), at: z.number() })),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Order' });

const OrderList = z.object({ orders: z.array(OrderOut), nextCursor: z.string().nullable() });
const ListQuery = z.object({ status: Status.optional(), cursor: Id.optional(), limit: PageQuery.limit });
const OrderParams = z.object({ orderId: Id });

export function orderRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get('/orders', {
    schema: { tags: ['orders'], summary: 'Your orders, newest first', querystring: ListQuery, response: { 200: OrderList, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req) => listOrders(ctx, requireUser(req), { status: req.query.status, before: req.query.cursor, limit: req.query.limit }));

  r.get('/stores/:storeId/orders', {
    schema: { tags: ['orders'], summary: "A store's orders (members)", params: z.object({ storeId: Id }), querystring: ListQuery, response: { 200: OrderList, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req) => listOrders(ctx, requireUser(req), { storeId: req.params.storeId, status: req.query.status, before: req.query.cursor, limit: req.query.limit }));

  const AdminOrderList = OrderList.extend({
    stores: z.record(z.string(), z.object({ name: z.string(), slug: z.string() })).describe('the stores of the orders, by id'),
    buyers: z.record(z.string(), z.object({ name: z.string(), email: z.string() })).describe('the buyers of the orders, by id'),
  }).meta({ id: 'AdminOrderList' });

  r.get('/admin/orders', {
    schema: { tags: ['admin'], summary: 'All orders on the platform, with their stores and buyers (admin)', querystring: ListQuery, response: { 200: AdminOrderList, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'ROLE_REQUIRED') } },
  }, async (req) => {
    const page = await listOrders(ctx, requireRole(req, 'admin'), { status: req.query.status, before: req.query.cursor, limit: req.query.limit, all: true });
    const storeIds = [...new Set(page.orders.map((o) => o.storeId))];
    const buyerIds = [...new Set(page.orders.map((o) => o.buyerId))];
    const [stores, buyers] = await Promise.all([
      storeIds.length ? ctx.db.selectFrom('stores').select(['id', 'name', 'slug']).where('id', 'in', storeIds).execute() : [],
      buyerIds.length ? ctx.db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', buyerIds).execute() : [],
    ]);
    return {
      ...page,
      stores: Object.fromEntries(stores.map((st) => [st.id, { name: st.name, slug: st.slug }])),
      buyers: Object.fromEntries(buyers.map((u) => [u.id, { name: u.name, email: u.email }])),
    };
  });

  r.get('/orders/:orderId', {
    schema: { tags: ['orders'], summary: 'One order with its items and timeline', params: OrderParams, response: { 200: OrderOut, ...errorsOf('NOT_FOUND') } },
  }, async (req) => getOrder(ctx, requireUser(req), req.params.orderId));

  r.post('/orders/:orderId/cancel', {
    schema: { tags: ['orders'], summary: 'Cancel before payment (buyer); the stock goes back', params: OrderParams, body: z.object({ reason: z.string().trim().max(500).optional() }).default({}), response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'ORDER_CHANGED') } },
  }, async (req) => cancelOrder(ctx, requireUser(req), req.params.orderId, req.body.reason));

  r.post('/orders/:orderId/ship', {
    schema: {
      tags: ['orders'],
      summary: 'Ship a paid order with carrier and tracking number (store)',
      params: OrderParams,
      body: z.object({ carrier: z.string().trim().min(1).max(60), trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'letters, digits and dashes, 4-40 long') }),
      response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'ORDER_CHANGED') },
    },
  }, async (req) => shipOrder(ctx, requireUser(req), req.params.orderId, req.body.carrier, req.body.trackingNumber));

  r.post('/orders/:orderId/deliver', {
    schema: { tags: ['orders'], summary: 'Record delivery reported by the carrier (store)', params: OrderParams, response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'ORDER_CHANGED') } },
  }, async (req) => markDelivered(ctx, requireUser(req), req.params.orderId));

  r.post('/orders/:orderId/confirm-delivery', {
    schema: { tags: ['orders'], summary: 'The buyer confirms receipt: the order is delivered and completed', params: OrderParams, response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'ORDER_CHANGED') } },
  }, async (req) => confirmDelivery(ctx, requireUser(req), req.params.orderId));

  r.post('/orders/:orderId/refund-request', {
    schema: { tags: ['orders'], summary: 'Ask for a refund (buyer)', params: OrderParams, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'ORDER_CHANGED') } },
  }, async (req) => requestRefund(ctx, requireUser(req), req.params.orderId, req.body.reason));

  r.post('/orders/:orderId/refund/reject', {
    schema: { tags: ['orders'], summary: 'Refuse a refund request (store)', params: OrderParams, body: z.object({ note: z.string().trim().max(500).optional() }).default({}), response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'ORDER_CHANGED') } },
  }, async (req) => rejectRefund(ctx, requireUser(req), req.params.orderId, req.body.note));
}

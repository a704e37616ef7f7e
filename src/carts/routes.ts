/** HTTP routes for the buyer's cart and checkout. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { requireUser } from '../http/auth.js';
import { Id, IdempotencyHeaders, typed } from '../http/typed.js';
import { localeOf } from '../http/locale.js';
import { AddressIn, OrderOut } from '../orders/routes.js';
import { checkout, clearCart, getCart, MAX_LINE_QUANTITY, setCartItem } from './service.js';

const CartOut = z
  .object({
    stores: z.array(
      z.object({
        storeId: z.string(),
        storeName: z.string(),
        subtotalMinor: z.number(),
        lines: z.array(
          z.object({
            skuId: z.string(),
            productId: z.string(),
            storeId: z.string(),
            storeName: z.string(),
            title: z.string(),
            options: z.record(z.string(), z.string()),
            optionLabels: z.record(z.string(), z.string()).describe('the option values in the language asked for'),
            image: z.string().nullable(),
            unitPriceMinor: z.number(),
            currency: z.string(),
            quantity: z.number(),
            stock: z.number(),
            available: z.boolean(),
          }),
        ),
      }),
    ),
    totalMinor: z.number(),
    currency: z.string(),
    itemCount: z.number(),
  })
  .meta({ id: 'Cart' });

export function cartRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get('/cart', {
    schema: { tags: ['cart'], summary: 'Your cart, grouped by store', response: { 200: CartOut, ...errorsOf() } },
  }, async (req) => getCart(ctx, requireUser(req), localeOf(req)));

  r.post('/cart/items', {
    schema: {
      tags: ['cart'],
      summary: 'Add units of a SKU to the cart',
      body: z.object({ skuId: Id, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY).default(1) }),
      response: { 200: CartOut, ...errorsOf('CART_FULL', 'NOT_FOUND', 'QUANTITY_LIMIT') },
    },
  }, async (req) => setCartItem(ctx, requireUser(req), req.body.skuId, req.body.quantity, 'add', localeOf(req)));

  r.put('/cart/items/:skuId', {
    schema: {
      tags: ['cart'],
      summary: 'Set the quantity of a SKU in the cart (0 removes it)',
      params: z.object({ skuId: Id }),
      body: z.object({ quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY) }),
      response: { 200: CartOut, ...errorsOf('CART_FULL', 'NOT_FOUND', 'QUANTITY_LIMIT') },
    },
  }, async (req) => setCartItem(ctx, requireUser(req), req.params.skuId, req.body.quantity, 'set', localeOf(req)));

  r.delete('/cart/items/:skuId', {
    schema: { tags: ['cart'], summary: 'Remove a SKU from the cart', params: z.object({ skuId: Id }), response: { 200: CartOut, ...errorsOf('CART_FULL', 'NOT_FOUND', 'QUANTITY_LIMIT') } },
  }, async (req) => setCartItem(ctx, requireUser(req), req.params.skuId, 0, 'set', localeOf(req)));

  r.delete('/cart', {
    schema: { tags: ['cart'], summary: 'Empty the cart', response: { 204: z.undefined(), ...errorsOf() } },
  }, async (req, reply) => {
    await clearCart(ctx, requireUser(req));
    return reply.code(204).send();
  });

  r.post('/checkout', {
    schema: {
      tags: ['cart'],
      summary: 'Check out: one order per store, stock taken atomically; retry-safe with Idempotency-Key',
      headers: IdempotencyHeaders,
      body: z.object({ address: AddressIn, skuIds: z.array(Id).min(1).max(50).optional() }),
      response: {
        201: z.object({ checkoutId: z.string(), orders: z.array(OrderOut), totalMinor: z.number(), paymentDeadlineAt: z.number() }),
        ...errorsOf('CART_EMPTY', 'IDEMPOTENCY_KEY_REUSED', 'ITEM_UNAVAILABLE', 'MIXED_CURRENCIES', 'NOT_IN_CART', 'OUT_OF_STOCK', 'UNPAID_ORDER_LIMIT', 'UNPAID_UNITS_LIMIT'),
      },
    },
  }, async (req, reply) => {
    const out = await checkout(ctx, requireUser(req), req.body, req.headers['idempotency-key']);
    if (out.replayed) reply.header('idempotent-replayed', 'true');
    reply.code(out.statusCode as 201);
    return out.body;
  });
}

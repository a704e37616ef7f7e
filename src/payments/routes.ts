/** HTTP routes: start a payment for orders, read it, refunds (approve, list), and the provider's webhook. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { requireUser } from '../http/auth.js';
import { Id, IdempotencyHeaders, typed } from '../http/typed.js';
import { linkOrigin } from '../http/origin.js';
import { applyPaymentEvent, getPayment, startPayment } from './service.js';
import { approveRefund, listOrderRefunds } from './refunds.js';
import { OrderOut } from '../orders/routes.js';

export const PaymentOut = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded']),
    amountMinor: z.number(),
    refundedMinor: z.number(),
    currency: z.string(),
    payUrl: z.string().describe('the hosted pay page to send the buyer to'),
    orderIds: z.array(z.string()),
    createdAt: z.number(),
  })
  .meta({ id: 'Payment' });

export async function paymentRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = typed(app);

  r.post('/payments', {
    schema: {
      tags: ['payments'],
      summary: 'Pay one or more of your pending orders: returns the hosted pay page; retry-safe with Idempotency-Key (one payment per key)',
      headers: IdempotencyHeaders,
      body: z.object({ orderIds: z.array(Id).min(1).max(20) }),
      response: { 201: PaymentOut, ...errorsOf('IDEMPOTENCY_KEY_REUSED', 'MIXED_CURRENCIES', 'NOT_FOUND', 'ORDER_NOT_PAYABLE', 'PAYMENT_DEADLINE_PASSED') },
    },
  }, async (req, reply) => {
    reply.code(201);
    return startPayment(ctx, requireUser(req), req.body.orderIds, linkOrigin(ctx, req), req.headers['idempotency-key']);
  });

  r.get('/payments/:paymentId', {
    schema: { tags: ['payments'], summary: 'One of your payments', params: z.object({ paymentId: Id }), response: { 200: PaymentOut, ...errorsOf('NOT_FOUND') } },
  }, async (req) => getPayment(ctx, requireUser(req), req.params.paymentId));

  r.post('/orders/:orderId/refund/approve', {
    schema: {
      tags: ['orders'],
      summary: 'Approve a refund request: all that is left to refund (the order becomes refunded) or amountMinor of it (the order goes back where it was); the money goes back through the provider (store)',
      params: z.object({ orderId: Id }),
      body: z.object({ amountMinor: z.number().int().min(1).max(1_000_000_000_00).optional() }).nullish().describe('optional: no body refunds all that is left'),
      response: { 200: OrderOut, ...errorsOf('ACTION_NOT_ALLOWED', 'ILLEGAL_TRANSITION', 'NOTHING_TO_REFUND', 'NOT_FOUND', 'NOT_PAID', 'ORDER_CHANGED', 'PAYMENT_CHANGED', 'REFUND_CHANGED', 'REFUND_EXCEEDS_PAYMENT', 'REFUND_EXCEEDS_REMAINING', 'REFUND_NOT_POSSIBLE') },
    },
  }, async (req) => approveRefund(ctx, requireUser(req), req.params.orderId, req.body?.amountMinor));

  r.get('/orders/:orderId/refunds', {
    schema: {
      tags: ['orders'],
      summary: "An order's refunds and where each stands: requested, sent, confirmed or failed (whoever may read the order)",
      params: z.object({ orderId: Id }),
      response: {
        200: z.object({
          refunds: z.array(
            z.object({ id: z.string(), orderId: z.string(), paymentId: z.string(), kind: z.enum(['order', 'unpayable']), amountMinor: z.number(), currency: z.string(), reason: z.string(), status: z.enum(['requested', 'sent', 'confirmed', 'failed']), failureReason: z.string().nullable(), createdAt: z.number(), updatedAt: z.number() }),
          ),
        }),
        ...errorsOf('NOT_FOUND'),
      },
    },
  }, async (req) => ({ refunds: await listOrderRefunds(ctx, requireUser(req), req.params.orderId) }));

  // The webhook needs the exact bytes that were signed, so this scope keeps the raw body.
  await app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    typed(scope).post('/payments/webhooks/sandbox', {
      config: { csrf: false },
      schema: {
        tags: ['payments'],
        summary: 'Webhook for the sandbox gateway (HMAC-SHA256 signed; stale, forged and replayed deliveries are refused)',
        response: { 200: z.object({ received: z.literal(true), duplicate: z.boolean() }), ...errorsOf('ACTION_NOT_ALLOWED', 'AMOUNT_MISMATCH', 'ILLEGAL_TRANSITION', 'ORDER_CHANGED', 'PAYMENT_CHANGED', 'PAYOUT_CHANGED', 'PAYOUT_MISMATCH', 'REFERENCE_MISMATCH', 'REFUND_CHANGED', 'REFUND_EXCEEDS_PAYMENT', 'REFUND_NOT_POSSIBLE', 'SIGNATURE_INVALID', 'SIGNATURE_MALFORMED', 'SIGNATURE_MISSING', 'UNKNOWN_PAYMENT', 'UNKNOWN_PAYOUT', 'UNKNOWN_REFUND', 'WEBHOOK_MALFORMED', 'WEBHOOK_REPLAYED', 'WEBHOOK_STALE') },
      },
    }, async (req) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      const event = ctx.payments.parseWebhook(req.headers, raw, ctx.clock.now());
      const { duplicate } = await applyPaymentEvent(ctx, event);
      return { received: true as const, duplicate };
    });
    done();
  });
}

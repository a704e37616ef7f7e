/** HTTP routes of flash-sale launches: scheduling, registration, the waiting room, reservations, holds and the live monitor. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sse } from '../http/sse.js';
import { resolveSession } from '../accounts/service.js';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { errorsOf, replyError } from '../http/errors.js';
import { requireRole, requireUser } from '../http/auth.js';
import { Id, IdempotencyHeaders, Minor, typed } from '../http/typed.js';
import { linkOrigin } from '../http/origin.js';
import { localeOf } from '../http/locale.js';
import { LOCALES } from '../shared/locales.js';
import { textsSchema } from '../shared/texts.js';
import { AddressIn, OrderOut } from '../orders/routes.js';
import { PaymentOut } from '../payments/routes.js';
import type { LaunchEngine } from './engine.js';
import type { LimitedRoute } from './limits.js';
import { MONITOR_HISTORY_MAX_SECONDS, monitorHistory } from './monitor.js';
import { requestMeta } from '../analytics/device.js';
import { assertLaunchMember, cancelLaunch, createLaunch, getLaunch, LAUNCH_LIMITS as L, listHolds, listLaunches, payHold, setPaused, toHoldView } from './service.js';

const Phase = z.enum(['scheduled', 'registration', 'live', 'sold_out', 'ended', 'cancelled']);

const LaunchOut = z
  .object({
    id: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    storeVerified: z.boolean(),
    title: z.string().describe('in the language asked for (?lang= or Accept-Language), else the primary title'),
    description: z.string(),
    texts: z.partialRecord(z.enum(LOCALES), z.object({ title: z.string().optional(), description: z.string().optional() })),
    phase: Phase,
    paused: z.boolean(),
    startsAt: z.number(),
    endsAt: z.number(),
    registrationRequired: z.boolean(),
    registrationOpensAt: z.number().nullable(),
    perBuyerLimit: z.number(),
    paymentWindowMs: z.number(),
    admission: z.object({ ratePerSecond: z.number(), maxActive: z.number(), passTtlMs: z.number() }),
    powDifficulty: z.number(),
    draw: z.object({ seed: z.string(), at: z.number(), prequeueCount: z.number(), entrantsHash: z.string().nullable() }).nullable().describe('the pre-queue draw once done: the revealed seed and the frozen entrants\' hash (GET /launches/:id/draw has the list; docs/draw.md)'),
    drawCommitment: z.string().nullable().describe("SHA-256 of the draw's seed, published from scheduling on; the seed revealed at the start must hash to it"),
    items: z.array(z.object({ skuId: z.string(), productId: z.string(), title: z.string(), options: z.record(z.string(), z.string()), optionLabels: z.record(z.string(), z.string()), image: z.string().nullable(), allotment: z.number(), available: z.number(), launchPriceMinor: z.number(), regularPriceMinor: z.number(), currency: z.string() })),
    registeredCount: z.number(),
    registered: z.boolean().nullable().describe("whether the signed-in caller is registered (GET of one launch while signed in); null otherwise"),
    serverTime: z.number().describe("the server's clock, for countdowns"),
  })
  .meta({ id: 'Launch' });

const QueueStatusOut = z
  .object({
    state: z.enum(['prequeue', 'waiting', 'admitted', 'sold_out', 'ended', 'paused']),
    position: z.number().nullable(),
    ahead: z.number().nullable(),
    etaSeconds: z.number().nullable(),
    pass: z.string().nullable().describe('admission pass: send it as x-admission-pass to reserve'),
    passExpiresAt: z.number().nullable(),
    available: z.number(),
    serverTime: z.number(),
    pollAfterMs: z.number().nullable().describe('when a client that polls (without the stream) should ask again; null: nothing more will change'),
  })
  .meta({ id: 'QueueStatus' });

const HoldOut = z
  .object({ id: z.string(), launchId: z.string(), skuId: z.string(), quantity: z.number(), priceMinor: z.number(), currency: z.string(), status: z.enum(['held', 'paid', 'expired', 'cancelled']), expiresAt: z.number(), orderId: z.string().nullable(), createdAt: z.number() })
  .meta({ id: 'Hold' });

const LaunchParams = z.object({ launchId: Id });
const Token = z.string().min(10).max(600);
const Time = z.number().int().min(0).max(8_640_000_000_000);

const NewLaunch = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  texts: textsSchema({ title: z.string().trim().max(200), description: z.string().trim().max(5000) }).optional().describe('title and description per locale (zh-CN, en)'),
  startsAt: Time,
  endsAt: Time,
  registrationRequired: z.boolean().default(false),
  registrationOpensAt: Time.optional(),
  perBuyerLimit: z.number().int().min(1).max(L.maxPerBuyer).default(1),
  paymentWindowMs: z.number().int().min(L.minPaymentWindowMs).max(L.maxPaymentWindowMs).default(15 * 60_000),
  admission: z
    .object({
      ratePerSecond: z.number().int().min(1).max(L.maxAdmissionRate).default(500),
      maxActive: z.number().int().min(1).max(L.maxActive).default(5000),
      passTtlMs: z.number().int().min(L.minPassTtlMs).max(L.maxPassTtlMs).default(120_000),
    })
    .default({ ratePerSecond: 500, maxActive: 5000, passTtlMs: 120_000 }),
  powDifficulty: z.number().int().min(0).max(L.maxPowDifficulty).default(0).describe('leading zero bits of proof of work asked on join; 0 = off'),
  items: z.array(z.object({ skuId: Id, allotment: z.number().int().min(1).max(L.maxAllotment), launchPriceMinor: Minor })).min(1).max(L.maxItems),
});

/** The waiting-room limits (per account and per client address) as a route pre-handler. */
function limiter(ctx: AppContext, engine: LaunchEngine, route: LimitedRoute) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!ctx.config.rateLimitEnabled) return;
    const wait = engine.limits.take(route, req.principal?.userId ?? req.ip, req.ip);
    if (wait > 0) {
      reply.header('retry-after', wait);
      throw new AppError('RATE_LIMITED', `Too many ${route} requests; slow down.`);
    }
  };
}

export function launchRoutes(app: FastifyInstance, ctx: AppContext, engine: LaunchEngine): void {
  const r = typed(app);
  const limits = { join: limiter(ctx, engine, 'join'), poll: limiter(ctx, engine, 'poll'), reserve: limiter(ctx, engine, 'reserve') };

  r.post('/stores/:storeId/launches', {
    schema: { tags: ['launches'], summary: 'Schedule a launch (store members); the allotment leaves ordinary stock', params: z.object({ storeId: Id }), body: NewLaunch, response: { 201: LaunchOut, ...errorsOf('DUPLICATE_SKU', 'ENDS_BEFORE_START', 'INSUFFICIENT_STOCK', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'REGISTRATION_AFTER_START', 'REGISTRATION_WINDOW_MISSING', 'SKU_NOT_IN_STORE', 'STARTS_IN_PAST', 'STOCK_UNAVAILABLE', 'TOO_LONG') } },
  }, async (req, reply) => {
    const id = await createLaunch(ctx, requireUser(req), req.params.storeId, req.body);
    reply.code(201);
    return getLaunch(ctx, engine, id, null, localeOf(req));
  });

  r.get('/launches', {
    schema: {
      tags: ['launches'],
      summary: 'Launches: upcoming and live (default), or all of one store; with productId, those selling that product',
      querystring: z.object({ storeId: Id.optional(), productId: Id.optional(), include: z.enum(['current', 'all']).default('current'), limit: z.coerce.number().int().min(1).max(100).default(50) }),
      response: { 200: z.object({ launches: z.array(LaunchOut) }), ...errorsOf('NOT_FOUND', 'STOCK_UNAVAILABLE') },
    },
  }, async (req) => ({ launches: await listLaunches(ctx, engine, { ...req.query, locale: localeOf(req) }) }));

  r.get('/launches/:launchId', {
    schema: { tags: ['launches'], summary: 'One launch with live availability and the server clock', params: LaunchParams, response: { 200: LaunchOut, ...errorsOf('NOT_FOUND', 'STOCK_UNAVAILABLE') } },
  }, async (req) => getLaunch(ctx, engine, req.params.launchId, req.principal?.userId, localeOf(req)));

  r.post('/launches/:launchId/pause', {
    schema: { tags: ['launches'], summary: 'Pause admissions and reservations (store members)', params: LaunchParams, response: { 200: LaunchOut, ...errorsOf('ALREADY_PAUSED', 'LAUNCH_ENDED', 'NOT_FOUND', 'NOT_PAUSED', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'STOCK_UNAVAILABLE') } },
  }, async (req) => setPaused(ctx, engine, requireUser(req), req.params.launchId, true));

  r.post('/launches/:launchId/resume', {
    schema: { tags: ['launches'], summary: 'Resume a paused launch (store members)', params: LaunchParams, response: { 200: LaunchOut, ...errorsOf('ALREADY_PAUSED', 'LAUNCH_ENDED', 'NOT_FOUND', 'NOT_PAUSED', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'STOCK_UNAVAILABLE') } },
  }, async (req) => setPaused(ctx, engine, requireUser(req), req.params.launchId, false));

  r.post('/launches/:launchId/cancel', {
    schema: { tags: ['launches'], summary: 'Call off a launch before its start; the allotment returns to stock', params: LaunchParams, response: { 200: LaunchOut, ...errorsOf('LAUNCH_CANCELLED', 'LAUNCH_CHANGED', 'LAUNCH_STARTED', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'STOCK_UNAVAILABLE') } },
  }, async (req) => cancelLaunch(ctx, engine, requireUser(req), req.params.launchId));

  r.post('/launches/:launchId/registrations', {
    schema: { tags: ['launches'], summary: 'Register for a launch before it starts', params: LaunchParams, response: { 200: z.object({ registered: z.literal(true), registeredCount: z.number() }), ...errorsOf('LAUNCH_ENDED', 'LEDGER_UNAVAILABLE', 'NOT_FOUND', 'REGISTRATION_CLOSED', 'REGISTRATION_FULL', 'REGISTRATION_NOT_OPEN', 'ROLE_REQUIRED', 'STOCK_UNAVAILABLE') } },
  }, async (req) => engine.register(requireRole(req, 'buyer'), req.params.launchId, requestMeta(req)));

  r.get('/launches/:launchId/challenge', {
    schema: { tags: ['launches'], summary: 'A proof-of-work challenge (for launches that ask one on join)', params: LaunchParams, response: { 200: z.object({ challenge: z.string(), difficulty: z.number(), expiresAt: z.number() }), ...errorsOf('NOT_FOUND', 'STOCK_UNAVAILABLE') } },
  }, async (req) => engine.challenge(requireUser(req), req.params.launchId));

  r.post('/launches/:launchId/queue', {
    preHandler: limits.join,
    schema: {
      tags: ['launches'],
      summary: 'Join the waiting room (once per buyer); returns a signed queue token',
      params: LaunchParams,
      body: z.object({ challenge: z.string().max(600).optional(), solution: z.string().max(64).optional() }).default({}),
      response: { 200: z.object({ queueToken: z.string(), status: QueueStatusOut }), ...errorsOf('CHALLENGE_EXPIRED', 'CHALLENGE_INVALID', 'LAUNCH_ENDED', 'LEDGER_UNAVAILABLE', 'NOT_FOUND', 'NOT_REGISTERED', 'PASS_EXPIRED', 'PASS_INVALID', 'POW_INSUFFICIENT', 'POW_REQUIRED', 'QUEUE_FULL', 'QUEUE_TOKEN_EXPIRED', 'QUEUE_TOKEN_INVALID', 'QUEUE_UNAVAILABLE', 'RATE_LIMITED', 'ROLE_REQUIRED', 'STOCK_UNAVAILABLE') },
    },
  }, async (req) => engine.join(requireRole(req, 'buyer'), req.params.launchId, req.body, requestMeta(req)));

  r.get('/launches/:launchId/queue', {
    preHandler: limits.poll,
    schema: {
      tags: ['launches'],
      summary: 'Your place in line; the admission pass once admitted',
      params: LaunchParams,
      querystring: z.object({ token: Token }),
      response: { 200: QueueStatusOut, ...errorsOf('CHALLENGE_EXPIRED', 'CHALLENGE_INVALID', 'NOT_FOUND', 'PASS_EXPIRED', 'PASS_INVALID', 'QUEUE_TOKEN_EXPIRED', 'QUEUE_TOKEN_INVALID', 'QUEUE_UNAVAILABLE', 'RATE_LIMITED', 'STOCK_UNAVAILABLE') },
    },
  }, async (req) => engine.status(requireUser(req), req.params.launchId, req.query.token));

  r.get('/launches/:launchId/queue/stream', {
    preHandler: limits.poll,
    schema: {
      tags: ['launches'],
      summary: 'Server-sent events: your queue status on every change and at least every 2 s (an `error` event carries the one error shape; ACCESS_ENDED ends the stream)',
      params: LaunchParams,
      querystring: z.object({ token: Token }),
      response: { ...errorsOf('CHALLENGE_EXPIRED', 'CHALLENGE_INVALID', 'NOT_FOUND', 'PASS_EXPIRED', 'PASS_INVALID', 'QUEUE_TOKEN_EXPIRED', 'QUEUE_TOKEN_INVALID', 'QUEUE_UNAVAILABLE', 'RATE_LIMITED', 'STOCK_UNAVAILABLE') },
    },
  }, async (req, reply) => {
    const p = requireUser(req);
    await engine.status(p, req.params.launchId, req.query.token);
    return sse(ctx, req, reply, 2000, () => engine.status(p, req.params.launchId, req.query.token), (fn) => engine.onChange(req.params.launchId, fn), { principal: p });
  });

  r.post('/launches/:launchId/reservations', {
    preHandler: limits.reserve,
    schema: {
      tags: ['launches'],
      summary: 'Reserve: needs an admission pass (x-admission-pass) and an Idempotency-Key; acknowledged once durable',
      params: LaunchParams,
      headers: z.object({ 'x-admission-pass': Token, 'idempotency-key': z.string().min(8).max(100).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces') }),
      body: z.object({ skuId: Id, quantity: z.number().int().min(1).max(L.maxPerBuyer).default(1) }),
      response: { 200: HoldOut, 201: HoldOut, ...errorsOf('CHALLENGE_EXPIRED', 'CHALLENGE_INVALID', 'HOLD_PENDING', 'IDEMPOTENCY_KEY_REUSED', 'LAUNCH_ENDED', 'LAUNCH_HALTED', 'LAUNCH_NOT_STARTED', 'LAUNCH_PAUSED', 'LEDGER_UNAVAILABLE', 'LIMIT_REACHED', 'NOT_ENOUGH_UNITS', 'NOT_FOUND', 'NOT_REGISTERED', 'PASS_EXPIRED', 'PASS_INVALID', 'QUEUE_TOKEN_EXPIRED', 'QUEUE_TOKEN_INVALID', 'QUEUE_UNAVAILABLE', 'RATE_LIMITED', 'ROLE_REQUIRED', 'SKU_NOT_IN_LAUNCH', 'SOLD_OUT', 'STOCK_REBUILT', 'STOCK_UNAVAILABLE') },
    },
  }, async (req, reply) => {
    const p = requireRole(req, 'buyer');
    const out = await engine.reserve(p, req.params.launchId, req.headers['x-admission-pass'], req.body.skuId, req.body.quantity, req.headers['idempotency-key'], requestMeta(req));
    if ('error' in out) return replyError(reply, out.error.code, out.error.message);
    reply.code(out.statusCode);
    return toHoldView(out.hold);
  });

  r.get('/holds', {
    schema: { tags: ['launches'], summary: 'Your reservations, newest first', querystring: z.object({ launchId: Id.optional() }), response: { 200: z.object({ holds: z.array(HoldOut) }), ...errorsOf() } },
  }, async (req) => ({ holds: await listHolds(ctx, requireUser(req), req.query.launchId) }));

  r.post('/holds/:holdId/pay', {
    schema: {
      tags: ['launches'],
      summary: 'Pay a reservation: it becomes an order with the same deadline; returns the hosted pay page; retry-safe with Idempotency-Key (one payment per key)',
      headers: IdempotencyHeaders,
      params: z.object({ holdId: Id }),
      body: z.object({ address: AddressIn }),
      response: { 201: z.object({ hold: HoldOut, order: OrderOut, payment: PaymentOut }), ...errorsOf('HOLD_CHANGED', 'HOLD_NOT_PAYABLE', 'IDEMPOTENCY_KEY_REUSED', 'MIXED_CURRENCIES', 'NOT_FOUND', 'ORDER_NOT_PAYABLE', 'PAYMENT_DEADLINE_PASSED') },
    },
  }, async (req, reply) => {
    reply.code(201);
    return payHold(ctx, requireUser(req), req.params.holdId, req.body.address, linkOrigin(ctx, req), req.headers['idempotency-key']);
  });

  const DrawOut = z
    .object({
      launchId: z.string(),
      scheme: z.literal('flashmall-draw-v1'),
      startsAt: z.number(),
      state: z.enum(['committed', 'drawn', 'uncommitted']).describe('committed: the seed is committed, not yet revealed; drawn: revealed and applied; uncommitted: a launch scheduled before commitments existed'),
      commitment: z.string().nullable().describe("SHA-256 of the seed's 32 bytes (hex)"),
      committedAt: z.number().nullable(),
      seed: z.string().nullable().describe('the seed (64 hex digits), revealed at the start'),
      drawnAt: z.number().nullable(),
      entrantsHash: z.string().nullable().describe('SHA-256 of the frozen entrant list (docs/draw.md)'),
      entrants: z.array(z.object({ arrival: z.number(), ticket: z.string() })).describe('the frozen pre-queue in arrival order'),
      line: z.array(z.string()).describe('tickets in drawn order (place 1 first)'),
      mine: z.object({ ticket: z.string(), arrival: z.number(), position: z.number().nullable() }).nullable().describe("the signed-in caller's own ticket, when they entered"),
    })
    .meta({ id: 'LaunchDraw' });

  r.get('/launches/:launchId/draw', {
    schema: { tags: ['launches'], summary: "The launch's verifiable draw: commitment, revealed seed, frozen entrants and the line (anyone; docs/draw.md)", params: LaunchParams, response: { 200: DrawOut, ...errorsOf('NOT_FOUND') } },
  }, async (req) => engine.publicDraw(req.params.launchId, req.principal?.userId ?? null));

  r.get('/launches/:launchId/receipt', {
    schema: {
      tags: ['launches'],
      summary: 'Your receipt for a pre-queue place: your ticket (a pseudonym only you are shown) and your arrival number',
      params: LaunchParams,
      response: { 200: z.object({ launchId: z.string(), ticket: z.string(), arrival: z.number(), joinedAt: z.number(), commitment: z.string().nullable() }).meta({ id: 'DrawReceipt' }), ...errorsOf('NOT_FOUND', 'QUEUE_UNAVAILABLE', 'STOCK_UNAVAILABLE') },
    },
  }, async (req) => engine.receipt(requireUser(req), req.params.launchId));

  const MonitorOut = z.object({
    at: z.number(),
    phase: Phase,
    paused: z.boolean(),
    registered: z.number(),
    queued: z.number(),
    waitingForReturns: z.number(),
    admitted: z.number(),
    active: z.number(),
    held: z.number(),
    sold: z.number(),
    available: z.number(),
    allotment: z.number(),
    attempts: z.number(),
    attemptsPerSecond: z.number(),
    holdsCreated: z.number(),
    payments: z.number(),
    rejections: z.record(z.string(), z.number()),
    skus: z.array(z.object({ skuId: z.string(), allotment: z.number(), available: z.number(), held: z.number(), sold: z.number() })),
  }).meta({ id: 'LaunchMonitor' });

  r.get('/launches/:launchId/monitor', {
    schema: { tags: ['launches'], summary: 'Live counters of a launch (store members)', params: LaunchParams, response: { 200: MonitorOut, ...errorsOf('NOT_FOUND', 'QUEUE_UNAVAILABLE', 'STOCK_UNAVAILABLE') } },
  }, async (req) => {
    await assertLaunchMember(ctx, requireUser(req), req.params.launchId);
    return engine.monitor(req.params.launchId);
  });

  const MonitorHistoryOut = z.object({
    launchId: z.string(),
    points: z.array(z.object({ at: z.number(), heldUnits: z.number(), paidUnits: z.number(), releasedUnits: z.number().describe('units returned in that second (holds expired or cancelled)') })),
  }).meta({ id: 'LaunchMonitorHistory' });

  r.get('/launches/:launchId/monitor/history', {
    schema: {
      tags: ['launches'],
      summary: "The launch's recent seconds: units reserved, paid and returned per second (store members; the monitor's chart on load)",
      params: LaunchParams,
      querystring: z.object({ seconds: z.coerce.number().int().min(1).max(MONITOR_HISTORY_MAX_SECONDS).default(MONITOR_HISTORY_MAX_SECONDS) }),
      response: { 200: MonitorHistoryOut, ...errorsOf('NOT_FOUND') },
    },
  }, async (req) => {
    await assertLaunchMember(ctx, requireUser(req), req.params.launchId);
    return monitorHistory(ctx, req.params.launchId, req.query.seconds);
  });

  r.get('/launches/:launchId/monitor/stream', {
    schema: {
      tags: ['launches'],
      summary: 'Server-sent events: live counters once a second (store members; an `error` event carries the one error shape; ACCESS_ENDED ends the stream)',
      params: LaunchParams,
      response: { ...errorsOf('NOT_FOUND', 'QUEUE_UNAVAILABLE', 'STOCK_UNAVAILABLE') },
    },
  }, async (req, reply) => {
    const p = requireUser(req);
    const launch = await assertLaunchMember(ctx, p, req.params.launchId);
    const stillAllowed = async () => !!(await resolveSession(ctx, p.sessionId)) && (await assertLaunchMember(ctx, p, launch.id), true);
    return sse(ctx, req, reply, 1000, () => engine.monitor(req.params.launchId), null, { principal: p, storeId: launch.store_id, recheck: stillAllowed, recheckMs: 10_000 });
  });
}

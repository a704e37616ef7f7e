/**
 * The lean handler of a launch's three hottest routes — reserve (`POST
 * /api/v1/launches/:id/reservations`), join (`POST …/queue`) and standing (`GET
 * …/queue?token=`) — in front of Fastify on the same node:http server. In the first seconds of a
 * launch nearly every request is one of these, and Fastify's hook and reply chain, Zod's parse
 * and the serializer cost more than the sale itself.
 *
 * The contract is Fastify's, exactly: the lean handler serves only the well-formed request of an
 * app or device (a Bearer token, a JSON body it can read in one go, valid parameters, headers and
 * body, a buyer account) and gives every such request the answer the Fastify route would give —
 * the same engine calls, rate limits, error shape and response bodies. Anything else (a cookie
 * session, a bad token, a malformed or unusual request, a proxy hop to resolve) is handed to
 * Fastify untouched, with the body already read put back through a `preParsing` hook, so every
 * refusal comes from the route's own schema and hooks. `test/fast-routes.test.ts` sends the same
 * requests to a server with and without this handler and compares the answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import { resolveToken, type Principal } from '../accounts/service.js';
import { deviceClassOf } from '../analytics/device.js';
import { AppError, statusOf } from '../shared/errors.js';
import { errorBody, internalError, retryAfterOf } from '../http/errors.js';
import { findUnstorable } from '../http/edge.js';
import type { LaunchEngine } from './engine.js';
import type { LimitedRoute } from './limits.js';
import { LAUNCH_LIMITS, toHoldView } from './service.js';
import type { HotRoute } from './stages.js';

/** Where the lean handler leaves a body it read for Fastify (see `bufferedBody`). */
const BUFFERED = Symbol('flashmall.bufferedBody');

type WithBody = IncomingMessage & { [BUFFERED]?: Buffer };

/**
 * Fastify's `preParsing` hook of the lean handler: a request it handed over after reading its
 * body gets that body back as the payload stream.
 */
export function bufferedBody(raw: IncomingMessage): Readable | null {
  const b = (raw as WithBody)[BUFFERED];
  if (!b) return null;
  const s = Readable.from([b]) as Readable & { receivedEncodedLength?: number };
  s.receivedEncodedLength = b.length;
  return s;
}

/** Largest body the lean handler reads itself (anything larger goes to Fastify as it arrives). */
const MAX_FAST_BODY = 4096;
/** A UUID as the routes' `Id` accepts it (a subset: anything else is Fastify's to judge). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A signed token (queue token, pass) as the routes' `Token` accepts it, without URL escapes. */
const TOKEN = /^[A-Za-z0-9._-]{10,600}$/;
const KEY = /^[\x21-\x7e]{8,100}$/;
const PREFIX = '/api/v1/launches/';

/** What the lean handler needs: the app's context and engine, and how to time a request for the metrics. */
export interface FastRoutesOptions {
  ctx: AppContext;
  engine: LaunchEngine;
  /** Called once per answered request (method, route template, status, seconds). */
  observe?: (method: string, route: string, status: number, seconds: number) => void;
}

type Route = { kind: 'reserve' | 'join'; launchId: string } | { kind: 'status'; launchId: string; token: string };

function matchRoute(method: string | undefined, url: string | undefined): Route | null {
  if (!url?.startsWith(PREFIX)) return null;
  const rest = url.slice(PREFIX.length);
  const launchId = rest.slice(0, 36);
  const tail = rest.slice(36);
  if (!UUID.test(launchId)) return null;
  if (method === 'POST' && tail === '/reservations') return { kind: 'reserve', launchId };
  if (method === 'POST' && tail === '/queue') return { kind: 'join', launchId };
  if (method === 'GET' && tail.startsWith('/queue?token=')) {
    const token = tail.slice(13);
    return TOKEN.test(token) ? { kind: 'status', launchId, token } : null;
  }
  return null;
}

const isJson = (type: string | undefined) => type === 'application/json' || type === 'application/json; charset=utf-8';

/**
 * Returns the node:http request handler: the lean path for the hot routes, `fallback` (Fastify's
 * handler) for everything else.
 */
export function fastRoutes(o: FastRoutesOptions, fallback: (req: IncomingMessage, res: ServerResponse) => void): FastRoutes {
  const { ctx, engine } = o;
  const trustsProxy = ctx.config.trustProxy !== false;

  const stats = { served: 0, handedOver: 0 };
  const handOver = (req: IncomingMessage, res: ServerResponse, body?: Buffer) => {
    if (body) (req as WithBody)[BUFFERED] = body;
    if (matchRoute(req.method, req.url)) stats.handedOver++;
    fallback(req, res);
  };

  const stages = engine.stages;
  const stageOf = (route: string): HotRoute => (route.endsWith('/reservations') ? 'reserve' : 'join');
  const send = (res: ServerResponse, started: bigint, method: string, route: string, status: number, payload: unknown, headers?: Record<string, string | number>) => {
    stats.served++;
    const t = stages.start();
    const text = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
    const hot: HotRoute = method === 'GET' ? 'status' : stageOf(route);
    stages.add(hot, 'answer', t);
    stages.count(hot);
    o.observe?.(method, route, status, Number(process.hrtime.bigint() - started) / 1e9);
  };
  const sendError = (res: ServerResponse, started: bigint, method: string, route: string, err: unknown) => {
    if (err instanceof AppError) {
      const retryAfter = retryAfterOf(err.code, err.details);
      return send(res, started, method, route, statusOf(err.code), errorBody(err.code, err.message, err.details), retryAfter === undefined ? undefined : { 'retry-after': retryAfter });
    }
    ctx.log.error({ err }, 'unhandled error');
    send(res, started, method, route, 500, internalError());
  };

  /** The limits of the route (429 answered here, as the route's pre-handler would): false when refused. */
  const admitted = (res: ServerResponse, started: bigint, method: string, template: string, route: LimitedRoute, p: Principal, ip: string): boolean => {
    if (!ctx.config.rateLimitEnabled) return true;
    const wait = engine.limits.take(route, p.userId, ip);
    if (wait === 0) return true;
    send(res, started, method, template, statusOf('RATE_LIMITED'), errorBody('RATE_LIMITED', `Too many ${route} requests; slow down.`), { 'retry-after': wait });
    return false;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, route: Route, p: Principal, body: unknown, started: bigint) => {
    const method = req.method!;
    const t = stages.start();
    const ip = req.socket.remoteAddress ?? '';
    const meta = { deviceClass: deviceClassOf(req.headers), channel: 'api' as const };
    if (route.kind === 'reserve') {
      const template = '/api/v1/launches/:launchId/reservations';
      if (!admitted(res, started, method, template, 'reserve', p, ip)) return;
      stages.add('reserve', 'limit', t);
      const b = body as { skuId: string; quantity?: number };
      const out = await engine.reserve(p, route.launchId, req.headers['x-admission-pass'] as string, b.skuId, b.quantity ?? 1, req.headers['idempotency-key'] as string, meta);
      if ('error' in out) return send(res, started, method, template, statusOf(out.error.code), { error: out.error });
      return send(res, started, method, template, out.statusCode, toHoldView(out.hold));
    }
    if (route.kind === 'join') {
      const template = '/api/v1/launches/:launchId/queue';
      if (!admitted(res, started, method, template, 'join', p, ip)) return;
      stages.add('join', 'limit', t);
      return send(res, started, method, template, 200, await engine.join(p, route.launchId, body as { challenge?: string; solution?: string }, meta));
    }
    const template = '/api/v1/launches/:launchId/queue';
    if (!admitted(res, started, method, template, 'poll', p, ip)) return;
    stages.add('status', 'limit', t);
    send(res, started, method, template, 200, await engine.status(p, route.launchId, (route as Extract<Route, { kind: 'status' }>).token));
  };

  /** The fast path's own checks of what the route's schemas would accept (a subset: the rest goes to Fastify). */
  const validBody = (route: Route, body: unknown): boolean => {
    if (route.kind === 'status') return true;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || findUnstorable(body) !== null) return false;
    const b = body as Record<string, unknown>;
    if (route.kind === 'reserve') {
      if (typeof b.skuId !== 'string' || !UUID.test(b.skuId)) return false;
      return b.quantity === undefined || (Number.isInteger(b.quantity) && (b.quantity as number) >= 1 && (b.quantity as number) <= LAUNCH_LIMITS.maxPerBuyer);
    }
    return (b.challenge === undefined || (typeof b.challenge === 'string' && b.challenge.length <= 600)) && (b.solution === undefined || (typeof b.solution === 'string' && b.solution.length <= 64));
  };

  const run = async (req: IncomingMessage, res: ServerResponse, route: Route, started: bigint, raw: Buffer | undefined) => {
    const hot: HotRoute = route.kind;
    let t = stages.start();
    let body: unknown = {};
    if (raw !== undefined && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return handOver(req, res, raw);
      }
      // What secure-json-parse refuses in Fastify (prototype poisoning) is Fastify's to answer.
      if (raw.includes('__proto__') || raw.includes('constructor')) return handOver(req, res, raw);
    } else if (raw !== undefined && route.kind !== 'join') return handOver(req, res, raw);
    if (!validBody(route, body)) return handOver(req, res, raw);
    t = stages.add(hot, 'request', t);
    const auth = req.headers.authorization!;
    let p: Principal | null;
    try {
      p = await resolveToken(ctx, auth.slice(7), 'bearer');
    } catch {
      return handOver(req, res, raw);
    }
    if (!p || (route.kind !== 'status' && p.role !== 'buyer' && p.role !== 'admin')) return handOver(req, res, raw);
    stages.add(hot, 'auth', t);
    try {
      await serve(req, res, route, p, body, started);
    } catch (err) {
      sendError(res, started, req.method!, route.kind === 'reserve' ? '/api/v1/launches/:launchId/reservations' : '/api/v1/launches/:launchId/queue', err);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const route = matchRoute(req.method, req.url);
    const h = req.headers;
    const auth = h.authorization;
    if (
      !route ||
      !auth ||
      !auth.startsWith('Bearer ') ||
      !/^\S{1,200}$/.test(auth.slice(7)) ||
      (req.httpVersion === '1.1' && !h.host) ||
      (trustsProxy && h['x-forwarded-for'] !== undefined)
    ) {
      return handOver(req, res);
    }
    const started = process.hrtime.bigint();
    if (route.kind === 'status') {
      if (h['content-length'] !== undefined || h['transfer-encoding'] !== undefined) return handOver(req, res);
      return void run(req, res, route, started, undefined);
    }
    if (route.kind === 'reserve') {
      const pass = h['x-admission-pass'];
      const key = h['idempotency-key'];
      if (typeof pass !== 'string' || !TOKEN.test(pass) || typeof key !== 'string' || !KEY.test(key)) return handOver(req, res);
    }
    const length = h['content-length'];
    if (h['transfer-encoding'] !== undefined) return handOver(req, res);
    if (length === undefined || length === '0') return handOver(req, res);
    const n = Number(length);
    if (!isJson(h['content-type']) || !(n > 0 && n <= MAX_FAST_BODY)) return handOver(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => void run(req, res, route, started, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  };
  return Object.assign(handle, { stats });
}

/** The node:http handler with the lean path, and how many hot-route requests it served and handed to Fastify. */
export type FastRoutes = ((req: IncomingMessage, res: ServerResponse) => void) & { stats: { served: number; handedOver: number } };

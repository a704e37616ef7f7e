/**
 * One error shape over the whole API: `{"error": {"code", "message", "details"}}`, the code
 * one of src/shared/errors.ts's table and the status the table's for it — looked up here, at
 * the edge, never at the throw site.
 *
 * - Domain code throws `AppError(code, message, details?)`; `installErrorHandling`'s handler
 *   answers it with its code's status. Fastify's own refusals (an unparseable or too large
 *   body, a wrong media type, a broken URL, a CSRF refusal) get codes of ours (`fastifyCode`),
 *   never names of Fastify's internals; anything else is a logged 500 `INTERNAL` with a fixed
 *   message: no exception's own message reaches a client.
 * - Each route lists the codes it answers: `errorsOf('CART_EMPTY', …)` in its `response`
 *   builds one entry per status with `code: z.enum([...])`, and the `onRoute` hook adds what
 *   the edge can answer on any route of its kind (`edgeCodes`: validation, unstorable text,
 *   a bad bearer token, body parsing and CSRF on writes, `INTERNAL`). The OpenAPI document
 *   thus says, per route and status, which codes can come back.
 * - An answer with a code its route does not list is logged as an error; with
 *   `strictErrorCodes` (the test suites) it becomes a 500 instead, so a test that reaches it
 *   fails there.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERROR_CODES, ERRORS, statusOf, type ErrorCode, type ErrorStatus } from '../shared/errors.js';

/** The error body with every code (the OpenAPI `Error` component; routes use `errorsOf`). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe(ERROR_CODES.map((c) => `${c} (${ERRORS[c].status}): ${ERRORS[c].meaning ?? ''}`).join('\n')),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** The codes each error-body schema built by `errorsOf` lists (read by the hook and the handler). */
const LISTED = new WeakMap<object, ReadonlySet<ErrorCode>>();

function errorBodyOf(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  const schema = z.object({
    error: z.object({ code: z.enum(codes), message: z.string(), details: z.unknown().optional() }),
  });
  LISTED.set(schema, new Set(codes));
  return schema;
}

type ErrorBodySchema = ReturnType<typeof errorBodyOf>;

/**
 * A route's error responses: one entry per status of the codes given, each listing those
 * codes. Spread into the route's `response`; the codes any route can answer are added by the
 * `onRoute` hook, so a route lists only what its own handler and hooks throw.
 */
export function errorsOf(...codes: ErrorCode[]): Partial<Record<ErrorStatus, ErrorBodySchema>> {
  const byStatus = new Map<ErrorStatus, ErrorCode[]>();
  for (const c of [...new Set(codes)].sort()) {
    const s = statusOf(c);
    byStatus.set(s, [...(byStatus.get(s) ?? []), c]);
  }
  const out: Partial<Record<ErrorStatus, ErrorBodySchema>> = {};
  for (const [s, cs] of [...byStatus].sort(([a], [b]) => a - b)) out[s] = errorBodyOf(cs as [ErrorCode, ...ErrorCode[]]);
  return out;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the edge can answer on any route of this kind, whatever its handler does. */
export function edgeCodes(route: Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>): ErrorCode[] {
  const methods = [route.method].flat().map((m) => m.toUpperCase());
  const s = route.schema as Record<string, unknown> | undefined;
  const codes: ErrorCode[] = ['HOST_MISSING', 'TEXT_UNSTORABLE', 'UNAUTHENTICATED', 'INTERNAL'];
  if (s?.params || s?.querystring || s?.body || s?.headers) codes.push('VALIDATION_FAILED');
  if (route.url.includes(':') || route.url.includes('*')) codes.push('MALFORMED_URL', 'PATH_PARAM_TOO_LONG');
  if (methods.some((m) => BODY_METHODS.has(m))) {
    codes.push('MALFORMED_JSON', 'EMPTY_JSON_BODY', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'BAD_CONTENT_LENGTH', 'BAD_REQUEST');
    if ((route.config)?.csrf !== false) codes.push('CSRF_INVALID_TOKEN', 'CSRF_MISSING_SECRET');
  }
  return codes;
}

const LISTED_BY_ROUTE = new WeakMap<object, ReadonlySet<ErrorCode>>();

/** The codes a route lists (its `errorsOf` entries), or null for a route without a response schema. */
export function listedCodes(response: Record<string, unknown> | undefined): ReadonlySet<ErrorCode> | null {
  if (!response) return null;
  const known = LISTED_BY_ROUTE.get(response);
  if (known) return known;
  const out = new Set<ErrorCode>();
  for (const [status, schema] of Object.entries(response)) {
    if (Number(status) < 400) continue;
    const listed = schema && typeof schema === 'object' ? LISTED.get(schema) : undefined;
    if (!listed) throw new Error(`response ${status}: error responses are declared with errorsOf(...codes)`);
    for (const c of listed) out.add(c);
  }
  LISTED_BY_ROUTE.set(response, out);
  return out;
}

/** Our code (and a message of ours) for one of Fastify's own 4xx errors. */
export function fastifyCode(err: FastifyError): { code: ErrorCode; message: string } {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This route does not read a body of that content type; send application/json.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'BODY_TOO_LARGE', message: 'The request body is too large.' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'EMPTY_JSON_BODY', message: 'The request body is empty but sent as application/json.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'BAD_CONTENT_LENGTH', message: 'The request body is not as long as its Content-Length says.' };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
      return { code: 'MALFORMED_URL', message: 'The path is not validly percent-encoded.' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'PATH_PARAM_TOO_LONG', message: 'A path parameter is too long.' };
    case 'FST_ERR_NOT_FOUND':
      return { code: 'ROUTE_NOT_FOUND', message: 'No such route.' };
    case 'FST_ERR_VALIDATION':
      return { code: 'VALIDATION_FAILED', message: 'The request is not valid.' };
    case 'FST_CSRF_INVALID_TOKEN':
      return { code: 'CSRF_INVALID_TOKEN', message: 'This write needs the x-csrf-token of the session (GET /api/v1/auth/csrf).' };
    case 'FST_CSRF_MISSING_SECRET':
      return { code: 'CSRF_MISSING_SECRET', message: 'This write needs a CSRF token: get one from GET /api/v1/auth/csrf.' };
  }
  switch (err.statusCode) {
    case 413:
      return { code: 'BODY_TOO_LARGE', message: 'The request body is too large.' };
    case 415:
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This route does not read a body of that content type.' };
    case 429:
      return { code: 'RATE_LIMITED', message: 'Too many requests; slow down.' };
    default:
      return { code: 'BAD_REQUEST', message: 'The request could not be read.' };
  }
}

/** The body of an error answer. */
export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** The Retry-After header (seconds) an answer carries: a 429 whose details say when, in ms. */
export function retryAfterOf(code: ErrorCode, details: unknown): number | undefined {
  const retryMs = (details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return statusOf(code) === 429 && typeof retryMs === 'number' ? Math.max(1, Math.ceil(retryMs / 1000)) : undefined;
}

const INTERNAL_MESSAGE = 'Something went wrong on our side; it has been logged.';

/** Options of the error handling. */
export interface ErrorHandlingOptions {
  /** Answer a code the route does not list as a 500 (the test suites), rather than only logging it. */
  strictErrorCodes?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** See `ErrorHandlingOptions.strictErrorCodes`. */
    strictErrorCodes: boolean;
  }
}

/**
 * Answers an error: the code's status, Retry-After for a 429 that says when, the one body. A
 * code the route does not list is logged (and, with `strictErrorCodes`, answered as a 500).
 */
export function replyError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  const req = reply.request;
  const listed = listedCodes(req.routeOptions.schema?.response as Record<string, unknown> | undefined);
  if (listed && !listed.has(code)) {
    req.log.error({ code, route: `${req.method} ${req.routeOptions.url ?? ''}` }, 'error code not listed for this route');
    if (reply.server.strictErrorCodes && code !== 'INTERNAL') return reply.code(500).send(internalError());
    // Answered as it is: the route's response schema would refuse to serialize it.
    reply.serializer(JSON.stringify);
  }
  const retryAfter = retryAfterOf(code, details);
  if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
  return reply.code(statusOf(code)).send(errorBody(code, message, details));
}

/** Installs the error and not-found handlers that give every failure the one shape, and completes each route's error responses. */
export function installErrorHandling(app: FastifyInstance, opts: ErrorHandlingOptions = {}): void {
  app.decorate('strictErrorCodes', opts.strictErrorCodes === true);
  app.addHook('onRoute', (route) => {
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    const listed = listedCodes(response);
    if (!response || !listed) return;
    const rest = Object.fromEntries(Object.entries(response).filter(([status]) => Number(status) < 400));
    route.schema = { ...route.schema, response: { ...rest, ...errorsOf(...listed, ...edgeCodes(route)) } };
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });

  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) return replyError(reply, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') || undefined,
        message: v.message,
      }));
      const where = err.validationContext ?? 'request';
      const what = { body: 'The request body is', querystring: 'The query string is', params: 'The path is', headers: 'The headers are' }[where as string] ?? 'The request is';
      return replyError(reply, 'VALIDATION_FAILED', `${what} not valid: ${issues.map((i) => `${i.path ?? where}: ${i.message}`).join('; ')}`, { in: where, issues });
    }
    const fe = err as FastifyError;
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const { code, message } = fastifyCode(fe);
      return replyError(reply, code, message);
    }
    req.log.error({ err }, 'unhandled error');
    return replyError(reply, 'INTERNAL', INTERNAL_MESSAGE);
  });
}

/** Fastify's `frameworkErrors`: what the router refuses before any route runs (a broken or over-long path), in the one shape. */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if ((err.statusCode ?? 400) >= 500) {
    req.log.error({ err }, 'router error');
    reply.code(500).send(internalError());
    return;
  }
  const { code, message } = fastifyCode(err);
  reply.code(statusOf(code)).send(errorBody(code, message));
}

/** The error body of an unexpected failure, for the edges that answer without Fastify (the lean launch handler, SSE). */
export function internalError() {
  return errorBody('INTERNAL', INTERNAL_MESSAGE);
}


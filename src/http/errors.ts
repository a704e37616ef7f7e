/**
 * One error shape over the whole API: `{"error": {"code", "message", "details"}}`.
 * Domain code throws `AppError`s (or returns them); the error handler turns every other
 * failure into a 4xx when it is the client's fault and a logged 500 only when it is ours.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** An error a client can act on: an HTTP status, a stable machine code and a human message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = 'Sign in first.') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'You may not do that.', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found.`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);

/** The error body schema, shared by every route's OpenAPI entry. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Standard error responses to spread into a route's `response` schema. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  415: ErrorBody,
  429: ErrorBody,
} as const;

function body(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Installs the error and not-found handlers that give every failure the one shape. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(body('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });

  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      const retryMs = (err.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
      if (err.statusCode === 429 && typeof retryMs === 'number') reply.header('retry-after', Math.max(1, Math.ceil(retryMs / 1000)));
      return reply.code(err.statusCode).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') || undefined,
        message: v.message,
      }));
      const where = err.validationContext ?? 'request';
      const what = { body: 'The request body is', querystring: 'The query string is', params: 'The path is', headers: 'The headers are' }[where as string] ?? 'The request is';
      return reply
        .code(400)
        .send(body('VALIDATION_FAILED', `${what} not valid: ${issues.map((i) => `${i.path ?? where}: ${i.message}`).join('; ')}`, { in: where, issues }));
    }
    const fe = err as FastifyError;
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 429 ? 'RATE_LIMITED' : (fe.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '').replace(/^FST_/, '');
      return reply.code(fe.statusCode).send(body(code, fe.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'Something went wrong on our side; it has been logged.'));
  });
}

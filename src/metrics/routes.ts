/**
 * GET /metrics on the main port: the Prometheus exposition of this process. It answers
 * loopback addresses (the address Fastify believes, so a proxy named in TRUST_PROXY cannot make
 * everyone look local), and any address that sends `Authorization: Bearer <METRICS_TOKEN>` when
 * that is set (compared in constant time).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import type { AppMetrics } from './metrics.js';

/** Whether an address is this host's loopback (IPv4 127/8, ::1, IPv4-mapped 127/8). */
export function isLoopback(ip: string): boolean {
  return ip === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Where a scrape's Authorization header is kept once taken from the request. */
const SCRAPE_AUTH = Symbol('metrics authorization');

/**
 * Takes the Authorization header off requests for /metrics before the app's sign-in hook sees
 * it (a metrics token is no session token). Call it before `installAuth`: hooks run in order.
 */
export function takeScrapeAuthorization(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.routeOptions.url === '/metrics') {
      (req as unknown as Record<symbol, string | undefined>)[SCRAPE_AUTH] = req.headers.authorization;
      delete req.headers.authorization;
    }
    done();
  });
}

export function metricsRoutes(app: FastifyInstance, ctx: AppContext, metrics: AppMetrics): void {
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const token = ctx.config.metricsToken;
    const auth = (req as unknown as Record<symbol, string | undefined>)[SCRAPE_AUTH] ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : null;
    const tokenOk = !!token && given !== null && timingSafeEqual(digest(given), digest(token));
    if (!tokenOk && !isLoopback(req.ip)) {
      if (token) throw new AppError('UNAUTHENTICATED', 'Send the metrics token as a bearer token.');
      throw new AppError('METRICS_LOOPBACK_ONLY', 'Metrics are served to this host only (set METRICS_TOKEN to scrape from elsewhere).');
    }
    reply.header('content-type', metrics.registry.contentType);
    reply.header('cache-control', 'no-store');
    return metrics.text();
  });
}

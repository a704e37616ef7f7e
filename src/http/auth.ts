/**
 * Who is calling. Browsers carry an httpOnly SameSite=Lax session cookie and must echo a
 * CSRF token (header `x-csrf-token`) on every state-changing request; devices and other
 * software send `Authorization: Bearer <token>` and need no CSRF token.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AppContext } from '../context.js';
import { resolveToken, type Principal } from '../accounts/service.js';
import type { UserRole } from '../db/schema.js';
import { AppError, unauthenticated } from '../shared/errors.js';

export const SESSION_COOKIE = 'fm_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** false for routes a third party posts to (payment gateway pages and webhooks). */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Registers cookie parsing, CSRF protection and the principal-resolving hook. */
export async function installAuth(app: FastifyInstance, ctx: AppContext, cookieSecret: string): Promise<void> {
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyCsrf, {
    cookieKey: 'fm_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
    getUserInfo: (req) => req.principal?.sessionId ?? '',
    csrfOpts: { hmacKey: cookieSecret },
  });
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      const p = await resolveToken(ctx, m[1], 'bearer');
      if (!p) throw unauthenticated('This token is unknown, expired or revoked.');
      req.principal = p;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const p = await resolveToken(ctx, cookie, 'cookie');
    if (!p) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    req.principal = p;
    if (!SAFE_METHODS.has(req.method) && req.routeOptions.config.csrf !== false) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    }
  });
}

/**
 * For routes that start a session (log-in, sign-up): refuses what a cross-site page could
 * send from a victim's browser (log-in CSRF: signing the victim into the attacker's account).
 * The body must be JSON (a form cannot send it without a CORS preflight, which is never
 * granted); a browser's Sec-Fetch-Site must be same-origin or none; and an Origin header, when
 * sent, must be this server's own (PUBLIC_URL or the Host). Apps and devices send neither
 * header and pass.
 */
export function refuseCrossSite(ctx: AppContext) {
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new AppError('JSON_REQUIRED', 'Send this request as application/json.');
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new AppError('CROSS_SITE_REQUEST', 'Signing in from another site is not allowed.');
    const origin = req.headers.origin;
    if (typeof origin === 'string' && !sameOrigin(origin, ctx.publicUrl(), req.host)) throw new AppError('CROSS_SITE_REQUEST', 'Signing in from another site is not allowed.');
    done();
  };
}

function sameOrigin(origin: string, publicUrl: string, host: string): boolean {
  if (origin === 'null') return false;
  try {
    const o = new URL(origin);
    return o.origin === new URL(publicUrl).origin || o.host === host;
  } catch {
    return false;
  }
}

/** Sets the browser session cookie. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    expires: new Date(expiresAt),
  });
}

/** The caller, or 401. */
export function requireUser(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

/** The caller with one of the given roles (admins pass every role check), or 401/403. */
export function requireRole(req: FastifyRequest, ...roles: UserRole[]): Principal {
  const p = requireUser(req);
  if (p.role !== 'admin' && !roles.includes(p.role)) {
    throw new AppError('ROLE_REQUIRED', `This needs a ${roles.join(' or ')} account.`);
  }
  return p;
}

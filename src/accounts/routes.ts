/** HTTP routes for sign-up, log-in/out, the current user and bearer tokens. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { errorsOf } from '../http/errors.js';
import { refuseCrossSite, requireUser, SESSION_COOKIE, setSessionCookie } from '../http/auth.js';
import { typed } from '../http/typed.js';
import { authenticate, getUser, issueToken, listTokens, openSession, revokeSession, revokeToken, type PublicUser } from './service.js';
import { memberships } from '../stores/service.js';
import { confirmSignup, requestSignup } from './signup.js';

const UserOut = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['buyer', 'seller', 'admin']), createdAt: z.number() })
  .meta({ id: 'User' });

const SessionOut = z.object({
  user: UserOut,
  /** Browser sessions: send this back as `x-csrf-token` on every write. */
  csrfToken: z.string().optional(),
  /** Token sessions: send as `Authorization: Bearer <token>`. Shown once. */
  token: z.string().optional(),
  tokenId: z.string().optional(),
  expiresAt: z.number(),
});

const SessionKind = z
  .enum(['cookie', 'token'])
  .default('cookie')
  .describe('cookie: a browser session (httpOnly cookie + CSRF token); token: a bearer token for apps and devices');

const Email = z.email().max(200);
const Password = z.string().min(8, 'at least 8 characters').max(200);

/**
 * Sign-up limits per hour: per client address (bulk account creation) and per e-mail address
 * (mail flooding once sign-ups send mail), in the registered rate-limit store (Redis when
 * scaled out, so every process counts together). 429 RATE_LIMITED with Retry-After.
 */
/** The sign-up's email as sent (the limiter runs after validation, which makes it a string). */
function emailOf(req: FastifyRequest): string {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : '';
}

function signupLimiter(app: FastifyInstance, ctx: AppContext) {
  const hour = 3_600_000;
  const perIp = app.createRateLimit({ max: ctx.config.signupPerIpPerHour, timeWindow: hour, keyGenerator: (req: FastifyRequest) => `signup:ip:${req.ip}` });
  const perEmail = app.createRateLimit({
    max: ctx.config.signupPerEmailPerHour,
    timeWindow: hour,
    keyGenerator: (req: FastifyRequest) => `signup:email:${createHash('sha256').update(emailOf(req).trim().toLowerCase()).digest('base64url').slice(0, 32)}`,
  });
  return async (req: FastifyRequest) => {
    if (!ctx.config.rateLimitEnabled) return;
    for (const check of [perIp, perEmail]) {
      const r = await check(req);
      if (!r.isAllowed && r.isExceeded) throw new AppError('RATE_LIMITED', 'Too many sign-ups; try again later.', { retryAfterMs: r.ttl });
    }
  };
}

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const signupLimit = signupLimiter(app, ctx);
  // Code guesses: SIGNUP_CODE_ATTEMPTS per code, and SIGNUP_CONFIRM_PER_IP_PER_MINUTE tries per address.
  const confirmPerIp = app.createRateLimit({ max: ctx.config.signupConfirmPerIpPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `signup-confirm:ip:${req.ip}` });
  const confirmLimit = async (req: FastifyRequest) => {
    if (!ctx.config.rateLimitEnabled) return;
    const res = await confirmPerIp(req);
    if (!res.isAllowed && res.isExceeded) throw new AppError('RATE_LIMITED', 'Too many codes tried; wait a minute.', { retryAfterMs: res.ttl });
  };

  async function startSession(reply: FastifyReply, user: PublicUser, kind: 'cookie' | 'token', label?: string) {
    if (kind === 'token') {
      const s = await openSession(ctx, user.id, 'bearer', label ?? null);
      return { user, token: s.token, tokenId: s.publicId, expiresAt: s.expiresAt };
    }
    const s = await openSession(ctx, user.id, 'cookie');
    setSessionCookie(reply, s.token, s.expiresAt);
    const csrfToken = reply.generateCsrf({ userInfo: s.sessionId });
    return { user, csrfToken, expiresAt: s.expiresAt };
  }

  r.post('/auth/signup', {
    onRequest: refuseCrossSite(ctx),
    preHandler: signupLimit,
    schema: {
      tags: ['accounts'],
      summary: 'Start a sign-up: a 6-digit code is mailed to the address (the same answer whether or not it has an account)',
      description:
        'Always 202 for a valid request. A new address receives a code to send to /auth/signup/confirm; an address that already has an account receives a mail saying so instead. Weak passwords are refused (400 PASSWORD_TOO_WEAK).',
      body: z.object({
        email: Email,
        password: Password,
        name: z.string().trim().min(1).max(100),
        role: z.enum(['buyer', 'seller']).default('buyer'),
      }),
      response: { 202: z.object({ status: z.literal('confirmation_sent'), email: z.string(), expiresAt: z.number() }), ...errorsOf('CROSS_SITE_REQUEST', 'JSON_REQUIRED', 'PASSWORD_TOO_WEAK', 'RATE_LIMITED') },
    },
  }, async (req, reply) => {
    reply.code(202);
    return requestSignup(ctx, req.body);
  });

  r.post('/auth/signup/confirm', {
    onRequest: refuseCrossSite(ctx),
    preHandler: confirmLimit,
    schema: {
      tags: ['accounts'],
      summary: 'Finish a sign-up with the mailed code: creates the account and starts a session',
      body: z.object({
        email: Email,
        code: z.string().regex(/^\d{6}$/, 'the 6-digit code from the mail'),
        session: SessionKind,
        label: z.string().max(100).optional(),
      }),
      response: { 201: SessionOut, ...errorsOf('CROSS_SITE_REQUEST', 'EMAIL_TAKEN', 'INVALID_CODE', 'JSON_REQUIRED', 'RATE_LIMITED') },
    },
  }, async (req, reply) => {
    const user = await confirmSignup(ctx, req.body.email, req.body.code);
    reply.code(201);
    return startSession(reply, user, req.body.session, req.body.label);
  });

  r.post('/auth/login', {
    onRequest: refuseCrossSite(ctx),
    schema: {
      tags: ['accounts'],
      summary: 'Log in: a cookie session for browsers or a bearer token for apps',
      body: z.object({ email: Email, password: z.string().min(1).max(200), session: SessionKind, label: z.string().max(100).optional() }),
      response: { 200: SessionOut, ...errorsOf('CROSS_SITE_REQUEST', 'INVALID_CREDENTIALS', 'JSON_REQUIRED', 'RATE_LIMITED') },
    },
  }, async (req, reply) => {
    const user = await authenticate(ctx, req.body.email, req.body.password, req.ip);
    return startSession(reply, user, req.body.session, req.body.label);
  });

  r.post('/auth/logout', {
    schema: { tags: ['accounts'], summary: 'End the current session or revoke the bearer token in use', response: { 204: z.undefined(), ...errorsOf() } },
  }, async (req, reply) => {
    const p = requireUser(req);
    await revokeSession(ctx, p.sessionId);
    if (p.via === 'cookie') reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  const Membership = z.object({ storeId: z.string(), name: z.string(), role: z.enum(['owner', 'staff']) }).meta({ id: 'Membership' });

  r.get('/auth/me', {
    schema: {
      tags: ['accounts'],
      summary: 'The current user and the stores they belong to (401 when signed out)',
      response: {
        200: z.object({ user: UserOut, stores: z.array(Membership) }),
        ...errorsOf(),
      },
    },
  }, async (req) => {
    const p = requireUser(req);
    return { user: await getUser(ctx, p.userId), stores: await memberships(ctx, p.userId) };
  });

  // For a page that wants to know whether anyone is signed in: being signed out is an answer
  // here, not an error (so a storefront opened signed out logs no failed request).
  r.get('/auth/session', {
    schema: {
      tags: ['accounts'],
      summary: 'Who is signed in, if anyone: the user and their stores, or user null when signed out (never 401)',
      response: {
        200: z.object({ user: UserOut.nullable(), stores: z.array(Membership) }).meta({ id: 'SessionInfo' }),
        ...errorsOf(),
      },
    },
  }, async (req) => {
    const p = req.principal;
    if (!p) return { user: null, stores: [] };
    return { user: await getUser(ctx, p.userId), stores: await memberships(ctx, p.userId) };
  });

  r.get('/auth/csrf', {
    schema: { tags: ['accounts'], summary: 'A fresh CSRF token for the browser session', response: { 200: z.object({ csrfToken: z.string() }), ...errorsOf() } },
  }, (req, reply) => {
    const p = requireUser(req);
    return { csrfToken: reply.generateCsrf({ userInfo: p.sessionId }) };
  });

  r.get('/auth/tokens', {
    schema: {
      tags: ['accounts'],
      summary: "The caller's live bearer tokens",
      response: { 200: z.object({ tokens: z.array(z.object({ id: z.string(), label: z.string().nullable(), createdAt: z.number(), expiresAt: z.number() })) }), ...errorsOf() },
    },
  }, async (req) => ({ tokens: await listTokens(ctx, requireUser(req).userId) }));

  r.post('/auth/tokens', {
    schema: {
      tags: ['accounts'],
      summary: 'Issue a bearer token for an app or device (the caller is already signed in)',
      body: z.object({ label: z.string().trim().min(1).max(100) }),
      response: { 201: z.object({ token: z.string(), tokenId: z.string(), expiresAt: z.number() }), ...errorsOf() },
    },
  }, async (req, reply) => {
    const s = await issueToken(ctx, requireUser(req), req.body.label);
    reply.code(201);
    return { token: s.token, tokenId: s.publicId, expiresAt: s.expiresAt };
  });

  r.delete('/auth/tokens/:tokenId', {
    schema: { tags: ['accounts'], summary: 'Revoke one of your bearer tokens', params: z.object({ tokenId: z.uuid() }), response: { 204: z.undefined(), ...errorsOf('NOT_FOUND') } },
  }, async (req, reply) => {
    await revokeToken(ctx, requireUser(req).userId, req.params.tokenId);
    return reply.code(204).send();
  });
}

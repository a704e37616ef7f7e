/**
 * Accounts: sign-up, log-in, sessions (browser cookies) and bearer tokens (devices, apps).
 * A session token is 32 random bytes shown to the client once; only its sha256 is stored,
 * so a leaked database cannot be replayed as logins.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import { compiledOnce } from '../db/prepared.js';
import type { Database, UserRole } from '../db/schema.js';
import { AppError, hasCode, notFound, unauthenticated } from '../shared/errors.js';
import { isUniqueViolation, lockForUpdate } from '../db/dialect.js';
import { newId } from '../shared/ids.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { LoginThrottle } from './throttle.js';
import { recordLockout } from './lockouts.js';

/** Who is calling, as resolved from a cookie or a bearer token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  via: 'cookie' | 'bearer';
  sessionId: string;
}

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  createdAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export function toPublicUser(u: { id: string; email: string; name: string; role: UserRole; created_at: number }): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.created_at };
}

/** Creates a user; a taken e-mail answers 409 EMAIL_TAKEN. */
export async function createUser(
  ctx: AppContext,
  input: { email: string; password: string; name: string; role: UserRole },
): Promise<PublicUser> {
  const row = {
    id: newId(),
    email: input.email.trim().toLowerCase(),
    name: input.name.trim(),
    password_hash: await hashPassword(input.password, ctx.config.scryptCost),
    role: input.role,
    created_at: ctx.clock.now(),
  };
  try {
    await ctx.db.insertInto('users').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN', 'An account with this e-mail already exists.');
    throw err;
  }
  return toPublicUser(row);
}

/**
 * Checks credentials, throttled (LoginThrottle): the same answer, after the same work (one
 * scrypt at the configured cost), for an unknown e-mail and a wrong password; while the e-mail
 * or the address is locked, 429 before any password is checked.
 */
export async function authenticate(ctx: AppContext, email: string, password: string, ip: string): Promise<PublicUser> {
  const normalized = email.trim().toLowerCase();
  const throttle = loginThrottle(ctx);
  await throttle.check(normalized, ip);
  const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', normalized).executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash(ctx.config.scryptCost)));
  if (!user || !ok) {
    await throttle.failed(normalized, ip, user?.id ?? null);
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong.');
  }
  await throttle.succeeded(normalized);
  return toPublicUser(user);
}

const throttles = new WeakMap<AppContext, LoginThrottle>();
function loginThrottle(ctx: AppContext): LoginThrottle {
  let t = throttles.get(ctx);
  if (!t) {
    t = new LoginThrottle(ctx.attempts, ctx.config.loginThrottle, ctx.log, ctx.config.rateLimitEnabled, (l) => recordLockout(ctx, l));
    throttles.set(ctx, t);
  }
  return t;
}

/** Opens a session of the given kind and returns its secret token (shown once). */
export async function openSession(
  ctx: AppContext,
  userId: string,
  kind: 'cookie' | 'bearer',
  label: string | null = null,
): Promise<{ token: string; sessionId: string; publicId: string; expiresAt: number }> {
  return insertSession(ctx, ctx.db, userId, kind, label);
}

async function insertSession(ctx: AppContext, db: Kysely<Database>, userId: string, kind: 'cookie' | 'bearer', label: string | null) {
  const token = `fm_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const row = {
    id: hashToken(token),
    public_id: newId(),
    user_id: userId,
    kind,
    label,
    created_at: now,
    expires_at: now + ctx.config.sessionTtlMs,
    revoked_at: null,
  };
  await db.insertInto('sessions').values(row).execute();
  return { token, sessionId: row.id, publicId: row.public_id, expiresAt: row.expires_at };
}

/**
 * Recently resolved sessions of one app, so the flash-sale hot path does not query the sessions
 * table on every request. A revocation marks the session revoked in the shared store (Redis in
 * the scale-out mode; checked on every cache hit, one round trip) and is broadcast (pub/sub) so
 * every process drops it from its cache and closes its streams.
 */
class SessionCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  static readonly MAX = 100_000;
  get(key: string, now: number): Principal | null {
    const e = this.entries.get(key);
    return e && e.until > now ? e.principal : null;
  }
  set(key: string, principal: Principal, until: number): void {
    if (this.entries.size >= SessionCache.MAX) this.entries.clear();
    this.entries.set(key, { principal, until });
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  forget(sessionId: string): void {
    for (const [k, v] of this.entries) if (v.principal.sessionId === sessionId) this.entries.delete(k);
  }
}

const caches = new WeakMap<AppContext, SessionCache>();
function sessionCache(ctx: AppContext): SessionCache {
  let c = caches.get(ctx);
  if (!c) {
    const cache = new SessionCache();
    ctx.broadcast.subscribe('session-revoked', (sessionId) => cache.forget(sessionId));
    caches.set(ctx, cache);
    c = cache;
  }
  return c;
}

/** Resolves a presented token to a principal, or null if unknown, expired or revoked. */
export async function resolveToken(ctx: AppContext, token: string, via: 'cookie' | 'bearer'): Promise<Principal | null> {
  if (token.length > 200) return null;
  const now = ctx.clock.now();
  const cache = sessionCache(ctx);
  const cacheKey = `${via}:${token}`;
  const cached = cache.get(cacheKey, now);
  // A cached session is believed only while no process has marked it revoked (Redis when scaled
  // out: the mark is set before the revocation is answered, so no message delivery is raced).
  if (cached && (await ctx.attempts.lockedForMs(revokedMark(cached.sessionId))) === 0) return cached;
  const principal = await lookupToken(ctx, token, via);
  if (principal && ctx.config.sessionCacheMs > 0) cache.set(cacheKey, principal, now + ctx.config.sessionCacheMs);
  else cache.delete(cacheKey);
  return principal;
}

/** True while the session is live in the database (not revoked, not expired): a fresh look, past every cache. */
export async function resolveSession(ctx: AppContext, sessionId: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('sessions').select('id').where('id', '=', sessionId).where('revoked_at', 'is', null).where('expires_at', '>', ctx.clock.now()).executeTakeFirst();
  return !!row;
}

/**
 * Tells every process a session is revoked: a mark every process checks before believing its
 * cache (kept as long as a cache entry can live), then a broadcast (caches drop it, its streams close).
 */
async function announceRevoked(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.attempts.lock(revokedMark(sessionId), ctx.config.sessionCacheMs + 60_000);
  await ctx.broadcast.publish('session-revoked', sessionId);
}
const revokedMark = (sessionId: string) => `session-revoked:${sessionId}`;

/** A session and its user, by the token's hash (compiled once: it runs on every request whose session is not cached). */
const sessionByHash = compiledOnce((db, hash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sid', 'sessions.kind', 'sessions.expires_at', 'sessions.revoked_at', 'users.id', 'users.email', 'users.name', 'users.role'])
    .where('sessions.id', '=', hash),
);

async function lookupToken(ctx: AppContext, token: string, via: 'cookie' | 'bearer'): Promise<Principal | null> {
  const [row] = await sessionByHash(ctx.db, hashToken(token));
  if (!row || row.revoked_at !== null || row.expires_at <= ctx.clock.now() || row.kind !== via) return null;
  return { userId: row.id, email: row.email, name: row.name, role: row.role, via, sessionId: row.sid };
}

/** Revokes the session a principal is using (log out), in every process at once. */
export async function revokeSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db.updateTable('sessions').set({ revoked_at: ctx.clock.now() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  await announceRevoked(ctx, sessionId);
}

/**
 * Issues a bearer token to a signed-in caller. The session presenting the request is read
 * again from the database (locked on PostgreSQL, so a concurrent revocation waits for it) in
 * the same transaction as the insert: a revoked or expired session never mints a token, even
 * while a cache somewhere still believes it.
 */
export async function issueToken(ctx: AppContext, p: Principal, label: string): Promise<{ token: string; sessionId: string; publicId: string; expiresAt: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await lockForUpdate(
      ctx.engine.kind,
      trx.selectFrom('sessions').select(['id']).where('id', '=', p.sessionId).where('revoked_at', 'is', null).where('expires_at', '>', ctx.clock.now()),
    ).executeTakeFirst();
    if (!parent) throw unauthenticated('This session is expired or revoked.');
    return insertSession(ctx, trx, p.userId, 'bearer', label);
  });
}

/** Lists a user's live bearer tokens (never the secrets). */
export async function listTokens(ctx: AppContext, userId: string) {
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['public_id', 'label', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'bearer')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.public_id, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at }));
}

/** Revokes one of the user's own bearer tokens by its public id; another user's token is "not found". */
export async function revokeToken(ctx: AppContext, userId: string, publicId: string): Promise<void> {
  const row = await ctx.db.selectFrom('sessions').select('id').where('public_id', '=', publicId).where('user_id', '=', userId).executeTakeFirst();
  const res = await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock.now() })
    .where('public_id', '=', publicId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'bearer')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('Token');
  if (row) await announceRevoked(ctx, row.id);
}

export async function getUser(ctx: AppContext, userId: string): Promise<PublicUser> {
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!u) throw unauthenticated();
  return toPublicUser(u);
}

/**
 * Makes sure the platform admin exists. Its password comes from ADMIN_PASSWORD, or is
 * generated and returned so the caller can print it once.
 */
export async function ensureAdmin(ctx: AppContext): Promise<{ email: string; generatedPassword: string | null }> {
  const email = ctx.config.adminEmail.toLowerCase();
  const existing = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) return { email, generatedPassword: null };
  const password = ctx.config.adminPassword ?? randomBytes(12).toString('base64url');
  try {
    await createUser(ctx, { email, password, name: 'Platform admin', role: 'admin' });
  } catch (err) {
    // Another process created it first (scale-out start-up race): that is fine.
    if (hasCode(err, 'EMAIL_TAKEN')) return { email, generatedPassword: null };
    throw err;
  }
  return { email, generatedPassword: ctx.config.adminPassword ? null : password };
}

/** Most rehearsal buyers minted per call. */
export const MAX_REHEARSAL_BUYERS = 5000;

/**
 * Mints buyer accounts for a launch rehearsal (`npm run simulate`): each gets a bearer token
 * and no usable password (the hash is not one scrypt can match), so they can only act
 * through the token and are easy to tell apart by their e-mail domain.
 */
export async function createRehearsalBuyers(ctx: AppContext, count: number, label: string): Promise<Array<{ id: string; token: string }>> {
  const now = ctx.clock.now();
  const users = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    email: `${label}-${randomBytes(4).toString('hex')}-${i}@rehearsal.flashmall.local`,
    name: `Rehearsal buyer ${i + 1}`,
    password_hash: 'rehearsal$no-password',
    role: 'buyer' as const,
    created_at: now,
  }));
  const out: Array<{ id: string; token: string }> = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < users.length; i += 500) await trx.insertInto('users').values(users.slice(i, i + 500)).execute();
    const sessions = users.map((u) => {
      const token = `fm_${randomBytes(32).toString('base64url')}`;
      out.push({ id: u.id, token });
      return { id: hashToken(token), public_id: newId(), user_id: u.id, kind: 'bearer' as const, label: `rehearsal ${label}`, created_at: now, expires_at: now + ctx.config.sessionTtlMs, revoked_at: null };
    });
    for (let i = 0; i < sessions.length; i += 500) await trx.insertInto('sessions').values(sessions.slice(i, i + 500)).execute();
  });
  return out;
}

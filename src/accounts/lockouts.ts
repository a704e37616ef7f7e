/**
 * Log-in lockouts, kept for the admin (GET /admin/security/lockouts and the admin page's
 * "Log-in lockouts"): every lock the throttle sets (accounts/throttle.ts) is one row — an
 * e-mail locked after repeated failures, or an address refused after failures over many
 * e-mails. One row per lock, not per failure: while a lock holds, attempts are refused before
 * they count, so an attack writes a row per lock period at most. Rows are pruned after
 * LOGIN_LOCKOUT_RETENTION_MS (src/retention).
 */
import type { AppContext } from '../context.js';
import { newId } from '../shared/ids.js';
import type { Lockout } from './throttle.js';

/** Writes one lockout (the throttle's `onLockout`). */
export async function recordLockout(ctx: Pick<AppContext, 'db' | 'clock'>, l: Lockout): Promise<void> {
  await ctx.db
    .insertInto('login_lockouts')
    .values({ id: newId(), scope: l.scope, account: l.account, user_id: l.userId, ip: l.ip, failures: l.failures, lock_ms: l.lockMs, at: ctx.clock.now() })
    .execute();
}

/** One lockout as the admin sees it: whose account (when the e-mail has one), from where, how many failures, how long. */
export interface LockoutView {
  scope: 'account' | 'address';
  /** The e-mail's throttle key (a hash), null for an address lock. */
  account: string | null;
  /** The account's e-mail when the locked e-mail belongs to one (null: unknown e-mail, or an address lock). */
  email: string | null;
  ip: string;
  failures: number;
  lockMs: number;
  at: number;
}

/** A client address with lockouts in the period: how many, over how many e-mails — many e-mails from one address is credential stuffing. */
export interface LockoutSource {
  ip: string;
  lockouts: number;
  accounts: number;
  addressLocked: boolean;
  lastAt: number;
}

/** The lockouts since `since`, newest first (at most `limit`), and the addresses they came from, most lockouts first. */
export async function recentLockouts(ctx: Pick<AppContext, 'db'>, since: number, limit: number): Promise<{ lockouts: LockoutView[]; sources: LockoutSource[] }> {
  const rows = await ctx.db
    .selectFrom('login_lockouts')
    .leftJoin('users', 'users.id', 'login_lockouts.user_id')
    .select(['login_lockouts.scope', 'login_lockouts.account', 'users.email', 'login_lockouts.ip', 'login_lockouts.failures', 'login_lockouts.lock_ms', 'login_lockouts.at'])
    .where('login_lockouts.at', '>=', since)
    .orderBy('login_lockouts.at', 'desc')
    .orderBy('login_lockouts.id', 'desc')
    .limit(limit)
    .execute();
  const sources = await ctx.db
    .selectFrom('login_lockouts')
    .select((eb) => [
      'ip',
      eb.fn.countAll<number>().as('lockouts'),
      eb.fn.count<number>('account').distinct().as('accounts'),
      eb.fn.max<number>(eb.case().when('scope', '=', 'address').then(1).else(0).end()).as('address_locked'),
      eb.fn.max<number>('at').as('last_at'),
    ])
    .where('at', '>=', since)
    .groupBy('ip')
    .orderBy('lockouts', 'desc')
    .orderBy('last_at', 'desc')
    .limit(50)
    .execute();
  return {
    lockouts: rows.map((r) => ({ scope: r.scope, account: r.account, email: r.email ?? null, ip: r.ip, failures: r.failures, lockMs: Number(r.lock_ms), at: Number(r.at) })),
    sources: sources.map((s) => ({ ip: s.ip, lockouts: Number(s.lockouts), accounts: Number(s.accounts), addressLocked: Number(s.address_locked) === 1, lastAt: Number(s.last_at) })),
  };
}

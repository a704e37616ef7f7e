/**
 * Slows down password guessing. Failed log-ins are counted per e-mail address (known or not,
 * so the answer reveals nothing) and per client address. After LOGIN_FAILURES_BEFORE_LOCK
 * failures an e-mail is locked for LOGIN_LOCK_BASE_MS, and each further failure doubles the
 * lock (up to LOGIN_LOCK_MAX_MS); while it is locked every attempt — the right password
 * included — is answered 429 RATE_LIMITED with Retry-After, before any password is checked.
 * A success clears the e-mail's count. An address with LOGIN_FAILURES_PER_IP failures in the
 * window is refused for LOGIN_LOCK_MAX_MS (credential stuffing over many e-mails).
 *
 * The counts live in an AttemptStore: this process's memory when embedded, Redis (under the
 * rate-limit namespace of the key prefix) in the scale-out mode, so every process sees them.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LoginThrottleSettings } from '../config.js';
import { AppError } from '../shared/errors.js';

/**
 * Failure counts and locks (marks) by key, each forgotten after its time. Log-in throttling
 * counts and locks with it; revoked sessions are marked in it (src/accounts/service.ts).
 */
export interface AttemptStore {
  /** Counts one failure; the count lives `windowMs` after the latest one. Returns the count. */
  fail(key: string, windowMs: number): Promise<number>;
  /** Locks the key for `ms`. */
  lock(key: string, ms: number): Promise<void>;
  /** Milliseconds left of the key's lock (0: not locked). */
  lockedForMs(key: string): Promise<number>;
  /** Forgets the key's failures. */
  clear(key: string): Promise<void>;
}

/** Counts in this process (embedded mode); expired entries are dropped as they are met and on a bounded sweep. */
export class MemoryAttemptStore implements AttemptStore {
  private readonly counts = new Map<string, { n: number; until: number }>();
  private readonly locks = new Map<string, number>();
  constructor(private readonly now: () => number) {}
  fail(key: string, windowMs: number): Promise<number> {
    const t = this.now();
    const c = this.counts.get(key);
    const n = c && c.until > t ? c.n + 1 : 1;
    if (this.counts.size > 200_000) this.sweep(t);
    this.counts.set(key, { n, until: t + windowMs });
    return Promise.resolve(n);
  }
  lock(key: string, ms: number): Promise<void> {
    this.locks.set(key, this.now() + ms);
    return Promise.resolve();
  }
  lockedForMs(key: string): Promise<number> {
    const until = this.locks.get(key);
    if (until === undefined) return Promise.resolve(0);
    const left = until - this.now();
    if (left <= 0) this.locks.delete(key);
    return Promise.resolve(Math.max(0, left));
  }
  clear(key: string): Promise<void> {
    this.counts.delete(key);
    return Promise.resolve();
  }
  private sweep(t: number): void {
    for (const [k, c] of this.counts) if (c.until <= t) this.counts.delete(k);
    for (const [k, until] of this.locks) if (until <= t) this.locks.delete(k);
  }
}

/** Counts in Redis (scale-out mode): shared by every process. Each command touches one key, so a Redis Cluster serves it too. */
export class RedisAttemptStore implements AttemptStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}
  async fail(key: string, windowMs: number): Promise<number> {
    const k = `${this.prefix}n:${key}`;
    const res = await this.redis.multi().incr(k).pexpire(k, windowMs).exec();
    return Number(res?.[0]?.[1] ?? 1);
  }
  async lock(key: string, ms: number): Promise<void> {
    await this.redis.set(`${this.prefix}l:${key}`, '1', 'PX', ms);
  }
  async lockedForMs(key: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(`${this.prefix}l:${key}`));
  }
  async clear(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}n:${key}`);
  }
}

/** The lock after the n-th failure: none below the threshold, then base, 2·base, 4·base … up to the cap. */
export function lockMsAfter(failures: number, s: LoginThrottleSettings): number {
  if (failures < s.failuresBeforeLock) return 0;
  return Math.min(s.lockMaxMs, s.lockBaseMs * 2 ** Math.min(30, failures - s.failuresBeforeLock));
}

/** A lock the throttle set: an e-mail after repeated failures, or an address after failures over many e-mails. */
export interface Lockout {
  scope: 'account' | 'address';
  /** The e-mail's throttle key (a hash), null for an address lock. */
  account: string | null;
  /** The account the e-mail belongs to, if any. */
  userId: string | null;
  ip: string;
  failures: number;
  lockMs: number;
}

/** Log-in throttling per e-mail and per client address (see the file comment). */
export class LoginThrottle {
  constructor(
    private readonly store: AttemptStore,
    private readonly s: LoginThrottleSettings,
    private readonly log: { warn(obj: object, msg: string): void },
    private readonly enabled = true,
    /** Hears every lock set, after it is logged (the admin's list: accounts/lockouts.ts); its failure never fails the log-in. */
    private readonly onLockout: (l: Lockout) => Promise<void> = async () => {},
  ) {}

  /** Throws 429 RATE_LIMITED (with `retryAfterMs` in details) while the e-mail or the address is locked. */
  async check(email: string, ip: string): Promise<void> {
    if (!this.enabled) return;
    const [acct, addr] = await Promise.all([this.store.lockedForMs(accountKey(email)), this.store.lockedForMs(ipKey(ip))]);
    const ms = Math.max(acct, addr);
    if (ms > 0) throw refusal(ms);
  }

  /** Counts a failed attempt (`userId`: the e-mail's account, if it has one); locks the e-mail or the address when they went over. */
  async failed(email: string, ip: string, userId: string | null = null): Promise<void> {
    if (!this.enabled) return;
    const a = accountKey(email);
    const [n, m] = await Promise.all([this.store.fail(a, this.s.failureWindowMs), this.store.fail(ipKey(ip), this.s.failureWindowMs)]);
    const lock = lockMsAfter(n, this.s);
    if (lock > 0) {
      await this.store.lock(a, lock);
      // Credential stuffing or a forgotten password: visible in the log either way (the e-mail as a hash), and to the admin.
      this.log.warn({ account: a, ip, failures: n, lockMs: lock }, 'log-in locked after repeated failures');
      await this.report({ scope: 'account', account: a, userId, ip, failures: n, lockMs: lock });
    }
    if (m >= this.s.failuresPerIp) {
      await this.store.lock(ipKey(ip), this.s.lockMaxMs);
      if (m === this.s.failuresPerIp) {
        this.log.warn({ ip, failures: m, lockMs: this.s.lockMaxMs }, 'log-in refused for an address after repeated failures');
        await this.report({ scope: 'address', account: null, userId: null, ip, failures: m, lockMs: this.s.lockMaxMs });
      }
    }
  }

  private async report(l: Lockout): Promise<void> {
    try {
      await this.onLockout(l);
    } catch (err) {
      this.log.warn({ err, ip: l.ip }, 'log-in lockout not recorded');
    }
  }

  /** A success: the e-mail's failures are forgotten (the address's are not). */
  async succeeded(email: string): Promise<void> {
    if (!this.enabled) return;
    await this.store.clear(accountKey(email));
  }
}

const accountKey = (email: string) => `login:acct:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32)}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

function refusal(ms: number): AppError {
  const seconds = Math.ceil(ms / 1000);
  return new AppError('RATE_LIMITED', `Too many failed log-ins; try again in ${seconds} s.`, { retryAfterMs: ms });
}

/**
 * Rate limits of the waiting-room routes (join, poll, reserve), per account and per client
 * address, kept in the engine rather than through a generic plugin call pair per request: a
 * fixed one-minute window per key, counted in a Map.
 *
 * Embedded, the counts are exact. Scaled out, each process counts locally and adds its counts to
 * Redis every `syncMs` (one pipelined round trip for every key that moved), reading back the
 * deployment's totals; a key is refused once local + last known remote reaches the limit. So a
 * limit holds across every process within what the processes admit between two syncs — these
 * limits protect against abuse, they decide nothing about stock.
 */
import type { Redis } from 'ioredis';

/** The routes with waiting-room limits. */
export type LimitedRoute = 'join' | 'poll' | 'reserve';

/** Per-minute limits of one route. */
export interface RouteLimit {
  perAccountPerMinute: number;
  perIpPerMinute: number;
}

const WINDOW_MS = 60_000;
/** Most keys counted at once (a flood of fresh addresses cannot grow the Map without bound). */
const MAX_KEYS = 500_000;

interface Counter {
  window: number;
  local: number;
  /** Counts of the other processes in this window (last sync). */
  remote: number;
  /** Local counts not yet added to Redis. */
  unsynced: number;
}

/** Per-account and per-address limits of the waiting-room routes (see the file comment). */
export class WaitingRoomLimits {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly limits: Record<LimitedRoute, RouteLimit>,
    private readonly now: () => number,
    private readonly shared: { redis: Redis; prefix: string; syncMs?: number } | null = null,
  ) {
    if (shared) {
      this.timer = setInterval(() => void this.sync(), shared.syncMs ?? 200);
      this.timer.unref();
    }
  }

  /**
   * Counts one request of `route` by this account from this address; returns the seconds to
   * wait when either limit is reached (the request is then not counted), else 0.
   */
  take(route: LimitedRoute, accountId: string, ip: string): number {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    const l = this.limits[route];
    const a = this.counter(`${route}:a:${accountId}`, window);
    const i = this.counter(`${route}:i:${ip}`, window);
    if (a.local + a.remote >= l.perAccountPerMinute || i.local + i.remote >= l.perIpPerMinute) return Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
    a.local++;
    a.unsynced++;
    i.local++;
    i.unsynced++;
    return 0;
  }

  private counter(key: string, window: number): Counter {
    let c = this.counters.get(key);
    if (!c || c.window !== window) {
      if (!c && this.counters.size >= MAX_KEYS) this.prune(window);
      c = { window, local: 0, remote: 0, unsynced: 0 };
      this.counters.set(key, c);
    }
    return c;
  }

  /** Drops counters of past windows (and, if that is not enough, the oldest ones). */
  private prune(window: number): void {
    for (const [k, c] of this.counters) if (c.window !== window) this.counters.delete(k);
    if (this.counters.size < MAX_KEYS) return;
    let n = this.counters.size - MAX_KEYS / 2;
    for (const k of this.counters.keys()) {
      if (n-- <= 0) break;
      this.counters.delete(k);
    }
  }

  /** Scale-out: adds local counts to Redis and reads back the deployment's totals (one pipeline). */
  sync(): Promise<void> {
    if (!this.shared || this.syncing) return this.syncing ?? Promise.resolve();
    const { redis, prefix } = this.shared;
    const window = Math.floor(this.now() / WINDOW_MS);
    const moved = [...this.counters].filter(([, c]) => c.window === window && c.unsynced > 0).map(([k, c]) => ({ k, c, n: c.unsynced }));
    if (moved.length === 0) return Promise.resolve();
    const p = redis.pipeline();
    for (const m of moved) {
      const key = `${prefix}rl:${window}:${m.k}`;
      p.incrby(key, m.n);
      p.pexpire(key, WINDOW_MS * 2);
      m.c.unsynced = 0;
    }
    this.syncing = p
      .exec()
      .then((res) => {
        moved.forEach((m, n) => {
          const total = Number(res?.[n * 2]?.[1] ?? 0);
          if (m.c.window === window) m.c.remote = Math.max(0, total - m.c.local);
        });
      })
      .catch(() => {
        // Redis away: the counts stay local until it is back (the next sync adds them).
        for (const m of moved) m.c.unsynced += m.n;
      })
      .finally(() => {
        this.syncing = null;
      });
    return this.syncing;
  }

  /** Stops syncing. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * Scale-out live state in Redis, shared by every app process (see live-state.ts for the
 * interfaces and the memory twin):
 *
 * - rooms: RedisWaitingRoom (redis-room.ts);
 * - registrations: a SET per launch, restored from launch_registrations when lost; a miss is
 *   checked against the ledger (a registration committed while Redis was being restored);
 * - signals: one pub/sub channel; each process skips its own messages;
 * - metrics: each process counts locally and adds its deltas to a hash per launch every second
 *   (HINCRBY); totals are that hash plus this process's deltas not yet flushed;
 * - settle queue: a sorted set per launch of holds whose ledger status is changing, so a
 *   process that dies between the commit and the authority's update leaves the work behind
 *   for any other process.
 *
 * Every key carries the launch's hash tag {launchId} (one Redis Cluster shard per launch),
 * except the signal channel.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Launch } from '../db/schema.js';
import type { LaunchLedger } from './ledger.js';
import { RedisWaitingRoom } from './redis-room.js';
import { defineScripts } from './redis-scripts.js';
import { roomSettingsOf, type LaunchMetrics, type LaunchRegistrations, type LaunchSignal, type LiveState, type MetricTotals, type SettleQueue } from './live-state.js';

/** Settings of the Redis live state. */
export interface RedisLiveOptions {
  /** Commands (shared with the stock authority and the rate limiter). */
  redis: Redis;
  /** A second connection for pub/sub (a subscribed connection can do nothing else). */
  subscriber: Redis;
  prefix: string;
  /** What rooms and registrations are rebuilt from. */
  ledger: LaunchLedger;
  now: () => number;
  /** How often local metric deltas are added to the shared totals (default 1 s). */
  metricsFlushMs?: number;
  log?: { error(obj: unknown, msg: string): void };
}

const tag = (prefix: string, launchId: string) => `${prefix}{${launchId}}`;

class RedisRegistrations implements LaunchRegistrations {
  private readonly loaded: string;
  private readonly set: string;
  /** Buyers known to be registered (a registration is never taken back once acknowledged). */
  private readonly known = new Set<string>();

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly launchId: string,
    private readonly ledger: LaunchLedger,
  ) {
    this.loaded = `${tag(prefix, launchId)}:reg:loaded`;
    this.set = `${tag(prefix, launchId)}:reg`;
  }

  private async run(cmd: 'fmRegHas' | 'fmRegAdd' | 'fmRegCount', buyerId?: string): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const n = Number(await this.redis[cmd](this.loaded, this.set, ...(buyerId ? [buyerId] : [])));
      if (n !== -1) return n;
      await this.restore();
    }
    throw new Error('registrations could not be restored');
  }

  /** Restores the set from the ledger (idempotent: SADD of what the ledger has, then the marker). */
  async restore(): Promise<void> {
    const ids = await this.ledger.registrations(this.launchId);
    const m = this.redis.multi();
    for (let i = 0; i < ids.length; i += 1000) m.sadd(this.set, ...ids.slice(i, i + 1000));
    m.set(this.loaded, '1');
    await m.exec();
  }

  async has(buyerId: string): Promise<boolean> {
    if (this.known.has(buyerId)) return true;
    let yes = (await this.run('fmRegHas', buyerId)) === 1;
    // Not in Redis: it may have been committed while Redis was being restored; the ledger knows.
    if (!yes && (await this.ledger.isRegistered(this.launchId, buyerId))) {
      await this.run('fmRegAdd', buyerId);
      yes = true;
    }
    if (yes && this.known.size < 1_000_000) this.known.add(buyerId);
    return yes;
  }

  async add(buyerId: string): Promise<boolean> {
    return (await this.run('fmRegAdd', buyerId)) === 1;
  }

  async remove(buyerId: string): Promise<void> {
    this.known.delete(buyerId);
    await this.redis.srem(this.set, buyerId);
  }

  async count(): Promise<number> {
    return this.run('fmRegCount');
  }
}

class RedisSettleQueue implements SettleQueue {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  private key(launchId: string) {
    return `${tag(this.prefix, launchId)}:settle`;
  }
  async add(launchId: string, holdIds: string[], at: number) {
    if (holdIds.length) await this.redis.zadd(this.key(launchId), 'NX', ...holdIds.flatMap((id) => [at, id]));
  }
  async pending(launchId: string, offset = 0, limit = 1000) {
    const raw = await this.redis.zrange(this.key(launchId), offset, offset + limit - 1, 'WITHSCORES');
    const out: Array<{ holdId: string; at: number }> = [];
    for (let i = 0; i < raw.length; i += 2) out.push({ holdId: raw[i]!, at: Number(raw[i + 1]) });
    return out;
  }
  async done(launchId: string, holdIds: string[]) {
    for (let i = 0; i < holdIds.length; i += 1000) await this.redis.zrem(this.key(launchId), ...holdIds.slice(i, i + 1000));
  }
  async launches(candidates: () => Promise<string[]>) {
    return candidates();
  }
}

const METRIC_FIELDS = ['attempts', 'holds', 'payments'] as const;

/** Scale-out live state over Redis (see the file comment). */
export function redisLiveState(o: RedisLiveOptions): LiveState & { flushMetrics(): Promise<void> } {
  const { redis, prefix } = o;
  const origin = randomUUID();
  const channel = `${prefix}signals`;
  defineScripts(redis); // now, before any automatic pipeline is open


  const handlers: Array<(launchId: string, signal: LaunchSignal) => void> = [];
  void o.subscriber.subscribe(channel).catch((err: unknown) => o.log?.error({ err }, 'signal subscription failed'));
  o.subscriber.on('message', (ch: string, msg: string) => {
    if (ch !== channel) return;
    const [from, signal, launchId] = msg.split('|') as [string, LaunchSignal, string];
    if (from === origin || !launchId) return;
    for (const h of handlers) h(launchId, signal);
  });

  // Metrics: what was added to the shared hash so far, per launch.
  const tracked = new Map<string, { local: LaunchMetrics; flushed: MetricTotals }>();
  const zero = (): MetricTotals => ({ attempts: 0, holds: 0, payments: 0, rejections: {} });
  const metricsKey = (launchId: string) => `${tag(prefix, launchId)}:metrics`;
  const delta = (t: { local: LaunchMetrics; flushed: MetricTotals }): MetricTotals => {
    const d = zero();
    for (const f of METRIC_FIELDS) d[f] = t.local[f] - t.flushed[f];
    for (const [code, n] of Object.entries(t.local.rejections)) {
      const x = n - (t.flushed.rejections[code] ?? 0);
      if (x) d.rejections[code] = x;
    }
    return d;
  };
  let flushing: Promise<void> | null = null;
  const flushMetrics = async () => {
    if (flushing) return flushing;
    flushing = (async () => {
      for (const [launchId, t] of tracked) {
        const d = delta(t);
        const ops: Array<[string, number]> = [...METRIC_FIELDS.filter((f) => d[f]).map((f) => [f, d[f]] as [string, number]), ...Object.entries(d.rejections).map(([c, n]) => [`rej:${c}`, n] as [string, number])];
        if (ops.length === 0) continue;
        const m = redis.multi();
        for (const [f, n] of ops) m.hincrby(metricsKey(launchId), f, n);
        await m.exec();
        for (const f of METRIC_FIELDS) t.flushed[f] += d[f];
        for (const [c, n] of Object.entries(d.rejections)) t.flushed.rejections[c] = (t.flushed.rejections[c] ?? 0) + n;
      }
    })()
      .catch((err: unknown) => o.log?.error({ err }, 'metrics flush failed'))
      .finally(() => {
        flushing = null;
      });
    return flushing;
  };
  const timer = setInterval(() => void flushMetrics(), o.metricsFlushMs ?? 1000);
  timer.unref();

  return {
    kind: 'redis',
    shared: true,
    async room(launchId: string, row: Launch) {
      const room = new RedisWaitingRoom(redis, launchId, roomSettingsOf(row), { prefix, ledger: o.ledger, now: o.now });
      await room.ensure();
      return room;
    },
    async registrations(launchId: string) {
      const regs = new RedisRegistrations(redis, prefix, launchId, o.ledger);
      if (!(await redis.exists(`${tag(prefix, launchId)}:reg:loaded`))) await regs.restore();
      return regs;
    },
    trackMetrics(launchId: string, local: LaunchMetrics) {
      if (!tracked.has(launchId)) tracked.set(launchId, { local, flushed: zero() });
    },
    async metricTotals(launchId: string, local: LaunchMetrics) {
      const shared = await redis.hgetall(metricsKey(launchId));
      const t = tracked.get(launchId);
      const own = t ? delta(t) : { ...zero(), attempts: local.attempts, holds: local.holds, payments: local.payments, rejections: { ...local.rejections } };
      const out = zero();
      for (const f of METRIC_FIELDS) out[f] = Number(shared[f] ?? 0) + own[f];
      for (const [field, v] of Object.entries(shared)) if (field.startsWith('rej:')) out.rejections[field.slice(4)] = Number(v);
      for (const [c, n] of Object.entries(own.rejections)) out.rejections[c] = (out.rejections[c] ?? 0) + n;
      return out;
    },
    publish(launchId: string, signal: LaunchSignal) {
      void redis.publish(channel, `${origin}|${signal}|${launchId}`).catch((err: unknown) => o.log?.error({ err }, 'signal publish failed'));
    },
    subscribe(fn) {
      handlers.push(fn);
    },
    settleQueue: new RedisSettleQueue(redis, prefix),
    flushMetrics,
    async close() {
      clearInterval(timer);
      await flushMetrics();
    },
  };
}

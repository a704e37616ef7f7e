/**
 * The scale-out stock authority: the same decisions as the in-memory one, made by Lua
 * scripts in Redis so any number of app processes share one set of counters. Every key of
 * a launch carries the hash tag {launchId}, so a launch lives on one Redis Cluster shard
 * and each script is atomic there.
 *
 * Redis is not the ledger: it keeps nothing on disk here. PostgreSQL's holds table is the
 * record; the authority is rebuilt from it when Redis has lost a launch (restart, FLUSHALL),
 * after a grace period that lets holds already taken but still being committed reach the
 * ledger, so a rebuild cannot hand out a unit twice. `reconcile` releases units that were
 * taken in Redis but never made it to the ledger (a process killed mid-request, an ambiguous
 * timeout), so they are not stranded.
 */
import type { Redis } from 'ioredis';
import { assertBalanced, type LedgerHold, type Refusal, type SkuCounts, type StockAuthority, type TakeRequest, type TakeResult } from './stock-authority.js';

/** How long a refusal answer is remembered for its idempotency key. */
const REFUSAL_TTL_SECONDS = 3600;

const keys = (prefix: string, launchId: string) => {
  const t = `${prefix}{${launchId}}`;
  return {
    loaded: `${t}:loaded`,
    rebuild: `${t}:rebuild`,
    allot: `${t}:allot`,
    avail: `${t}:avail`,
    held: `${t}:held`,
    sold: `${t}:sold`,
    units: `${t}:units`,
    holds: `${t}:holds`,
    answer: (buyerId: string, key: string) => `${t}:ans:${buyerId}:${key}`,
  };
};

const TAKE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_loaded', ''} end
local prev = redis.call('GET', KEYS[7])
if prev then return {'replay', prev} end
local sku, buyer, qty, limit, holdId = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local avail = redis.call('HGET', KEYS[2], sku)
local ans
if not avail then ans = 'no:UNKNOWN_SKU'
else
  avail = tonumber(avail)
  local units = tonumber(redis.call('HGET', KEYS[5], buyer) or '0')
  if units + qty > limit then ans = 'no:LIMIT_REACHED'
  elseif avail == 0 then ans = 'no:SOLD_OUT'
  elseif avail < qty then ans = 'no:NOT_ENOUGH_UNITS'
  else
    redis.call('HINCRBY', KEYS[2], sku, -qty)
    redis.call('HINCRBY', KEYS[3], sku, qty)
    redis.call('HINCRBY', KEYS[5], buyer, qty)
    redis.call('HSET', KEYS[6], holdId, sku .. '|' .. buyer .. '|' .. qty .. '|h|' .. ARGV[7] .. '|' .. ARGV[8])
    ans = 'ok:' .. holdId
  end
end
if string.sub(ans, 1, 3) == 'ok:' then redis.call('SET', KEYS[7], ans) else redis.call('SET', KEYS[7], ans, 'EX', ARGV[6]) end
return {'fresh', ans}
`;

// KEYS: avail, held, sold, units, holds; ARGV: holdId, 'release'|'sell'
const SETTLE = `
local h = redis.call('HGET', KEYS[5], ARGV[1])
if not h then return 0 end
local sku, buyer, qty, state, takenAt, key = string.match(h, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
qty = tonumber(qty)
if state ~= 'h' then return 0 end
redis.call('HINCRBY', KEYS[2], sku, -qty)
if ARGV[2] == 'release' then
  redis.call('HINCRBY', KEYS[1], sku, qty)
  redis.call('HINCRBY', KEYS[4], buyer, -qty)
  redis.call('HDEL', KEYS[5], ARGV[1])
else
  redis.call('HINCRBY', KEYS[3], sku, qty)
  redis.call('HSET', KEYS[5], ARGV[1], sku .. '|' .. buyer .. '|' .. qty .. '|s|' .. takenAt .. '|' .. key)
end
return 1
`;

export interface RedisAuthorityOptions {
  redis: Redis;
  /** Key prefix (tests use one of their own). */
  prefix?: string;
  /** Time for holds already taken to reach the ledger before a rebuild reads it. */
  rebuildGraceMs?: number;
  now?: () => number;
}

/** Stock authority over Redis Lua scripts (scale-out mode). */
export class RedisStockAuthority implements StockAuthority {
  readonly name = 'redis';
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly graceMs: number;
  private readonly now: () => number;
  /** How to read the ledger for a launch, registered by `load` (used to rebuild after a loss). */
  private readonly ledgers = new Map<string, () => Promise<{ items: Array<{ skuId: string; allotment: number }>; holds: LedgerHold[] }>>();

  constructor(o: RedisAuthorityOptions) {
    this.redis = o.redis;
    this.prefix = o.prefix ?? 'fm:';
    this.graceMs = o.rebuildGraceMs ?? 1500;
    this.now = o.now ?? Date.now;
    this.redis.defineCommand('fmTake', { numberOfKeys: 7, lua: TAKE });
    this.redis.defineCommand('fmSettle', { numberOfKeys: 5, lua: SETTLE });
  }

  /**
   * Remembers how to read this launch's ledger and makes sure Redis holds the launch: if it
   * already does (another process loaded it), Redis stays the live truth; if not, it is
   * rebuilt from the ledger.
   */
  async load(launchId: string, items: Array<{ skuId: string; allotment: number }>, holds: LedgerHold[], readLedger?: () => Promise<{ items: Array<{ skuId: string; allotment: number }>; holds: LedgerHold[] }>): Promise<void> {
    if (readLedger) this.ledgers.set(launchId, readLedger);
    const k = keys(this.prefix, launchId);
    if (await this.redis.exists(k.loaded)) return;
    await this.rebuild(launchId, readLedger ? undefined : { items, holds });
  }

  /**
   * Rebuilds a launch from the ledger, once across all processes (a lock in Redis). The
   * ledger is read only after the grace period, so holds decided before the loss and still
   * being committed are counted.
   */
  async rebuild(launchId: string, snapshot?: { items: Array<{ skuId: string; allotment: number }>; holds: LedgerHold[] }): Promise<void> {
    const k = keys(this.prefix, launchId);
    const got = await this.redis.set(k.rebuild, String(this.now()), 'PX', this.graceMs + 10_000, 'NX');
    if (!got) {
      // Someone else is rebuilding: wait for it.
      for (let i = 0; i < 200 && !(await this.redis.exists(k.loaded)); i++) await sleep(50);
      return;
    }
    try {
      const freshSnapshot = !snapshot || this.graceMs > 0;
      if (freshSnapshot) await sleep(this.graceMs);
      const read = this.ledgers.get(launchId);
      const { items, holds } = freshSnapshot && read ? await read() : snapshot!;
      const counts = new Map(items.map((i) => [i.skuId, { skuId: i.skuId, allotment: i.allotment, available: i.allotment, held: 0, sold: 0 } as SkuCounts]));
      const units = new Map<string, number>();
      const m = this.redis.multi();
      m.del(k.allot, k.avail, k.held, k.sold, k.units, k.holds);
      for (const h of holds) {
        const c = counts.get(h.skuId);
        if (!c) continue;
        m.set(k.answer(h.buyerId, h.idempotencyKey), `ok:${h.id}`);
        // Ended holds (expired, cancelled) take no units; only their answers are kept.
        if (h.status !== 'held' && h.status !== 'paid') continue;
        c.available -= h.quantity;
        if (h.status === 'held') c.held += h.quantity;
        else c.sold += h.quantity;
        units.set(h.buyerId, (units.get(h.buyerId) ?? 0) + h.quantity);
        m.hset(k.holds, h.id, `${h.skuId}|${h.buyerId}|${h.quantity}|${h.status === 'held' ? 'h' : 's'}|0|${h.idempotencyKey}`);
      }
      for (const c of counts.values()) {
        assertBalanced(c);
        m.hset(k.allot, c.skuId, c.allotment);
        m.hset(k.avail, c.skuId, c.available);
        m.hset(k.held, c.skuId, c.held);
        m.hset(k.sold, c.skuId, c.sold);
      }
      for (const [b, n] of units) m.hset(k.units, b, n);
      m.set(k.loaded, String(this.now()));
      await m.exec();
    } finally {
      await this.redis.del(k.rebuild);
    }
  }

  async take(req: TakeRequest): Promise<TakeResult> {
    const k = keys(this.prefix, req.launchId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const [kind, ans] = (await (this.redis as any).fmTake(
        k.loaded, k.avail, k.held, k.sold, k.units, k.holds, k.answer(req.buyerId, req.idempotencyKey),
        req.skuId, req.buyerId, req.quantity, req.perBuyerLimit, req.holdId, REFUSAL_TTL_SECONDS, this.now(), req.idempotencyKey,
      )) as [string, string];
      if (kind === 'not_loaded') {
        await this.rebuild(req.launchId);
        continue;
      }
      const replayed = kind === 'replay';
      if (ans.startsWith('ok:')) return { ok: true, holdId: ans.slice(3), replayed };
      return { ok: false, reason: ans.slice(3) as Refusal, replayed };
    }
    throw new Error('stock authority could not load the launch');
  }

  private async settle(launchId: string, holdId: string, how: 'release' | 'sell'): Promise<boolean> {
    const k = keys(this.prefix, launchId);
    const n = (await (this.redis as any).fmSettle(k.avail, k.held, k.sold, k.units, k.holds, holdId, how)) as number;
    return n === 1;
  }

  release(launchId: string, holdId: string): Promise<boolean> {
    return this.settle(launchId, holdId, 'release');
  }

  sell(launchId: string, holdId: string): Promise<boolean> {
    return this.settle(launchId, holdId, 'sell');
  }

  async counts(launchId: string): Promise<SkuCounts[]> {
    const k = keys(this.prefix, launchId);
    const [allot, avail, held, sold] = await Promise.all([k.allot, k.avail, k.held, k.sold].map((key) => this.redis.hgetall(key)));
    return Object.keys(allot!).map((skuId) => ({ skuId, allotment: Number(allot![skuId]), available: Number(avail![skuId] ?? 0), held: Number(held![skuId] ?? 0), sold: Number(sold![skuId] ?? 0) }));
  }

  async hasAnswer(launchId: string, buyerId: string, key: string): Promise<boolean> {
    return (await this.redis.exists(keys(this.prefix, launchId).answer(buyerId, key))) === 1;
  }

  async forget(launchId: string, buyerId: string, key: string): Promise<void> {
    await this.redis.del(keys(this.prefix, launchId).answer(buyerId, key));
  }

  async unload(launchId: string): Promise<void> {
    this.ledgers.delete(launchId);
  }

  /**
   * Releases units taken in Redis that never reached the ledger: holds still 'held' in Redis,
   * older than `olderThanMs`, for which `inLedger` says no row exists. Returns how many.
   */
  async reconcile(launchId: string, olderThanMs: number, inLedger: (holdIds: string[]) => Promise<Set<string>>): Promise<number> {
    const k = keys(this.prefix, launchId);
    const all = await this.redis.hgetall(k.holds);
    const cutoff = this.now() - olderThanMs;
    const suspects = Object.entries(all)
      .map(([id, v]) => {
        const [, buyerId, , state, takenAt, key] = v.split('|');
        return { id, buyerId: buyerId!, state, takenAt: Number(takenAt), key: key! };
      })
      .filter((h) => h.state === 'h' && h.takenAt > 0 && h.takenAt < cutoff);
    if (suspects.length === 0) return 0;
    const present = await inLedger(suspects.map((h) => h.id));
    let n = 0;
    for (const h of suspects) {
      if (present.has(h.id)) continue;
      // Never acknowledged (it is not in the ledger): the unit goes back and the key may be used again.
      if (await this.release(launchId, h.id)) {
        await this.forget(launchId, h.buyerId, h.key);
        n++;
      }
    }
    return n;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The scale-out stock authority: the same decisions as the in-memory one, made by Lua
 * scripts in Redis so any number of app processes share one set of counters.
 *
 * Layout. A launch's stock lives in one or more *buckets*. Every key of bucket 0 carries the
 * hash tag {launchId}; bucket b > 0 carries {launchId/b}. A Redis Cluster puts each tag on one
 * shard and every script touches the keys of one bucket only, so each decision is atomic
 * there. A buyer always belongs to the same bucket (a hash of the buyer id): the per-buyer
 * limit, the idempotency answers and the buyer's holds live with the stock that bucket sells,
 * so a take is still one atomic script. With one bucket (the default) this is simply "one
 * launch, one shard". With several, a hot SKU is spread over several shards; when a buyer's
 * bucket runs dry it *borrows* units from another bucket (a two-step transfer recorded on both
 * sides, finished by `reconcile` should a process die in between), and only when no bucket
 * has anything left is the answer SOLD_OUT. The totals (counts) are launch-wide:
 * allotment is fixed, held and sold are summed over buckets, available is the rest — units in
 * transit between buckets count as available.
 *
 * Redis is not the ledger: it keeps nothing on disk here. PostgreSQL's holds table is the
 * record; the authority is rebuilt from it when Redis has lost a launch (restart, FLUSHALL),
 * after a grace period that lets holds already taken but still being committed reach the
 * ledger, so a rebuild cannot hand out a unit twice. Taken holds are watched (a `pending` set)
 * until the caller `confirm`s their commit; `reconcile` releases units that were taken in
 * Redis but never made it to the ledger (a process killed mid-request, an ambiguous timeout),
 * so they are not stranded, and settles holds the ledger settled while their process died.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../http/errors.js';
import { assertBalanced, type LedgerHold, type LedgerLookup, type LedgerReader, type LedgerSnapshot, type Refusal, type SkuCounts, type StockAuthority, type TakeRequest, type TakeResult } from './stock-authority.js';

/** How long a refusal answer is remembered for its idempotency key. */
const REFUSAL_TTL_SECONDS = 3600;

/** The keys of one bucket of a launch (plus the launch-wide ones, kept with bucket 0). */
function bucketKeys(prefix: string, launchId: string, bucket: number) {
  const t = bucket === 0 ? `${prefix}{${launchId}}` : `${prefix}{${launchId}/${bucket}}`;
  return {
    loaded: `${t}:loaded`,
    allot: `${t}:allot`,
    avail: `${t}:avail`,
    held: `${t}:held`,
    sold: `${t}:sold`,
    units: `${t}:units`,
    holds: `${t}:holds`,
    pending: `${t}:pending`,
    xout: `${t}:xout`,
    xin: `${t}:xin`,
    answer: (buyerId: string, key: string) => `${t}:ans:${buyerId}:${key}`,
  };
}
type BucketKeys = ReturnType<typeof bucketKeys>;

/** Launch-wide keys (bucket 0's hash tag). */
function launchKeys(prefix: string, launchId: string) {
  const t = `${prefix}{${launchId}}`;
  return { rebuild: `${t}:rebuild`, total: `${t}:total` };
}

// KEYS: loaded, avail, held, units, holds, answer, pending
// ARGV: sku, buyer, qty, limit, holdId, refusalTtl, now, key, final ('1': remember a SOLD_OUT / NOT_ENOUGH_UNITS answer)
const TAKE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_loaded', '', 0, 0} end
local prev = redis.call('GET', KEYS[6])
if prev then return {'replay', prev, 0, 0} end
local sku, buyer, qty, limit, holdId = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local avail = redis.call('HGET', KEYS[2], sku)
local units = tonumber(redis.call('HGET', KEYS[4], buyer) or '0')
local ans
if not avail then ans = 'no:UNKNOWN_SKU'
else
  avail = tonumber(avail)
  if units + qty > limit then ans = 'no:LIMIT_REACHED'
  elseif avail == 0 then ans = 'no:SOLD_OUT'
  elseif avail < qty then ans = 'no:NOT_ENOUGH_UNITS'
  else
    redis.call('HINCRBY', KEYS[2], sku, -qty)
    redis.call('HINCRBY', KEYS[3], sku, qty)
    redis.call('HINCRBY', KEYS[4], buyer, qty)
    redis.call('HSET', KEYS[5], holdId, sku .. '|' .. buyer .. '|' .. qty .. '|h|' .. ARGV[7] .. '|' .. ARGV[8])
    redis.call('ZADD', KEYS[7], ARGV[7], holdId)
    redis.call('SET', KEYS[6], 'ok:' .. holdId)
    return {'fresh', 'ok:' .. holdId, units + qty, avail - qty}
  end
end
if ARGV[9] == '1' or ans == 'no:LIMIT_REACHED' or ans == 'no:UNKNOWN_SKU' then redis.call('SET', KEYS[6], ans, 'EX', ARGV[6]) end
return {'fresh', ans, units, avail or 0}
`;

// KEYS: loaded, avail, held, sold, units, holds, pending; ARGV: holdId, 'release'|'sell'
const SETTLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local h = redis.call('HGET', KEYS[6], ARGV[1])
if not h then return 0 end
local sku, buyer, qty, state, takenAt, key = string.match(h, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')
qty = tonumber(qty)
if state ~= 'h' then return 0 end
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('HINCRBY', KEYS[3], sku, -qty)
if ARGV[2] == 'release' then
  redis.call('HINCRBY', KEYS[2], sku, qty)
  redis.call('HINCRBY', KEYS[5], buyer, -qty)
  redis.call('HDEL', KEYS[6], ARGV[1])
else
  redis.call('HINCRBY', KEYS[4], sku, qty)
  redis.call('HSET', KEYS[6], ARGV[1], sku .. '|' .. buyer .. '|' .. qty .. '|s|' .. takenAt .. '|' .. key)
end
return 1
`;

// KEYS: loaded, holds, pending; ARGV: hold ids. Returns the ids the bucket does not hold ({-1} when not loaded).
const CONFIRM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
redis.call('ZREM', KEYS[3], unpack(ARGV))
local missing = {}
for i = 1, #ARGV do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 0 then missing[#missing + 1] = ARGV[i] end
end
return missing
`;

// KEYS: loaded, avail, held, sold, units, holds, answer; ARGV: holdId, sku, buyer, qty, 'h'|'s', key
// Takes a committed hold's units again after a rebuild that missed it: 1 done, 0 already there, -1 not loaded, -2 no units left.
const ADOPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[6], ARGV[1]) == 1 then return 0 end
local qty = tonumber(ARGV[4])
local avail = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '-1')
if avail < qty then return -2 end
redis.call('HINCRBY', KEYS[2], ARGV[2], -qty)
if ARGV[5] == 'h' then redis.call('HINCRBY', KEYS[3], ARGV[2], qty) else redis.call('HINCRBY', KEYS[4], ARGV[2], qty) end
redis.call('HINCRBY', KEYS[5], ARGV[3], qty)
redis.call('HSET', KEYS[6], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. qty .. '|' .. ARGV[5] .. '|0|' .. ARGV[6])
redis.call('SET', KEYS[7], 'ok:' .. ARGV[1])
return 1
`;

// Donor side of a transfer. KEYS: loaded, avail, allot, xout; ARGV: sku, want, transferId, recipient, now
// Moves half of what the bucket has (at least what is wanted, or all it has if less). Returns the
// units moved out (0: this bucket is dry too; -1: not loaded) and what the bucket had.
const BORROW = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local avail = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local want = tonumber(ARGV[2])
if avail <= 0 then return {0, 0} end
local k = math.max(math.min(avail, want), math.floor(avail / 2))
redis.call('HINCRBY', KEYS[2], ARGV[1], -k)
redis.call('HINCRBY', KEYS[3], ARGV[1], -k)
redis.call('HSET', KEYS[4], ARGV[3], ARGV[4] .. '|' .. ARGV[1] .. '|' .. k .. '|' .. ARGV[5])
return {k, avail}
`;

// Recipient side. KEYS: loaded, avail, allot, xin; ARGV: transferId, sku, k. 1 delivered, 0 already, -1 not loaded.
const DELIVER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[2], tonumber(ARGV[3]))
redis.call('HINCRBY', KEYS[3], ARGV[2], tonumber(ARGV[3]))
return 1
`;

/** Settings of the Redis authority. */
export interface RedisAuthorityOptions {
  redis: Redis;
  /** Key prefix (tests use one of their own). */
  prefix?: string;
  /** Time for holds already taken to reach the ledger before a rebuild reads it. */
  rebuildGraceMs?: number;
  /** Stock buckets per launch (1: one shard per launch; more spread a hot SKU over shards). */
  buckets?: number;
  now?: () => number;
  /** Where to report what only an operator can act on (a committed hold that no longer fits). */
  log?: { error(obj: unknown, msg: string): void };
}

/** FNV-1a over the buyer id: the buyer's bucket, the same in every process. */
export function bucketOf(buyerId: string, buckets: number): number {
  if (buckets <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < buyerId.length; i++) {
    h ^= buyerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/** Stock authority over Redis Lua scripts (scale-out mode). */
export class RedisStockAuthority implements StockAuthority {
  readonly name = 'redis';
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly graceMs: number;
  private readonly buckets: number;
  private readonly now: () => number;
  private readonly log: RedisAuthorityOptions['log'];
  /** How to read the ledger for a launch, registered by `load` (used to rebuild after a loss). */
  private readonly ledgers = new Map<string, LedgerReader>();
  /** Rebuilds this process is running or waiting for, per launch (callers share them). */
  private readonly rebuilding = new Map<string, Promise<void>>();
  /** Rebuilds this process has run (monitoring and tests). */
  rebuilds = 0;

  constructor(o: RedisAuthorityOptions) {
    this.redis = o.redis;
    this.prefix = o.prefix ?? 'fm:';
    this.graceMs = o.rebuildGraceMs ?? 1500;
    this.buckets = Math.max(1, Math.floor(o.buckets ?? 1));
    this.now = o.now ?? Date.now;
    this.log = o.log;
    this.redis.defineCommand('fmTake', { numberOfKeys: 7, lua: TAKE });
    this.redis.defineCommand('fmSettle', { numberOfKeys: 7, lua: SETTLE });
    this.redis.defineCommand('fmConfirm', { numberOfKeys: 3, lua: CONFIRM });
    this.redis.defineCommand('fmAdopt', { numberOfKeys: 7, lua: ADOPT });
    this.redis.defineCommand('fmBorrow', { numberOfKeys: 4, lua: BORROW });
    this.redis.defineCommand('fmDeliver', { numberOfKeys: 4, lua: DELIVER });
  }

  private get r(): any {
    return this.redis;
  }

  private k(launchId: string, bucket: number): BucketKeys {
    return bucketKeys(this.prefix, launchId, bucket);
  }

  private home(launchId: string, buyerId: string): BucketKeys {
    return this.k(launchId, bucketOf(buyerId, this.buckets));
  }

  /**
   * Remembers how to read this launch's ledger and makes sure Redis holds the launch: if it
   * already does (another process loaded it), Redis stays the live truth; if not, it is
   * rebuilt from the ledger.
   */
  async load(launchId: string, items: Array<{ skuId: string; allotment: number }>, holds: LedgerHold[], readLedger?: LedgerReader): Promise<void> {
    if (readLedger) this.ledgers.set(launchId, readLedger);
    if (await this.allLoaded(launchId)) return;
    await this.rebuild(launchId, readLedger ? undefined : { items, holds });
  }

  private async allLoaded(launchId: string): Promise<boolean> {
    const n = await Promise.all(Array.from({ length: this.buckets }, (_, b) => this.redis.exists(this.k(launchId, b).loaded)));
    return n.every((x) => x === 1);
  }

  /**
   * Rebuilds a launch from the ledger, once across all processes (a lock in Redis). Every
   * bucket stops deciding first; the ledger is read only after the grace period (unless the
   * snapshot is quiet: nothing can have been taken yet), so holds decided before the loss and
   * still being committed are counted.
   */
  rebuild(launchId: string, snapshot?: LedgerSnapshot): Promise<void> {
    let p = this.rebuilding.get(launchId);
    if (!p) {
      p = this.rebuildOnce(launchId, snapshot).finally(() => this.rebuilding.delete(launchId));
      this.rebuilding.set(launchId, p);
    }
    return p;
  }

  private async rebuildOnce(launchId: string, snapshot?: LedgerSnapshot): Promise<void> {
    const lk = launchKeys(this.prefix, launchId);
    const token = randomUUID();
    const got = await this.redis.set(lk.rebuild, token, 'PX', this.graceMs + 30_000, 'NX');
    if (!got) {
      // Someone else is rebuilding: wait for it (and take over should it die).
      const until = Date.now() + this.graceMs + 35_000;
      while (Date.now() < until) {
        await sleep(25);
        if (await this.allLoaded(launchId)) return;
        if (!(await this.redis.exists(lk.rebuild))) return this.rebuildOnce(launchId, snapshot);
      }
      throw new AppError(503, 'STOCK_UNAVAILABLE', 'The stock of this launch is being rebuilt; try again.');
    }
    try {
      this.rebuilds++;
      // Nobody decides from here on: every script answers "not loaded" until the rebuild is done.
      // (One key per command: with buckets they sit in different Redis Cluster slots.)
      await Promise.all(Array.from({ length: this.buckets }, (_, b) => this.redis.del(this.k(launchId, b).loaded)));
      const read = this.ledgers.get(launchId);
      let snap = snapshot ?? (read ? await read() : null);
      if (!snap) throw new Error(`stock authority: no ledger reader for launch ${launchId}`);
      if (!snap.quiet && this.graceMs > 0 && read) {
        await sleep(this.graceMs);
        snap = await read();
      }
      await this.write(launchId, snap);
    } finally {
      // Release the lock only if it is still ours.
      await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, lk.rebuild, token);
    }
  }

  /**
   * Writes a launch's state from a ledger snapshot, bucket by bucket (one slot each), in
   * bounded pipelines; each bucket's `loaded` marker is set last (nothing decides before).
   */
  private async write(launchId: string, snap: LedgerSnapshot): Promise<void> {
    const B = this.buckets;
    const total = new Map(snap.items.map((i) => [i.skuId, { skuId: i.skuId, allotment: i.allotment, available: i.allotment, held: 0, sold: 0 } as SkuCounts]));
    const per = Array.from({ length: B }, () => ({ held: new Map<string, number>(), sold: new Map<string, number>(), units: new Map<string, number>(), holds: [] as LedgerHold[] }));
    for (const h of snap.holds) {
      const c = total.get(h.skuId);
      if (!c) continue;
      const b = per[bucketOf(h.buyerId, B)]!;
      b.holds.push(h);
      // Ended holds (expired, cancelled) take no units; only their answers are kept.
      if (h.status !== 'held' && h.status !== 'paid') continue;
      c.available -= h.quantity;
      const m = h.status === 'held' ? b.held : b.sold;
      m.set(h.skuId, (m.get(h.skuId) ?? 0) + h.quantity);
      if (h.status === 'held') c.held += h.quantity;
      else c.sold += h.quantity;
      b.units.set(h.buyerId, (b.units.get(h.buyerId) ?? 0) + h.quantity);
    }
    for (const c of total.values()) assertBalanced(c);
    const lk = launchKeys(this.prefix, launchId);
    const epoch = String(this.now());
    for (let bi = 0; bi < B; bi++) {
      const k = this.k(launchId, bi);
      const b = per[bi]!;
      const cmds: Array<[string, ...Array<string | number>]> = [['del', k.allot, k.avail, k.held, k.sold, k.units, k.holds, k.pending, k.xout, k.xin]];
      if (bi === 0) cmds.push(['del', lk.total]);
      for (const h of b.holds) {
        cmds.push(['set', k.answer(h.buyerId, h.idempotencyKey), `ok:${h.id}`]);
        if (h.status === 'held' || h.status === 'paid') cmds.push(['hset', k.holds, h.id, `${h.skuId}|${h.buyerId}|${h.quantity}|${h.status === 'held' ? 'h' : 's'}|0|${h.idempotencyKey}`]);
      }
      for (const c of total.values()) {
        // Available units are shared out evenly; a bucket's allotment is what it holds, sold and may sell.
        const share = Math.floor(c.available / B) + (bi < c.available % B ? 1 : 0);
        const held = b.held.get(c.skuId) ?? 0;
        const sold = b.sold.get(c.skuId) ?? 0;
        cmds.push(['hset', k.allot, c.skuId, share + held + sold], ['hset', k.avail, c.skuId, share], ['hset', k.held, c.skuId, held], ['hset', k.sold, c.skuId, sold]);
        if (bi === 0) cmds.push(['hset', lk.total, c.skuId, c.allotment]);
      }
      for (const [buyer, n] of b.units) cmds.push(['hset', k.units, buyer, n]);
      cmds.push(['set', k.loaded, epoch]);
      await writeChunked(this.redis, cmds);
    }
  }

  /** Waits for (or runs) a rebuild after a script found the launch missing. */
  private async recover(launchId: string): Promise<void> {
    await this.rebuild(launchId);
  }

  async take(req: TakeRequest): Promise<TakeResult> {
    const homeIndex = bucketOf(req.buyerId, this.buckets);
    const k = this.k(req.launchId, homeIndex);
    const single = this.buckets === 1;
    for (let attempt = 0; attempt < 50; attempt++) {
      const [kind, ans, units, avail] = (await this.r.fmTake(
        k.loaded, k.avail, k.held, k.units, k.holds, k.answer(req.buyerId, req.idempotencyKey), k.pending,
        req.skuId, req.buyerId, req.quantity, req.perBuyerLimit, req.holdId, REFUSAL_TTL_SECONDS, this.now(), req.idempotencyKey, single ? '1' : '0',
      )) as [string, string, number, number];
      if (kind === 'not_loaded') {
        await this.recover(req.launchId);
        continue;
      }
      const replayed = kind === 'replay';
      if (ans.startsWith('ok:')) return replayed ? { ok: true, holdId: ans.slice(3), replayed } : { ok: true, holdId: ans.slice(3), replayed, buyerUnits: Number(units), skuAvailable: Number(avail) };
      const reason = ans.slice(3) as Refusal;
      if (single || replayed || (reason !== 'SOLD_OUT' && reason !== 'NOT_ENOUGH_UNITS')) return { ok: false, reason, replayed };
      // This bucket is dry: borrow from another, then try again here.
      if ((await this.borrow(req.launchId, homeIndex, req.skuId, req.quantity)) === 'moved') continue;
      // No other bucket has any: units may still be on their way between buckets (or just arrived
      // here). The launch-wide books decide: nothing left is final, otherwise look again shortly.
      const left = (await this.counts(req.launchId)).find((c) => c.skuId === req.skuId)?.available ?? 0;
      if (left === 0) return this.finalRefusal(req, 'SOLD_OUT');
      if (left < req.quantity) return this.finalRefusal(req, 'NOT_ENOUGH_UNITS');
      await sleep(1 + Math.random() * 4);
    }
    throw new AppError(503, 'STOCK_UNAVAILABLE', 'The stock of this launch is busy right now; try again.');
  }

  /** Remembers a launch-wide refusal for the key (the same key gets the same answer), unless it got another answer meanwhile. */
  private async finalRefusal(req: TakeRequest, reason: Refusal): Promise<TakeResult> {
    const key = this.home(req.launchId, req.buyerId).answer(req.buyerId, req.idempotencyKey);
    const set = await this.redis.set(key, `no:${reason}`, 'EX', REFUSAL_TTL_SECONDS, 'NX');
    if (set) return { ok: false, reason, replayed: false };
    const prev = await this.redis.get(key);
    if (prev?.startsWith('ok:')) return { ok: true, holdId: prev.slice(3), replayed: true };
    return { ok: false, reason: (prev?.slice(3) as Refusal) ?? reason, replayed: true };
  }

  /**
   * Moves units of a SKU from another bucket into this one (donor first, then recipient; a
   * transfer left half-done by a dead process is finished by `reconcile`). 'moved' when units
   * arrived (or the launch was rebuilt: try again), 'none' when every other bucket is dry.
   */
  private async borrow(launchId: string, home: number, skuId: string, want: number): Promise<'moved' | 'none'> {
    const B = this.buckets;
    const start = Math.floor(Math.random() * B);
    for (let i = 0; i < B; i++) {
      const d = (start + i) % B;
      if (d === home) continue;
      const dk = this.k(launchId, d);
      const id = randomUUID();
      const [moved] = (await this.r.fmBorrow(dk.loaded, dk.avail, dk.allot, dk.xout, skuId, want, id, home, this.now())) as [number, number];
      if (moved === -1) {
        await this.recover(launchId);
        return 'moved';
      }
      if (moved > 0) {
        await this.deliver(launchId, d, id, home, skuId, Number(moved));
        return 'moved';
      }
    }
    return 'none';
  }

  /** Second step of a transfer: the recipient takes the units in, then both sides forget it. */
  private async deliver(launchId: string, donor: number, transferId: string, recipient: number, skuId: string, units: number): Promise<void> {
    const rk = this.k(launchId, recipient);
    const res = (await this.r.fmDeliver(rk.loaded, rk.avail, rk.allot, rk.xin, transferId, skuId, units)) as number;
    if (res === -1) return void (await this.recover(launchId)); // the rebuild recounts everything
    await this.redis.hdel(this.k(launchId, donor).xout, transferId);
    await this.redis.srem(rk.xin, transferId);
  }

  private async settle(launchId: string, holdId: string, how: 'release' | 'sell'): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // A hold lives in its buyer's bucket; asked by id alone, every bucket is asked (at most one has it).
      const res = (await Promise.all(
        Array.from({ length: this.buckets }, (_, b) => {
          const k = this.k(launchId, b);
          return this.r.fmSettle(k.loaded, k.avail, k.held, k.sold, k.units, k.holds, k.pending, holdId, how) as Promise<number>;
        }),
      )).map(Number);
      if (res.includes(-1)) {
        // Lost: the rebuild reads the ledger, which already has this change.
        await this.recover(launchId);
        continue;
      }
      return res.includes(1);
    }
    return false;
  }

  release(launchId: string, holdId: string): Promise<boolean> {
    return this.settle(launchId, holdId, 'release');
  }

  sell(launchId: string, holdId: string): Promise<boolean> {
    return this.settle(launchId, holdId, 'sell');
  }

  /** Launch-wide books: the allotment is fixed, held and sold are summed over buckets, available is the rest. */
  async counts(launchId: string): Promise<SkuCounts[]> {
    for (let attempt = 0; ; attempt++) {
      const [loaded, counts] = await Promise.all([this.allLoaded(launchId), this.sum(launchId)]);
      // Lost (restart, FLUSHALL): rebuild before answering, or the launch would look sold out.
      if (loaded || attempt === 2 || !this.ledgers.has(launchId)) return counts;
      await this.recover(launchId);
    }
  }

  private async sum(launchId: string): Promise<SkuCounts[]> {
    const lk = launchKeys(this.prefix, launchId);
    const [total, ...parts] = await Promise.all([
      this.redis.hgetall(lk.total),
      ...Array.from({ length: this.buckets }, (_, b) => {
        const k = this.k(launchId, b);
        return Promise.all([this.redis.hgetall(k.held), this.redis.hgetall(k.sold)]);
      }),
    ]);
    return Object.keys(total as Record<string, string>).map((skuId) => {
      let held = 0;
      let sold = 0;
      for (const [h, s] of parts as Array<[Record<string, string>, Record<string, string>]>) {
        held += Number(h[skuId] ?? 0);
        sold += Number(s[skuId] ?? 0);
      }
      const allotment = Number((total as Record<string, string>)[skuId]);
      return { skuId, allotment, available: allotment - held - sold, held, sold };
    });
  }

  async hasAnswer(launchId: string, buyerId: string, key: string): Promise<boolean> {
    return (await this.redis.exists(this.home(launchId, buyerId).answer(buyerId, key))) === 1;
  }

  async forget(launchId: string, buyerId: string, key: string): Promise<void> {
    await this.redis.del(this.home(launchId, buyerId).answer(buyerId, key));
  }

  async unitsOf(launchId: string, buyerId: string): Promise<number> {
    return Number((await this.redis.hget(this.home(launchId, buyerId).units, buyerId)) ?? 0);
  }

  async unload(launchId: string): Promise<void> {
    this.ledgers.delete(launchId);
  }

  /**
   * The holds' ledger writes committed: stop watching them, and take the units again of any
   * the bucket no longer has (a rebuild read the ledger just before the commit).
   */
  async confirm(launchId: string, holds: LedgerHold[]): Promise<void> {
    const byBucket = new Map<number, LedgerHold[]>();
    for (const h of holds) {
      const b = bucketOf(h.buyerId, this.buckets);
      byBucket.set(b, [...(byBucket.get(b) ?? []), h]);
    }
    for (const [b, hs] of byBucket) {
      const k = this.k(launchId, b);
      for (let attempt = 0; attempt < 3; attempt++) {
        const missing = (await this.r.fmConfirm(k.loaded, k.holds, k.pending, ...hs.map((h) => h.id))) as Array<string | number>;
        if (missing[0] === -1) {
          await this.recover(launchId); // the rebuild reads the ledger after the grace: these are in it
          continue;
        }
        for (const id of missing) await this.adopt(launchId, hs.find((h) => h.id === id)!);
        break;
      }
    }
  }

  private async adopt(launchId: string, h: LedgerHold): Promise<void> {
    if (h.status !== 'held' && h.status !== 'paid') return;
    const k = this.home(launchId, h.buyerId);
    const res = (await this.r.fmAdopt(k.loaded, k.avail, k.held, k.sold, k.units, k.holds, k.answer(h.buyerId, h.idempotencyKey), h.id, h.skuId, h.buyerId, h.quantity, h.status === 'held' ? 'h' : 's', h.idempotencyKey)) as number;
    if (res === -2) this.log?.error({ launchId, holdId: h.id }, 'stock authority: a committed hold no longer fits its bucket (rebuild grace too short?)');
  }

  /**
   * Repairs drift against the ledger, per bucket: holds taken more than `olderThanMs` ago and
   * never confirmed are looked up — no row: the unit goes back and the key may be used again
   * (never acknowledged); a row: settled as the ledger says. Transfers left half-done are
   * finished. Returns how many holds were released for lack of a ledger row.
   */
  async reconcile(launchId: string, olderThanMs: number, ledger: LedgerLookup): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    let n = 0;
    for (let b = 0; b < this.buckets; b++) {
      const k = this.k(launchId, b);
      const ids = await this.redis.zrangebyscore(k.pending, '-inf', cutoff, 'LIMIT', 0, 5000);
      if (ids.length) {
        const raw = await this.redis.hmget(k.holds, ...ids);
        const status = await ledger(ids);
        for (const [i, id] of ids.entries()) {
          const h = raw[i] ? parseHold(raw[i]!) : null;
          const st = status.get(id);
          if (h && h.state === 'h') {
            if (st === undefined) {
              // Never acknowledged (it is not in the ledger): the unit goes back and the key may be used again.
              if (await this.release(launchId, id)) {
                await this.forget(launchId, h.buyerId, h.key);
                n++;
              }
            } else if (st === 'paid') await this.sell(launchId, id);
            else if (st === 'expired' || st === 'cancelled') await this.release(launchId, id);
          }
          await this.redis.zrem(k.pending, id);
        }
      }
      // Transfers whose process died between the two steps.
      const xout = await this.redis.hgetall(k.xout);
      for (const [id, v] of Object.entries(xout)) {
        const [recipient, skuId, units, at] = v.split('|');
        if (Number(at) >= cutoff) continue;
        await this.deliver(launchId, b, id, Number(recipient), skuId!, Number(units));
      }
    }
    return n;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends many commands in pipelines of a bounded size (a restore or rebuild can be hundreds of
 * thousands of them) and fails on the first error. Not atomic: callers write while the
 * structure's `loaded` marker is absent (every script refuses to act) and set it last.
 */
export async function writeChunked(redis: Redis, commands: Array<[string, ...Array<string | number>]>, chunk = 10_000): Promise<void> {
  for (let i = 0; i < commands.length; i += chunk) {
    const res = await redis.pipeline(commands.slice(i, i + chunk)).exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }
}

/** A hold as a bucket stores it: sku|buyer|quantity|h(eld) or s(old)|takenAt|idempotency key (which may itself contain '|'). */
function parseHold(v: string): { skuId: string; buyerId: string; quantity: number; state: string; takenAt: number; key: string } {
  const parts = v.split('|');
  return { skuId: parts[0]!, buyerId: parts[1]!, quantity: Number(parts[2]), state: parts[3]!, takenAt: Number(parts[4]), key: parts.slice(5).join('|') };
}

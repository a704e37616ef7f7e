/**
 * The scale-out stock authority: the same decisions as the in-memory one, made by Lua scripts
 * (lua/*.lua) in Redis so any number of app processes share one set of counters.
 *
 * Generations. A launch's state in Redis belongs to one generation (epoch) of the ledger's
 * `launch_fences`: its keys carry the epoch (`{launchId}:g7:avail`), and each bucket's `gen`
 * key names the generation it decides in. Every script checks `gen` against the epoch the
 * caller means before it reads or changes anything, and every decision is written to the
 * ledger only if that epoch is still current there. A rebuild (Redis lost the launch, a write's
 * outcome is unknown, a unit stayed unconfirmed too long) stops the buckets (`gen` =
 * 'rebuilding'), fences the ledger (a new epoch: the old generation's writes in flight finish
 * first, later ones fail), reads the ledger, writes the new generation's keys and switches to
 * it. So nothing that Redis forgot, or that a stalled write still carries, can sell a unit twice
 * — and no grace period is involved.
 *
 * Buckets. A launch's stock lives in one or more buckets. Bucket 0's keys carry the hash tag
 * {launchId}, bucket b > 0's one spaced evenly round the slots from it (bucketTag); a Redis
 * Cluster puts each tag on one shard, and every script touches one bucket only. A buyer always belongs to the same bucket (a hash of the
 * buyer id): the per-buyer limit and the buyer's holds live with the stock that bucket sells, so
 * a take is one script. When a buyer's bucket runs dry it borrows from another (a two-step
 * transfer, finished by `repair` should a process die in between); only when no bucket has
 * anything left is the answer SOLD_OUT. Launch-wide totals: the allotment is fixed, held and
 * sold are summed over buckets, units in transit count as available.
 */
import { randomUUID } from 'node:crypto';
import calculateSlot from 'cluster-key-slot';
import type { Redis } from 'ioredis';
import { AppError } from '../shared/errors.js';
import type { LaunchLedger, StockRefusal, StockSnapshot } from './ledger.js';
import { defineScripts, num, str, withLease, writeChunked, type Reply } from './redis-scripts.js';
import { InvariantViolation, assertBalanced, booksOf, type SkuCounts, type StockAuthority, type TakeRequest, type TakeResult } from './stock-authority.js';

const SLOTS = 16384;

/**
 * The hash tag of bucket `bucket` of a launch with `buckets` buckets. Bucket 0's is the launch
 * id (the room's and the live state's keys share it). Bucket b's is `launchId/b.n`, with the
 * first n whose Redis Cluster slot lies exactly b/buckets of the way round the slot ring from
 * bucket 0's: the buckets are spaced evenly over the slots, so a cluster whose masters own equal
 * runs of slots (what `redis-cli --cluster create` and rebalancing make) serves them from
 * different masters rather than wherever a hash happened to fall. A pure function of its
 * arguments: every process finds the same tags. About 16,384 slot hashes per bucket, once per
 * launch and process.
 */
export function bucketTag(launchId: string, bucket: number, buckets: number): string {
  if (bucket === 0) return launchId;
  const target = (calculateSlot(launchId) + Math.round((bucket * SLOTS) / buckets)) % SLOTS;
  for (let n = 0; ; n++) {
    const tag = `${launchId}/${bucket}.${n}`;
    if (calculateSlot(tag) === target) return tag;
  }
}

/** The keys of one bucket of a launch in one generation (and the generation pointers, which have none). */
function bucketKeys(prefix: string, tag: string, epoch: number) {
  const t = `${prefix}{${tag}}`;
  const g = `${t}:g${epoch}`;
  return {
    gen: `${t}:gen`,
    top: `${t}:top`,
    allot: `${g}:allot`,
    avail: `${g}:avail`,
    held: `${g}:held`,
    sold: `${g}:sold`,
    units: `${g}:units`,
    holds: `${g}:holds`,
    answers: `${g}:answers`,
    pending: `${g}:pending`,
    xout: `${g}:xout`,
    xin: `${g}:xin`,
    /** Launch-wide allotment per SKU (bucket 0 only). */
    total: `${g}:total`,
  };
}
type BucketKeys = ReturnType<typeof bucketKeys>;

/** The generation's own keys (what deleting a generation removes). */
const GENERATION_KEYS = ['allot', 'avail', 'held', 'sold', 'units', 'holds', 'answers', 'pending', 'xout', 'xin', 'total'] as const;

/** Settings of the Redis authority. */
export interface RedisAuthorityOptions {
  redis: Redis;
  ledger: LaunchLedger;
  /** Key prefix (tests use one of their own). */
  prefix?: string;
  /** Stock buckets per launch (1: one shard per launch; more spread a hot SKU over shards). */
  buckets?: number;
  now?: () => number;
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

/** Longest a caller waits for another process's rebuild (a dead rebuilder's lease lapses within LEASE_MS, and the caller takes over). */
const REBUILD_WAIT_MS = 30_000;

/** Stock authority over Redis Lua scripts (scale-out mode). */
export class RedisStockAuthority implements StockAuthority {
  readonly name = 'redis';
  private readonly redis: Redis;
  private readonly ledger: LaunchLedger;
  private readonly prefix: string;
  private readonly buckets: number;
  private readonly now: () => number;
  /** The generation this process decides in, per launch (what the buckets' `gen` said last). */
  private readonly epochs = new Map<string, number>();
  /** Rebuilds this process runs or waits for, per launch (callers share them). */
  private readonly rebuilding = new Map<string, Promise<number>>();
  /** Each launch's bucket hash tags (see bucketTag), found once. */
  private readonly tags = new Map<string, string[]>();
  /** Rebuilds this process ran (monitoring and tests). */
  rebuilds = 0;

  constructor(o: RedisAuthorityOptions) {
    this.redis = o.redis;
    this.ledger = o.ledger;
    this.prefix = o.prefix ?? 'fm:';
    this.buckets = Math.max(1, Math.floor(o.buckets ?? 1));
    this.now = o.now ?? Date.now;
    defineScripts(this.redis);
  }

  private k(launchId: string, bucket: number, epoch: number): BucketKeys {
    let tags = this.tags.get(launchId);
    if (!tags) {
      tags = Array.from({ length: this.buckets }, (_, b) => bucketTag(launchId, b, this.buckets));
      this.tags.set(launchId, tags);
    }
    return bucketKeys(this.prefix, tags[bucket]!, epoch);
  }

  /** The generation every bucket decides in, or null while they disagree, are stopped or are lost. */
  private async uniformGen(launchId: string): Promise<number | null> {
    const gens = await Promise.all(Array.from({ length: this.buckets }, (_, b) => this.redis.get(this.k(launchId, b, 0).gen)));
    const first = gens[0];
    if (!first || !/^\d+$/.test(first) || gens.some((g) => g !== first)) return null;
    return Number(first);
  }

  async open(launchId: string): Promise<void> {
    await this.epochOf(launchId);
  }

  /** The generation to decide in: the one cached here, else Redis's (rebuilt from the ledger if Redis has none). */
  private async epochOf(launchId: string): Promise<number> {
    const cached = this.epochs.get(launchId);
    if (cached !== undefined) return cached;
    return this.sync(launchId);
  }

  /**
   * Catches up after a script said the generation moved: waits until every bucket decides in
   * one generation (a switch takes a moment) and adopts it; rebuilds when there is none (lost).
   */
  private async sync(launchId: string): Promise<number> {
    const lock = `${this.prefix}{${launchId}}:rebuild`;
    for (let i = 0; i < 400; i++) {
      const e = await this.uniformGen(launchId);
      if (e !== null) {
        this.epochs.set(launchId, e);
        return e;
      }
      // Buckets that disagree, are stopped or are gone, with nobody rebuilding (a restart, FLUSHALL,
      // a rebuilder that died half-way): rebuild. Someone rebuilding: wait for it.
      if (!(await this.redis.exists(lock))) return this.rebuild(launchId);
      await sleep(5);
    }
    throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is being rebuilt; try again.');
  }

  rebuild(launchId: string): Promise<number> {
    let p = this.rebuilding.get(launchId);
    if (!p) {
      p = this.rebuildOnce(launchId).finally(() => this.rebuilding.delete(launchId));
      this.rebuilding.set(launchId, p);
    }
    return p;
  }

  private async rebuildOnce(launchId: string): Promise<number> {
    const lock = `${this.prefix}{${launchId}}:rebuild`;
    const done = await withLease(this.redis, lock, () => this.rebuildHeld(launchId));
    if (done) return done.value;
    // Someone else is rebuilding: wait for it (and take over should its lease lapse: it died).
    const until = Date.now() + REBUILD_WAIT_MS;
    while (Date.now() < until) {
      await sleep(20);
      const e = await this.uniformGen(launchId);
      if (e !== null) {
        this.epochs.set(launchId, e);
        return e;
      }
      if (!(await this.redis.exists(lock))) return this.rebuildOnce(launchId);
    }
    throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is being rebuilt; try again.');
  }

  /** The rebuild itself, holding the launch's rebuild lock. */
  private async rebuildHeld(launchId: string): Promise<number> {
    this.rebuilds++;
    const old = await Promise.all(Array.from({ length: this.buckets }, (_, b) => this.redis.get(this.k(launchId, b, 0).top)));
    // 1. Nobody decides from here on (one key per command: buckets sit in different cluster slots).
    await Promise.all(Array.from({ length: this.buckets }, (_, b) => this.redis.set(this.k(launchId, b, 0).gen, 'rebuilding')));
    // 2. The fence: a new generation in the ledger, after every write of the old one in flight.
    const epoch = await this.ledger.fenceStock(launchId);
    // 3. The ledger as it now is (nothing of an older generation can be added to it any more).
    const snap = await this.ledger.stockSnapshot(launchId);
    const sizes = await this.write(launchId, epoch, snap);
    // 4. Switch every bucket (an older rebuild that finishes later cannot switch back; a
    // generation Redis lost while it was written is not switched to: the next caller rebuilds).
    let switched = true;
    for (let b = 0; b < this.buckets; b++) {
      const k = this.k(launchId, b, epoch);
      const z = sizes[b]!;
      const r = await this.redis.fmStockSwitch(k.gen, k.top, k.allot, k.avail, k.units, k.holds, epoch, z.allot, z.avail, z.units, z.holds);
      if (r === -1) throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch was lost while it was rebuilt; try again.');
      if (r !== 1) switched = false;
    }
    const drop = switched ? old.filter((e): e is string => !!e && /^\d+$/.test(e)).map(Number) : [epoch];
    for (const e of new Set(drop)) await this.dropGeneration(launchId, e);
    // Not switched: a newer rebuild's generation is the current one (its lock is held: read it, do not wait for it).
    const now = switched ? epoch : Number(await this.redis.get(this.k(launchId, 0, 0).gen));
    if (Number.isNaN(now)) throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is being rebuilt; try again.');
    this.epochs.set(launchId, now);
    return now;
  }

  /** Deletes one generation's keys, bucket by bucket. */
  private async dropGeneration(launchId: string, epoch: number): Promise<void> {
    for (let b = 0; b < this.buckets; b++) {
      const k = this.k(launchId, b, epoch);
      await Promise.all(GENERATION_KEYS.map((name) => this.redis.unlink(k[name])));
    }
  }

  /**
   * Writes a generation's state from a ledger snapshot, bucket by bucket, in bounded pipelines.
   * Available units are shared out evenly; held units and buyers go to each buyer's bucket; sold
   * units sit in bucket 0. A bucket's allotment is what it has on sale, held and sold.
   */
  private async write(launchId: string, epoch: number, snap: StockSnapshot): Promise<Array<{ allot: number; avail: number; units: number; holds: number }>> {
    const B = this.buckets;
    const total = booksOf(launchId, snap);
    const per = Array.from({ length: B }, () => ({ held: new Map<string, number>(), units: [] as Array<[string, number]>, holds: [] as Array<string | number> }));
    for (const h of snap.held) {
      const b = per[bucketOf(h.buyerId, B)]!;
      b.held.set(h.skuId, (b.held.get(h.skuId) ?? 0) + h.quantity);
      b.holds.push(h.id, h.skuId, h.buyerId, h.quantity);
    }
    for (const u of snap.buyers) per[bucketOf(u.buyerId, B)]!.units.push([u.buyerId, u.units]);
    for (let bi = 0; bi < B; bi++) {
      const k = this.k(launchId, bi, epoch);
      const b = per[bi]!;
      const cmds: Array<[string, ...Array<string | number>]> = [];
      for (const c of total.values()) {
        const share = Math.floor(c.available / B) + (bi < c.available % B ? 1 : 0);
        const held = b.held.get(c.skuId) ?? 0;
        const sold = bi === 0 ? c.sold : 0;
        cmds.push(['hset', k.allot, c.skuId, share + held + sold], ['hset', k.avail, c.skuId, share], ['hset', k.held, c.skuId, held], ['hset', k.sold, c.skuId, sold]);
        if (bi === 0) cmds.push(['hset', k.total, c.skuId, c.allotment]);
      }
      for (let i = 0; i < b.units.length; i += 1000) cmds.push(['hset', k.units, ...b.units.slice(i, i + 1000).flat()]);
      await writeChunked(this.redis, cmds);
      for (let i = 0; i < b.holds.length; i += 4000) await this.redis.fmStockLoadHolds(k.holds, ...b.holds.slice(i, i + 4000));
    }
    // What each bucket's hashes must hold for the switch to take the generation as complete.
    return per.map((b) => ({ allot: total.size, avail: total.size, units: b.units.length, holds: b.holds.length / 4 }));
  }

  /** Handles a script's "the generation moved" or "the books broke"; returns the reply when it is neither. */
  private async check(launchId: string, r: Reply): Promise<Reply | null> {
    if (r[0] === 'invariant') throw new InvariantViolation(launchId, str(r, 1));
    if (r[0] !== 'gen') return r;
    const seen = str(r, 1);
    const cached = this.epochs.get(launchId);
    if (/^\d+$/.test(seen) && (cached === undefined || Number(seen) > cached)) this.epochs.set(launchId, Number(seen));
    else {
      this.epochs.delete(launchId);
      await this.sync(launchId);
    }
    return null;
  }

  epoch(launchId: string): number | undefined {
    return this.epochs.get(launchId);
  }

  async take(req: TakeRequest): Promise<TakeResult> {
    const home = bucketOf(req.buyerId, this.buckets);
    const field = `${req.buyerId}:${req.idempotencyKey}`;
    for (let attempt = 0; attempt < 50; attempt++) {
      const e = await this.epochOf(req.launchId);
      const k = this.k(req.launchId, home, e);
      const r = await this.check(req.launchId, await this.redis.fmStockTake(k.gen, k.allot, k.avail, k.held, k.sold, k.units, k.holds, k.answers, k.pending, e, req.skuId, req.buyerId, req.quantity, req.perBuyerLimit, req.holdId, req.now, field));
      if (!r) continue;
      if (r[0] === 'taken') return { kind: 'taken', epoch: e, buyerUnits: num(r, 1), skuAvailable: num(r, 2) };
      if (r[0] === 'replay') return { kind: 'replay', holdId: str(r, 1) };
      const reason = str(r, 1) as StockRefusal;
      if (this.buckets === 1 || reason === 'LIMIT_REACHED') return { kind: 'refused', epoch: e, reason };
      // This bucket is dry: borrow from another, then try again here.
      if ((await this.borrow(req.launchId, e, home, req.skuId, req.quantity)) === 'moved') continue;
      // No other bucket has any: units may still be on their way between buckets. The launch-wide
      // books decide: nothing left is final, otherwise look again shortly.
      const left = (await this.counts(req.launchId)).find((c) => c.skuId === req.skuId)?.available ?? 0;
      if (left === 0) return { kind: 'refused', epoch: e, reason: 'SOLD_OUT' };
      if (left < req.quantity) return { kind: 'refused', epoch: e, reason: 'NOT_ENOUGH_UNITS' };
      await sleep(1 + Math.random() * 4);
    }
    throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is busy right now; try again.');
  }

  /**
   * Moves units of a SKU from another bucket into this one (donor first, then recipient; a
   * transfer left half-done by a dead process is finished by `repair`). 'moved' when units
   * arrived (or the generation moved: try again), 'none' when every other bucket is dry.
   */
  private async borrow(launchId: string, epoch: number, home: number, skuId: string, want: number): Promise<'moved' | 'none'> {
    const B = this.buckets;
    const start = Math.floor(Math.random() * B);
    for (let i = 0; i < B; i++) {
      const d = (start + i) % B;
      if (d === home) continue;
      const dk = this.k(launchId, d, epoch);
      const id = randomUUID();
      const r = await this.check(launchId, await this.redis.fmStockBorrow(dk.gen, dk.allot, dk.avail, dk.held, dk.sold, dk.xout, epoch, skuId, want, id, home, this.now()));
      if (!r) return 'moved';
      if (num(r, 1) > 0) {
        await this.deliver(launchId, epoch, d, id, home, skuId, num(r, 1));
        return 'moved';
      }
    }
    return 'none';
  }

  /** Second step of a transfer: the recipient takes the units in, then both sides forget it. */
  private async deliver(launchId: string, epoch: number, donor: number, transferId: string, recipient: number, skuId: string, units: number): Promise<void> {
    const rk = this.k(launchId, recipient, epoch);
    // A generation gone meanwhile took its transfers with it (the next one is built from the ledger).
    if (!(await this.check(launchId, await this.redis.fmStockDeliver(rk.gen, rk.allot, rk.avail, rk.xin, epoch, transferId, skuId, units)))) return;
    await this.redis.hdel(this.k(launchId, donor, epoch).xout, transferId);
    await this.redis.srem(rk.xin, transferId);
  }

  private async settle(launchId: string, holdId: string, buyerId: string, how: 'release' | 'sell'): Promise<boolean> {
    const b = bucketOf(buyerId, this.buckets);
    for (let attempt = 0; attempt < 10; attempt++) {
      const e = await this.epochOf(launchId);
      const k = this.k(launchId, b, e);
      // A generation that moved: the new one may have read the ledger before this change, so apply it there too (a no-op when it had it).
      const r = await this.check(launchId, await this.redis.fmStockSettle(k.gen, k.allot, k.avail, k.held, k.sold, k.units, k.holds, k.pending, e, holdId, how));
      if (r) return r[0] === 'done';
    }
    throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is busy right now; try again.');
  }

  release(launchId: string, holdId: string, buyerId: string): Promise<boolean> {
    return this.settle(launchId, holdId, buyerId, 'release');
  }

  sell(launchId: string, holdId: string, buyerId: string): Promise<boolean> {
    return this.settle(launchId, holdId, buyerId, 'sell');
  }

  /** Launch-wide books: the allotment is fixed, held and sold are summed over the buckets (each bucket's books checked), available is the rest. */
  async counts(launchId: string): Promise<SkuCounts[]> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const e = await this.epochOf(launchId);
      const replies = await Promise.all(
        Array.from({ length: this.buckets }, async (_, b) => {
          const k = this.k(launchId, b, e);
          return this.check(launchId, await this.redis.fmStockBooks(k.gen, k.allot, k.avail, k.held, k.sold, e));
        }),
      );
      if (replies.some((r) => r === null)) continue;
      const total = await this.redis.hgetall(this.k(launchId, 0, e).total);
      if (Object.keys(total).length === 0) continue; // that generation was just replaced
      const sums = new Map<string, SkuCounts>(Object.entries(total).map(([skuId, a]) => [skuId, { skuId, allotment: Number(a), available: 0, held: 0, sold: 0 }]));
      for (const r of replies as Reply[]) {
        for (let i = 1; r[i] !== '|'; i += 5) {
          const c = sums.get(str(r, i));
          if (!c) throw new InvariantViolation(launchId, `SKU ${str(r, i)} is in a bucket but not in the launch`);
          c.held += num(r, i + 3);
          c.sold += num(r, i + 4);
        }
      }
      // Each bucket's books were checked as they were read (atomically, per bucket). Held and sold
      // units never move between buckets, so the launch-wide rest is exact even while units are
      // on their way from one bucket to another (buckets are read one after the other).
      for (const c of sums.values()) {
        c.available = c.allotment - c.held - c.sold;
        assertBalanced(launchId, c);
      }
      return [...sums.values()].sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
    }
    throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is busy right now; try again.');
  }

  async unitsOf(launchId: string, buyerId: string): Promise<number> {
    const b = bucketOf(buyerId, this.buckets);
    for (let attempt = 0; attempt < 10; attempt++) {
      const e = await this.epochOf(launchId);
      const k = this.k(launchId, b, e);
      const r = await this.check(launchId, await this.redis.fmStockUnits(k.gen, k.units, e, buyerId));
      if (r) return num(r, 1);
    }
    throw new AppError('STOCK_UNAVAILABLE', 'The stock of this launch is busy right now; try again.');
  }

  async forget(launchId: string, buyerId: string, key: string, holdId: string): Promise<void> {
    const e = this.epochs.get(launchId);
    if (e === undefined) return; // nothing cached here to drop in a generation this process never saw
    const k = this.k(launchId, bucketOf(buyerId, this.buckets), e);
    await this.redis.fmStockForget(k.gen, k.answers, e, `${buyerId}:${key}`, holdId);
  }

  async confirm(launchId: string, holds: ReadonlyArray<{ id: string; buyerId: string }>): Promise<void> {
    const e = this.epochs.get(launchId);
    if (e === undefined) return;
    const byBucket = new Map<number, string[]>();
    for (const h of holds) {
      const b = bucketOf(h.buyerId, this.buckets);
      byBucket.set(b, [...(byBucket.get(b) ?? []), h.id]);
    }
    // A generation gone meanwhile needs nothing: the next one was built from the ledger, which has these.
    await Promise.all([...byBucket].map(([b, ids]) => this.redis.fmStockConfirm(this.k(launchId, b, e).gen, this.k(launchId, b, e).pending, e, ...ids)));
  }

  async stranded(launchId: string, olderThanMs: number): Promise<number> {
    const e = await this.epochOf(launchId);
    const cutoff = this.now() - olderThanMs;
    let n = 0;
    for (let b = 0; b < this.buckets; b++) {
      const k = this.k(launchId, b, e);
      const r = await this.redis.fmStockStranded(k.gen, k.pending, e, cutoff);
      if (r[0] === 'ok') n += num(r, 1);
    }
    return n;
  }

  /** Finishes transfers whose process died between the two buckets (older than `olderThanMs`). */
  async repair(launchId: string, olderThanMs: number): Promise<number> {
    if (this.buckets === 1) return 0;
    const e = await this.epochOf(launchId);
    const cutoff = this.now() - olderThanMs;
    let n = 0;
    for (let b = 0; b < this.buckets; b++) {
      const xout = await this.redis.hgetall(this.k(launchId, b, e).xout);
      for (const [id, v] of Object.entries(xout)) {
        // A transfer as borrow.lua records it: recipient|sku|units|at.
        const [recipient, skuId, units, at] = v.split('|');
        if (Number(at) >= cutoff) continue;
        await this.deliver(launchId, e, b, id, Number(recipient), skuId!, Number(units));
        n++;
      }
    }
    return n;
  }

  close(launchId: string): Promise<void> {
    this.epochs.delete(launchId);
    return Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, RedisStockAuthority } from '../src/launches/redis-authority.js';
import type { LedgerHold } from '../src/launches/stock-authority.js';
import { REDIS_URL, redisProblem } from './helpers/redis.js';

describe.runIf(!redisProblem)('Redis stock authority (real Redis)', () => {
  let redis: Redis;
  const prefix = `fmtest:${randomUUID().slice(0, 8)}:`;
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { lazyConnect: false });
  });
  afterAll(async () => {
    const ks = await redis.keys(`${prefix}*`);
    if (ks.length) await redis.del(...ks);
    redis.disconnect();
  });

  const take = (a: RedisStockAuthority, launchId: string, buyerId: string, key: string, limit = 1, skuId = 'sku-1') =>
    a.take({ launchId, skuId, buyerId, quantity: 1, perBuyerLimit: limit, idempotencyKey: key, holdId: randomUUID() });

  it('1,000 concurrent takes by 500 buyers for 100 units, limit 1: exactly 100 holds, nobody has two', async () => {
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0 });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 100 }], []);
    const buyers = Array.from({ length: 500 }, () => randomUUID());
    const results = await Promise.all(buyers.flatMap((b) => [take(a, launchId, b, 'k1'), take(a, launchId, b, 'k2')]));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(100);
    const reasons = new Set(results.filter((r) => !r.ok).map((r) => (r as { reason: string }).reason));
    expect([...reasons].every((r) => r === 'SOLD_OUT' || r === 'LIMIT_REACHED')).toBe(true);
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 100, available: 0, held: 100, sold: 0 }]);
  });

  it('the same key gets the same answer; release and sell happen once', async () => {
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0 });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 3 }], []);
    const first = await take(a, launchId, 'buyer-a', 'key-1', 2);
    const again = await take(a, launchId, 'buyer-a', 'key-1', 2);
    expect(first.ok && again.ok && again.replayed && again.holdId === first.holdId).toBe(true);
    const h1 = (first as { holdId: string }).holdId;
    expect(await a.sell(launchId, h1)).toBe(true);
    expect(await a.sell(launchId, h1)).toBe(false);
    expect(await a.release(launchId, h1)).toBe(false); // a sold unit never comes back
    const second = await take(a, launchId, 'buyer-a', 'key-2', 2);
    const h2 = (second as { holdId: string }).holdId;
    expect(await a.release(launchId, h2)).toBe(true);
    expect(await a.release(launchId, h2)).toBe(false);
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 3, available: 2, held: 0, sold: 1 }]);
  });

  it('after Redis loses the launch it is rebuilt from the ledger, counting holds that reached the ledger during the grace period', async () => {
    const launchId = randomUUID();
    const ledger: LedgerHold[] = [];
    const readLedger = async () => ({ items: [{ skuId: 'sku-1', allotment: 10 }], holds: [...ledger] });
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 300 });
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 10 }], [], readLedger);
    for (let i = 0; i < 4; i++) {
      const r = await take(a, launchId, `b${i}`, 'k');
      ledger.push({ id: (r as { holdId: string }).holdId, skuId: 'sku-1', buyerId: `b${i}`, quantity: 1, status: 'held', idempotencyKey: 'k' });
    }
    // One more hold is decided but its ledger write lands only after the loss (within the grace period).
    const late = await take(a, launchId, 'b-late', 'k');
    const ks = await redis.keys(`${prefix}{${launchId}}*`);
    await redis.del(...ks); // Redis lost everything of this launch
    setTimeout(() => ledger.push({ id: (late as { holdId: string }).holdId, skuId: 'sku-1', buyerId: 'b-late', quantity: 1, status: 'held', idempotencyKey: 'k' }), 100);
    const b = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 300 });
    await b.load(launchId, [], [], readLedger);
    expect(await b.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 10, available: 5, held: 5, sold: 0 }]);
    // A retry of an acknowledged hold still gets its hold back after the rebuild.
    const retry = await take(b, launchId, 'b0', 'k');
    expect(retry.ok && retry.replayed).toBe(true);
  });

  it('reconcile releases units taken in Redis that never reached the ledger', async () => {
    let t = 1_000_000;
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0, now: () => t });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 2 }], []);
    const kept = await take(a, launchId, 'b1', 'k');
    const stranded = await take(a, launchId, 'b2', 'k');
    expect(kept.ok && stranded.ok).toBe(true);
    t += 60_000;
    const n = await a.reconcile(launchId, 30_000, async () => new Map([[(kept as { holdId: string }).holdId, 'held' as const]]));
    expect(n).toBe(1);
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 2, available: 1, held: 1, sold: 0 }]);
    // The stranded buyer may try again with the same key, and gets a fresh answer.
    const again = await take(a, launchId, 'b2', 'k');
    expect(again.ok && !again.replayed).toBe(true);
  });
});

describe.runIf(!redisProblem)('Redis stock authority with stock buckets (real Redis)', () => {
  let redis: Redis;
  const prefix = `fmtest:${randomUUID().slice(0, 8)}:`;
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { lazyConnect: false });
  });
  afterAll(async () => {
    const ks = await redis.keys(`${prefix}*`);
    if (ks.length) await redis.del(...ks);
    redis.disconnect();
  });

  const take = (a: RedisStockAuthority, launchId: string, buyerId: string, key: string, limit = 1, quantity = 1) =>
    a.take({ launchId, skuId: 'sku-1', buyerId, quantity, perBuyerLimit: limit, idempotencyKey: key, holdId: randomUUID() });
  /** Buyer ids that all live in one bucket (their hash picks it). */
  const buyersOf = (bucket: number, buckets: number, n: number) => {
    const out: string[] = [];
    while (out.length < n) {
      const id = randomUUID();
      if (bucketOf(id, buckets) === bucket) out.push(id);
    }
    return out;
  };

  it('each bucket has a hash tag of its own (a Redis Cluster spreads them over shards); a buyer always maps to the same bucket', async () => {
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0, buckets: 4 });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 8 }], []);
    const tags = new Set((await redis.keys(`${prefix}{${launchId}*:avail`)).map((k) => k.slice(k.indexOf('{'), k.indexOf('}') + 1)));
    expect(tags).toEqual(new Set([`{${launchId}}`, `{${launchId}/1}`, `{${launchId}/2}`, `{${launchId}/3}`]));
    const b = randomUUID();
    expect(new Set(Array.from({ length: 10 }, () => bucketOf(b, 4))).size).toBe(1);
    // Eight units, two per bucket.
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 8, available: 8, held: 0, sold: 0 }]);
    expect((await Promise.all([0, 1, 2, 3].map((i) => redis.hget(`${prefix}{${launchId}${i ? `/${i}` : ''}}:avail`, 'sku-1')))).map(Number)).toEqual([2, 2, 2, 2]);
  });

  it('skewed demand: 300 buyers of one bucket race for 100 units spread over 4 buckets; they borrow the rest, exactly 100 are held', async () => {
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0, buckets: 4 });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 100 }], []);
    const buyers = buyersOf(2, 4, 300);
    const results = await Promise.all(buyers.map((b) => take(a, launchId, b, 'k1')));
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (r as { reason: string }).reason))).toEqual(new Set(['SOLD_OUT']));
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 100, available: 0, held: 100, sold: 0 }]);
    // Every bucket was drained into bucket 2, where those buyers live; nothing is in transit.
    expect((await Promise.all([0, 1, 2, 3].map((i) => redis.hget(`${prefix}{${launchId}${i ? `/${i}` : ''}}:avail`, 'sku-1')))).map(Number)).toEqual([0, 0, 0, 0]);
    expect(await redis.hlen(`${prefix}{${launchId}/2}:holds`)).toBe(100);
    // A sold-out answer is final for its key, and launch-wide.
    const again = await take(a, launchId, buyers[299]!, 'k1');
    expect(again.ok).toBe(false);
  });

  it('spread demand over 4 buckets: 1,000 buyers (limit 2, parallel keys) for 300 units: exactly 300, nobody above 2; replays, release and sell work across buckets', async () => {
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0, buckets: 4 });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 300 }], []);
    const buyers = Array.from({ length: 1000 }, () => randomUUID());
    const results = await Promise.all(buyers.flatMap((b) => ['k1', 'k2', 'k3'].map(async (k) => ({ b, k, r: await take(a, launchId, b, k, 2) }))));
    const won = results.filter((x) => x.r.ok);
    expect(won).toHaveLength(300);
    const per = new Map<string, number>();
    for (const x of won) per.set(x.b, (per.get(x.b) ?? 0) + 1);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(2);
    for (const x of won.slice(0, 5)) {
      const replay = await take(a, launchId, x.b, x.k, 2);
      expect(replay.ok && replay.replayed && replay.holdId === (x.r as { holdId: string }).holdId).toBe(true);
      expect(await a.unitsOf(launchId, x.b)).toBe(per.get(x.b));
    }
    const [h1, h2] = won.map((x) => (x.r as { holdId: string }).holdId);
    expect(await a.sell(launchId, h1!)).toBe(true);
    expect(await a.sell(launchId, h1!)).toBe(false);
    expect(await a.release(launchId, h2!)).toBe(true);
    expect(await a.release(launchId, h2!)).toBe(false);
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 300, available: 1, held: 298, sold: 1 }]);
  });

  it('a transfer left half-done (the process died between the buckets) counts as available and is finished by reconcile', async () => {
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 0, buckets: 2 });
    const launchId = randomUUID();
    await a.load(launchId, [{ skuId: 'sku-1', allotment: 20 }], []);
    const donor = `${prefix}{${launchId}/1}`;
    // The donor side of a transfer of 4 units to bucket 0, with no delivery.
    await redis.hincrby(`${donor}:avail`, 'sku-1', -4);
    await redis.hincrby(`${donor}:allot`, 'sku-1', -4);
    await redis.hset(`${donor}:xout`, 't-1', '0|sku-1|4|1');
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 20, available: 20, held: 0, sold: 0 }]);
    await a.reconcile(launchId, 0, async () => new Map());
    expect(await redis.hlen(`${donor}:xout`)).toBe(0);
    expect(Number(await redis.hget(`${prefix}{${launchId}}:avail`, 'sku-1'))).toBe(14);
    expect(Number(await redis.hget(`${donor}:avail`, 'sku-1'))).toBe(6);
    // Everything can still be sold, from either bucket's buyers.
    const results = await Promise.all([...buyersOf(0, 2, 15), ...buyersOf(1, 2, 15)].map((b) => take(a, launchId, b, 'k')));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 20, available: 0, held: 20, sold: 0 }]);
  });

  it('after a loss the buckets are rebuilt from the ledger: holds go back to their buyers’ buckets, the rest is shared out', async () => {
    const launchId = randomUUID();
    const ledger: LedgerHold[] = [];
    const readLedger = async () => ({ items: [{ skuId: 'sku-1', allotment: 40 }], holds: [...ledger] });
    const a = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 50, buckets: 4 });
    await a.load(launchId, [], [], readLedger);
    for (let i = 0; i < 10; i++) {
      const b = randomUUID();
      const r = await take(a, launchId, b, 'key-1');
      ledger.push({ id: (r as { holdId: string }).holdId, skuId: 'sku-1', buyerId: b, quantity: 1, status: i < 3 ? 'paid' : 'held', idempotencyKey: 'key-1' });
    }
    await redis.del(...(await redis.keys(`${prefix}{${launchId}*`)));
    const b = new RedisStockAuthority({ redis, prefix, rebuildGraceMs: 50, buckets: 4 });
    await b.load(launchId, [], [], readLedger);
    expect(await b.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 40, available: 30, held: 7, sold: 3 }]);
    for (const h of ledger) {
      const k = `${prefix}{${launchId}${bucketOf(h.buyerId, 4) ? `/${bucketOf(h.buyerId, 4)}` : ''}}`;
      expect(await redis.hexists(`${k}:holds`, h.id)).toBe(1);
      const replay = await take(b, launchId, h.buyerId, 'key-1');
      expect(replay.ok && replay.replayed && replay.holdId === h.id).toBe(true);
    }
    const avail = (await Promise.all([0, 1, 2, 3].map((i) => redis.hget(`${prefix}{${launchId}${i ? `/${i}` : ''}}:avail`, 'sku-1')))).map(Number);
    expect(avail.reduce((s, n) => s + n, 0)).toBe(30);
    expect(Math.max(...avail) - Math.min(...avail)).toBeLessThanOrEqual(1);
  });
});

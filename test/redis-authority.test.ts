import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStockAuthority } from '../src/launches/redis-authority.js';
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
    const n = await a.reconcile(launchId, 30_000, async () => new Set([(kept as { holdId: string }).holdId]));
    expect(n).toBe(1);
    expect(await a.counts(launchId)).toEqual([{ skuId: 'sku-1', allotment: 2, available: 1, held: 1, sold: 0 }]);
    // The stranded buyer may try again with the same key, and gets a fresh answer.
    const again = await take(a, launchId, 'b2', 'k');
    expect(again.ok && !again.replayed).toBe(true);
  });
});

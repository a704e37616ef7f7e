/**
 * One conformance suite for every stock authority: the in-memory one (embedded), the Redis one
 * (scale-out) with one bucket, and with four buckets (a hot SKU spread over shards). Each runs
 * against a real ledger (a migrated SQLite file) and real Redis: races, same-key answers,
 * idempotent settles, rebuilds from the ledger in a new generation (and the old generation's
 * writes failing), broken books stopping decisions, and stranded units.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchLedger } from '../src/launches/ledger.js';
import { bucketOf, bucketTag, RedisStockAuthority } from '../src/launches/redis-authority.js';
import { InvariantViolation, MemoryStockAuthority, type StockAuthority, type TakeResult } from '../src/launches/stock-authority.js';
import { createLaunch, holdRow, openLedger, type LedgerFixture } from './helpers/ledger.js';
import { REDIS_URL, redisProblem } from './helpers/redis.js';

interface Variant {
  name: string;
  buckets: number;
  make(ledger: LaunchLedger, redis: Redis | null, prefix: string): StockAuthority;
}

const VARIANTS: Variant[] = [
  { name: 'memory', buckets: 1, make: (ledger) => new MemoryStockAuthority(ledger) },
  ...(redisProblem
    ? []
    : [1, 4].map((buckets) => ({ name: `redis, ${buckets} bucket${buckets > 1 ? 's' : ''}`, buckets, make: (ledger: LaunchLedger, redis: Redis | null, prefix: string) => new RedisStockAuthority({ redis: redis!, ledger, prefix, buckets }) }))),
];
if (redisProblem) console.warn(`[flashmall tests] Redis authorities skipped in the conformance suite: ${redisProblem}`);

for (const v of VARIANTS) {
  describe(`stock authority conformance [${v.name}]`, () => {
    let fx: LedgerFixture;
    let redis: Redis | null = null;
    const prefix = `fmtest:${randomUUID().slice(0, 8)}:`;
    beforeAll(async () => {
      fx = await openLedger('sqlite');
      if (v.name !== 'memory') redis = new Redis(REDIS_URL);
    });
    afterAll(async () => {
      if (redis) {
        const ks = await redis.keys(`${prefix}*`);
        if (ks.length) await redis.del(...ks);
        redis.disconnect();
      }
      await fx?.close();
    });

    const fresh = async (allotments: number[], perBuyerLimit = 1) => {
      const l = await createLaunch(fx.engine, { allotments, perBuyerLimit });
      const a = v.make(fx.ledger, redis, prefix);
      await a.open(l.launchId);
      return { ...l, a };
    };
    const take = (a: StockAuthority, launchId: string, skuId: string, buyerId: string, key: string, limit = 1, holdId: string = randomUUID()) =>
      a.take({ launchId, skuId, buyerId, quantity: 1, perBuyerLimit: limit, idempotencyKey: key, holdId, now: Date.now() });
    /** Writes a taken hold to the ledger as the reservation path does; returns what the ledger made of it. */
    const write = async (launchId: string, skuId: string, buyerId: string, key: string, holdId: string, r: TakeResult) => {
      if (r.kind !== 'taken') throw new Error(`not taken: ${JSON.stringify(r)}`);
      const [res] = await fx.ledger.writeAnswers([{ kind: 'hold', hold: holdRow(launchId, skuId, buyerId, key, r.epoch, { id: holdId }) }]);
      return res!.status;
    };

    it('1,000 concurrent takes by 500 buyers for 100 units, limit 1: exactly 100 taken, nobody has two, the books balance', async () => {
      const { launchId, skuIds, a } = await fresh([100]);
      const buyers = Array.from({ length: 500 }, () => randomUUID());
      const results = await Promise.all(buyers.flatMap((b) => [take(a, launchId, skuIds[0]!, b, 'k1'), take(a, launchId, skuIds[0]!, b, 'k2')]));
      const won = results.flatMap((r, i) => (r.kind === 'taken' ? [buyers[Math.floor(i / 2)]!] : []));
      expect(won).toHaveLength(100);
      expect(new Set(won).size).toBe(100);
      expect(new Set(results.filter((r) => r.kind === 'refused').map((r) => (r as { reason: string }).reason))).toEqual(new Set(['SOLD_OUT', 'LIMIT_REACHED']));
      expect(await a.counts(launchId)).toEqual([{ skuId: skuIds[0], allotment: 100, available: 0, held: 100, sold: 0 }]);
    });

    it('the same key gets its hold back; release and sell happen once; a sold unit never comes back', async () => {
      const { launchId, skuIds, a } = await fresh([3], 2);
      const sku = skuIds[0]!;
      const h1 = randomUUID();
      expect((await take(a, launchId, sku, 'buyer-a', 'key-1', 2, h1)).kind).toBe('taken');
      expect(await take(a, launchId, sku, 'buyer-a', 'key-1', 2)).toEqual({ kind: 'replay', holdId: h1 });
      expect(await a.sell(launchId, h1, 'buyer-a')).toBe(true);
      expect(await a.sell(launchId, h1, 'buyer-a')).toBe(false);
      expect(await a.release(launchId, h1, 'buyer-a')).toBe(false);
      const h2 = randomUUID();
      await take(a, launchId, sku, 'buyer-a', 'key-2', 2, h2);
      expect(await take(a, launchId, sku, 'buyer-a', 'key-3', 2)).toMatchObject({ kind: 'refused', reason: 'LIMIT_REACHED' });
      expect(await a.release(launchId, h2, 'buyer-a')).toBe(true);
      expect(await a.release(launchId, h2, 'buyer-a')).toBe(false);
      expect(await a.unitsOf(launchId, 'buyer-a')).toBe(1);
      expect(await a.counts(launchId)).toEqual([{ skuId: sku, allotment: 3, available: 2, held: 0, sold: 1 }]);
    });

    it('a rebuild reads the ledger in a new generation: written holds stay taken, units never written come back, and the old generation can no longer write', async () => {
      const { launchId, skuIds, a } = await fresh([10], 2);
      const sku = skuIds[0]!;
      const written: string[] = [];
      for (let i = 0; i < 4; i++) {
        const id = randomUUID();
        const r = await take(a, launchId, sku, `w${i}`, 'k', 2, id);
        expect(await write(launchId, sku, `w${i}`, 'k', id, r)).toBe('written');
        written.push(id);
      }
      // Two more taken, their writes still "in flight" when the state is rebuilt.
      const lateId = randomUUID();
      const late = await take(a, launchId, sku, 'late', 'k', 2, lateId);
      const lost = await take(a, launchId, sku, 'lost', 'k', 2);
      expect((await a.counts(launchId))[0]).toMatchObject({ available: 4, held: 6 });
      const epoch = await a.rebuild(launchId);
      expect(epoch).toBeGreaterThan(late.kind === 'taken' ? late.epoch : Infinity);
      expect(lost.kind).toBe('taken');
      // Only what the ledger has counts; the in-flight write of the old generation is refused.
      expect((await a.counts(launchId))[0]).toMatchObject({ available: 6, held: 4, sold: 0 });
      expect(await write(launchId, sku, 'late', 'k', lateId, late)).toBe('stale');
      expect(await fx.ledger.hold(lateId)).toBeUndefined();
      expect(await a.unitsOf(launchId, 'w0')).toBe(1);
      expect(await a.unitsOf(launchId, 'late')).toBe(0);
      // The written holds settle in the new generation.
      expect(await a.sell(launchId, written[0]!, 'w0')).toBe(true);
      expect((await a.counts(launchId))[0]).toMatchObject({ available: 6, held: 3, sold: 1 });
    });

    it('concurrent rebuilds share one generation; decisions after it write', async () => {
      const { launchId, skuIds, a } = await fresh([5]);
      const other = v.make(fx.ledger, redis, prefix); // another process
      await other.open(launchId);
      const epochs = await Promise.all([a.rebuild(launchId), other.rebuild(launchId), a.rebuild(launchId)]);
      // Memory authorities are per process: each builds its own generation, and only the newest can write.
      if (v.name !== 'memory') expect(new Set(epochs).size).toBe(1);
      const b = a.epoch(launchId) === Math.max(...epochs) ? a : other;
      const stale = b === a ? other : a;
      if (v.name === 'memory') {
        const r = await take(stale, launchId, skuIds[0]!, 'elsewhere', 'key', 1);
        expect(await write(launchId, skuIds[0]!, 'elsewhere', 'key', randomUUID(), r)).toBe('stale');
      }
      const id = randomUUID();
      const r = await take(b, launchId, skuIds[0]!, 'buyer', 'key', 1, id);
      expect(await write(launchId, skuIds[0]!, 'buyer', 'key', id, r)).toBe('written');
    });

    it('a broken book stops decisions on that launch (an invariant violation), and a rebuild from the ledger restores them', async () => {
      const { launchId, skuIds, a } = await fresh([4]);
      const sku = skuIds[0]!;
      await take(a, launchId, sku, 'b1', 'k');
      // Corrupt the live state: one unit more on sale than the books allow.
      if (a instanceof MemoryStockAuthority) {
        const state = a as unknown as { launches: Map<string, { skus: Map<string, { available: number }> }> };
        state.launches.get(launchId)!.skus.get(sku)!.available += 1;
      } else {
        const epoch = (a as RedisStockAuthority).epoch(launchId)!;
        const b = bucketOf('b2', v.buckets);
        await redis!.hincrby(`${prefix}{${bucketTag(launchId, b, v.buckets)}}:g${epoch}:avail`, sku, 1);
      }
      await expect(take(a, launchId, sku, 'b2', 'k')).rejects.toBeInstanceOf(InvariantViolation);
      await a.rebuild(launchId);
      expect(await take(a, launchId, sku, 'b2', 'k')).toMatchObject({ kind: 'taken' });
      // The first take was never written: after the rebuild only the ledger's books count.
      expect((await a.counts(launchId))[0]).toMatchObject({ allotment: 4, available: 3, held: 1 });
    });

    it('a unit taken and never confirmed is stranded after the grace (shared state); in memory nothing ever is', async () => {
      const { launchId, skuIds, a } = await fresh([2]);
      const id = randomUUID();
      const r = await take(a, launchId, skuIds[0]!, 'buyer', 'k', 1, id);
      expect(await a.stranded(launchId, 60_000)).toBe(0);
      await new Promise((res) => setTimeout(res, 5));
      expect(await a.stranded(launchId, 0)).toBe(v.name === 'memory' ? 0 : 1);
      expect(await write(launchId, skuIds[0]!, 'buyer', 'k', id, r)).toBe('written');
      await a.confirm(launchId, [{ id, buyerId: 'buyer' }]);
      expect(await a.stranded(launchId, 0)).toBe(0);
    });

    if (v.buckets > 1) {
      it('skewed demand: 300 buyers of one bucket race for 100 units spread over the buckets; they borrow the rest, exactly 100 are taken', async () => {
        const { launchId, skuIds, a } = await fresh([100]);
        const buyers: string[] = [];
        while (buyers.length < 300) {
          const id = randomUUID();
          if (bucketOf(id, v.buckets) === 0) buyers.push(id);
        }
        const results = await Promise.all(buyers.map((b) => take(a, launchId, skuIds[0]!, b, 'k')));
        expect(results.filter((r) => r.kind === 'taken')).toHaveLength(100);
        expect(new Set(results.filter((r) => r.kind === 'refused').map((r) => (r as { reason: string }).reason))).toEqual(new Set(['SOLD_OUT']));
        expect(await a.counts(launchId)).toEqual([{ skuId: skuIds[0], allotment: 100, available: 0, held: 100, sold: 0 }]);
      });

      it('a transfer left half-done (the process died between the buckets) counts as available and is finished by repair', async () => {
        const { launchId, skuIds, a } = await fresh([8]);
        const epoch = (a as RedisStockAuthority).epoch(launchId)!;
        // Donor side done by hand, as a process that died before delivering would leave it.
        const t1 = `${prefix}{${bucketTag(launchId, 1, v.buckets)}}`;
        const donor = `${t1}:g${epoch}`;
        const moved = await redis!.fmStockBorrow(`${t1}:gen`, `${donor}:allot`, `${donor}:avail`, `${donor}:held`, `${donor}:sold`, `${donor}:xout`, epoch, skuIds[0]!, 1, 'dead-transfer', 0, Date.now() - 60_000);
        expect(moved[0]).toBe('moved');
        expect((await a.counts(launchId))[0]).toMatchObject({ allotment: 8, available: 8 });
        expect(await a.repair(launchId, 30_000)).toBe(1);
        expect(await redis!.hlen(`${donor}:xout`)).toBe(0);
        expect((await a.counts(launchId))[0]).toMatchObject({ allotment: 8, available: 8, held: 0 });
        const results = await Promise.all(Array.from({ length: 12 }, () => take(a, launchId, skuIds[0]!, randomUUID(), 'k')));
        expect(results.filter((r) => r.kind === 'taken')).toHaveLength(8);
      });
    }
  });
}

/**
 * The Redis waiting room as several processes share it: two RedisWaitingRoom objects on the
 * same keys stand for two app processes. One draw however many race for it, arrivals during
 * the draw queue behind it, the admission rate and the active cap hold across both, and a
 * room Redis lost comes back from the ledger.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisWaitingRoom } from '../src/launches/redis-room.js';
import { drawOrder, type QueueEntry } from '../src/launches/waiting-room.js';
import type { Arrival } from '../src/launches/live-state.js';
import type { RoomSnapshot } from '../src/launches/ledger.js';
import { REDIS_URL, redisProblem } from './helpers/redis.js';

describe.runIf(!redisProblem)('Redis waiting room shared by processes (real Redis)', () => {
  let redis: Redis;
  let redis2: Redis;
  const prefix = `fmtest:${randomUUID().slice(0, 8)}:`;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    redis2 = new Redis(REDIS_URL); // the second "process" has a connection of its own
  });
  afterAll(async () => {
    const ks = await redis.keys(`${prefix}*`);
    if (ks.length) await redis.del(...ks);
    redis.disconnect();
    redis2.disconnect();
  });

  const settings = { admissionRatePerSec: 5, maxActive: 7, passTtlMs: 10_000 };
  const MAX = 1_000_000;
  /** A ledger holding a room generation and what the room is rebuilt from. */
  const fakeLedger = (read: () => Omit<RoomSnapshot, 'epoch'> = () => ({ entries: [], drawn: false })) => {
    let epoch = 0;
    return {
      reads: 0,
      get epoch() {
        return epoch;
      },
      fenceRoom() {
        return Promise.resolve(++epoch);
      },
      roomSnapshot(): Promise<RoomSnapshot> {
        this.reads++;
        return Promise.resolve({ epoch, ...read() });
      },
    };
  };
  const pair = async (launchId: string, ledger = fakeLedger(), now = () => Date.now()) => {
    const a = new RedisWaitingRoom(redis, launchId, settings, { prefix, ledger, now });
    const b = new RedisWaitingRoom(redis2, launchId, settings, { prefix, ledger, now });
    await a.ensure();
    await b.ensure();
    return [a, b] as const;
  };

  it('two processes race the draw: it is recorded once, both apply the recorded seed, and arrivals during the draw queue behind the pre-queue', async () => {
    const launchId = randomUUID();
    const [a, b] = await pair(launchId);
    const buyers = Array.from({ length: 40 }, (_, i) => `buyer-${String(i).padStart(2, '0')}`);
    for (const [i, id] of buyers.entries()) await (i % 2 ? a : b).join(id, 1000 + i, MAX);
    let recorded: { seed: string; drawn: Arrival[] } | null = null;
    let records = 0;
    let late: QueueEntry | null = null;
    const record = async (seed: string, drawn: Arrival[]): Promise<string | null> => {
      records++;
      // While the ledger write is in flight, someone arrives at the other process.
      late ??= (await b.join('late-buyer', 5000, MAX))!.entry;
      recorded ??= { seed, drawn };
      return recorded.seed;
    };
    await Promise.all([a.draw(() => 'aa'.repeat(32), record), b.draw(() => 'bb'.repeat(32), record)]);
    expect(records).toBe(1); // the other waited for the lock, then saw the draw done
    expect(a.drawn && b.drawn).toBe(true);
    const seed = recorded!.seed;
    expect(recorded!.drawn.map((x) => x.buyerId)).toEqual(drawOrder(seed, buyers));
    const seqs = await Promise.all(buyers.map(async (id) => [id, (await a.get(id))!.seq] as const));
    expect(seqs.sort((x, y) => x[1]! - y[1]!).map(([id]) => id)).toEqual(drawOrder(seed, buyers));
    expect(late!.seq).toBe(41); // behind all forty, numbered after them
    expect((await b.get('late-buyer'))!.prequeue).toBe(false);
    // A later draw call changes nothing.
    await b.draw(() => 'cc'.repeat(32), record);
    expect(records).toBe(1);
  });

  it('the admission rate and the active cap hold across processes admitting at the same moments', async () => {
    const launchId = randomUUID();
    let t = 1_000_000;
    const [a, b] = await pair(launchId, fakeLedger(), () => t);
    for (let i = 0; i < 30; i++) await a.join(`b${i}`, t, MAX);
    await a.draw(() => 'ab'.repeat(32), (seed) => Promise.resolve(seed));
    const admitted: QueueEntry[] = [];
    for (let k = 0; k < 4; k++) {
      t += 1000;
      // Both processes run their admission round at the same instant.
      const [x, y] = await Promise.all([a.admit(t, true), b.admit(t, true)]);
      admitted.push(...x.admitted, ...y.admitted);
      expect(x.admitted.length + y.admitted.length, `second ${k}`).toBeLessThanOrEqual(5);
    }
    // 5 per second, but never more than 7 active at once.
    expect(admitted).toHaveLength(7);
    expect((await b.stats(t)).active).toBe(7);
    await a.setFinished(admitted[0]!.buyerId, true);
    t += 1000;
    expect((await b.admit(t, true)).admitted).toHaveLength(1);
    expect(await a.stats(t)).toEqual({ size: 30, waiting: 22, admittedTotal: 8, active: 7 });
  });

  it('a room Redis lost is rebuilt from the ledger in a new generation (once, whichever process notices), places and admissions kept', async () => {
    const launchId = randomUUID();
    const ledger: QueueEntry[] = [
      { buyerId: 'x1', joinedAt: 1, prequeue: true, seq: 1, admittedAt: 500, finished: true },
      { buyerId: 'x2', joinedAt: 2, prequeue: true, seq: 2, admittedAt: 500, finished: false },
      { buyerId: 'x3', joinedAt: 3, prequeue: true, seq: 3, admittedAt: null, finished: false },
      { buyerId: 'x4', joinedAt: 4, prequeue: false, seq: 4, admittedAt: null, finished: false },
    ];
    const fake = fakeLedger(() => ({ entries: ledger.map((e) => ({ ...e })), drawn: true }));
    const [a, b] = await pair(launchId, fake, () => 1000);
    expect([fake.reads, fake.epoch]).toEqual([1, 1]);
    const before = await a.join('x9', 900, MAX);
    expect(before!.epoch).toBe(1);
    await redis.del(...(await redis.keys(`${prefix}{${launchId}}:q:*`)));
    const [ea, eb] = await Promise.all([a.get('x3'), b.get('x2')]);
    expect([fake.reads, fake.epoch]).toEqual([2, 2]);
    // A place decided in the lost generation is not in the new one (its ledger write, fenced, would fail).
    expect(await b.get('x9')).toBeUndefined();
    expect(ea).toMatchObject({ seq: 3, admittedAt: null });
    expect(eb).toMatchObject({ seq: 2, admittedAt: 500 });
    expect(await a.position(ea!)).toMatchObject({ position: 1, ahead: 0 });
    expect(await b.stats(1000)).toEqual({ size: 4, waiting: 2, admittedTotal: 2, active: 1 });
    // A new arrival after the restore queues after the last place the ledger knew.
    expect(await b.join('x5', 2000, MAX)).toMatchObject({ entry: { seq: 5 }, epoch: 2 });
    // A room at its bound takes nobody new (those in it keep their places).
    expect(await a.join('x6', 2000, 5)).toBeNull();
    expect(await a.join('x5', 2000, 5)).toMatchObject({ isNew: false });
  });
});

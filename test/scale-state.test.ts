/**
 * The repairs the scale-out mode relies on, one at a time and on purpose (the multi-process
 * test in scale-out.test.ts hits them only by chance): a process that dies between the ledger
 * commit and the Redis update, a unit taken in Redis whose hold never reached the ledger, and
 * Redis losing a launch's room, registrations and stock. Scale variant only (PostgreSQL + Redis).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, bulkBuyers, dropRedisPrefix, scheduleLaunch, sellerWithProduct, startServer, type TestServer, errorOf } from './harness.js';
import { expectBooksBalance, joinQueue, passOf, queueStatus, reserve, sleepUntil } from './helpers/launch.js';

if (!ENGINES.includes('scale')) console.warn('[flashmall tests] scale-out state suite skipped: it needs the local PostgreSQL and Redis (required under CI=true).');

describe.runIf(ENGINES.includes('scale'))('scale-out state: repairs after a dead process or a lost Redis [scale]', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('scale', { config: { rateLimitEnabled: false } });
  });
  afterAll(async () => {
    await s?.close();
  });

  async function liveLaunch(allotment: number, extra: Record<string, unknown> = {}) {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: allotment });
    const skuId: string = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment, startsInMs: 2500, ...extra });
    return { seller, launch, skuId };
  }

  it('a payment committed by a process that died before telling Redis is settled by any other process from the settle queue', async () => {
    const { launch, skuId } = await liveLaunch(3);
    const [buyer] = await bulkBuyers(s, 1);
    const token = await joinQueue(buyer!, launch.id);
    await sleepUntil(launch.startsAt);
    await s.fm.launches.tick();
    const r = await reserve(buyer!, launch.id, skuId, await passOf(buyer!, launch.id, token), 'settle-key-1');
    expect(r.status).toBe(201);
    // The dying process queued the settle and committed 'paid'; it never reached Redis.
    await s.fm.launches.state.settleQueue.add(launch.id, [r.body.id], Date.now());
    await s.fm.ctx.db.updateTable('holds').set({ status: 'paid', updated_at: Date.now() }).where('id', '=', r.body.id).execute();
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ held: 1, sold: 0 });
    await s.fm.launches.reconcile(); // any process's sweep
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ available: 2, held: 0, sold: 1 });
    expect(await s.fm.launches.state.settleQueue.pending(launch.id)).toEqual([]);
    await expectBooksBalance(s, launch.id);
  });

  it('1,500 payments the ledger committed while Redis was not told settle in one sweep, each once; holds still being committed stay queued', async () => {
    const { launch, skuId } = await liveLaunch(1520, { perBuyerLimit: 1 });
    const buyers = await bulkBuyers(s, 1520);
    await sleepUntil(launch.startsAt);
    const now = Date.now();
    const rows = [];
    for (const [i, b] of buyers.entries()) {
      const holdId = randomUUID();
      expect((await s.fm.launches.authority.take({ launchId: launch.id, skuId, buyerId: b.userId!, quantity: 1, perBuyerLimit: 1, idempotencyKey: `bulk-settle-${i}`, holdId, now })).kind).toBe('taken');
      rows.push({ id: holdId, launch_id: launch.id, sku_id: skuId, buyer_id: b.userId!, quantity: 1, price_minor: 999_00, currency: 'CNY', status: i < 1500 ? ('paid' as const) : ('held' as const), idempotency_key: `bulk-settle-${i}`, expires_at: now + 600_000, order_id: null, created_at: now, updated_at: now });
    }
    for (let i = 0; i < rows.length; i += 500) await s.fm.ctx.db.insertInto('holds').values(rows.slice(i, i + 500)).execute();
    await s.fm.launches.authority.confirm(launch.id, rows.map((r) => ({ id: r.id, buyerId: r.buyer_id })));
    await s.fm.launches.state.settleQueue.add(launch.id, rows.map((r) => r.id), now);
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ held: 1520, sold: 0 });

    await Promise.all([s.fm.launches.reconcile(), s.fm.launches.reconcile()]); // two sweeps at once
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ available: 0, held: 20, sold: 1500 });
    const left = (await s.fm.launches.state.settleQueue.pending(launch.id)).map((p) => p.holdId).sort();
    expect(left).toEqual(rows.slice(1500).map((r) => r.id).sort());
    await expectBooksBalance(s, launch.id);
  });

  it('a unit taken in Redis whose hold never reached the ledger comes back when the launch is rebuilt after the grace, and its key may be used again', async () => {
    const { launch, skuId } = await liveLaunch(2);
    const [buyer] = await bulkBuyers(s, 1);
    await sleepUntil(launch.startsAt);
    // The process decided (Redis took the unit) and died before the group commit.
    const taken = await s.fm.launches.authority.take({ launchId: launch.id, skuId, buyerId: buyer!.userId!, quantity: 1, perBuyerLimit: 1, idempotencyKey: 'stranded-key', holdId: randomUUID(), now: Date.now() });
    expect(taken.kind).toBe('taken');
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ available: 1, held: 1 });
    expect(await s.fm.launches.reconcileStock(60_000)).toBe(0); // within the grace: it may still be committing
    expect(await s.fm.launches.reconcileStock(0)).toBe(1); // rebuilt from the ledger (a new generation)
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ available: 2, held: 0 });
    await s.fm.launches.tick();
    const token = await joinQueue(buyer!, launch.id);
    await s.fm.launches.tick();
    const again = await reserve(buyer!, launch.id, skuId, await passOf(buyer!, launch.id, token), 'stranded-key');
    expect(again.status).toBe(201); // a fresh answer: the first one was never acknowledged
    await expectBooksBalance(s, launch.id);
  });

  it('a replayed key whose hold another process is still committing waits for its row; with none coming, it is told to retry (503), not given a second unit', async () => {
    const { launch, skuId } = await liveLaunch(2);
    const buyers = await bulkBuyers(s, 2);
    const tokens = await Promise.all(buyers.map((b) => joinQueue(b, launch.id)));
    await sleepUntil(launch.startsAt);
    await s.fm.launches.tick();
    const passes = await Promise.all(buyers.map((b, i) => passOf(b, launch.id, tokens[i]!)));
    // "Another process" took a unit for buyer 0 and commits its row 300 ms later.
    const holdId = randomUUID();
    const now = Date.now();
    const taken = await s.fm.launches.authority.take({ launchId: launch.id, skuId, buyerId: buyers[0]!.userId!, quantity: 1, perBuyerLimit: 1, idempotencyKey: 'elsewhere-key', holdId, now });
    expect(taken.kind).toBe('taken');
    setTimeout(() => {
      void s.fm.ctx.db
        .insertInto('holds')
        .values({ id: holdId, launch_id: launch.id, sku_id: skuId, buyer_id: buyers[0]!.userId!, quantity: 1, price_minor: 999_00, currency: 'CNY', status: 'held', idempotency_key: 'elsewhere-key', expires_at: now + 600_000, order_id: null, created_at: now, updated_at: now, epoch: taken.kind === 'taken' ? taken.epoch : 0 })
        .execute();
    }, 300);
    const replay = await reserve(buyers[0]!, launch.id, skuId, passes[0]!, 'elsewhere-key');
    expect([replay.status, replay.body.id]).toEqual([200, holdId]);
    // Buyer 1's key was answered by a process that died before its commit: no row ever comes.
    const lost = await s.fm.launches.authority.take({ launchId: launch.id, skuId, buyerId: buyers[1]!.userId!, quantity: 1, perBuyerLimit: 1, idempotencyKey: 'lost-key-1', holdId: randomUUID(), now: Date.now() });
    expect(lost.kind).toBe('taken');
    const retry = await reserve(buyers[1]!, launch.id, skuId, passes[1]!, 'lost-key-1');
    expect([retry.status, errorOf(retry).code]).toEqual([503, 'HOLD_PENDING']);
    expect((await s.fm.launches.counts(launch.id))[0]).toMatchObject({ available: 0, held: 2 });
    // The reconciler rebuilds the launch from the ledger (the unit is back, the cached answer gone): the retry now succeeds.
    expect(await s.fm.launches.reconcileStock(0)).toBe(1);
    const third = await reserve(buyers[1]!, launch.id, skuId, passes[1]!, 'lost-key-1');
    expect(third.status).toBe(201);
    expect(await expectBooksBalance(s, launch.id)).toEqual({ allotment: 2, available: 0, held: 2, sold: 0 });
  });

  it('after Redis loses everything, the room, the registrations and the stock come back from the ledger', async () => {
    const { seller, launch, skuId } = await liveLaunch(5, { registrationRequired: true, registrationOpensAt: Date.now() - 1000, perBuyerLimit: 1 });
    const buyers = await bulkBuyers(s, 4);
    for (const b of buyers.slice(0, 3)) expect((await b.post(`/launches/${launch.id}/registrations`)).status).toBe(200);
    const tokens = await Promise.all(buyers.slice(0, 3).map((b) => joinQueue(b, launch.id)));
    await sleepUntil(launch.startsAt);
    await s.fm.launches.tick();
    const first = await reserve(buyers[0]!, launch.id, skuId, await passOf(buyers[0]!, launch.id, tokens[0]!), 'before-loss');
    expect(first.status).toBe(201);
    const before = (await seller.get(`/launches/${launch.id}/monitor`)).body;

    // Everything of this deployment in Redis is gone (as after FLUSHALL or a restart; nothing runs meanwhile here).
    await dropRedisPrefix(s.fm.ctx.config.redisPrefix);

    const after = (await seller.get(`/launches/${launch.id}/monitor`)).body;
    expect({ registered: after.registered, queued: after.queued, admitted: after.admitted, held: after.held, available: after.available }).toEqual({ registered: 3, queued: before.queued, admitted: before.admitted, held: 1, available: 4 });
    // The buyer who held gets the same hold back for the same key; the others still have their places and passes.
    const replay = await reserve(buyers[0]!, launch.id, skuId, await passOf(buyers[0]!, launch.id, tokens[0]!), 'before-loss');
    expect([replay.status, replay.body.id]).toEqual([200, first.body.id]);
    expect((await queueStatus(buyers[1]!, launch.id, tokens[1]!)).state).toBe('admitted');
    expect((await reserve(buyers[1]!, launch.id, skuId, await passOf(buyers[1]!, launch.id, tokens[1]!), 'after-loss')).status).toBe(201);
    // Still only registered buyers may join.
    expect((await buyers[3]!.post(`/launches/${launch.id}/queue`, {})).status).toBe(403);
    expect(await expectBooksBalance(s, launch.id)).toEqual({ allotment: 5, available: 3, held: 2, sold: 0 });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkBuyers, forEachEngine, scheduleLaunch, sellerWithProduct, startServer, type Client, type TestServer, errorOf } from './harness.js';

async function joinAndGetPass(buyer: Client, launchId: string): Promise<string> {
  const j = await buyer.post(`/launches/${launchId}/queue`, {});
  if (j.status !== 200) throw new Error(`join ${j.status} ${JSON.stringify(j.body)}`);
  return j.body.queueToken;
}

forEachEngine('launch races', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
  });
  afterAll(() => s.close());

  it('5,000 buyers race for 500 units with limit 1: exactly 500 holds, nobody has two', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 500 });
    const skuId = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment: 500, startsInMs: 1500 });
    expect((await seller.get(`/products/${product.id}`)).body.skus[0]!.stock).toBe(0); // allotment left ordinary stock
    const buyers = await bulkBuyers(s, 5000);
    const tokens: string[] = [];
    for (let i = 0; i < buyers.length; i += 250) tokens.push(...(await Promise.all(buyers.slice(i, i + 250).map((b) => joinAndGetPass(b, launch.id)))));
    await new Promise((r) => setTimeout(r, Math.max(0, launch.startsAt - Date.now() + 20)));
    await s.fm.launches.tick();
    const passes: string[] = [];
    for (let i = 0; i < buyers.length; i += 250) {
      const statuses = await Promise.all(buyers.slice(i, i + 250).map((b, k) => b.get(`/launches/${launch.id}/queue?token=${encodeURIComponent(tokens[i + k]!)}`)));
      for (const st of statuses) {
        expect(st.body.state).toBe('admitted');
        passes.push(st.body.pass!);
      }
    }
    const results: Array<{ status: number; body: unknown }> = [];
    for (let i = 0; i < buyers.length; i += 1000) {
      results.push(
        ...(await Promise.all(
          buyers.slice(i, i + 1000).map((b, k) => b.post(`/launches/${launch.id}/reservations`, { skuId }, { 'x-admission-pass': passes[i + k]!, 'idempotency-key': `race-${i + k}-a` })),
        )),
      );
    }
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(500);
    const refusedCodes = new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${errorOf(r).code}`));
    expect([...refusedCodes]).toEqual(['409 SOLD_OUT']);
    const holds = await s.fm.ctx.db.selectFrom('holds').select(['buyer_id', 'quantity']).where('launch_id', '=', launch.id).execute();
    expect(holds).toHaveLength(500);
    expect(new Set(holds.map((h) => h.buyer_id)).size).toBe(500);
    const counts = await s.fm.launches.counts(launch.id);
    expect(counts[0]).toMatchObject({ allotment: 500, available: 0, held: 500, sold: 0 });
  });

  it('limit 2, each buyer firing parallel requests from several sessions: nobody above 2', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 1000 });
    const skuId = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment: 1000, perBuyerLimit: 2, startsInMs: 600 });
    const buyers = await bulkBuyers(s, 60);
    // Three more sessions (tokens) for each buyer, as if on a phone, a tablet and a PC.
    const { openSession } = await import('../src/accounts/service.js');
    const sessions: Client[][] = [];
    for (const b of buyers) {
      const devices = [b];
      for (let d = 0; d < 2; d++) {
        const c = new (b.constructor as typeof Client)(s.url);
        c.token = (await openSession(s.fm.ctx, b.userId!, 'bearer', `device ${d}`)).token;
        c.userId = b.userId;
        devices.push(c);
      }
      sessions.push(devices);
    }
    // Joining from every device gives one place.
    const tokens = await Promise.all(sessions.map(async (devs) => (await Promise.all(devs.map((d) => joinAndGetPass(d, launch.id))))[0]!));
    const entries = await s.fm.ctx.db.selectFrom('queue_entries').select('buyer_id').where('launch_id', '=', launch.id).execute();
    expect(entries).toHaveLength(60);
    await new Promise((r) => setTimeout(r, Math.max(0, launch.startsAt - Date.now() + 20)));
    await s.fm.launches.tick();
    const passes = await Promise.all(sessions.map((devs, i) => devs[0]!.get(`/launches/${launch.id}/queue?token=${encodeURIComponent(tokens[i]!)}`).then((r) => r.body.pass as string)));
    const attempts = sessions.flatMap((devs, i) => devs.flatMap((d, k) => [0, 1].map((n) => d.post(`/launches/${launch.id}/reservations`, { skuId }, { 'x-admission-pass': passes[i]!, 'idempotency-key': `b${i}-d${k}-n${n}` }))));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.status === 201)).toHaveLength(120);
    for (const r of results.filter((x) => x.status !== 201)) expect(errorOf(r).code).toBe('LIMIT_REACHED');
    const holds = await s.fm.ctx.db.selectFrom('holds').select(['buyer_id', 'quantity']).where('launch_id', '=', launch.id).execute();
    const perBuyer = new Map<string, number>();
    for (const h of holds) perBuyer.set(h.buyer_id, (perBuyer.get(h.buyer_id) ?? 0) + h.quantity);
    expect(Math.max(...perBuyer.values())).toBe(2);
    expect(perBuyer.size).toBe(60);
  });

  it('the same idempotency key always gets the same answer', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 5 });
    const skuId = product.skus[0]!.id;
    const launch = await scheduleLaunch(seller, store.id, skuId, { allotment: 5, perBuyerLimit: 3, startsInMs: 400 });
    const [b] = await bulkBuyers(s, 1);
    const token = await joinAndGetPass(b!, launch.id);
    await new Promise((r) => setTimeout(r, Math.max(0, launch.startsAt - Date.now() + 20)));
    await s.fm.launches.tick();
    const pass = (await b!.get(`/launches/${launch.id}/queue?token=${encodeURIComponent(token)}`)).body.pass!;
    const tries = await Promise.all([1, 2, 3, 4].map(() => b!.post(`/launches/${launch.id}/reservations`, { skuId }, { 'x-admission-pass': pass, 'idempotency-key': 'same-key-123' })));
    const ids = new Set(tries.map((t) => t.body.id));
    expect(ids.size).toBe(1);
    expect(tries.map((t) => t.status).sort()).toEqual([200, 200, 200, 201]);
    expect((await s.fm.launches.counts(launch.id))[0]!.held).toBe(1);
  });
});

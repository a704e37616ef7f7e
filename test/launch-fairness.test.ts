/**
 * Fairness of the waiting room, on a clock the test moves: the pre-queue is drawn with the
 * recorded seed (anyone can replay it), later arrivals queue behind in arrival order,
 * admissions follow the rate and the active cap, a sell-out is told to everyone waiting, and
 * a unit that comes back reopens admissions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkBuyers, forEachEngine, sellerWithProduct, startServer, type Client, type TestServer } from './harness.js';
import { ManualClock } from '../src/shared/clock.js';
import { drawOrder } from '../src/launches/waiting-room.js';
import { expectBooksBalance, joinQueue, passOf, queueStatus, reserve } from './helpers/launch.js';
import { stringMatching } from './helpers/match.js';

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

forEachEngine('launch fairness', (engine) => {
  let s: TestServer;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    s = await startServer(engine, { clock, config: { rateLimitEnabled: false } });
  });
  afterAll(() => s.close());

  /** A launch starting a minute from the test clock's now. */
  async function launch(opts: { allotment: number; ratePerSecond: number; maxActive: number; passTtlMs?: number; perBuyerLimit?: number }) {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: opts.allotment });
    const skuId: string = product.skus[0]!.id;
    const now = clock.now();
    const r = await seller.post(`/stores/${store.id}/launches`, {
      title: 'Fair launch',
      startsAt: now + 60_000,
      endsAt: now + 6 * 3600_000,
      perBuyerLimit: opts.perBuyerLimit ?? 1,
      paymentWindowMs: 60_000,
      admission: { ratePerSecond: opts.ratePerSecond, maxActive: opts.maxActive, passTtlMs: opts.passTtlMs ?? 3600_000 },
      items: [{ skuId, allotment: opts.allotment, launchPriceMinor: 999_00 }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.id, startsAt: r.body.startsAt, skuId, seller };
  }

  /** Buyers (with their queue tokens) whose state is 'admitted' right now. */
  async function admittedNow(launchId: string, buyers: Array<{ b: Client; token: string }>): Promise<string[]> {
    const st = await Promise.all(buyers.map((x) => queueStatus(x.b, launchId, x.token)));
    return buyers.filter((_, i) => st[i]!.state === 'admitted').map((x) => x.b.userId!);
  }

  it('the recorded draw replays to the admission order; later arrivals follow in arrival order; one admission per second at rate 1', async () => {
    const L = await launch({ allotment: 100, ratePerSecond: 1, maxActive: 1000 });
    const buyers = await bulkBuyers(s, 18);
    const token = new Map<string, string>();
    const join = async (b: Client) => token.set(b.userId!, await joinQueue(b, L.id));

    // Pre-queue: eight buyers one after another, then six at the very same instant (each gets the next arrival number as its join is decided).
    const sequential = buyers.slice(0, 8);
    const tied = buyers.slice(8, 14);
    for (const b of sequential) {
      await join(b);
      clock.advance(137);
    }
    await Promise.all(tied.map(join));
    const numbered = await s.fm.ctx.db.selectFrom('queue_entries').select(['buyer_id', 'arrival']).where('launch_id', '=', L.id).orderBy('arrival').execute();
    expect(numbered.map((r) => r.arrival)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const arrival = numbered.map((r) => r.buyer_id);
    expect(arrival.slice(0, 8)).toEqual(sequential.map((b) => b.userId!));
    expect(arrival.slice(8).sort(byId)).toEqual(tied.map((b) => b.userId!).sort(byId));
    for (const b of buyers.slice(0, 14)) {
      const st = await queueStatus(b, L.id, token.get(b.userId!)!);
      expect(st).toMatchObject({ state: 'prequeue', position: null, pass: null });
      // A polling client is told to come back at the start (at least 1 s, at most 30 s from now).
      expect(st.pollAfterMs).toBe(Math.min(30_000, Math.max(1000, L.startsAt - clock.now())));
    }
    const rows = await s.fm.ctx.db.selectFrom('queue_entries').select(['buyer_id', 'joined_at', 'prequeue', 'seq', 'arrival']).where('launch_id', '=', L.id).execute();
    expect(rows.every((r) => r.prequeue === 1 && r.seq === null)).toBe(true);
    // The arrival order is recorded (the arrival numbers, in join-time order).
    expect(rows.sort((a, b) => a.arrival! - b.arrival!).map((r) => r.buyer_id)).toEqual(arrival);
    expect(rows.every((r, i) => i === 0 || rows[i - 1]!.joined_at <= r.joined_at)).toBe(true);
    expect((await s.fm.ctx.db.selectFrom('launches').select('shuffle_seed').where('id', '=', L.id).executeTakeFirstOrThrow()).shuffle_seed).toBeNull();

    // The start. Two buyers arrive together before the first admission round (their joins make the draw),
    // then two more one after another.
    clock.set(L.startsAt + 1);
    const lateTogether = buyers.slice(14, 16);
    const lateInTurn = buyers.slice(16, 18);
    await Promise.all(lateTogether.map(join));
    for (const b of lateInTurn) {
      clock.advance(5);
      await join(b);
    }

    const view = (await L.seller.get(`/launches/${L.id}`)).body;
    expect(view.draw).toMatchObject({ seed: stringMatching(/^[0-9a-f]{64}$/), prequeueCount: 14 });
    const drawn = drawOrder(view.draw!.seed, arrival);
    const seqRows = await s.fm.ctx.db.selectFrom('queue_entries').select(['buyer_id', 'seq', 'prequeue']).where('launch_id', '=', L.id).orderBy('seq').execute();
    expect(seqRows.map((r) => r.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(seqRows.slice(0, 14).map((r) => r.buyer_id)).toEqual(drawn);
    expect(seqRows.slice(14, 16).map((r) => r.buyer_id).sort(byId)).toEqual(lateTogether.map((b) => b.userId!).sort(byId));
    expect(seqRows.slice(16).map((r) => r.buyer_id)).toEqual(lateInTurn.map((b) => b.userId!));
    expect(seqRows.slice(14).every((r) => r.prequeue === 0)).toBe(true);

    // Before the first admission everyone knows their place: position = place in line, ETA at 1/s.
    for (const r of seqRows) {
      const b = buyers.find((x) => x.userId === r.buyer_id)!;
      // Polling is paced by the wait: about when the turn is expected, between 2 s and 20 s.
      expect(await queueStatus(b, L.id, token.get(r.buyer_id)!)).toMatchObject({ state: 'waiting', position: r.seq, ahead: r.seq! - 1, etaSeconds: r.seq! - 1, pass: null, pollAfterMs: Math.min(20_000, Math.max(2000, (r.seq! - 1) * 1000)) });
    }

    // Admissions: one per tick, a second apart, in line order; a tick with no time passed admits no one,
    // and a long pause does not let a burst through (the bucket holds one second's worth).
    const all = buyers.map((b) => ({ b, token: token.get(b.userId!)! }));
    const admittedOrder: string[] = [];
    for (let k = 0; k < 18; k++) {
      // (The bucket filled while waiting for the start, but only to one.)
      if (k > 0) clock.advance(k === 9 ? 30_000 : 1000);
      await s.fm.launches.tick();
      const now = await admittedNow(L.id, all);
      const fresh = now.filter((id) => !admittedOrder.includes(id));
      expect(fresh, `tick ${k}`).toHaveLength(1);
      admittedOrder.push(...fresh);
      await s.fm.launches.tick(); // the same instant: nothing more
      expect(await admittedNow(L.id, all), `tick ${k} again`).toHaveLength(admittedOrder.length);
    }
    expect(admittedOrder).toEqual(seqRows.map((r) => r.buyer_id));
  });

  it('joins racing the start (and the first admission round) all get a place: one draw, nobody left out', async () => {
    const L = await launch({ allotment: 100, ratePerSecond: 100, maxActive: 1000 });
    const buyers = await bulkBuyers(s, 60);
    // Forty join just before the start; their writes are still being committed when the clock
    // passes the start and twenty more join at once, while an admission round runs.
    const early = buyers.slice(0, 40).map((b) => b.post(`/launches/${L.id}/queue`, {}));
    const live = await s.fm.launches.get(L.id);
    while ((await live.room.stats(clock.now())).size < 40) await new Promise((r) => setImmediate(r));
    clock.set(L.startsAt);
    const late = buyers.slice(40).map((b) => b.post(`/launches/${L.id}/queue`, {}));
    const ticked = s.fm.launches.tick();
    const results = await Promise.all([...early, ...late]);
    await ticked;
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = await s.fm.ctx.db.selectFrom('queue_entries').select(['buyer_id', 'seq', 'prequeue']).where('launch_id', '=', L.id).orderBy('seq').execute();
    expect(rows).toHaveLength(60);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const pre = rows.filter((r) => r.prequeue === 1);
    // Whoever was in the pre-queue at the draw is drawn ahead of every later arrival, in the replayable order.
    expect(rows.slice(0, pre.length).every((r) => r.prequeue === 1)).toBe(true);
    const view = (await L.seller.get(`/launches/${L.id}`)).body;
    expect(view.draw!.prequeueCount).toBe(pre.length);
    const joined = await s.fm.ctx.db.selectFrom('queue_entries').select(['buyer_id', 'arrival']).where('launch_id', '=', L.id).where('prequeue', '=', 1).execute();
    const arrival = joined.sort((a, b) => a.arrival! - b.arrival!).map((r) => r.buyer_id);
    expect(pre.map((r) => r.buyer_id)).toEqual(drawOrder(view.draw!.seed, arrival));
  });

  it('admission follows the rate (N per second) and stops at the active cap until buyers finish or their passes lapse', async () => {
    const L = await launch({ allotment: 100, ratePerSecond: 5, maxActive: 7, passTtlMs: 10_000 });
    const buyers = await bulkBuyers(s, 20);
    const tokens = await Promise.all(buyers.map((b) => joinQueue(b, L.id)));
    const all = buyers.map((b, i) => ({ b, token: tokens[i]! }));
    const room = async () => {
      const m = (await L.seller.get(`/launches/${L.id}/monitor`)).body;
      return { admitted: m.admitted, active: m.active, queued: m.queued };
    };
    clock.set(L.startsAt + 1);
    await s.fm.launches.tick();
    expect(await room()).toEqual({ admitted: 5, active: 5, queued: 15 }); // one second's worth at 5/s
    expect(await admittedNow(L.id, all)).toHaveLength(5);
    clock.advance(400);
    await s.fm.launches.tick();
    expect(await room()).toEqual({ admitted: 7, active: 7, queued: 13 }); // 0.4 s later: 2 more
    clock.advance(1000);
    await s.fm.launches.tick();
    expect(await room()).toEqual({ admitted: 7, active: 7, queued: 13 }); // the cap: 7 at once
    expect(await admittedNow(L.id, all)).toHaveLength(7);

    // Three admitted buyers take their one unit: they are done and free three places.
    const admitted = await admittedNow(L.id, all);
    const done = all.filter((x) => admitted.includes(x.b.userId!)).slice(0, 3);
    for (const [i, x] of done.entries()) {
      expect((await reserve(x.b, L.id, L.skuId, await passOf(x.b, L.id, x.token), `cap-key-${i}`)).status).toBe(201);
    }
    expect(await room()).toEqual({ admitted: 7, active: 4, queued: 13 });
    clock.advance(1000);
    await s.fm.launches.tick();
    expect(await room()).toEqual({ admitted: 10, active: 7, queued: 10 });

    // Passes lapse after 10 s: those buyers stop counting against the cap and the line moves on, at the rate.
    clock.advance(10_000);
    await s.fm.launches.tick();
    expect(await room()).toEqual({ admitted: 15, active: 5, queued: 5 });
    clock.advance(1000);
    await s.fm.launches.tick();
    expect(await room()).toEqual({ admitted: 17, active: 7, queued: 3 });
    expect(await expectBooksBalance(s, L.id)).toEqual({ allotment: 100, available: 97, held: 3, sold: 0 });
  });

  it('a sell-out is told to everyone waiting; an expired hold puts a unit back and admissions resume', async () => {
    const L = await launch({ allotment: 2, ratePerSecond: 2, maxActive: 1000 });
    const buyers = await bulkBuyers(s, 8);
    const tokens = await Promise.all(buyers.map((b) => joinQueue(b, L.id)));
    const all = buyers.map((b, i) => ({ b, token: tokens[i]! }));
    clock.set(L.startsAt + 1);
    await s.fm.launches.tick();
    const first = await admittedNow(L.id, all);
    expect(first).toHaveLength(2);
    const winners = all.filter((x) => first.includes(x.b.userId!));
    const holds: string[] = [];
    for (const [i, x] of winners.entries()) {
      const r = await reserve(x.b, L.id, L.skuId, await passOf(x.b, L.id, x.token), `sell-key-${i}`);
      expect(r.status).toBe(201);
      holds.push(r.body.id);
    }
    // Sold out: everyone still in line is told so, and no one else is admitted while nothing is left.
    const states = async () => (await Promise.all(all.map((x) => queueStatus(x.b, L.id, x.token)))).map((st) => st.state as string);
    const waiting = all.filter((x) => !first.includes(x.b.userId!));
    for (const x of waiting) expect((await queueStatus(x.b, L.id, x.token)).state).toBe('sold_out');
    clock.advance(5000);
    await s.fm.launches.tick();
    expect((await states()).filter((st) => st === 'admitted')).toHaveLength(0);
    expect((await L.seller.get(`/launches/${L.id}`)).body.phase).toBe('sold_out');
    expect((await L.seller.get(`/launches/${L.id}/monitor`)).body).toMatchObject({ admitted: 2, queued: 6, available: 0, held: 2 });

    // One winner does not pay: the hold expires, the unit comes back, the line moves again.
    await s.fm.ctx.db.updateTable('holds').set({ expires_at: clock.now() }).where('id', '=', holds[0]!).execute();
    await s.fm.launches.expireDueHolds();
    expect(await s.fm.launches.expireDueHolds()).toBe(0); // exactly once
    expect((await s.fm.ctx.db.selectFrom('holds').select('status').where('id', '=', holds[0]!).executeTakeFirstOrThrow()).status).toBe('expired');
    expect(await expectBooksBalance(s, L.id)).toEqual({ allotment: 2, available: 1, held: 1, sold: 0 });
    for (const x of waiting) expect((await queueStatus(x.b, L.id, x.token)).state).toBe('waiting');
    await s.fm.launches.tick();
    const next = (await admittedNow(L.id, waiting)).filter((id) => !first.includes(id));
    expect(next).toHaveLength(2); // two tokens were waiting in the bucket
    const nextBuyer = waiting.find((x) => x.b.userId === next[0])!;
    expect((await reserve(nextBuyer.b, L.id, L.skuId, await passOf(nextBuyer.b, L.id, nextBuyer.token), 'sell-key-again')).status).toBe(201);
    for (const x of waiting.filter((w) => w !== nextBuyer)) expect((await queueStatus(x.b, L.id, x.token)).state).toBe('sold_out');
    expect(await expectBooksBalance(s, L.id)).toEqual({ allotment: 2, available: 0, held: 2, sold: 0 });
  });

  it("the monitor's attempts per second do not depend on how many viewers read it", async () => {
    const L = await launch({ allotment: 3, ratePerSecond: 100, maxActive: 1000 });
    const buyers = await bulkBuyers(s, 6);
    const tokens = await Promise.all(buyers.map((b) => joinQueue(b, L.id)));
    clock.set(L.startsAt + 1);
    await s.fm.launches.tick();
    const passes = await Promise.all(buyers.map((b, i) => passOf(b, L.id, tokens[i]!)));
    const rate = async () => (await L.seller.get(`/launches/${L.id}/monitor`)).body.attemptsPerSecond;
    await rate();
    clock.advance(1000);
    expect(await rate()).toBe(0);
    // Six attempts (three win, three find it sold out) in this second ...
    const answers = await Promise.all(buyers.map((b, i) => reserve(b, L.id, L.skuId, passes[i]!, `rate-key-${i}`)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    clock.advance(1000);
    // ... and three viewers reading at the same moment all see six per second.
    expect(await Promise.all([rate(), rate(), rate()])).toEqual([6, 6, 6]);
    clock.advance(1000);
    expect(await Promise.all([rate(), rate()])).toEqual([0, 0]);
  });
});

describe('drawOrder', () => {
  it('is a permutation that depends only on the seed and the arrival order', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `buyer-${String(i).padStart(2, '0')}`);
    const seed = 'ab'.repeat(32);
    const a = drawOrder(seed, ids);
    expect([...a].sort()).toEqual(ids);
    expect(drawOrder(seed, ids)).toEqual(a);
    expect(drawOrder('cd'.repeat(32), ids)).not.toEqual(a);
    expect(a).not.toEqual(ids);
  });
});

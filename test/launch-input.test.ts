/**
 * Bad input on every launch route: a clear 4xx with a stable code, and nothing changed —
 * neither the launch tables (and the stock they take from) nor the engine's counters.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADDRESS, Client, bulkBuyers, eventually, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type Res, type ScheduledLaunch, type TestServer } from './harness.js';
import { dbSnapshot } from './helpers/db-snapshot.js';
import { addMember, expectError } from './helpers/api.js';
import { LAUNCH_TABLES, joinQueue, passOf, reserve, sleepUntil } from './helpers/launch.js';
import { powBits, solvePow } from '../src/launches/tokens.js';
import { anyString } from './helpers/match.js';

forEachEngine('launch input', (engine) => {
  let s: TestServer;
  let seller: Client;
  let sellerY: Client;
  let staff: Client;
  let buyerA: Client;
  let buyerB: Client;
  let storeX: string;
  let storeY: string;
  let sku1: string;
  let sku2: string;
  let skuY: string;
  /** Live (started) launches and one far in the future. */
  let live: ScheduledLaunch;
  let paused: ScheduledLaunch;
  let reg: ScheduledLaunch;
  let pow: ScheduledLaunch;
  let future: ScheduledLaunch;
  /** Buyer A's queue tokens and passes; buyer B's on `live`. */
  const tokA: Record<string, string> = {};
  const passA: Record<string, string> = {};
  let tokB: string;
  let passB: string;

  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
    const x = await sellerWithProduct(s.url, { stock: 10, options: [{ name: 'colour', values: ['black', 'white'] }] });
    const y = await sellerWithProduct(s.url, { stock: 10 });
    seller = x.seller;
    sellerY = y.seller;
    storeX = x.store.id;
    storeY = y.store.id;
    sku1 = x.product.skus[0]!.id;
    sku2 = x.product.skus[1]!.id;
    skuY = y.product.skus[0]!.id;
    staff = await signup(s.url, 'seller');
    await addMember(seller, storeX, staff);
    [buyerA, buyerB] = (await bulkBuyers(s, 2)) as [Client, Client];

    live = await scheduleLaunch(seller, storeX, sku1, { allotment: 3, perBuyerLimit: 2, startsInMs: 1200 });
    paused = await scheduleLaunch(seller, storeX, sku2, { allotment: 3, startsInMs: 1200 });
    reg = await scheduleLaunch(seller, storeX, sku1, { allotment: 2, startsInMs: 1200, registrationRequired: true, registrationOpensAt: Date.now() - 1000 });
    pow = await scheduleLaunch(seller, storeX, sku2, { allotment: 2, startsInMs: 1200, powDifficulty: 8 });
    future = await scheduleLaunch(seller, storeX, sku1, { allotment: 1, startsInMs: 1800_000, registrationRequired: true, registrationOpensAt: Date.now() + 600_000 });

    expect((await buyerA.post(`/launches/${reg.id}/registrations`)).status).toBe(200);
    for (const l of [live, paused, reg]) tokA[l.id] = await joinQueue(buyerA, l.id);
    tokB = await joinQueue(buyerB, live.id);
    await sleepUntil(Math.max(live.startsAt, paused.startsAt, reg.startsAt, pow.startsAt));
    await s.fm.launches.tick();
    for (const l of [live, paused, reg]) passA[l.id] = await passOf(buyerA, l.id, tokA[l.id]!);
    passB = await passOf(buyerB, live.id, tokB);
    expect((await seller.post(`/launches/${paused.id}/pause`)).status).toBe(200);
    // Admissions are written behind the scenes: let them land before anything is compared.
    await eventually(async () => {
      const open = await s.fm.ctx.db.selectFrom('queue_entries').select('buyer_id').where('admitted_at', 'is', null).execute();
      return open.length === 0;
    }, 5000, 'admissions written');
  });
  afterAll(() => s.close());

  /** The launch tables and every loaded launch's counters, for "nothing changed". */
  async function state() {
    const counts: Record<string, unknown> = {};
    for (const l of [live, paused, reg, pow, future]) counts[l.id] = await s.fm.launches.counts(l.id);
    return { tables: await dbSnapshot(s, [...LAUNCH_TABLES]), counts };
  }

  /** Runs a bad request and checks its error, and that it changed nothing. */
  async function refused(what: string, send: () => Promise<Res>, status: number | number[], code?: string): Promise<void> {
    const before = await state();
    const r = await send();
    try {
      expectError(r, status, code);
    } catch (err) {
      throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
    }
    expect(await state(), what).toEqual(before);
  }

  /** A pass or token as the server would sign it (to test what a genuine but unfit one gets). */
  const signed = (kind: 'pass' | 'queue' | 'challenge', launchId: string, buyer: Client, e: number) => s.fm.launches.signer.sign(kind, { l: launchId, b: buyer.userId!, e, n: 'n' });

  /** The token with its claims rewritten but the old signature kept. */
  /** The claims the tests rewrite: expiry, buyer, proof-of-work nonce (others are kept as they are). */
  interface Claims {
    e: number;
    b: string | null;
    n: string;
  }
  function altered(token: string, change: (claims: Claims) => void): string {
    const [body, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    change(claims);
    return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
  }

  it('invalid launch settings are refused with a code and take no stock', async () => {
    const now = Date.now();
    const good = () => ({
      title: 'Bad launch',
      startsAt: now + 3600_000,
      endsAt: now + 7200_000,
      perBuyerLimit: 1,
      items: [{ skuId: sku1, allotment: 1, launchPriceMinor: 100 }],
    });
    const post = (body: unknown, who = seller, store = storeX) => () => who.post(`/stores/${store}/launches`, body);
    const cases: Array<[string, unknown, number, string]> = [
      ['ends before it starts', { ...good(), endsAt: now + 1800_000 }, 400, 'ENDS_BEFORE_START'],
      ['ends when it starts', { ...good(), endsAt: now + 3600_000 }, 400, 'ENDS_BEFORE_START'],
      ['starts in the past', { ...good(), startsAt: now - 1000 }, 400, 'STARTS_IN_PAST'],
      ['lasts over 30 days', { ...good(), endsAt: now + 3600_000 + 31 * 24 * 3600_000 }, 400, 'TOO_LONG'],
      ['allotment 0', { ...good(), items: [{ skuId: sku1, allotment: 0, launchPriceMinor: 100 }] }, 400, 'VALIDATION_FAILED'],
      ['negative allotment', { ...good(), items: [{ skuId: sku1, allotment: -1, launchPriceMinor: 100 }] }, 400, 'VALIDATION_FAILED'],
      ['allotment above stock', { ...good(), items: [{ skuId: sku1, allotment: 11, launchPriceMinor: 100 }] }, 409, 'INSUFFICIENT_STOCK'],
      ['second item above stock (first would fit)', { ...good(), items: [{ skuId: sku1, allotment: 1, launchPriceMinor: 100 }, { skuId: sku2, allotment: 50, launchPriceMinor: 100 }] }, 409, 'INSUFFICIENT_STOCK'],
      ["another store's SKU", { ...good(), items: [{ skuId: skuY, allotment: 1, launchPriceMinor: 100 }] }, 400, 'SKU_NOT_IN_STORE'],
      ['unknown SKU', { ...good(), items: [{ skuId: randomUUID(), allotment: 1, launchPriceMinor: 100 }] }, 400, 'SKU_NOT_IN_STORE'],
      ['the same SKU twice', { ...good(), items: [{ skuId: sku1, allotment: 1, launchPriceMinor: 100 }, { skuId: sku1, allotment: 1, launchPriceMinor: 100 }] }, 400, 'DUPLICATE_SKU'],
      ['no items', { ...good(), items: [] }, 400, 'VALIDATION_FAILED'],
      ['perBuyerLimit 0', { ...good(), perBuyerLimit: 0 }, 400, 'VALIDATION_FAILED'],
      ['perBuyerLimit 101', { ...good(), perBuyerLimit: 101 }, 400, 'VALIDATION_FAILED'],
      ['registration required without a window', { ...good(), registrationRequired: true }, 400, 'REGISTRATION_WINDOW_MISSING'],
      ['registration opening after the start', { ...good(), registrationRequired: true, registrationOpensAt: now + 3600_000 }, 400, 'REGISTRATION_AFTER_START'],
      ['payment window under a minute', { ...good(), paymentWindowMs: 59_999 }, 400, 'VALIDATION_FAILED'],
      ['admission rate 0', { ...good(), admission: { ratePerSecond: 0, maxActive: 10, passTtlMs: 60_000 } }, 400, 'VALIDATION_FAILED'],
      ['pass TTL under 10 s', { ...good(), admission: { ratePerSecond: 1, maxActive: 10, passTtlMs: 9_999 } }, 400, 'VALIDATION_FAILED'],
      ['PoW difficulty 25', { ...good(), powDifficulty: 25 }, 400, 'VALIDATION_FAILED'],
      ['negative price', { ...good(), items: [{ skuId: sku1, allotment: 1, launchPriceMinor: -1 }] }, 400, 'VALIDATION_FAILED'],
      ['startsAt as text', { ...good(), startsAt: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
      ['startsAt as an ISO date', { ...good(), startsAt: new Date(now + 3600_000).toISOString() }, 400, 'VALIDATION_FAILED'],
      ['allotment as a string', { ...good(), items: [{ skuId: sku1, allotment: '1', launchPriceMinor: 100 }] }, 400, 'VALIDATION_FAILED'],
      ['fractional limit', { ...good(), perBuyerLimit: 1.5 }, 400, 'VALIDATION_FAILED'],
      ['items as an object', { ...good(), items: { skuId: sku1, allotment: 1, launchPriceMinor: 100 } }, 400, 'VALIDATION_FAILED'],
      ['title a number', { ...good(), title: 42 }, 400, 'VALIDATION_FAILED'],
      ['blank title', { ...good(), title: '   ' }, 400, 'VALIDATION_FAILED'],
      ['no title', { ...good(), title: undefined }, 400, 'VALIDATION_FAILED'],
      ['skuId not an id', { ...good(), items: [{ skuId: 'sku-1', allotment: 1, launchPriceMinor: 100 }] }, 400, 'VALIDATION_FAILED'],
      ['registrationRequired a string', { ...good(), registrationRequired: 'yes' }, 400, 'VALIDATION_FAILED'],
      ['a JSON array', [good()], 400, 'VALIDATION_FAILED'],
    ];
    for (const [what, body, status, code] of cases) await refused(what, post(body), status, code);
    await refused('null', () => seller.req('POST', `/stores/${storeX}/launches`, 'null', { 'content-type': 'application/json' }), 400);
    await refused('not JSON', () => seller.req('POST', `/stores/${storeX}/launches`, '{"title": "x",', { 'content-type': 'application/json' }), 400);

    // Who may schedule: only the store's members.
    await refused('a buyer, for a store not theirs', post(good(), buyerA), 403, 'NOT_STORE_MEMBER');
    await refused('another store owner', post(good(), sellerY), 403, 'NOT_STORE_MEMBER');
    await refused('signed out', post(good(), new Client(s.url)), 401, 'UNAUTHENTICATED');
    await refused('unknown store', post(good(), seller, randomUUID()), 404, 'NOT_FOUND');
    await refused('store id not an id', post(good(), seller, 'store-x'), 400, 'VALIDATION_FAILED');
    await refused("own store, another store's SKU (store Y)", post({ ...good(), items: [{ skuId: sku1, allotment: 1, launchPriceMinor: 100 }] }, sellerY, storeY), 400, 'SKU_NOT_IN_STORE');
  });

  it('forged, altered, expired and foreign passes are refused', async () => {
    const res = (pass: string, who = buyerA, launchId = live.id, key = `k-${randomBytes(6).toString('hex')}`) => () => reserve(who, launchId, sku1, pass, key);
    await refused('forged pass', res(`${Buffer.from(JSON.stringify({ l: live.id, b: buyerA.userId, e: Date.now() + 60_000 })).toString('base64url')}.${randomBytes(24).toString('base64url')}`), 403, 'PASS_INVALID');
    await refused('junk pass', res('not-a-pass-at-all'), 403, 'PASS_INVALID');
    await refused('pass with a longer life written in', res(altered(passA[live.id]!, (c) => (c.e += 3600_000))), 403, 'PASS_INVALID');
    await refused('pass rewritten for buyer B', res(altered(passA[live.id]!, (c) => (c.b = buyerB.userId)), buyerB), 403, 'PASS_INVALID');
    await refused('pass with its signature cut', res(passA[live.id]!.split('.')[0]! + '.'), 403, 'PASS_INVALID');
    await refused('expired pass', res(signed('pass', live.id, buyerA, Date.now() - 1)), 401, 'PASS_EXPIRED');
    await refused("buyer A's pass used by buyer B", res(passA[live.id]!, buyerB), 403, 'PASS_INVALID');
    await refused("another launch's pass", res(passA[paused.id]!, buyerA, live.id), 403, 'PASS_INVALID');
    await refused('a queue token as a pass', res(tokA[live.id]!), 403, 'PASS_INVALID');
    await refused('pass too short', res('abc'), 400, 'VALIDATION_FAILED');
    await refused('no pass', () => buyerA.post(`/launches/${live.id}/reservations`, { skuId: sku1 }, { 'idempotency-key': 'key-no-pass-1' }), 400, 'VALIDATION_FAILED');
  });

  it('forged, altered, expired and foreign queue tokens are refused', async () => {
    const st = (token: string, who = buyerA, launchId = live.id) => () => who.get(`/launches/${launchId}/queue?token=${encodeURIComponent(token)}`);
    await refused('forged token', st(`${Buffer.from(JSON.stringify({ l: live.id, b: buyerA.userId, e: Date.now() + 60_000 })).toString('base64url')}.${randomBytes(24).toString('base64url')}`), 403, 'QUEUE_TOKEN_INVALID');
    await refused('altered token', st(altered(tokA[live.id]!, (c) => (c.b = buyerB.userId)), buyerB), 403, 'QUEUE_TOKEN_INVALID');
    await refused("buyer A's token used by buyer B", st(tokA[live.id]!, buyerB), 403, 'QUEUE_TOKEN_INVALID');
    await refused("another launch's token", st(tokA[paused.id]!, buyerA, live.id), 403, 'QUEUE_TOKEN_INVALID');
    await refused('a pass as a queue token', st(passA[live.id]!), 403, 'QUEUE_TOKEN_INVALID');
    await refused('expired token', st(signed('queue', live.id, buyerA, Date.now() - 1)), 401, 'QUEUE_TOKEN_EXPIRED');
    await refused('no token', () => buyerA.get(`/launches/${live.id}/queue`), 400, 'VALIDATION_FAILED');
    await refused('token too short', st('abc'), 400, 'VALIDATION_FAILED');
    await refused('stream with a foreign token', () => buyerB.get(`/launches/${live.id}/queue/stream?token=${encodeURIComponent(tokA[live.id]!)}`), 403, 'QUEUE_TOKEN_INVALID');
    // A valid token of someone who never joined this launch: a genuine signature, but no place.
    const stranger = (await bulkBuyers(s, 1))[0]!;
    await refused('token of a buyer with no place', st(signed('queue', live.id, stranger, Date.now() + 60_000), stranger), 404, 'NOT_FOUND');
  });

  it('reservation requests are checked: Idempotency-Key, body, role, launch state, registration', async () => {
    const r = (body: unknown, headers: Record<string, string>, who = buyerA, launchId = live.id) => () => who.post(`/launches/${launchId}/reservations`, body, headers);
    const pass = passA[live.id]!;
    await refused('no Idempotency-Key', r({ skuId: sku1 }, { 'x-admission-pass': pass }), 400, 'VALIDATION_FAILED');
    await refused('Idempotency-Key too short', r({ skuId: sku1 }, { 'x-admission-pass': pass, 'idempotency-key': 'short' }), 400, 'VALIDATION_FAILED');
    await refused('Idempotency-Key with spaces', r({ skuId: sku1 }, { 'x-admission-pass': pass, 'idempotency-key': 'has spaces in it' }), 400, 'VALIDATION_FAILED');
    await refused('Idempotency-Key too long', r({ skuId: sku1 }, { 'x-admission-pass': pass, 'idempotency-key': 'k'.repeat(101) }), 400, 'VALIDATION_FAILED');
    const h = () => ({ 'x-admission-pass': pass, 'idempotency-key': `key-${randomBytes(6).toString('hex')}` });
    await refused('no body', () => buyerA.req('POST', `/launches/${live.id}/reservations`, undefined, h()), 400);
    await refused('skuId not an id', r({ skuId: 'sku' }, h()), 400, 'VALIDATION_FAILED');
    await refused('quantity 0', r({ skuId: sku1, quantity: 0 }, h()), 400, 'VALIDATION_FAILED');
    await refused('fractional quantity', r({ skuId: sku1, quantity: 1.5 }, h()), 400, 'VALIDATION_FAILED');
    await refused('quantity as text', r({ skuId: sku1, quantity: 'one' }, h()), 400, 'VALIDATION_FAILED');
    await refused('SKU not in the launch', r({ skuId: sku2 }, h()), 404, 'SKU_NOT_IN_LAUNCH');
    await refused('more than the limit at once', r({ skuId: sku1, quantity: 3 }, h()), 409, 'LIMIT_REACHED');
    await refused('unknown launch', r({ skuId: sku1 }, h(), buyerA, randomUUID()), 404, 'NOT_FOUND');
    await refused('launch id not an id', r({ skuId: sku1 }, h(), buyerA, 'launch-1'), 400, 'VALIDATION_FAILED');
    await refused('a seller reserving', r({ skuId: sku1 }, h(), seller), 403, 'ROLE_REQUIRED');
    await refused('signed out', r({ skuId: sku1 }, h(), new Client(s.url)), 401, 'UNAUTHENTICATED');
    // A genuine pass, but the launch has not started / is paused / needs a registration the buyer lacks.
    await refused('before the start', r({ skuId: sku1 }, { ...h(), 'x-admission-pass': signed('pass', future.id, buyerA, Date.now() + 60_000) }, buyerA, future.id), 409, 'LAUNCH_NOT_STARTED');
    await refused('paused launch', r({ skuId: sku2 }, { ...h(), 'x-admission-pass': passA[paused.id]! }, buyerA, paused.id), 409, 'LAUNCH_PAUSED');
    await refused('unregistered buyer', r({ skuId: sku1 }, { ...h(), 'x-admission-pass': signed('pass', reg.id, buyerB, Date.now() + 60_000) }, buyerB, reg.id), 403, 'NOT_REGISTERED');
    // The registered buyer may (this one changes things, as it should).
    const ok = await reserve(buyerA, reg.id, sku1, passA[reg.id]!, 'reg-key-a-1');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('registration-required and PoW-required launches refuse whoever does not qualify', async () => {
    // Each signed-in buyer reads their own registration; anonymous readers get null.
    expect((await buyerA.get(`/launches/${reg.id}`)).body.registered).toBe(true);
    expect((await buyerB.get(`/launches/${reg.id}`)).body.registered).toBe(false);
    expect((await new Client(s.url).get(`/launches/${reg.id}`)).body.registered).toBeNull();
    await refused('unregistered buyer joins', () => buyerB.post(`/launches/${reg.id}/queue`, {}), 403, 'NOT_REGISTERED');
    await refused('registering after the start', () => buyerB.post(`/launches/${reg.id}/registrations`), 409, 'REGISTRATION_CLOSED');
    await refused('registering before the window opens', () => buyerB.post(`/launches/${future.id}/registrations`), 409, 'REGISTRATION_NOT_OPEN');
    await refused('a seller registering', () => seller.post(`/launches/${future.id}/registrations`), 403, 'ROLE_REQUIRED');
    await refused('unregistered buyer joins before the start', () => buyerB.post(`/launches/${future.id}/queue`, {}), 403, 'NOT_REGISTERED');

    const join = (body: unknown, who = buyerB) => () => who.post(`/launches/${pow.id}/queue`, body);
    const ch = (await buyerB.get(`/launches/${pow.id}/challenge`)).body;
    expect(ch).toMatchObject({ challenge: anyString, difficulty: 8 });
    let weak = 0;
    while (powBits(ch.challenge, String(weak)) >= 8) weak++;
    await refused('no proof of work', join({}), 400, 'POW_REQUIRED');
    await refused('a challenge without a solution', join({ challenge: ch.challenge }), 400, 'POW_REQUIRED');
    await refused('a solution that misses the difficulty', join({ challenge: ch.challenge, solution: String(weak) }), 400, 'POW_INSUFFICIENT');
    const chA = (await buyerA.get(`/launches/${pow.id}/challenge`)).body.challenge;
    await refused("buyer A's challenge solved by buyer B", join({ challenge: chA, solution: solvePow(chA, 8) }), 403, 'CHALLENGE_INVALID');
    const forged = altered(ch.challenge, (c) => (c.n = 'easy'));
    await refused('altered challenge', join({ challenge: forged, solution: solvePow(forged, 8) }), 403, 'CHALLENGE_INVALID');
    const stale = signed('challenge', pow.id, buyerB, Date.now() - 1);
    await refused('expired challenge', join({ challenge: stale, solution: solvePow(stale, 8) }), 401, 'CHALLENGE_EXPIRED');
    await refused('solution too long', join({ challenge: ch.challenge, solution: 'x'.repeat(65) }), 400, 'VALIDATION_FAILED');
    const ok = await buyerB.post(`/launches/${pow.id}/queue`, { challenge: ch.challenge, solution: solvePow(ch.challenge, 8) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.queueToken).toEqual(expect.any(String));
    // Once in line, joining again returns the same place without a new proof.
    expect((await buyerB.post(`/launches/${pow.id}/queue`, {})).status).toBe(200);
  });

  it('the monitor and the seller actions are for store members only', async () => {
    await refused('monitor, buyer', () => buyerA.get(`/launches/${live.id}/monitor`), 404, 'NOT_FOUND');
    await refused('monitor, another store owner', () => sellerY.get(`/launches/${live.id}/monitor`), 404, 'NOT_FOUND');
    await refused('monitor, signed out', () => new Client(s.url).get(`/launches/${live.id}/monitor`), 401, 'UNAUTHENTICATED');
    await refused('monitor stream, buyer', () => buyerA.get(`/launches/${live.id}/monitor/stream`), 404, 'NOT_FOUND');
    await refused('monitor, unknown launch', () => seller.get(`/launches/${randomUUID()}/monitor`), 404, 'NOT_FOUND');
    for (const member of [seller, staff]) {
      const m = await member.get(`/launches/${live.id}/monitor`);
      expect(m.status).toBe(200);
      expect(m.body.allotment).toBe(m.body.available + m.body.held + m.body.sold);
    }

    await refused('pause, buyer', () => buyerA.post(`/launches/${live.id}/pause`), 403, 'NOT_STORE_MEMBER');
    await refused('pause, another store owner', () => sellerY.post(`/launches/${live.id}/pause`), 403, 'NOT_STORE_MEMBER');
    await refused('resume, not paused', () => seller.post(`/launches/${live.id}/resume`), 409, 'NOT_PAUSED');
    await refused('pause, already paused', () => seller.post(`/launches/${paused.id}/pause`), 409, 'ALREADY_PAUSED');
    await refused('cancel after the start', () => seller.post(`/launches/${live.id}/cancel`), 409, 'LAUNCH_STARTED');
    await refused('cancel, another store owner', () => sellerY.post(`/launches/${future.id}/cancel`), 403, 'NOT_STORE_MEMBER');
    await refused('cancel, unknown launch', () => seller.post(`/launches/${randomUUID()}/cancel`), 404, 'NOT_FOUND');
    await refused('one launch, id not an id', () => buyerA.get('/launches/nope'), 400, 'VALIDATION_FAILED');
    await refused('one launch, unknown', () => buyerA.get(`/launches/${randomUUID()}`), 404, 'NOT_FOUND');
    await refused('list, limit 0', () => buyerA.get('/launches?limit=0'), 400, 'VALIDATION_FAILED');
    await refused('list, bogus include', () => buyerA.get('/launches?include=everything'), 400, 'VALIDATION_FAILED');
  });

  it("holds: another buyer's hold cannot be paid, a bad address is refused", async () => {
    const won = await reserve(buyerB, live.id, sku1, passB, 'hold-key-b-1');
    expect(won.status, JSON.stringify(won.body)).toBe(201);
    await refused("paying another buyer's hold", () => buyerA.post(`/holds/${won.body.id}/pay`, { address: ADDRESS }), 404, 'NOT_FOUND');
    await refused('address missing', () => buyerB.post(`/holds/${won.body.id}/pay`, {}), 400, 'VALIDATION_FAILED');
    await refused('bad phone', () => buyerB.post(`/holds/${won.body.id}/pay`, { address: { ...ADDRESS, phone: 'call me' } }), 400, 'VALIDATION_FAILED');
    await refused('unknown hold', () => buyerB.post(`/holds/${randomUUID()}/pay`, { address: ADDRESS }), 404, 'NOT_FOUND');
    await refused('holds of a launch id that is not an id', () => buyerB.get('/holds?launchId=zzz'), 400, 'VALIDATION_FAILED');
    // A reservation with the same key answers the same; with another key, the limit holds.
    expect((await reserve(buyerB, live.id, sku1, passB, 'hold-key-b-1')).body.id).toBe(won.body.id);
    expect((await buyerA.get('/holds')).body.holds.map((h) => h.id)).not.toContain(won.body.id);
  });
});

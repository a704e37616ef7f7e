/**
 * The lean handler of reserve, join and standing (src/launches/fast-routes.ts) keeps Fastify's
 * contract exactly: two servers, one with the lean handler and one without (FAST_ROUTES=false),
 * get the same world and the same requests — well-formed ones and every kind of malformed one —
 * and must give the same answers (status, content type, body; ids and times set aside where
 * each server makes its own) and count the same rate limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, bulkBuyers, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type TestServer } from './harness.js';
import { joinQueue, passOf, sleepUntil } from './helpers/launch.js';

interface World {
  s: TestServer;
  buyer: Client;
  other: Client;
  seller: Client;
  launchId: string;
  skuId: string;
  token: string;
  pass: string;
}

/** Raw requests, so malformed ones can be sent as they are. */
async function raw(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: parsed };
}

/** Ids, tokens and times differ between the two servers: compare the shape and the stable values. */
function normalise(v: unknown): unknown {
  if (typeof v === 'string') return /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v) ? '<id>' : v.length > 40 ? '<token>' : v;
  if (typeof v === 'number') return v > 1_000_000_000_000 ? '<time>' : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'message' ? String(x).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>') : normalise(x)]));
  return v;
}

forEachEngine('the lean handler of the hot launch routes', (engine) => {
  const worlds: World[] = [];
  beforeAll(async () => {
    for (const fastRoutes of [true, false]) {
      const s = await startServer(engine, { config: { fastRoutes, rateLimitEnabled: true, rateLimits: { join: { perAccountPerMinute: 1000, perIpPerMinute: 100_000 }, poll: { perAccountPerMinute: 1000, perIpPerMinute: 100_000 }, reserve: { perAccountPerMinute: 12, perIpPerMinute: 100_000 } } } });
      const { seller, store, product } = await sellerWithProduct(s.url, { stock: 10 });
      const launch = await scheduleLaunch(seller, store.id, product.skus[0]!.id, { allotment: 5, perBuyerLimit: 2, startsInMs: 900 });
      const [buyer, other] = (await bulkBuyers(s, 2)) as [Client, Client];
      const token = await joinQueue(buyer, launch.id);
      await sleepUntil(launch.startsAt);
      await s.fm.launches.tick();
      worlds.push({ s, buyer, other, seller, launchId: launch.id, skuId: product.skus[0]!.id, token, pass: await passOf(buyer, launch.id, token) });
    }
  });
  afterAll(async () => {
    for (const w of worlds) await w.s.close();
  });

  /** The same request to both servers (built per world); the answers must match. */
  const same = async (build: (w: World) => { method: string; path: string; headers: Record<string, string>; body?: string }) => {
    const [a, b] = await Promise.all(worlds.map(async (w) => {
      const r = build(w);
      return raw(w.s.url, r.method, r.path, r.headers, r.body);
    }));
    expect(normalise(a), JSON.stringify({ fast: a, fastify: b })).toEqual(normalise(b));
    return a!;
  };
  const bearer = (c: Client) => ({ authorization: `Bearer ${c.token}` });
  const json = { 'content-type': 'application/json' };
  const reserve = (w: World, extra: Record<string, string> = {}, body = JSON.stringify({ skuId: w.skuId }), path = `/api/v1/launches/${w.launchId}/reservations`) => ({
    method: 'POST',
    path,
    headers: { ...bearer(w.buyer), ...json, 'x-admission-pass': w.pass, 'idempotency-key': 'fast-key-0001', ...extra },
    body,
  });

  it('reservations: a hold, its replay, and every malformed or refused request answered alike', async () => {
    expect((await same((w) => reserve(w))).status).toBe(201);
    expect((await same((w) => reserve(w))).status).toBe(200);
    const cases: Array<[string, (w: World) => ReturnType<typeof reserve>]> = [
      ['the same key for another quantity', (w) => reserve(w, {}, JSON.stringify({ skuId: w.skuId, quantity: 2 }))],
      ['a second unit', (w) => reserve(w, { 'idempotency-key': 'fast-key-0002' })],
      ['over the limit', (w) => reserve(w, { 'idempotency-key': 'fast-key-0003' })],
      ['no pass', (w) => { const r = reserve(w, { 'idempotency-key': 'fast-key-0004' }); delete (r.headers as Record<string, string>)['x-admission-pass']; return r; }],
      ['a forged pass', (w) => reserve(w, { 'x-admission-pass': `${w.pass.slice(0, -4)}AAAA`, 'idempotency-key': 'fast-key-0005' })],
      ['a short key', (w) => reserve(w, { 'idempotency-key': 'short' })],
      ['a key with a space', (w) => reserve(w, { 'idempotency-key': 'has a space in it' })],
      ['broken JSON', (w) => reserve(w, { 'idempotency-key': 'fast-key-0006' }, '{"skuId":')],
      ['an array', (w) => reserve(w, { 'idempotency-key': 'fast-key-0007' }, '[1,2]')],
      ['a NUL in an extra field', (w) => reserve(w, { 'idempotency-key': 'fast-key-0008' }, JSON.stringify({ skuId: w.skuId, note: 'a\u0000b' }))],
      ['prototype poisoning', (w) => reserve(w, { 'idempotency-key': 'fast-key-0009' }, `{"skuId":"${w.skuId}","__proto__":{"x":1}}`)],
      ['quantity 0', (w) => reserve(w, { 'idempotency-key': 'fast-key-0010' }, JSON.stringify({ skuId: w.skuId, quantity: 0 }))],
      ['quantity as text', (w) => reserve(w, { 'idempotency-key': 'fast-key-0011' }, JSON.stringify({ skuId: w.skuId, quantity: '1' }))],
      ['a SKU that is no id', (w) => reserve(w, { 'idempotency-key': 'fast-key-0012' }, JSON.stringify({ skuId: 'nope' }))],
      ['a SKU not in the launch', (w) => reserve(w, { 'idempotency-key': 'fast-key-0013' }, JSON.stringify({ skuId: '00000000-0000-4000-8000-000000000000' }))],
      ['a launch that does not exist', (w) => reserve(w, { 'idempotency-key': 'fast-key-0014' }, undefined, '/api/v1/launches/00000000-0000-4000-8000-000000000000/reservations')],
      ['not JSON at all', (w) => reserve(w, { 'content-type': 'text/plain', 'idempotency-key': 'fast-key-0015' })],
      ['an unknown token', (w) => reserve(w, { authorization: 'Bearer fm_nobody', 'idempotency-key': 'fast-key-0016' })],
      ['a seller', (w) => reserve(w, { ...bearer(w.seller), 'idempotency-key': 'fast-key-0017' })],
      ['another buyer with this pass', (w) => reserve(w, { ...bearer(w.other), 'idempotency-key': 'fast-key-0018' })],
      ['no sign-in', (w) => { const r = reserve(w, { 'idempotency-key': 'fast-key-0019' }); delete (r.headers as Record<string, string>).authorization; return r; }],
    ];
    for (const [what, build] of cases) {
      const a = await same(build);
      expect(a.status, what).toBeGreaterThanOrEqual(200);
      expect(a.type, what).toMatch(/^application\/json/);
    }
    // The per-account limit (12 a minute) is counted alike: both servers refuse the same request first.
    let limited = null;
    for (let i = 0; i < 20 && !limited; i++) {
      const r = await same((w) => reserve(w, { 'idempotency-key': `fast-key-1${String(i).padStart(3, '0')}` }));
      if (r.status === 429) limited = r;
    }
    expect([limited?.status, (limited?.body as { error: { code: string } }).error.code, limited?.retryAfter !== null]).toEqual([429, 'RATE_LIMITED', true]);
  });

  it('joining and standing: the answers, and malformed requests, alike', async () => {
    const join = (w: World, c: Client, body?: string, headers: Record<string, string> = json) => ({ method: 'POST', path: `/api/v1/launches/${w.launchId}/queue`, headers: { ...bearer(c), ...(body === undefined ? {} : headers) }, body });
    expect((await same((w) => join(w, w.other, '{}'))).status).toBe(200);
    for (const build of [
      (w: World) => join(w, w.other),
      (w: World) => join(w, w.other, '{}'),
      (w: World) => join(w, w.other, JSON.stringify({ solution: 'x'.repeat(65) })),
      (w: World) => join(w, w.other, '{"challenge": 5}'),
      (w: World) => join(w, w.other, 'not json'),
      (w: World) => join(w, w.seller, '{}'),
    ]) await same(build);
    const status = (w: World, q: string, c: Client = w.buyer) => ({ method: 'GET', path: `/api/v1/launches/${w.launchId}/queue${q}`, headers: bearer(c) });
    expect((await same((w) => status(w, `?token=${w.token}`))).status).toBe(200);
    for (const build of [
      (w: World) => status(w, ''),
      (w: World) => status(w, '?token=short'),
      (w: World) => status(w, `?token=${w.token.slice(0, -3)}AAA`),
      (w: World) => status(w, `?token=${encodeURIComponent(w.token)}&extra=1`),
      (w: World) => status(w, `?token=${w.token}`, w.other),
      (w: World) => status(w, `?token=%00${w.token}`),
    ]) await same(build);
  });
});

describe('the lean handler is in use', () => {
  it('answers the hot routes of apps itself and hands browsers (cookie sessions) to Fastify', async () => {
    const s = await startServer('sqlite', { config: { rateLimitEnabled: false } });
    try {
      const stats = s.fm.fastRoutes!.stats;
      const { seller, store, product } = await sellerWithProduct(s.url, { stock: 2 });
      const launch = await scheduleLaunch(seller, store.id, product.skus[0]!.id, { allotment: 1, startsInMs: 60_000 });
      const [buyer] = await bulkBuyers(s, 1);
      const before = { ...stats };
      expect((await buyer!.post(`/launches/${launch.id}/queue`, {})).status).toBe(200);
      expect(stats).toEqual({ served: before.served + 1, handedOver: before.handedOver });
      // A cookie session goes through Fastify (CSRF and all).
      const web = await signup(s.url, 'buyer', 'cookie');
      expect((await web.post(`/launches/${launch.id}/queue`, {})).status).toBe(200);
      expect(stats).toEqual({ served: before.served + 1, handedOver: before.handedOver + 1 });
    } finally {
      await s.close();
    }
  });
});

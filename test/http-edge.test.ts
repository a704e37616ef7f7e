/**
 * The HTTP edge: requests Node's own parser refuses (headers too large, no Host, a bad
 * Content-Length, broken chunked encoding) are answered in the one error shape; free text a
 * database cannot store (NUL, lone surrogates) is refused with 400 TEXT_UNSTORABLE on every
 * route, naming the field, and writes nothing; X-Forwarded-For is believed only from the
 * proxies TRUST_PROXY names, so per-IP limits key on the real client.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, Client, forEachEngine, scheduleLaunch, sellerWithProduct, signup, startServer, type TestServer, errorOf } from './harness.js';
import { expectError, expectOk } from './helpers/api.js';
import { dbSnapshot } from './helpers/db-snapshot.js';
import { buildWorld, type World } from './helpers/world.js';
import { loadConfig } from '../src/config.js';
import { anyString } from './helpers/match.js';

/** Sends raw bytes and returns the status and parsed JSON body of the answer (the server closes the connection). */
async function raw(url: string, request: string): Promise<{ status: number; body: unknown; head: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]);
      let body: unknown = rest.join('\r\n\r\n');
      try {
        body = JSON.parse(body as string);
      } catch {
        /* not JSON: the assertion below says so */
      }
      resolve({ status, body, head: head ?? '' });
    });
    socket.write(request);
    setTimeout(() => socket.end(), 2000).unref();
  });
}

const shape = (r: { status: number; body: unknown; head: string }, status: number, code: string) => {
  expect(r.status, r.head).toBe(status);
  expect(r.body, r.head).toEqual({ error: { code, message: anyString } });
  expect(r.head).toMatch(/content-type: application\/json/i);
};

forEachEngine('HTTP edge', (engine) => {
  let s: TestServer;
  let w: World;
  beforeAll(async () => {
    s = await startServer(engine);
    w = await buildWorld(s);
  });
  afterAll(() => s.close());

  describe("requests Node's HTTP parser refuses are answered in the one error shape", () => {
    it('headers larger than the limit: 431 HEADERS_TOO_LARGE', async () => {
      shape(await raw(s.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'HEADERS_TOO_LARGE');
    });
    it('an HTTP/1.1 request without a Host header: 400 HOST_MISSING', async () => {
      shape(await raw(s.url, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'), 400, 'HOST_MISSING');
    });
    it('a Content-Length that is no number: 400 BAD_CONTENT_LENGTH', async () => {
      shape(await raw(s.url, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}'), 400, 'BAD_CONTENT_LENGTH');
    });
    it('two different Content-Length headers: 400 BAD_CONTENT_LENGTH', async () => {
      shape(await raw(s.url, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'), 400, 'BAD_CONTENT_LENGTH');
    });
    it('broken chunked encoding: 400 BAD_TRANSFER_ENCODING', async () => {
      shape(await raw(s.url, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'), 400, 'BAD_TRANSFER_ENCODING');
    });
    it('a request line that is not HTTP: 400 BAD_HTTP_REQUEST', async () => {
      shape(await raw(s.url, 'HELLO THERE\r\n\r\n'), 400, 'BAD_HTTP_REQUEST');
    });
    it('a well-formed raw request still works', async () => {
      const r = await raw(s.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ok: true });
    });
  });

  describe('text a database cannot store is refused on every route, naming the field, and nothing is written', () => {
    const NUL = 'Nul\u0000byte';
    const LONE = 'lone \ud800 surrogate';
    type Case = { name: string; who: keyof World | null; method: string; path: (w: World) => string; body?: (w: World, bad: string) => unknown; field: string };
    const cases: Case[] = [
      { name: 'sign-up name', who: null, method: 'POST', path: () => '/auth/signup', body: (_w, bad) => ({ email: 'nul@test.local', password: 'Correct-Horse-Battery-9', name: bad }), field: 'name' },
      { name: 'sign-up confirmation label', who: null, method: 'POST', path: () => '/auth/signup/confirm', body: (_w, bad) => ({ email: 'nul2@test.local', code: '123456', label: bad }), field: 'label' },
      { name: 'log-in label', who: null, method: 'POST', path: () => '/auth/login', body: (w, bad) => ({ email: w.emails.buyerA, password: 'x', session: 'token', label: bad }), field: 'label' },
      { name: 'token label', who: 'buyerA', method: 'POST', path: () => '/auth/tokens', body: (_w, bad) => ({ label: bad }), field: 'label' },
      { name: 'store name', who: 'sellerX', method: 'POST', path: () => '/stores', body: (_w, bad) => ({ name: bad, kind: 'marketplace' }), field: 'name' },
      { name: 'store description', who: 'sellerX', method: 'PATCH', path: (w) => `/stores/${w.storeX.id}`, body: (_w, bad) => ({ description: bad }), field: 'description' },
      { name: 'product title', who: 'sellerX', method: 'POST', path: (w) => `/stores/${w.storeX.id}/products`, body: (_w, bad) => ({ title: bad, priceMinor: 100 }), field: 'title' },
      { name: 'product option value', who: 'sellerX', method: 'POST', path: (w) => `/stores/${w.storeX.id}/products`, body: (_w, bad) => ({ title: 'T', priceMinor: 100, options: [{ name: 'colour', values: ['black', bad] }] }), field: 'options[0].values[1]' },
      { name: 'product description', who: 'sellerX', method: 'PATCH', path: (w) => `/products/${w.productX}`, body: (_w, bad) => ({ description: bad }), field: 'description' },
      { name: 'checkout address', who: 'buyerB', method: 'POST', path: () => '/checkout', body: (_w, bad) => ({ address: { ...ADDRESS, line1: bad } }), field: 'address.line1' },
      { name: 'cancel reason', who: 'buyerB', method: 'POST', path: (w) => `/orders/${w.orderB.pending}/cancel`, body: (_w, bad) => ({ reason: bad }), field: 'reason' },
      { name: 'refund reason', who: 'buyerB', method: 'POST', path: (w) => `/orders/${w.orderB.paid}/refund-request`, body: (_w, bad) => ({ reason: bad }), field: 'reason' },
      { name: 'carrier', who: 'sellerX', method: 'POST', path: (w) => `/orders/${w.orderB.paid}/ship`, body: (_w, bad) => ({ carrier: bad, trackingNumber: 'SF1234567890' }), field: 'carrier' },
      { name: 'refund rejection note', who: 'sellerX', method: 'POST', path: (w) => `/orders/${w.orderB.refundRequested}/refund/reject`, body: (_w, bad) => ({ note: bad }), field: 'note' },
      {
        name: 'launch title',
        who: 'sellerX',
        method: 'POST',
        path: (w) => `/stores/${w.storeX.id}/launches`,
        body: (w, bad) => ({ title: bad, startsAt: Date.now() + 3_600_000, endsAt: Date.now() + 7_200_000, items: [{ skuId: w.skuX, allotment: 1, launchPriceMinor: 1 }] }),
        field: 'title',
      },
      { name: 'an object key', who: 'sellerX', method: 'PATCH', path: (w) => `/stores/${w.storeX.id}`, body: (_w, bad) => ({ [bad]: 'x', description: 'fine' }), field: '(a key)' },
      { name: 'store slug lookup', who: null, method: 'GET', path: () => `/stores/${encodeURIComponent(NUL)}`, field: 'storeRef' },
      { name: 'admin user search', who: 'admin', method: 'GET', path: () => `/admin/users?q=${encodeURIComponent(NUL)}`, field: 'q' },
      { name: 'product search', who: null, method: 'GET', path: () => `/products?q=${encodeURIComponent(NUL)}`, field: 'q' },
    ];
    it.each(cases)('$name', async (c) => {
      const before = await dbSnapshot(s);
      for (const bad of c.body ? [NUL, LONE] : [NUL]) {
        const client = c.who ? (w[c.who] as Client) : new Client(s.url);
        const res = await client.req(c.method, c.path(w), c.body?.(w, bad));
        expectError(res, 400, 'TEXT_UNSTORABLE');
        expect(errorOf(res).details).toMatchObject({ field: c.field });
      }
      expect(await dbSnapshot(s)).toEqual(before);
    });

    it('a sign-up with a NUL in its label creates no account and mails nothing', async () => {
      const email = `nul-label-${Date.now()}@test.local`;
      expectError(await new Client(s.url).post('/auth/signup', { email, password: 'Correct-Horse-Battery-9', name: 'Nul', label: 'tv\u0000' }), 400, 'TEXT_UNSTORABLE');
      expect(await s.fm.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
      expect(await s.fm.ctx.db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute()).toEqual([]);
    });

    it('emoji, Chinese and other well-formed text is stored as sent', async () => {
      const text = '旗舰店 😀 naïve — ok';
      const r = await w.sellerX.patch(`/stores/${w.storeX.id}`, { description: text });
      expectOk(r);
      expect(r.body.description).toBe(text);
    });
  });
});

describe('TRUST_PROXY settings', () => {
  it('off by default; a hop count or a list of addresses / CIDR ranges; anything else is refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', 'loopback']);
    for (const bad of ['true', 'yes-please', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/08', '::1/129', '1/2/3', ',', '100']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

forEachEngine('per-IP limits key on the real client address', (engine) => {
  let plain: TestServer;
  let proxied: TestServer;
  const limits = { join: { perAccountPerMinute: 1000, perIpPerMinute: 5 }, poll: { perAccountPerMinute: 1000, perIpPerMinute: 1000 }, reserve: { perAccountPerMinute: 1000, perIpPerMinute: 1000 } };
  beforeAll(async () => {
    [plain, proxied] = await Promise.all([
      startServer(engine, { config: { rateLimits: limits } }),
      startServer(engine, { config: { rateLimits: limits, trustProxy: ['127.0.0.1/8'] } }),
    ]);
  });
  afterAll(async () => {
    await plain?.close();
    await proxied?.close();
  });

  async function joins(s: TestServer, xff: (i: number) => string, n: number): Promise<number[]> {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 5 });
    const launch = await scheduleLaunch(seller, store.id, product.skus[0]!.id, { startsInMs: 600_000, allotment: 1 });
    const buyer = await signup(s.url);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await buyer.post(`/launches/${launch.id}/queue`, {}, { 'x-forwarded-for': xff(i) })).status);
    return out;
  }

  it('without TRUST_PROXY a made-up X-Forwarded-For on every request does not escape the per-IP limit', async () => {
    const statuses = await joins(plain, (i) => `203.0.113.${i + 1}`, 8);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('behind a trusted proxy each client is limited by its own address, and one client cannot hide behind the proxy', async () => {
    // Eight different clients through the proxy: each has its own budget.
    expect(await joins(proxied, (i) => `198.51.100.${i + 1}`, 8)).toEqual(Array(8).fill(200));
    // One client: its budget runs out as it would without a proxy.
    const one = await joins(proxied, () => '198.51.100.200', 7);
    expect(one.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(one.slice(5)).toEqual([429, 429]);
  });
});

/**
 * The web app's API client (web/src/lib/api.ts) against a fake fetch: the interface language
 * on every request (unless the call names another), the CSRF token on writes (fetched from
 * GET /auth/csrf when none is in memory; none for login and signup), one retry of a write
 * refused for a stale token, and every failure as an ApiError (network failures as NETWORK,
 * an abort passed through).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

type ApiModule = typeof import('../web/src/lib/api.js');
let mod: ApiModule;

beforeAll(async () => {
  // The client names the interface language, which the browser's page holds (i18n.ts reads it at load).
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  vi.stubGlobal('navigator', { language: 'en-GB' });
  mod = await import('../web/src/lib/api.js');
});

interface Sent {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A client whose fetch answers with `answer` and records what was sent. */
function fake(answer: (req: Sent, n: number) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  let csrfServed = 0;
  const api = mod.createApiClient({
    baseUrl: 'http://api.test/api/v1',
    fetch: async (request: Request) => {
      const req = { method: request.method, path: new URL(request.url).pathname.replace('/api/v1', '') + new URL(request.url).search, headers: request.headers, body: await request.text() };
      sent.push(req);
      if (req.path === '/auth/csrf') return json(200, { csrfToken: `token-${++csrfServed}` });
      return answer(req, sent.length);
    },
  });
  return { ...api, sent };
}

describe('web API client', () => {
  it('asks for the interface language on every request, or the one a call names', async () => {
    const c = fake(() => json(200, { csrfToken: 'x' }));
    await mod.call(c.client.GET('/products/{productId}', { params: { path: { productId: 'p1' } } }));
    await mod.call(c.client.GET('/products/{productId}', { params: { path: { productId: 'p1' } }, headers: { 'accept-language': '*' } }));
    expect(c.sent.map((s) => [s.method, s.path, s.headers.get('accept-language'), s.headers.get('x-csrf-token')])).toEqual([
      ['GET', '/products/p1', 'en', null],
      ['GET', '/products/p1', '*', null],
    ]);
    expect(c.sent[0]!.headers.get('accept')).toBe('application/json');
  });

  it('fetches a CSRF token for the first write, then echoes it on every write; login and signup send none', async () => {
    const c = fake(() => json(200, { itemCount: 1 }));
    await mod.call(c.client.POST('/cart/items', { body: { skuId: 's1', quantity: 2 } }));
    await mod.call(c.client.PUT('/cart/items/{skuId}', { params: { path: { skuId: 's1' } }, body: { quantity: 3 } }));
    expect(c.sent.map((s) => [s.method, s.path, s.headers.get('x-csrf-token')])).toEqual([
      ['GET', '/auth/csrf', null],
      ['POST', '/cart/items', 'token-1'],
      ['PUT', '/cart/items/s1', 'token-1'],
    ]);
    expect(JSON.parse(c.sent[1]!.body)).toEqual({ skuId: 's1', quantity: 2 });

    const fresh = fake(() => json(200, { user: {}, csrfToken: 'from-login' }));
    await mod.call(fresh.client.POST('/auth/login', { body: { email: 'a@b.c', password: 'pw', session: 'cookie' } }));
    await mod.call(fresh.client.POST('/auth/signup/confirm', { body: { email: 'a@b.c', code: '123456', session: 'cookie' } }));
    expect(fresh.sent.map((s) => [s.path, s.headers.get('x-csrf-token')])).toEqual([
      ['/auth/login', null],
      ['/auth/signup/confirm', null],
    ]);
    // The token a login answered with is the one sent next, with no fetch of its own.
    fresh.setCsrfToken('from-login');
    await mod.call(fresh.client.POST('/auth/logout'));
    expect(fresh.sent.slice(2).map((s) => [s.path, s.headers.get('x-csrf-token')])).toEqual([['/auth/logout', 'from-login']]);
  });

  it('retries a write refused for a stale token once, with a fresh token and the same body', async () => {
    const c = fake((req) => (req.headers.get('x-csrf-token') === 'stale' ? json(403, { error: { code: 'CSRF_INVALID', message: 'Invalid CSRF token.' } }) : json(200, { unread: 0 })));
    c.setCsrfToken('stale');
    const out = await mod.call(c.client.POST('/notifications/read', { body: { all: true } }));
    expect(out).toEqual({ unread: 0 });
    expect(c.sent.map((s) => [s.method, s.path, s.headers.get('x-csrf-token'), s.body])).toEqual([
      ['POST', '/notifications/read', 'stale', '{"all":true}'],
      ['GET', '/auth/csrf', null, ''],
      ['POST', '/notifications/read', 'token-1', '{"all":true}'],
    ]);

    // Refused again: no third try, the refusal is the answer.
    const always = fake(() => json(403, { error: { code: 'CSRF_MISSING', message: 'No CSRF token.' } }));
    const err = await mod.call(always.client.POST('/notifications/read', { body: { all: true } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mod.ApiError);
    expect(err).toMatchObject({ status: 403, code: 'CSRF_MISSING' });
    expect(always.sent.map((s) => s.path)).toEqual(['/auth/csrf', '/notifications/read', '/auth/csrf', '/notifications/read']);

    // Another 403 is not about the token: no retry.
    const forbidden = fake(() => json(403, { error: { code: 'FORBIDDEN', message: 'Not your store.' } }));
    await expect(mod.call(forbidden.client.POST('/notifications/read', { body: { all: true } }))).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'Not your store.' });
    expect(forbidden.sent.map((s) => s.path)).toEqual(['/auth/csrf', '/notifications/read']);
  });

  it('turns refusals, unreadable answers and network failures into ApiErrors; an abort passes through', async () => {
    const refused = fake(() => json(409, { error: { code: 'INSUFFICIENT_STOCK', message: 'Not enough stock.', details: { skuIds: ['s1'] } } }));
    await expect(mod.call(refused.client.POST('/checkout', { body: { address: { recipient: 'A', phone: '123456', provinceCode: '44', cityCode: '4403', districtCode: '440305', line1: 'x' } } }))).rejects.toMatchObject({
      name: 'ApiError',
      status: 409,
      code: 'INSUFFICIENT_STOCK',
      message: 'Not enough stock.',
      details: { skuIds: ['s1'] },
    });

    const gateway = fake(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(mod.call(gateway.client.GET('/cart'))).rejects.toMatchObject({ status: 502, code: 'HTTP_502', message: 'The server answered 502.' });

    const offline = fake(() => Promise.reject(new TypeError('fetch failed')));
    const err = await mod.call(offline.client.GET('/cart')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mod.ApiError);
    expect(err).toMatchObject({ status: 0, code: 'NETWORK' });
    expect(mod.errorMessage(err)).toBe('The server could not be reached. Check your connection and try again.');

    const aborted = fake(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')));
    await expect(mod.call(aborted.client.GET('/cart'))).rejects.toMatchObject({ name: 'AbortError' });

    const empty = fake(() => new Response(null, { status: 204 }));
    await expect(mod.call(empty.client.DELETE('/cart'))).resolves.toBeUndefined();
  });
});

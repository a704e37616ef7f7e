/**
 * How the storefront orders products (issue 16, item 10), on the demo catalogue: a search
 * puts the product before its accessories, "popular" is by units sold (not newest first),
 * and the launches of one product can be asked for (the product page names a cheaper live one).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine, signup, startServer, Client, errorOf, type TestServer } from './harness.js';
import { expectOk, orderInState } from './helpers/api.js';
import { seedDemo } from '../src/seed/demo.js';

forEachEngine('catalog ranking', (engine) => {
  let s: TestServer;
  let seller: Client;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
    await seedDemo(s.fm.ctx);
    seller = new Client(s.url);
    const r = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = r.body.token ?? null;
  });
  afterAll(() => s?.close());

  const titles = async (query: string) => {
    const r = await new Client(s.url).get(`/products?${query}`);
    expectOk(r);
    return r.body.items.map((i) => i.title);
  };

  it('searches "Lumi 15 Pro": the phone first, its case after', async () => {
    const found = await titles('q=Lumi%2015%20Pro&lang=en');
    expect(found).toContain('Clear case for Lumi 15 Pro');
    expect(found[0]).toBe('Lumi 15 Pro');
    expect(found.indexOf('Lumi 15 Pro')).toBeLessThan(found.indexOf('Clear case for Lumi 15 Pro'));
    // A search text with LIKE's wildcards in it is only text.
    expectOk(await new Client(s.url).get('/products?q=100%25_Lumi'));
  });

  it('sorts "popular" by units sold, not by newest', async () => {
    const newest = await titles('sort=newest&limit=50&lang=en');
    const before = await titles('sort=popular&limit=50&lang=en');
    expect(before).toHaveLength(newest.length);
    // The oldest product is the one bought, twice (the seller is not needed until shipping).
    const oldestTitle = newest.at(-1)!;
    const products = (await new Client(s.url).get('/products?sort=newest&limit=50&lang=en')).body.items;
    const oldest = products.at(-1)!;
    const detail = (await new Client(s.url).get(`/products/${oldest.id}`)).body;
    const buyer = await signup(s.url, 'buyer', 'cookie');
    for (let i = 0; i < 2; i++) await orderInState(s, buyer, seller, detail.skus[0]!.id, 'paid');
    await s.fm.ctx.analytics.flush();
    const after = await titles('sort=popular&limit=50&lang=en');
    expect(after[0]).toBe(oldestTitle);
    expect(newest[0]).not.toBe(oldestTitle);
    // Paging by popularity covers every product once.
    const first = await new Client(s.url).get('/products?sort=popular&limit=3&lang=en');
    const second = await new Client(s.url).get(`/products?sort=popular&limit=3&lang=en&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect([...first.body.items, ...second.body.items].map((i) => i.title)).toEqual(after.slice(0, 6));
  });

  it('lists the launches selling one product', async () => {
    const pro = (await new Client(s.url).get('/products?q=Lumi%2015%20Pro&lang=en')).body.items[0]!;
    const r = await new Client(s.url).get(`/launches?productId=${pro.id}&include=all`);
    expectOk(r);
    expect(r.body.launches.length).toBeGreaterThan(0);
    for (const l of r.body.launches) expect(l.items.some((i) => i.productId === pro.id)).toBe(true);
    const bad = await new Client(s.url).get('/launches?productId=not%20an%20id');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBeTruthy();
  });
});

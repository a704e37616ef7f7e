/**
 * The storefront's choices for a buyer (issue 16, item 10), on the demo catalogue: a product
 * page names a live launch of the same product at a lower price and links to it; the search
 * shows "Lumi 15 Pro" before "Clear case for Lumi 15 Pro"; "Popular products" on the home
 * page follows sales, not the newest; an ordinary checkout starts from the last order's address.
 *
 * (The picture following the chosen colour is not tested here: the demo SKUs carry no images
 * of their own, and the page already shows a SKU's first image when it has one.)
 */
import { expect, it } from 'vitest';
import { ADDRESS, Client, signupAs, TEST_PASSWORD } from '../harness.js';
import { expectOk, orderInState } from '../helpers/api.js';
import { sleepUntil } from '../helpers/launch.js';
import { browserSuite, demoStorefront, expectAccessible, openPage } from './browser.js';

browserSuite('web: what the storefront puts first', () => {
  const web = demoStorefront();

  it('a cheaper live launch on the product page, the phone before its case, popular by sales, the last address pre-filled', async () => {
    const anon = new Client(web.server.url);
    const seller = new Client(web.server.url);
    seller.token = (await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' })).body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const note = (await seller.get(`/stores/${storeId}/products`)).body.products.find((p) => p.title === 'Lumi Note 14')!;
    const startsAt = Date.now() + 1500;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi Note 14 flash price',
      startsAt,
      endsAt: startsAt + 3600_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs: 300_000 },
      items: note.skus.map((s) => ({ skuId: s.id, allotment: 2, launchPriceMinor: s.priceMinor - 300_00 })),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await sleepUntil(startsAt, 100);

    // A buyer with one earlier order (an older product, bought twice: the most sold).
    const email = `shopper-${Date.now()}@example.com`;
    const signed = await signupAs(web.server.url, email, { name: 'Li Lei' });
    const buyer = new Client(web.server.url);
    buyer.token = signed.body.token ?? null;
    const newest = (await anon.get('/products?sort=newest&limit=50&lang=en')).body.items;
    const oldest = newest.at(-1)!;
    const oldestSku = (await anon.get(`/products/${oldest.id}`)).body.skus[0]!.id;
    for (let i = 0; i < 2; i++) await orderInState(web.server, buyer, seller, oldestSku, 'paid');
    await web.server.fm.ctx.analytics.flush();
    expect(newest[0]!.title).not.toBe(oldest.title);

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');

    // Popular products: the most sold first, though it is the oldest.
    const popular = page.locator('section', { has: page.locator('#popular-h') }).getByTestId('product-card');
    await popular.first().waitFor();
    expect(await popular.first().textContent()).toContain(oldest.title);

    // Search: the phone before its case.
    await page.goto('/search?q=Lumi%2015%20Pro');
    const cards = page.getByTestId('product-card');
    await cards.filter({ hasText: 'Clear case for Lumi 15 Pro' }).waitFor();
    const found = await cards.allTextContents();
    expect(found[0]).toContain('Lumi 15 Pro');
    expect(found[0]).not.toContain('Clear case');

    // The product page names the live launch at its lower price, and links to it.
    await page.goto(`/p/${note.id}`);
    const cheaper = page.getByTestId('cheaper-launch');
    await cheaper.waitFor();
    const chosen = await page.getByTestId('price').textContent();
    expect(chosen).toMatch(/CN¥1,499\.00/);
    expect(await cheaper.textContent()).toBe('Live now for CN¥1,199.00 in the launch Lumi Note 14 flash price');
    await expectAccessible(page, 'product page with a cheaper launch');
    // A product in no launch names none.
    await page.goto(`/p/${oldest.id}`);
    await page.getByTestId('add-to-cart').waitFor();
    expect(await page.getByTestId('cheaper-launch').count()).toBe(0);
    await page.goto(`/p/${note.id}`);
    await page.getByTestId('cheaper-launch').getByRole('link', { name: 'Lumi Note 14 flash price' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lumi Note 14 flash price' }).waitFor();

    // An ordinary checkout starts from the last order's address.
    expectOk(await buyer.put(`/cart/items/${oldestSku}`, { quantity: 1 }));
    await page.goto('/checkout');
    await page.getByTestId('place-order').waitFor();
    await expect.poll(() => page.getByLabel('Phone').inputValue()).toBe(ADDRESS.phone);
    expect(await page.getByLabel('Street address').inputValue()).toBe(ADDRESS.line1);
    expect(await page.getByLabel('Recipient').inputValue()).toBe(ADDRESS.recipient);
    expect(await page.getByTestId('region-field').textContent()).toBe('Guangdong / Shenzhen / Nanshan District');

    expect(errors).toEqual([]);
    await context.close();
  });
});

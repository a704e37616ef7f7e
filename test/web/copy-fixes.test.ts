/**
 * Small things a buyer or seller reads (issue 16, item 12): signed-out pages log no failed
 * request (no 401 for the session); "1 unit left", in English and Chinese; a cart line with
 * its unit price; the launch funnel draws no wedge for a step nobody reached (Registered, when
 * the launch asks for no registration).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client, signupAs, TEST_PASSWORD } from '../harness.js';
import { expectOk } from '../helpers/api.js';
import { joinQueue, sleepUntil } from '../helpers/launch.js';
import { browserSuite, demoStorefront, openPage } from './browser.js';

/** Console errors and 4xx/5xx answers the page got, from now on. */
function failures(page: Page): string[] {
  const out: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') out.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) out.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return out;
}

browserSuite('web: copy and small fixes', () => {
  const web = demoStorefront();

  it('signed out: no 401 for the session, in the console or on the wire', async () => {
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    const failed = failures(page);
    const product = (await new Client(web.server.url).get('/products?q=Lumi%20Note%2014&lang=en')).body.items[0]!;
    for (const path of ['/', '/search?q=Lumi', `/p/${product.id}`, '/cart']) {
      await page.goto(path);
      await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    }
    expect(failed).toEqual([]);
    // The API keeps its contract: /auth/me is for the signed in (401 otherwise), /auth/session answers both.
    expect((await new Client(web.server.url).get('/auth/me')).status).toBe(401);
    expect((await new Client(web.server.url).get('/auth/session')).body).toEqual({ user: null, stores: [] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"1 unit left" in both languages, a cart line’s unit price, and a funnel without an empty Registered wedge', async () => {
    const seller = new Client(web.server.url);
    seller.token = (await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' })).body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const note = (await seller.get(`/stores/${storeId}/products`)).body.products.find((p) => p.title === 'Lumi Note 14')!;
    const sku = note.skus[0]!;
    const yuan = (minor: number) => (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    const startsAt = Date.now() + 1500;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi Note 14 last one',
      startsAt,
      endsAt: startsAt + 3600_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs: 300_000 },
      items: [{ skuId: sku.id, allotment: 1, launchPriceMinor: 999_00 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const launchId: string = created.body.id;

    const email = `copy-${Date.now()}@example.com`;
    const buyer = new Client(web.server.url);
    buyer.token = (await signupAs(web.server.url, email, { name: 'Zhao Min' })).body.token ?? null;
    expectOk(await buyer.put(`/cart/items/${sku.id}`, { quantity: 2 }));

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto('/login?next=/cart');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/cart');

    // The cart line: its unit price beside the line's total.
    const line = page.getByTestId('cart-line').filter({ hasText: 'Lumi Note 14' });
    await line.waitFor();
    expect(await line.getByTestId('cart-unit-price').textContent()).toBe(`CN¥${yuan(sku.priceMinor)} each`);
    expect(await line.getByTestId('cart-line-total').textContent()).toBe(`CN¥${yuan(2 * sku.priceMinor)}`);

    // One unit left: singular in English.
    await sleepUntil(startsAt, 100);
    await page.goto(`/launches/${launchId}`);
    await page.getByText('1 unit left. Join the line and you will be let in to reserve in turn.').waitFor();
    expect(await page.getByText('1 units left', { exact: false }).count()).toBe(0);

    // In Chinese: the same count, and the cart's unit price.
    await page.getByTestId('lang-switch').click();
    await page.getByText('剩余 1 件。加入排队，轮到您时即可抢购。').waitFor();
    await page.goto('/cart');
    await expect.poll(() => page.getByTestId('cart-unit-price').first().textContent()).toBe(`单价 ¥${yuan(sku.priceMinor)}`);
    await page.getByTestId('lang-switch').click();
    await context.close();

    // A buyer joins (no registration asked): the funnel starts at Queued, with no wedge for Registered.
    await joinQueue(buyer, launchId);
    await web.server.fm.ctx.analytics.flush();
    const funnel = await seller.get(`/launches/${launchId}/analytics/funnel`);
    expect(funnel.body.steps.slice(0, 2).map((s: { buyers: number }) => s.buyers)).toEqual([0, 1]);
    const desk = await openPage(web.browser, web.server.url, 'desktop');
    await desk.page.goto('/login?next=/console/analytics?tab=funnel');
    await desk.page.getByLabel('Email').fill('lumi@flashmall.local');
    await desk.page.getByLabel('Password').fill('seller-demo-1');
    await desk.page.getByRole('button', { name: 'Sign in' }).click();
    const chart = desk.page.getByRole('img', { name: 'Launch funnel Lumi Note 14 last one' });
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('data-drawn')).toBe('Queued');
    const card = desk.page.locator('article', { has: desk.page.getByRole('heading', { name: 'Lumi Note 14 last one' }) });
    expect(await card.locator('p').textContent()).toMatch(/^Registered 0 → Queued 1/);

    expect(desk.errors).toEqual([]);
    await desk.context.close();
    expect(errors).toEqual([]);
  });
});

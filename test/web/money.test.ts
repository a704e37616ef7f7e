/**
 * The money pages in a real browser (desktop): after a sale at the demo flagship store is
 * paid and delivered, its owner sees the balance, the statement with its balance chart and
 * lines, and pays out; the platform admin sees every store's money, platform revenue and the
 * commission rules, and the launch form shows the commission before a launch is scheduled.
 */
import { expect, it } from 'vitest';
import { Client, signup } from '../harness.js';
import { expectOk, payOrders, placeOrder } from '../helpers/api.js';
import { browserSuite, expectAccessible, openPage, demoStorefront } from './browser.js';

browserSuite('web: marketplace money', () => {
  const web = demoStorefront();

  it("the seller's money page shows the sale, the chart and the statement; the admin's shows revenue", async () => {
    const s = web.server;
    const lumi = new Client(s.url);
    const login = await lumi.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    lumi.token = login.body.token ?? null;
    const store = (await lumi.get('/auth/me')).body.stores[0];
    const product = (await lumi.get(`/stores/${store!.storeId}/products`)).body.products.find((p) => p.title === 'Lumi Note 14');
    const price: number = product!.skus[0]!.priceMinor;
    const commission = Math.floor((price * 300 + 5000) / 10000);
    const yuan = (minor: number) => (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    const buyer = await signup(s.url);
    const order = await placeOrder(buyer, product!.skus[0]!.id);
    await payOrders(s, buyer, [order.id]);
    expectOk(await lumi.post(`/orders/${order.id}/ship`, { carrier: 'SF', trackingNumber: 'SF12345678' }));
    expectOk(await lumi.post(`/orders/${order.id}/deliver`));

    const { page, errors, context } = await openPage(web.browser, s.url, 'desktop');
    await page.goto('/login');
    await page.getByLabel('Email').fill('lumi@flashmall.local');
    await page.getByLabel('Password').fill('seller-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/console**');
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Money' }).click();
    await page.getByTestId('money-page').waitFor();
    // A flagship store pays 3 % (phones): the rest is its balance, waiting for the return window.
    await expect.poll(() => page.getByTestId('money-balance').textContent()).toContain(yuan(price - commission));
    expect(await page.getByTestId('statement-closing').textContent()).toContain(yuan(price - commission));
    expect(await page.locator('[role="img"] canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('payout-button').isDisabled()).toBe(true); // nothing payable before the window passes
    await expectAccessible(page, 'console money');

    // The launch form tells the commission before the launch is scheduled.
    await page.goto('/console/launches/new');
    await page.locator('select[id$="skuId"]').first().selectOption({ index: 1 });
    await expect.poll(() => page.getByTestId('commission-note').first().textContent(), { timeout: 5000 }).toContain('3.0 %');
    await context.close();

    const admin = await openPage(web.browser, s.url, 'desktop');
    await admin.page.goto('/login');
    await admin.page.getByLabel('Email').fill('admin@flashmall.local');
    await admin.page.getByLabel('Password').fill('admin-password-1');
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await admin.page.waitForURL('**/admin/stores');
    await admin.page.getByRole('link', { name: 'Money' }).click();
    await admin.page.getByTestId('admin-money').waitFor();
    await expect.poll(() => admin.page.getByTestId('platform-revenue').textContent()).toContain(yuan(commission));
    expect(await admin.page.getByTestId('rules').textContent()).toContain('5.0 %');
    await expectAccessible(admin.page, 'admin money');
    await admin.context.close();
    expect(errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});

/**
 * The seller console and the admin, on a desktop (1366×768): a new seller opens a store,
 * creates a product with options, sets a SKU's price and stock, publishes it, and finds it
 * in the storefront search; the admin verifies a flagship store (confirmed with a second
 * click; it then leaves "Awaiting verification"), looks through users and orders (with their
 * store and buyer), and opens the platform analytics (totals and the split by store), with a
 * header that offers no cart and no seller console.
 */
import { expect, it } from 'vitest';
import { Client, signup, TEST_PASSWORD } from '../harness.js';
import { orderInState } from '../helpers/api.js';
import { browserSuite, expectAccessible, openPage, screenshot, demoStorefront } from './browser.js';
import { enterSignupCode } from './signup-code.js';

browserSuite('web: seller console and admin', () => {
  const web = demoStorefront();

  it('a seller creates a product in the console, publishes it, and buyers find it', async () => {
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');

    await page.goto('/signup?role=seller');
    await page.getByLabel('Name').fill('Aurora Team');
    const auroraEmail = `aurora-${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(auroraEmail);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    expect(await page.getByRole('radio', { name: 'Sell on Flashmall' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create account' }).click();
    await enterSignupCode(page, auroraEmail);

    // A new seller lands in the console and opens a store first.
    await page.waitForURL('**/console');
    await page.getByRole('heading', { name: 'Open your store' }).waitFor();
    // Its name and description in both languages, side by side.
    await page.getByLabel('Store name · English').fill('Aurora Audio');
    await page.getByLabel('Description · English').fill('Headphones tuned in Hangzhou.');
    await page.getByLabel('Store name · 中文').fill('极光音频');
    await page.getByLabel('Description · 中文').fill('杭州调校的耳机。');
    await page.getByRole('button', { name: 'Open store' }).click();
    await page.waitForURL('**/console/products');
    await page.getByText('No products yet').waitFor();

    // Launches (none yet) and Analytics have their places.
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Launches' }).click();
    await page.getByText('No launches yet').waitFor();
    await expectAccessible(page, 'console launches (none yet)');
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await page.getByRole('tablist').waitFor();
    expect(await page.getByRole('tab').count()).toBe(5);
    await page.getByRole('combobox', { name: 'Launch' }).waitFor(); // a seller filters by their own launches
    await expectAccessible(page, 'console analytics');

    // Create a product with a colour option → two SKUs.
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Products' }).click();
    await page.getByTestId('new-product').click();
    // Title and description in both languages, side by side.
    await page.getByLabel('Title · English').fill('Aurora Studio Headphones');
    await page.getByLabel('Description · English').fill('Closed-back studio headphones, 40 mm drivers.');
    await page.getByLabel('Title · 中文').fill('Aurora 录音室头戴耳机');
    await page.getByLabel('Description · 中文').fill('封闭式录音室耳机，40 毫米单元。');
    await page.getByLabel('Price (¥)').fill('899');
    await page.getByLabel('Stock per SKU').fill('25');
    await page.getByLabel('Image URL').fill('/demo/tide-buds.svg');
    await page.getByLabel('Option', { exact: true }).fill('colour');
    await page.getByLabel('Values').fill('Black, Silver');
    await page.getByText('This creates 2 SKUs.', { exact: false }).waitFor();
    await expectAccessible(page, 'console new product');
    await page.getByTestId('create-product').click();

    // The product page in the console: per-SKU price and stock, then publish.
    await page.getByRole('heading', { level: 1, name: 'Aurora Studio Headphones' }).waitFor();
    expect(await page.getByTestId('sku-row').count()).toBe(2);
    expect(await page.getByTestId('product-status').textContent()).toBe('Draft');
    await expectAccessible(page, 'console product edit');
    const silver = page.getByRole('form', { name: 'Silver' });
    await silver.getByLabel('Price (¥)').fill('949');
    await silver.getByLabel('Stock').fill('12');
    await silver.getByRole('button', { name: 'Save' }).click();
    await silver.getByText('Saved').waitFor();
    await page.getByTestId('toggle-publish').click();
    await expect.poll(() => page.getByTestId('product-status').textContent()).toBe('On sale');

    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Products' }).click();
    await page.getByTestId('console-product').first().waitFor();
    const row = page.getByTestId('console-product').filter({ hasText: 'Aurora Studio Headphones' });
    expect(await row.textContent()).toContain('On sale');
    expect(await row.textContent()).toContain('CN¥899.00 – CN¥949.00');
    expect(await row.textContent()).toContain('37 units');
    await screenshot(page, 'console-products');
    await expectAccessible(page, 'console products');

    // Store settings save through PATCH /stores/:id — after a reload, so the CSRF token
    // the login gave is gone from memory and a fresh one is fetched.
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Store settings' }).click();
    await page.reload();
    await page.getByLabel('Description · English').waitFor();
    // The Chinese texts given when the store was opened are there, beside the English.
    expect(await page.getByLabel('Store name · 中文').inputValue()).toBe('极光音频');
    expect(await page.getByLabel('Description · 中文').inputValue()).toBe('杭州调校的耳机。');
    await page.getByLabel('Description · English').fill('Headphones tuned in Hangzhou. Free returns.');
    await expectAccessible(page, 'console store settings');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').waitFor();

    // Buyers find it in the storefront search, with the seller's price.
    await page.goto('/search?q=aurora');
    const card = page.getByTestId('product-card').filter({ hasText: 'Aurora Studio Headphones' });
    await card.waitFor();
    expect(await card.textContent()).toContain('CN¥899.00');
    expect(await card.textContent()).toContain('Aurora Audio');
    await expectAccessible(page, 'search results (desktop)');

    // In Chinese, a Chinese word finds it, under the Chinese title the seller gave.
    await page.getByTestId('lang-switch').click();
    await page.goto(`/search?q=${encodeURIComponent('录音室')}`);
    await page.getByTestId('product-card').filter({ hasText: 'Aurora 录音室头戴耳机' }).waitFor();
    await page.getByTestId('lang-switch').click();

    // The store's own page.
    await page.goto('/s/lumi');
    await page.getByRole('heading', { level: 1, name: 'Lumi Official Flagship Store' }).waitFor();
    expect(await page.getByText('Official flagship').first().isVisible()).toBe(true);
    await page.getByTestId('product-card').first().waitFor();
    await expectAccessible(page, 'store page');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin verifies a flagship store and looks through users and orders', async () => {
    // A brand applies with a flagship store (through the API).
    const brand = await signup(web.server.url, 'seller');
    const applied = await brand.post('/stores', { name: 'Nova Phones Official', kind: 'flagship', description: 'Nova’s own store.' });
    expect(applied.status).toBe(201);

    // A buyer's paid order, for the orders list and the platform's figures.
    const hit = (await new Client(web.server.url).get('/products?q=Lumi%20Note%2014&lang=en')).body.items[0]!;
    const sku = (await new Client(web.server.url).get(`/products/${hit.id}`)).body.skus[0]!;
    const shopper = await signup(web.server.url, 'buyer');
    const shopperMe = (await shopper.get('/auth/me')).body.user;
    await orderInState(web.server, shopper, brand, sku.id, 'paid');
    await web.server.fm.ctx.analytics.flush();

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@flashmall.local');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/stores');

    // The operator's header: no cart, no seller console.
    const header = page.getByRole('navigation', { name: 'Main' });
    await header.getByRole('link', { name: 'Admin', exact: true }).waitFor();
    expect(await header.getByRole('link', { name: /^Cart/ }).count()).toBe(0);
    expect(await header.getByRole('link', { name: 'Seller console' }).count()).toBe(0);

    const row = page.getByTestId('admin-store').filter({ hasText: 'Nova Phones Official' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Flagship, not verified');
    // Verify asks first; "Not now" leaves it as it was.
    await row.getByRole('button', { name: /Verify/ }).click();
    expect(await row.getByText('Verify Nova Phones Official as the brand’s official store?').isVisible()).toBe(true);
    await expectAccessible(page, 'admin stores, confirming a verification');
    await row.getByRole('button', { name: 'Not now' }).click();
    expect((await brand.get(`/stores/${applied.body.id}`)).body.verified).toBe(false);
    await row.getByRole('button', { name: /Verify/ }).click();
    await row.getByRole('button', { name: 'Yes, verify' }).click();
    // Verified, it leaves "Awaiting verification".
    await expect.poll(() => page.getByTestId('verification-note').textContent()).toBe('Nova Phones Official is verified: it has left “Awaiting verification”.');
    expect(await row.count()).toBe(0);
    await page.getByRole('button', { name: 'Flagship', exact: true }).click();
    await expect.poll(() => row.textContent()).toContain('Flagship, verified');
    expect(await row.getByText('Official flagship').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => page.getByTestId('admin-store').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'admin');
    await expectAccessible(page, 'admin stores');

    const verified = await brand.get(`/stores/${applied.body.id}`);
    expect(verified.body.verified).toBe(true);

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('cell', { name: 'buyer@flashmall.local' }).waitFor();
    await page.getByLabel('Email contains').fill('lumi');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await expectAccessible(page, 'admin users');

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    // Each order with its store and its buyer.
    const orderRow = page.getByRole('row').filter({ hasText: shopperMe.email });
    await orderRow.waitFor();
    expect(await orderRow.getByTestId('order-store').textContent()).toBe(hit.storeName);
    expect(await orderRow.getByTestId('order-buyer').textContent()).toBe(`${shopperMe.name}${shopperMe.email}`);
    await expectAccessible(page, 'admin orders');

    // The platform-wide analytics: sales over time, device mix, top regions.
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sales' }).waitFor();
    // The same tabs as a seller's, over every store (the sell-out tab is per launch: a store's).
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Sales', 'Devices', 'Launch funnel', 'Regions', 'By store']);
    expect(await page.getByRole('combobox', { name: 'Launch' }).count()).toBe(0);
    await expectAccessible(page, 'admin analytics');
    await page.getByRole('tab', { name: 'Regions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Regions' }).waitFor();
    // The platform's totals, and each store's part of them.
    await page.getByRole('tab', { name: 'By store' }).click();
    await page.getByRole('heading', { level: 1, name: 'Platform totals by store' }).waitFor();
    const storeRow = page.getByTestId('store-split').filter({ hasText: hit.storeName });
    await storeRow.waitFor();
    expect(Number(await page.getByTestId('total-orders').first().textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('total-revenue').first().textContent()).toMatch(/^CN¥[\d,]+\.\d\d$/);
    expect(await storeRow.textContent()).toMatch(/CN¥[\d,]+\.\d\d/);
    await expectAccessible(page, 'admin analytics by store');

    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * A buyer on a phone (360×740): search → product → pick a variant → sign up (and come back
 * to the same variant) → cart → checkout → approve on the sandbox pay page → the order
 * shows as paid in the order history, with its timeline; then the store ships it from the
 * console and the timeline moves on. Every key screen is checked with axe and saved as a
 * screenshot.
 */
import { TEST_PASSWORD } from '../harness.js';
import { expect, it } from 'vitest';
import { browserSuite, expectAccessible, expectFitsWidth, openPage, pickRegion, screenshot, demoStorefront } from './browser.js';
import { enterSignupCode } from './signup-code.js';

browserSuite('web: buyer on a phone', () => {
  const web = demoStorefront();

  it('searches, picks a variant, checks out, pays, sees the order paid, then shipped', async () => {
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'phone', { scale: 2 });

    // The home page, not signed in yet.
    await page.goto('/');
    await expect.poll(() => page.getByTestId('product-card').count()).toBeGreaterThan(3);
    await page.getByTestId('launches').waitFor();
    await screenshot(page, 'phone-home');
    await expectAccessible(page, 'home (phone)');
    await expectFitsWidth(page, 'home (phone)');

    // Search from the header.
    const search = page.getByRole('searchbox', { name: 'Search products' });
    await search.fill('lumi pro');
    await search.press('Enter');
    await page.waitForURL(/\/search\?q=lumi/);
    const card = page.getByTestId('product-card').filter({ has: page.getByText('Lumi 15 Pro', { exact: true }) });
    await card.first().waitFor();
    await expectAccessible(page, 'search results (phone)');
    await expectFitsWidth(page, 'search results (phone)');
    await card.first().click();

    // Product page: pick Ocean Blue, 512GB → that SKU's price.
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro' }).waitFor();
    await page.getByRole('group', { name: /Colour/ }).getByRole('radio', { name: 'Ocean Blue' }).click();
    await page.getByRole('group', { name: /Storage/ }).getByRole('radio', { name: '512GB' }).click();
    await expect.poll(() => page.getByTestId('price').textContent()).toBe('CN¥5,499.00');
    expect(await page.getByTestId('stock').textContent()).toBe('In stock');
    expect(page.url()).toMatch(/\?sku=/);
    expect(await page.getByRole('radio', { name: '512GB' }).isChecked()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'phone-product');
    await expectAccessible(page, 'product (phone)');
    await expectFitsWidth(page, 'product (phone)');

    // Adding to the cart asks to sign in first; signing up comes back to the same variant.
    await page.getByTestId('add-to-cart').click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign in (phone)');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/signup\?next=/);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await expectAccessible(page, 'sign up (phone)');
    await expectFitsWidth(page, 'sign up (phone)');
    await page.getByLabel('Name').fill('Mei Chen');
    const meiEmail = `mei-${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(meiEmail);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await enterSignupCode(page, meiEmail);
    await page.waitForURL(/\/p\/.+\?sku=/);
    await expect.poll(() => page.getByTestId('price').textContent()).toBe('CN¥5,499.00');
    expect(await page.getByRole('radio', { name: 'Ocean Blue' }).isChecked()).toBe(true);
    await page.getByTestId('add-to-cart').click();
    await page.getByText('Added 1 to your cart.').waitFor();
    await page.getByRole('link', { name: 'View cart' }).click();

    // Cart.
    await page.waitForURL('**/cart');
    const line = page.getByTestId('cart-line');
    await line.first().waitFor();
    expect(await line.count()).toBe(1);
    expect(await line.first().textContent()).toContain('Ocean Blue · 512GB');
    expect(await page.getByTestId('cart-total').textContent()).toBe('CN¥5,499.00');
    await screenshot(page, 'phone-cart');
    await expectAccessible(page, 'cart (phone)');
    await expectFitsWidth(page, 'cart (phone)');
    await page.getByTestId('go-checkout').click();

    // Checkout with an address.
    await page.waitForURL('**/checkout');
    await page.getByLabel('Recipient').fill('Mei Chen');
    await page.getByLabel('Phone').fill('+86 138 0000 0000');
    await pickRegion(page, ['Guangdong', 'Shenzhen', 'Nanshan District']);
    expect(await page.getByTestId('region-field').textContent()).toBe('Guangdong / Shenzhen / Nanshan District');
    await page.getByLabel('Street address').fill('1 Keyuan Road, Building 3');
    await page.getByLabel(/Postal code/).fill('518057');
    await page.getByLabel(/Postal code/).blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'phone-checkout');
    await expectAccessible(page, 'checkout (phone)');
    await expectFitsWidth(page, 'checkout (phone)');
    await page.getByTestId('place-order').click();

    // The sandbox gateway's hosted page: approve.
    await page.waitForURL(/\/sandbox-pay\//);
    expect(await page.getByTestId('amount').textContent()).toContain('5,499.00');
    await page.getByTestId('approve').click();

    // Back in the order history: the webhook lands and the order is paid.
    await page.waitForURL(/\/orders\?payment=/);
    await page.locator('[data-testid="order-card"][data-status="paid"]').waitFor({ timeout: 20_000 });
    await page.getByText('Payment received. Thank you!').waitFor();
    expect(await page.getByTestId('order-card').count()).toBe(1);
    expect(await page.getByTestId('order-card').first().textContent()).toContain('Paid');

    // The order with its status timeline.
    await page.getByTestId('order-card').first().click();
    await page.getByTestId('timeline').waitFor();
    const steps = page.getByTestId('timeline').locator('li');
    expect(await steps.nth(0).getAttribute('class')).toContain('step-done');
    expect(await steps.nth(1).getAttribute('class')).toContain('step-current');
    expect(await steps.nth(1).textContent()).toContain('Paid');
    expect(await steps.nth(2).getAttribute('class')).toContain('step-todo');
    await screenshot(page, 'phone-order-timeline');
    await expectAccessible(page, 'order timeline (phone)');
    await expectFitsWidth(page, 'order timeline (phone)');

    // The store ships it from the seller console; the buyer sees it on the timeline.
    const seller = await openPage(web.browser, web.server.url, 'desktop');
    await seller.page.goto('/login?next=/console/orders');
    await seller.page.getByLabel('Email').fill('lumi@flashmall.local');
    await seller.page.getByLabel('Password').fill('seller-demo-1');
    await seller.page.getByRole('button', { name: 'Sign in' }).click();
    const toShip = seller.page.getByTestId('store-order');
    await toShip.first().waitFor();
    expect(await toShip.count()).toBe(1);
    await expectAccessible(seller.page, 'console orders to ship');
    await toShip.getByLabel('Carrier').fill('SF Express');
    await toShip.getByLabel('Tracking number').fill('SF1234567890');
    await toShip.getByRole('button', { name: 'Mark shipped' }).click();
    await expect.poll(() => toShip.first().textContent()).toContain('Shipped');
    expect(seller.errors).toEqual([]);
    await seller.context.close();

    await page.reload();
    await page.getByText('SF1234567890', { exact: true }).waitFor();
    expect(await steps.nth(2).getAttribute('class')).toContain('step-current');
    expect(await page.getByRole('button', { name: 'I received it' }).isVisible()).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });
});

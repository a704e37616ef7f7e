/**
 * After paying, the buyer is where they started: a buyer who opened the shop by another name
 * for the machine (here `localhost` while the server's own address is 127.0.0.1 — as a LAN
 * address would be) pays on the sandbox page and comes back to that same name, still signed
 * in, and sees the order paid. And an order page left open turns "Paid" by itself when the
 * payment lands elsewhere, without a reload.
 */
import { expect, it } from 'vitest';
import { ADDRESS, Client, sellerWithProduct, signupAs, TEST_PASSWORD } from '../harness.js';
import { approveOnPayPage } from '../helpers/api.js';
import { browserSuite, expectAccessible, openPage, demoStorefront } from './browser.js';

browserSuite('web: orders follow the buyer', () => {
  const web = demoStorefront();

  it('pays from another host name and comes back signed in; an open order page turns Paid by itself', async () => {
    const { product } = await sellerWithProduct(web.server.url, { stock: 10 });
    const email = `live-${Date.now()}@example.com`;
    const api = new Client(web.server.url);
    const signed = await signupAs(web.server.url, email, { name: 'Zhao Lei' });
    expect(signed.status).toBe(201);
    api.token = signed.body.token ?? null;
    const orderOf = async () => {
      expect((await api.put(`/cart/items/${product.skus[0]!.id}`, { quantity: 1 })).status).toBe(200);
      const co = await api.post('/checkout', { address: ADDRESS, skuIds: [product.skus[0]!.id] });
      expect(co.status, JSON.stringify(co.body)).toBe(201);
      return co.body.orders[0]!.id;
    };
    const first = await orderOf();
    const second = await orderOf();

    // The shop by another name than the server's own address.
    const other = web.server.url.replace('127.0.0.1', 'localhost');
    expect(other).not.toBe(web.server.url);
    const { page, errors, context } = await openPage(web.browser, other, 'phone');
    await page.goto(`/login?next=/orders/${first}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/orders/${first}`);
    await page.getByRole('button', { name: 'Pay now' }).waitFor();
    expect(await page.locator('.order-head [data-status]').getAttribute('data-status')).toBe('pending_payment');

    // Paid elsewhere (another device): the open page turns Paid by itself.
    const pay = await api.post('/payments', { orderIds: [first] });
    expect(pay.status).toBe(201);
    await approveOnPayPage(web.server, pay.body.payUrl);
    await expect.poll(() => page.locator('.order-head [data-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('paid');
    expect(await page.getByTestId('order-news').textContent()).toBe('Update: this order is now Paid.');
    expect(await page.getByRole('button', { name: 'Pay now' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    await expectAccessible(page, 'order turned paid (phone)');

    // Paying the second order from this page: the pay page and the way back keep the host.
    await page.goto(`/orders/${second}`);
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.waitForURL(/\/sandbox-pay\//);
    expect(new URL(page.url()).origin).toBe(other);
    await page.getByTestId('approve').click();
    await page.waitForURL(/\/orders\?payment=/);
    expect(new URL(page.url()).origin).toBe(other);
    await page.getByText('Payment received. Thank you!').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="order-card"][data-status="paid"]').nth(1).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});

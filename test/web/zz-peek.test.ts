import { it } from 'vitest';
import { Client } from '../harness.js';
import { browserSuite, openPage, demoStorefront } from './browser.js';
browserSuite('peek', () => {
  const web = demoStorefront();
  it('peek', async () => {
    const email = `peek-${Date.now()}@example.com`;
    const api = new Client(web.server.url);
    const signed = await api.post('/auth/signup', { email, password: 'password-123', name: 'Sun Li', role: 'buyer', session: 'token' });
    api.token = signed.body.token;
    const found = await api.get('/products?q=lumi%2015%20pro');
    const phone = found.body.items.find((p: { title: string }) => p.title === 'Lumi 15 Pro');
    const product = (await api.get(`/products/${phone.id}`)).body;
    await api.put(`/cart/items/${product.skus[5].id}`, { quantity: 3 });
    const { page, context } = await openPage(web.browser, web.server.url, 'phone', { scale: 1 });
    await page.goto(`/login?next=/p/${phone.id}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('add-to-cart').waitFor();
    await page.screenshot({ path: '/tmp/shots/product.png' });
    await page.goto('/checkout');
    await page.getByTestId('place-order').waitFor();
    await page.screenshot({ path: '/tmp/shots/checkout.png' });
    await context.close();
  });
});

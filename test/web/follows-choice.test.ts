/**
 * What a page shows follows the buyer's choice without a reload: the product's main picture
 * is the chosen colour's (its SKUs' own pictures, else the product's), and the address
 * picker's province, city and district names are in the language the buyer switched to.
 */
import { expect, it } from 'vitest';
import { Client, sellerWithProduct, signupAs, TEST_PASSWORD } from '../harness.js';
import { browserSuite, demoStorefront, openPage } from './browser.js';

browserSuite('web: the page follows the choice', () => {
  const web = demoStorefront();

  it("the product's main picture is the chosen colour's", async () => {
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop', { locale: 'en-US' });
    const products = (await new Client(web.server.url).get('/products?q=lumi%2015%20pro')).body.items as Array<{ id: string; title: string }>;
    const pro = products.find((p) => p.title === 'Lumi 15 Pro')!;
    await page.goto(`/p/${pro.id}`);
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro' }).waitFor();
    const picture = page.locator('.product-media img');
    const colour = page.getByRole('group', { name: /Colour/ });
    await colour.getByRole('radio', { name: 'Obsidian Black' }).click();
    await expect.poll(() => picture.getAttribute('src')).toBe('/demo/lumi-15-pro.svg');
    await colour.getByRole('radio', { name: 'Ocean Blue' }).click();
    await expect.poll(() => picture.getAttribute('src')).toBe('/demo/lumi-15-pro-blue.svg');
    // Another storage size of the same colour keeps its picture; another colour brings its own.
    await page.getByRole('group', { name: /Storage/ }).getByRole('radio', { name: '512GB' }).click();
    expect(await picture.getAttribute('src')).toBe('/demo/lumi-15-pro-blue.svg');
    await colour.getByRole('radio', { name: 'Glacier White' }).click();
    await expect.poll(() => picture.getAttribute('src')).toBe('/demo/lumi-15-pro-white.svg');
    // The picture is served (not a broken image).
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // A product whose SKUs have no pictures of their own shows the product's for every choice.
    const buds = ((await new Client(web.server.url).get('/products?q=tide')).body.items as Array<{ id: string; title: string }>).find((p) => p.title.startsWith('Tide Buds'))!;
    await page.goto(`/p/${buds.id}`);
    await page.getByRole('group', { name: /Colour/ }).getByRole('radio', { name: 'Black' }).click();
    await expect.poll(() => picture.getAttribute('src')).toBe('/demo/tide-buds.svg');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the region picker's names follow a language switch", async () => {
    const { product } = await sellerWithProduct(web.server.url, { stock: 5, title: 'Region switch buds' });
    const email = `regions-${Date.now()}@example.com`;
    const api = new Client(web.server.url);
    const signed = await signupAs(web.server.url, email, { name: 'Li Lei' });
    expect(signed.status).toBe(201);
    api.token = signed.body.token ?? null;
    expect((await api.put(`/cart/items/${product.skus[0]!.id}`, { quantity: 1 })).status).toBe(200);

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop', { locale: 'en-US' });
    await page.goto('/login?next=/checkout');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/checkout');
    const dialog = page.getByTestId('region-dialog');

    // In English: the provinces, then Guangdong's cities.
    await page.getByTestId('region-field').click();
    await dialog.getByRole('button', { name: 'Guangdong', exact: true }).click();
    await dialog.getByRole('button', { name: 'Shenzhen', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Switched to Chinese, the same lists (already fetched) open in Chinese.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('region-field').textContent()).toBe('请选择省 / 市 / 区');
    await page.getByTestId('region-field').click();
    await dialog.getByRole('button', { name: '广东省', exact: true }).click();
    await dialog.getByRole('button', { name: '深圳市', exact: true }).click();
    await dialog.getByRole('button', { name: '南山区', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('region-field').textContent()).toBe('广东省 / 深圳市 / 南山区');
    expect(await dialog.getByRole('button', { name: 'Guangdong', exact: true }).count()).toBe(0);

    // And back to English: the chosen region's label too.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('region-field').textContent()).toMatch(/^Guangdong \/ Shenzhen \/ Nanshan/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * A 360×740 phone: the primary action is on the first screen and whole — the product page's
 * Add to cart without scrolling, and checkout's "Place order and pay" with its total, not
 * clipped, in reach above the tab bar — in English and in Chinese.
 */
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Client, signupAs, TEST_PASSWORD } from '../harness.js';
import { browserSuite, expectFitsWidth, openPage, demoStorefront } from './browser.js';

/** Whether the element is wholly on screen, not under the tab bar, and its text not cut off. */
async function onFirstScreen(page: Page, target: Locator): Promise<{ inView: boolean; uncovered: boolean; textWhole: boolean; rect: string }> {
  const handle = await target.elementHandle();
  return page.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const tabbar = document.querySelector('.tabbar');
    const floor = tabbar && getComputedStyle(tabbar).display !== 'none' ? tabbar.getBoundingClientRect().top : window.innerHeight;
    const inView = r.top >= 0 && r.left >= 0 && r.bottom <= floor + 0.5 && r.right <= window.innerWidth + 0.5;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const range = document.createRange();
    range.selectNodeContents(el);
    const t = range.getBoundingClientRect();
    const textWhole = t.left >= r.left - 0.5 && t.right <= r.right + 0.5 && (el as HTMLElement).scrollWidth <= (el as HTMLElement).clientWidth + 1;
    return { inView, uncovered: !!hit && (hit === el || el.contains(hit)), textWhole, rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} (floor ${Math.round(floor)})` };
  }, handle);
}

browserSuite('web: the phone layout keeps the main action in reach', () => {
  const web = demoStorefront();

  it('Add to cart on the first screen of a product page; Place order and pay whole and in reach', async () => {
    const email = `phone-${Date.now()}@example.com`;
    const api = new Client(web.server.url);
    const signed = await signupAs(web.server.url, email, { name: 'Sun Li' });
    expect(signed.status).toBe(201);
    api.token = signed.body.token ?? null;
    const found = await api.get('/products?q=lumi%2015%20pro');
    const phone = found.body.items.find((p: { title: string }) => p.title === 'Lumi 15 Pro');
    const product = (await api.get(`/products/${phone!.id}`)).body;
    // The dearest SKU, three of them: the longest total the button has to carry.
    const dear = [...product.skus].sort((a: { priceMinor: number }, b: { priceMinor: number }) => b.priceMinor - a.priceMinor)[0];
    expect((await api.put(`/cart/items/${dear!.id}`, { quantity: 3 })).status).toBe(200);

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'phone', { scale: 2 });
    await page.goto(`/login?next=/p/${phone!.id}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro' }).waitFor();

    for (const lang of ['en', 'zh-CN']) {
      await page.goto(`/p/${phone!.id}`);
      await page.getByTestId('add-to-cart').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      const buy = await onFirstScreen(page, page.getByTestId('add-to-cart'));
      expect(buy, `Add to cart (${lang}) at ${buy.rect}`).toMatchObject({ inView: true, uncovered: true, textWhole: true });
      await expectFitsWidth(page, `product (${lang})`);

      await page.goto('/checkout');
      await page.getByTestId('place-order').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      const place = await onFirstScreen(page, page.getByTestId('place-order'));
      expect(place, `Place order (${lang}) at ${place.rect}`).toMatchObject({ inView: true, uncovered: true, textWhole: true });
      expect(await page.getByTestId('place-order').textContent()).toContain(lang === 'en' ? 'CN¥' : '¥');
      await expectFitsWidth(page, `checkout (${lang})`);
      if (lang === 'en') await page.getByTestId('lang-switch').click();
    }

    expect(errors).toEqual([]);
    await context.close();
  });
});

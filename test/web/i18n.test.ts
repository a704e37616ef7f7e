/**
 * Languages: switching to 简体中文 changes the interface text and the price format
 * (CN¥4,999.00 → ¥4,999.00), sets <html lang>, and is remembered after a reload.
 */
import { expect, it } from 'vitest';
import { browserSuite, expectAccessible, openPage, screenshot, demoStorefront } from './browser.js';

browserSuite('web: English and Chinese', () => {
  const web = demoStorefront();

  it('switches to zh-CN: interface text and price format change, and the choice is remembered', async () => {
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop', { locale: 'en-US' });
    await page.goto('/');
    const pro = page.getByTestId('product-card').filter({ hasText: 'Lumi 15 Pro' }).filter({ hasNotText: 'case' });
    await pro.waitFor();
    expect(await page.getByRole('heading', { name: 'Popular products' }).isVisible()).toBe(true);
    expect(await pro.textContent()).toContain('CN¥4,999.00');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: '热门商品' }).waitFor();
    expect(await page.getByRole('heading', { name: '新品首发' }).isVisible()).toBe(true);
    expect(await page.getByRole('searchbox', { name: '搜索商品' }).isVisible()).toBe(true);
    const zhText = (await pro.textContent()) ?? '';
    expect(zhText).toContain('¥4,999.00');
    expect(zhText).not.toContain('CN¥');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, 'desktop-home-zh');
    await expectAccessible(page, 'home (zh-CN)');

    // Remembered across a reload, and used on the product page too.
    await page.reload();
    await page.getByRole('heading', { name: '热门商品' }).waitFor();
    await pro.click();
    await page.getByRole('group', { name: /颜色/ }).waitFor();
    expect(await page.getByRole('group', { name: /存储容量/ }).isVisible()).toBe(true);
    expect(await page.getByTestId('add-to-cart').textContent()).toBe('加入购物车');
    expect(await page.getByTestId('price').textContent()).toBe('¥4,999.00');

    // And back to English.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('add-to-cart').textContent()).toBe('Add to cart');
    expect(await page.getByTestId('price').textContent()).toBe('CN¥4,999.00');

    expect(errors).toEqual([]);
    await context.close();
  });
});

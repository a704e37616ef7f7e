/**
 * Languages: switching to 简体中文 changes the interface text, the catalog's own texts
 * (product titles, descriptions, options and store names in Chinese) and the price format
 * (CN¥4,999.00 → ¥4,999.00), sets <html lang>, is remembered after a reload; searching 耳机
 * finds the earbuds.
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
    // The catalog's own texts too: the products' Chinese titles.
    const proZh = page.getByTestId('product-card').filter({ hasText: 'Lumi 15 Pro 旗舰手机' });
    await proZh.waitFor();
    const zhText = (await proZh.textContent()) ?? '';
    expect(zhText).toContain('¥4,999.00');
    expect(zhText).toContain('Lumi 官方旗舰店');
    expect(zhText).not.toContain('CN¥');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, 'desktop-home-zh');
    await expectAccessible(page, 'home (zh-CN)');

    // Remembered across a reload, and used on the product page too: title, description, options.
    await page.reload();
    await page.getByRole('heading', { name: '热门商品' }).waitFor();
    await proZh.click();
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro 旗舰手机' }).waitFor();
    await page.getByRole('group', { name: /颜色/ }).waitFor();
    expect(await page.getByRole('group', { name: /存储容量/ }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: /颜色/ }).getByRole('radio', { name: '曜石黑' }).isChecked()).toBe(true);
    expect(await page.getByText('6.7 英寸 120Hz 屏幕，一英寸大底主摄，100W 快充。').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Lumi 官方旗舰店' }).isVisible()).toBe(true);
    expect(await page.getByTestId('add-to-cart').textContent()).toBe('加入购物车');
    expect(await page.getByTestId('price').textContent()).toBe('¥4,999.00');
    await screenshot(page, 'desktop-product-zh');
    await expectAccessible(page, 'product (zh-CN)');

    // Searching in Chinese: 耳机 finds the earbuds, under their Chinese title.
    const q = page.getByRole('searchbox', { name: '搜索商品' });
    await q.fill('耳机');
    await q.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hits = page.getByTestId('product-card');
    await hits.first().waitFor();
    expect(await hits.allTextContents()).toEqual([expect.stringContaining('Tide Buds Pro 无线降噪耳机')]);
    await page.goBack();

    // And back to English: the page's words and the catalog's.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('add-to-cart').textContent()).toBe('Add to cart');
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Obsidian Black' }).isChecked()).toBe(true);
    expect(await page.getByTestId('price').textContent()).toBe('CN¥4,999.00');

    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * Bilingual content edited side by side in the seller console (issue 16, "Bilingual
 * content"): the store settings and the launch form show the Chinese name/title and
 * description beside the English; what the seller types is what a reader of each language
 * sees on the storefront (zh-CN and English pages). The editors start from the stored texts
 * whatever the console's language: a product opened in the Chinese console still shows its
 * English (primary) title in the English column, and saving keeps it the primary one.
 */
import { expect, it } from 'vitest';
import { Client } from '../harness.js';
import { browserSuite, demoStorefront, expectAccessible, openPage } from './browser.js';

function localInput(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

browserSuite('web: store and launch texts in both languages', () => {
  const web = demoStorefront();

  it('a seller edits a store’s and a launch’s Chinese name/title and description beside the English, and the zh-CN storefront shows them', async () => {
    const seller = new Client(web.server.url);
    const login = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = login.body.token ?? null;
    const storeId: string = (await seller.get('/auth/me')).body.stores[0]!.storeId;

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto('/login?next=/console/settings');
    await page.getByLabel('Email').fill('lumi@flashmall.local');
    await page.getByLabel('Password').fill('seller-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Store settings: both languages side by side, filled with what is stored.
    await page.getByRole('heading', { level: 1, name: 'Store settings' }).waitFor();
    const zhName = page.getByLabel('Store name · 中文');
    const enName = page.getByLabel('Store name · English');
    await expect.poll(() => enName.inputValue()).toBe('Lumi Official Flagship Store');
    expect(await zhName.inputValue()).toBe('Lumi 官方旗舰店');
    expect(await zhName.getAttribute('lang')).toBeNull(); // the language is on the column
    expect(await page.locator('fieldset.texts-column[lang="zh-CN"]').count()).toBe(1);
    // Beside each other on a desktop: the Chinese column left of the English one, on one row.
    const [zhBox, enBox] = [await zhName.boundingBox(), await enName.boundingBox()];
    expect(zhBox!.x).toBeLessThan(enBox!.x);
    expect(Math.abs(zhBox!.y - enBox!.y)).toBeLessThan(2);
    await expectAccessible(page, 'console store settings, side by side');

    // No name in either language: refused at the field, nothing saved.
    await zhName.fill('');
    await enName.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByTestId('error-title-en').textContent()).toBe('A name of at least 2 characters, in at least one language.');
    expect(await enName.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('set-title-en');

    await enName.fill('Lumi Official Flagship Store');
    await zhName.fill('路米官方旗舰店');
    await page.getByLabel('Description · 中文').fill('路米手机、平板与配件，每月首发，全国包邮。');
    await page.getByLabel('Description · English').fill('Lumi phones, tablets and accessories — a launch every month, free delivery.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').waitFor();
    const stored = (await seller.get(`/stores/${storeId}`)).body;
    expect(stored.texts['zh-CN']).toEqual({ name: '路米官方旗舰店', description: '路米手机、平板与配件，每月首发，全国包邮。' });
    expect(stored.texts.en).toEqual({ name: 'Lumi Official Flagship Store', description: 'Lumi phones, tablets and accessories — a launch every month, free delivery.' });
    expect(stored.name).toBe('Lumi Official Flagship Store');

    // The launch form: title and description in both languages, side by side.
    await page.goto('/console/launches/new');
    await page.getByRole('heading', { level: 1, name: 'Schedule a launch' }).waitFor();
    await page.getByLabel('Title · 中文').fill('Lumi Note 14 双语首发');
    await page.getByLabel('Description · 中文').fill('限量首发，每人限购一台。');
    await page.getByLabel('Title · English').fill('Lumi Note 14 bilingual launch');
    await page.getByLabel('Description · English').fill('A limited first sale, one per buyer.');
    const start = Date.now() + 2 * 3600_000;
    await page.getByLabel('Starts').fill(localInput(start));
    await page.getByLabel('Ends').fill(localInput(start + 3600_000));
    const options = await page.getByLabel('SKU', { exact: true }).locator('option').allTextContents();
    await page.getByLabel('SKU', { exact: true }).selectOption({ label: options.find((o) => o.startsWith('Lumi Note 14 — '))! });
    await page.getByLabel('Allotment').fill('3');
    await expectAccessible(page, 'console launch form, side by side');
    await page.getByTestId('schedule-launch').click();
    await page.getByRole('heading', { level: 1, name: 'Lumi Note 14 bilingual launch' }).waitFor();
    const launchId = new URL(page.url()).pathname.split('/').pop()!;
    const launch = (await seller.get(`/launches/${launchId}`)).body;
    expect(launch.texts['zh-CN']).toEqual({ title: 'Lumi Note 14 双语首发', description: '限量首发，每人限购一台。' });
    expect(launch.title).toBe('Lumi Note 14 bilingual launch');
    expect(errors).toEqual([]);
    await context.close();

    // In the console in Chinese, the English column still holds the English (primary) name.
    const zh = await openPage(web.browser, web.server.url, 'desktop', { locale: 'zh-CN' });
    await zh.page.goto('/login?next=/console/settings');
    await zh.page.locator('input[type="email"]').fill('lumi@flashmall.local');
    await zh.page.locator('input[type="password"]').first().fill('seller-demo-1');
    await zh.page.locator('form button[type="submit"]').click();
    await expect.poll(() => zh.page.getByLabel('店铺名称 · English').inputValue()).toBe('Lumi Official Flagship Store');
    expect(await zh.page.getByLabel('店铺名称 · 中文').inputValue()).toBe('路米官方旗舰店');
    expect(await zh.page.getByLabel('店铺简介 · 中文').inputValue()).toBe('路米手机、平板与配件，每月首发，全国包邮。');

    // A reader in Chinese sees the Chinese texts; a reader in English the English ones.
    await zh.page.goto('/s/lumi');
    await zh.page.getByRole('heading', { level: 1, name: '路米官方旗舰店' }).waitFor();
    await zh.page.getByText('路米手机、平板与配件，每月首发，全国包邮。').waitFor();
    await zh.page.goto(`/launches/${launchId}`);
    await zh.page.getByRole('heading', { level: 1, name: 'Lumi Note 14 双语首发' }).waitFor();
    expect(await zh.page.locator('.launch-desc').textContent()).toBe('限量首发，每人限购一台。');
    expect(await zh.page.locator('.launch-store').textContent()).toContain('路米官方旗舰店');
    await zh.page.goto('/');
    await zh.page.getByTestId('launch-card').filter({ hasText: 'Lumi Note 14 双语首发' }).waitFor();
    expect(zh.errors).toEqual([]);
    await zh.context.close();

    const en = await openPage(web.browser, web.server.url, 'desktop');
    await en.page.goto(`/launches/${launchId}`);
    await en.page.getByRole('heading', { level: 1, name: 'Lumi Note 14 bilingual launch' }).waitFor();
    expect(await en.page.locator('.launch-desc').textContent()).toBe('A limited first sale, one per buyer.');
    expect(await en.page.locator('.launch-store').textContent()).toContain('Lumi Official Flagship Store');
    expect(en.errors).toEqual([]);
    await en.context.close();
  });

  it('in the zh-CN console, a product with English primary texts and Chinese texts opens with each in its own column, and saving keeps English the primary one', async () => {
    const seller = new Client(web.server.url);
    const login = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = login.body.token ?? null;
    const storeId: string = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const products: Array<{ id: string; title: string }> = (await seller.get(`/stores/${storeId}/products`)).body.products;
    const pad = products.find((p) => p.title === 'Lumi Pad 6')!;
    // The demo product: English primary texts, Chinese ones beside them (no English entry of its own).
    const before = (await seller.get(`/products/${pad.id}`)).body;
    expect(before.title).toBe('Lumi Pad 6');
    expect(before.texts?.['zh-CN']?.title).toBe('Lumi Pad 6 平板电脑');

    const zh = await openPage(web.browser, web.server.url, 'desktop', { locale: 'zh-CN' });
    await zh.page.goto(`/login?next=${encodeURIComponent(`/console/products/${pad.id}`)}`);
    await zh.page.locator('input[type="email"]').fill('lumi@flashmall.local');
    await zh.page.locator('input[type="password"]').first().fill('seller-demo-1');
    await zh.page.locator('form button[type="submit"]').click();
    // The page itself is in Chinese (its heading is the Chinese title)…
    await zh.page.getByRole('heading', { level: 1, name: 'Lumi Pad 6 平板电脑' }).waitFor();
    // …and each column holds its own language's texts.
    await expect.poll(() => zh.page.getByLabel('商品标题 · English').inputValue()).toBe('Lumi Pad 6');
    expect(await zh.page.getByLabel('商品描述 · English').inputValue()).toBe('11" 144 Hz tablet with stylus support.');
    expect(await zh.page.getByLabel('商品标题 · 中文').inputValue()).toBe('Lumi Pad 6 平板电脑');
    expect(await zh.page.getByLabel('商品描述 · 中文').inputValue()).toBe('11 英寸 144Hz 平板，支持手写笔。');

    const details = zh.page.locator('form[aria-labelledby="details-h"]');
    await details.locator('button[type="submit"]').click();
    await details.getByText('已保存').waitFor();
    const after = (await seller.get(`/products/${pad.id}`)).body;
    expect(after.title).toBe('Lumi Pad 6');
    expect(after.description).toBe('11" 144 Hz tablet with stylus support.');
    expect(after.texts['zh-CN']).toEqual({ title: 'Lumi Pad 6 平板电脑', description: '11 英寸 144Hz 平板，支持手写笔。' });
    expect(after.texts.en).toEqual({ title: 'Lumi Pad 6', description: '11" 144 Hz tablet with stylus support.' });
    expect(zh.errors).toEqual([]);
    await zh.context.close();
  });
});

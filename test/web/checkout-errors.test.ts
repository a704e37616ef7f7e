/**
 * Checkout's problems as a buyer on a Chinese phone sees them: each next to its field, in
 * Chinese, the first one focused — found before sending, or read back from the API's refusal
 * (its `details` name the field) — and a refusal that is not about the address (stock gone
 * meanwhile) in words of ours; the API's own English text never shows.
 */
import { expect, it } from 'vitest';
import { ADDRESS, Client, sellerWithProduct, signupAs, TEST_PASSWORD, errorOf } from '../harness.js';
import { browserSuite, expectAccessible, openPage, pickRegion, screenshot, demoStorefront } from './browser.js';

browserSuite('web: checkout errors', () => {
  const web = demoStorefront();

  it('are in the page’s language, at their fields, never raw API text', async () => {
    const { seller, product } = await sellerWithProduct(web.server.url, { stock: 5, title: 'Lumi Buds 3' });
    const email = `errs-${Date.now()}@example.com`;
    const api = new Client(web.server.url);
    const signed = await signupAs(web.server.url, email, { name: '李雷' });
    expect(signed.status).toBe(201);
    api.token = signed.body.token ?? null;
    expect((await api.put(`/cart/items/${product.skus[0]!.id}`, { quantity: 1 })).status).toBe(200);
    // What the API answers for a city of another province (the real body, replayed below).
    const refusal = await api.post('/checkout', { address: { ...ADDRESS, cityCode: '510100', districtCode: '510104' } });
    expect(refusal.status).toBe(400);
    expect(errorOf<{ issues: Array<{ path: string }> }>(refusal).details.issues[0]!.path).toBe('address.cityCode');

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'phone', { locale: 'zh-CN', scale: 2 });
    await page.goto('/login?next=/checkout');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/checkout');
    await page.getByTestId('place-order').waitFor();

    // Placing the order with the address left empty: every problem at its field, in Chinese; focus on the first.
    await page.getByTestId('place-order').click();
    await expect.poll(() => page.getByTestId('addr-error-phone').textContent()).toBe('请填写正确的手机号码，例如 138 0013 8000。');
    expect(await page.getByTestId('addr-error-region').textContent()).toBe('请选择所在地区（省 / 市 / 区）。');
    expect(await page.getByTestId('addr-error-line1').textContent()).toBe('请填写详细地址（街道、楼栋、门牌号）。');
    expect(await page.getByTestId('addr-error-recipient').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('addr-phone');
    expect(await page.getByLabel('手机号码').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('手机号码').getAttribute('aria-describedby')).toBe('addr-phone-error');
    expect(await page.getByRole('alert').textContent()).toBe('收货地址有几处需要修改，请查看标出的内容。');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'phone-checkout-errors-zh');
    await expectAccessible(page, 'checkout with errors (zh-CN)');

    // Fixing them clears them as the buyer goes.
    await page.getByLabel('手机号码').fill('138 0013 8000');
    await expect.poll(() => page.getByTestId('addr-error-phone').count()).toBe(0);
    await page.getByTestId('region-field').click();
    await page.getByTestId('region-dialog').getByRole('button', { name: '广东省', exact: true }).click();
    await page.getByTestId('region-dialog').getByRole('button', { name: '深圳市', exact: true }).waitFor();
    await screenshot(page, 'phone-region-picker-zh');
    await expectAccessible(page, 'region picker (zh-CN)');
    // Back a step to the provinces, then closed; picked again from the start.
    await page.getByTestId('region-dialog').getByRole('list', { name: '选择步骤' }).getByRole('button', { name: '广东省' }).click();
    await page.getByTestId('region-dialog').getByRole('button', { name: '四川省', exact: true }).waitFor();
    await page.getByTestId('region-dialog').getByRole('button', { name: '关闭', exact: true }).click();
    await pickRegion(page, ['广东省', '深圳市', '南山区']);
    expect(await page.getByTestId('region-field').textContent()).toBe('广东省 / 深圳市 / 南山区');
    await page.getByLabel('详细地址').fill('科苑路 1 号 3 栋');
    await page.getByLabel(/邮政编码/).fill('5180');
    expect(await page.getByTestId('addr-error-region').count()).toBe(0);
    expect(await page.getByTestId('addr-error-postalCode').textContent()).toBe('邮政编码为 6 位数字，也可不填。');
    await page.getByLabel(/邮政编码/).fill('518057');

    // The API refusing a field (here its real answer for a city of another province): shown at that field, in Chinese.
    await page.route('**/api/v1/checkout', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify(refusal.body) }), { times: 1 });
    await page.getByTestId('place-order').click();
    await expect.poll(() => page.getByTestId('addr-error-region').textContent()).toBe('所选城市或区县不属于该省份，请重新选择。');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('addr-region');
    expect(await page.locator('body').textContent()).not.toContain(errorOf(refusal).message);
    expect(await page.locator('body').textContent()).not.toContain('not valid');

    // A refusal about the cart, not the address: stock gone meanwhile — in our words, in Chinese.
    expect((await seller.patch(`/skus/${product.skus[0]!.id}`, { stock: 0 })).status).toBe(200);
    await page.getByTestId('place-order').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('部分商品库存不足，订单未提交。请检查购物车后重试。');
    expect(await page.locator('body').textContent()).not.toContain('Not enough stock');

    expect(errors).toEqual([]);
    await context.close();
  });
});

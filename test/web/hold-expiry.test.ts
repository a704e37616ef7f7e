/**
 * When a buyer's own turn ends, the launch page says why and what happens next: a
 * reservation not paid in time says the time to *pay* ran out (not the time to reserve), and
 * the buyer is told they are back in line, at the end, for another turn; a turn that ends
 * without a reservation says the time to reserve ran out, and back in line too.
 */
import { expect, it } from 'vitest';
import { Client, signupAs, TEST_PASSWORD } from '../harness.js';
import { sleep, sleepUntil } from '../helpers/launch.js';
import { browserSuite, expectAccessible, openPage, demoStorefront } from './browser.js';

browserSuite('web: the end of a turn, explained', () => {
  const web = demoStorefront();

  it('an unpaid reservation: the time to pay ran out, back in line; a turn unused: the time to reserve ran out, back in line', async () => {
    const seller = new Client(web.server.url);
    const login = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = login.body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const products = (await seller.get(`/stores/${storeId}/products`)).body.products;
    const sku = products.find((p: { title: string }) => p.title === 'Lumi Note 14')!.skus[0];
    const passTtlMs = 10_000;
    const startsAt = Date.now() + 8000;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi Note 14 short turns',
      startsAt,
      endsAt: startsAt + 3600_000,
      paymentWindowMs: 60_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs },
      items: [{ skuId: sku!.id, allotment: 3, launchPriceMinor: 999_00 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const launchId: string = created.body.id;

    const email = `turns-${Date.now()}@example.com`;
    expect((await signupAs(web.server.url, email, { name: 'Ma Yun' })).status).toBe(201);
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto(`/login?next=/launches/${launchId}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('join').click();
    const action = page.getByTestId('launch-action');
    await expect.poll(() => action.getAttribute('data-view')).toBe('queue:prequeue');

    // Admitted at the start; reserved; the reservation's deadline passes unpaid.
    await sleepUntil(startsAt, 50);
    await web.server.fm.launches.tick();
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 15_000 }).toBe('queue:admitted');
    const admittedAt = Date.now();
    await page.getByTestId('reserve').click();
    await expect.poll(() => action.getAttribute('data-view')).toBe('hold');
    await web.server.fm.ctx.db.updateTable('holds').set({ expires_at: Date.now() - 1000 }).where('launch_id', '=', launchId).where('status', '=', 'held').execute();
    expect(await web.server.fm.launches.expireDueHolds()).toBe(1);

    // Once the turn is over too, the page says the time to pay ran out, and that the buyer is back in line.
    await sleepUntil(admittedAt + passTtlMs + 500);
    await page.reload();
    await page.getByTestId('hold-expired').waitFor();
    expect(await page.getByTestId('hold-expired').textContent()).toMatch(/^The time to pay ran out at /);
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 15_000 }).toBe('queue:waiting');
    expect(await page.getByTestId('back-in-line').textContent()).toBe('Your reservation was not paid in time, so your turn ended. You are back in line for another turn — at the end of the line, as every buyer whose turn ends is.');
    expect(await page.getByText('The time to reserve ran out').count()).toBe(0);
    expect(await page.getByTestId('wait-position').textContent()).toBe('1');
    await expectAccessible(page, 'back in line after an unpaid reservation');

    // Another turn, left unused: this time it was the time to reserve that ran out.
    await sleep(200);
    await web.server.fm.launches.tick();
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 15_000 }).toBe('queue:admitted');
    await expect.poll(() => action.getAttribute('data-view'), { timeout: passTtlMs + 10_000 }).toBe('queue:waiting');
    await expect.poll(() => page.getByTestId('back-in-line').textContent()).toBe('The time to reserve ran out, so your turn ended. You are back in line for another turn — at the end of the line, as every buyer whose turn ends is.');

    // In Chinese as well.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('back-in-line').textContent()).toMatch(/^锁定时间已用完，本轮抢购已结束。您已重新排队/);

    expect(errors).toEqual([]);
    await context.close();
  });
});

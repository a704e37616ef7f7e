/**
 * "Verify this draw" in the browser: before the start the page shows the commitment and keeps
 * the seed sealed; after the draw it checks the seed, the entrant list and the line itself (Web
 * Crypto, docs/draw.md), shows the signed-in buyer's own ticket and place, and finds any pasted
 * ticket's place — the same places the server applied.
 */
import { expect, it } from 'vitest';
import { bulkBuyers, Client } from '../harness.js';
import { joinQueue, sleepUntil } from '../helpers/launch.js';
import { browserSuite, demoStorefront, expectAccessible, openPage } from './browser.js';

browserSuite('verify this draw (browser)', () => {
  const web = demoStorefront();

  it('a buyer checks the draw in the browser and finds their own place', async () => {
    const seller = new Client(web.server.url);
    const login = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = login.body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const product = (await seller.get(`/stores/${storeId}/products`)).body.products[0];
    const startsAt = Date.now() + 2500;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Draw check launch',
      startsAt,
      endsAt: startsAt + 3600_000,
      admission: { ratePerSecond: 1, maxActive: 1000, passTtlMs: 600_000 },
      items: [{ skuId: product!.skus[0]!.id, allotment: 5, launchPriceMinor: 999_00 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const launchId: string = created.body.id;

    // The demo buyer and a crowd join before the start.
    const buyer = new Client(web.server.url);
    const b = await buyer.post('/auth/login', { email: 'buyer@flashmall.local', password: 'buyer-demo-1', session: 'token' });
    buyer.token = b.body.token ?? null;
    const crowd = await bulkBuyers(web.server, 12);
    for (const c of crowd.slice(0, 6)) await joinQueue(c, launchId);
    await joinQueue(buyer, launchId);
    for (const c of crowd.slice(6)) await joinQueue(c, launchId);
    const receipt = (await buyer.get(`/launches/${launchId}/receipt`)).body;
    const other = (await crowd[9]!.get(`/launches/${launchId}/receipt`)).body;
    expect(receipt.arrival).toBe(7);

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'phone');
    await page.goto('/login');
    await page.getByLabel('Email').fill('buyer@flashmall.local');
    await page.getByLabel('Password').fill('buyer-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // Before the start: the commitment, a sealed seed, the buyer's ticket without a place yet.
    await page.goto(`/launches/${launchId}/draw`);
    await page.getByRole('heading', { name: 'Verify this draw' }).waitFor();
    expect(await page.locator('.draw-commitment').textContent()).toBe(created.body.drawCommitment);
    await page.getByText('The draw happens at the start').waitFor();
    await page.getByText(receipt.ticket).waitFor();
    await page.getByText('arrival no. 7').waitFor();

    // The start and the draw; the page checks it.
    await sleepUntil(startsAt, 50);
    await web.server.fm.launches.tick();
    const draw = (await new Client(web.server.url).get(`/launches/${launchId}/draw`)).body;
    expect(draw.state).toBe('drawn');
    await page.reload();
    const verdict = page.locator('[data-verified]');
    await verdict.waitFor({ timeout: 20_000 });
    expect(await verdict.getAttribute('data-verified')).toBe('yes');
    expect(await verdict.textContent()).toBe('Verified: this draw is correct');
    expect(await page.locator('.draw-checks li[data-ok="true"]').count()).toBe(4);
    expect(await page.locator('.draw-seed').textContent()).toBe(draw.seed);
    const mine = draw.line.indexOf(receipt.ticket) + 1;
    expect(await page.locator('.draw-my-place').textContent()).toBe(`Place ${mine} of 13`);

    // Any ticket can be looked up.
    await page.getByLabel('Look up a ticket').fill(other.ticket);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(`Place ${draw.line.indexOf(other.ticket) + 1} of 13`).first().waitFor();
    await expectAccessible(page, 'verify this draw (phone)');
    expect(errors).toEqual([]);
    await context.close();
  });
});

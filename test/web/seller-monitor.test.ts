/**
 * The seller's side of a launch in the browser (issue 16, item 9): the live monitor after a
 * reload (its chart from the server's recent seconds, buyers waiting for returns counted in
 * line, no "Live" next to "Paused", refused joins among the refused attempts), the sell-out
 * page (reserved and paid both timed, the waiting-time count explained), the SKU table and
 * CSV (names, yuan), and the launch form's waiting-room section that shows it opens.
 */
import { expect, it } from 'vitest';
import { bulkBuyers, Client, errorOf, textOf } from '../harness.js';
import { approve, joinQueue, openHoldPayment, passOf, reserve, sleep, sleepUntil } from '../helpers/launch.js';
import { parseCsv } from '../helpers/analytics.js';
import { browserSuite, demoStorefront, expectAccessible, openPage } from './browser.js';

browserSuite('web: the seller watches a launch', () => {
  const web = demoStorefront();

  it('monitor after a reload, sell-out timings, SKU names and yuan, the waiting-room section', async () => {
    const seller = new Client(web.server.url);
    const login = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = login.body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const products = (await seller.get(`/stores/${storeId}/products`)).body.products;
    const note = products.find((p) => p.title === 'Lumi Note 14')!;
    const sku = note.skus[0]!;
    const startsAt = Date.now() + 4000;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi Note 14 monitor sale',
      startsAt,
      endsAt: startsAt + 3600_000,
      registrationRequired: true,
      registrationOpensAt: Date.now() - 1000,
      perBuyerLimit: 1,
      paymentWindowMs: 15 * 60_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs: 300_000 },
      items: [{ skuId: sku.id, allotment: 2, launchPriceMinor: 999_00 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const launchId: string = created.body.id;

    // Three buyers register and join; a fourth who did not register is refused.
    const [a, b, c, stranger] = await bulkBuyers(web.server, 4);
    const tokens = new Map<Client, string>();
    for (const buyer of [a!, b!, c!]) {
      expect((await buyer.post(`/launches/${launchId}/registrations`)).status).toBe(200);
      tokens.set(buyer, await joinQueue(buyer, launchId));
    }
    const refused = await stranger!.post(`/launches/${launchId}/queue`, {});
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('NOT_REGISTERED');

    // The start: all three let in; two reserve the two units; the third waits for returns.
    await sleepUntil(startsAt, 50);
    await web.server.fm.launches.tick();
    const holds: string[] = [];
    for (const [i, buyer] of [a!, b!].entries()) {
      const r = await reserve(buyer, launchId, sku.id, await passOf(buyer, launchId, tokens.get(buyer)!), `monitor-${i}-key`);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      holds.push(r.body.id);
    }
    expect((await seller.get(`/launches/${launchId}/monitor`)).body).toMatchObject({ phase: 'sold_out', queued: 0, waitingForReturns: 1 });
    // One pays at once, the other two seconds later: sold out on reservations before on payments.
    expect((await approve(web.server.url, (await openHoldPayment(a!, holds[0]!)).payUrl)).status).toBe(200);
    await sleep(2100);
    expect((await approve(web.server.url, (await openHoldPayment(b!, holds[1]!)).payUrl)).status).toBe(200);
    await expect.poll(async () => (await seller.get(`/launches/${launchId}/monitor`)).body.sold, { timeout: 10_000 }).toBe(2);
    await web.server.fm.ctx.analytics.flush();
    expect((await seller.post(`/launches/${launchId}/pause`)).status).toBe(200);

    // The funnel API counts the refused join.
    const funnel = await seller.get(`/launches/${launchId}/analytics/funnel`);
    expect(funnel.body.refusals).toContainEqual({ reason: 'NOT_REGISTERED', count: 1 });
    // Bad input is a 400 with a code.
    const bad = await seller.get(`/launches/${launchId}/monitor/history?seconds=0`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBeTruthy();

    const desk = await openPage(web.browser, web.server.url, 'desktop');
    const { page } = desk;
    await page.goto(`/login?next=/console/launches/${launchId}`);
    await page.getByLabel('Email').fill('lumi@flashmall.local');
    await page.getByLabel('Password').fill('seller-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lumi Note 14 monitor sale' }).waitFor();

    for (const round of ['first load', 'after a reload']) {
      if (round === 'after a reload') {
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Lumi Note 14 monitor sale' }).waitFor();
      }
      // The chart has the sale's seconds at once: no sale happened since, so no live sample could show them.
      await expect.poll(() => page.getByTestId('monitor-chart').getAttribute('aria-label'), { message: round }).toMatch(/: 2 units reserved and 2 units paid;/);
      await expect.poll(() => page.getByTestId('m-queued').textContent(), { message: round }).toBe('1 (of them 1 waiting for returns)');
      await page.locator('.monitor-transport[data-transport="stream"]').waitFor();
      const meta = (await page.locator('.monitor-head').textContent()) + ' ' + (await page.locator('.monitor-meta').textContent());
      expect(meta, round).toContain('Paused');
      expect(meta, round).not.toMatch(/\bLive\b/);
      await expect.poll(() => page.locator('section', { has: page.getByRole('heading', { name: 'Refused attempts' }) }).textContent(), { message: round }).toContain('NOT_REGISTERED');
    }
    await expectAccessible(page, 'launch monitor (paused, after a reload)');

    // Sell-out: reserved and paid both timed; the waiting-time count explained.
    await page.goto('/console/analytics?tab=sellout');
    await page.getByRole('combobox', { name: 'Launch' }).selectOption({ label: 'Lumi Note 14 monitor sale' });
    const times = page.getByTestId('time-to-sell-out');
    await expect.poll(() => times.textContent()).toMatch(/^All units reserved after: \d+ s · Last unit paid after: \d+ s$/);
    const [reservedS, paidS] = ((await times.textContent())!.match(/\d+/g) ?? []).map(Number);
    expect(paidS! - reservedS!, 'the last unit was paid two seconds after the last was reserved').toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('waiting-count').textContent()).toMatch(/^3 admissions of 3 buyers: /);

    // The SKU table names the SKU by its options, never its code; money in yuan, formatted.
    await page.goto('/console/analytics?tab=sales');
    const skuRow = page.locator('tr', { has: page.getByTestId('sku-name') }).filter({ hasText: 'Lumi Note 14' }).first();
    await skuRow.waitFor();
    const options = Object.values(sku.options).join(' · ');
    expect(await skuRow.getByTestId('sku-name').textContent()).toBe(options);
    expect(await skuRow.textContent()).not.toContain(sku.code);
    expect(await skuRow.textContent()).toMatch(/CN¥1,998\.00/);
    const csv = parseCsv(textOf(await seller.get(`/stores/${storeId}/analytics/skus?format=csv&launchId=${launchId}`)));
    const at = (h: string) => csv[1]![csv[0]!.indexOf(h)];
    expect([at('sku'), at('revenue'), at('units')]).toEqual([`Lumi Note 14 · ${options}`, '1998.00', '2']);

    // The launch form's waiting-room section shows that it opens, and opens.
    await page.goto('/console/launches/new');
    const summary = page.locator('.room-settings > summary');
    await summary.waitFor();
    expect(await summary.locator('.disclosure').isVisible()).toBe(true);
    expect(await page.getByLabel('Admissions per second').isVisible()).toBe(false);
    await summary.click();
    expect(await page.getByLabel('Admissions per second').isVisible()).toBe(true);

    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });

  it("the chart's seconds after a reload read as the live chart had shown them: units reserved and paid per second", async () => {
    const seller = new Client(web.server.url);
    const login = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
    seller.token = login.body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const lumi15 = (await seller.get(`/stores/${storeId}/products`)).body.products.find((p) => p.title === 'Lumi 15')!;
    const sku = lumi15.skus[0]!;
    const startsAt = Date.now() + 3000;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi 15 chart sale',
      startsAt,
      endsAt: startsAt + 3600_000,
      perBuyerLimit: 2,
      paymentWindowMs: 15 * 60_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs: 300_000 },
      items: [{ skuId: sku.id, allotment: 4, launchPriceMinor: 1999_00 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const launchId: string = created.body.id;
    const [buyer] = await bulkBuyers(web.server, 1);
    const token = await joinQueue(buyer!, launchId);

    // The seller watches live before anything is sold.
    const desk = await openPage(web.browser, web.server.url, 'desktop');
    const { page } = desk;
    await page.goto(`/login?next=/console/launches/${launchId}`);
    await page.getByLabel('Email').fill('lumi@flashmall.local');
    await page.getByLabel('Password').fill('seller-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 chart sale' }).waitFor();
    await page.locator('.monitor-transport[data-transport="stream"]').waitFor();

    // One buyer reserves two units in one hold and pays for them: one reservation, two units.
    await sleepUntil(startsAt, 50);
    await web.server.fm.launches.tick();
    const r = await reserve(buyer!, launchId, sku.id, await passOf(buyer!, launchId, token), 'chart-key', 2);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await approve(web.server.url, (await openHoldPayment(buyer!, r.body.id)).payUrl)).status).toBe(200);
    const chart = page.getByTestId('monitor-chart');
    const totals = async () => (await chart.getAttribute('aria-label'))?.match(/: (\d+) units reserved and (\d+) units paid;/)?.slice(1).map(Number) ?? null;
    await expect.poll(totals, { message: 'live', timeout: 10_000 }).toEqual([2, 2]);
    await web.server.fm.ctx.analytics.flush();

    // After a reload the same seconds come from the server's history: the same units, not one reservation.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 chart sale' }).waitFor();
    await expect.poll(totals, { message: 'after a reload' }).toEqual([2, 2]);
    const history = (await seller.get(`/launches/${launchId}/monitor/history?seconds=60`)).body.points as Array<{ heldUnits: number; paidUnits: number; releasedUnits: number }>;
    expect(history.reduce((s, p) => s + p.heldUnits - p.releasedUnits, 0)).toBe(2);
    expect(history.reduce((s, p) => s + p.paidUnits, 0)).toBe(2);
    // The chart says what it counts.
    expect(await page.getByRole('heading', { name: 'Units reserved and paid per second' }).isVisible()).toBe(true);

    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });
});

/**
 * Flash-sale launches in the browser:
 * - a buyer on a phone (360×740) registers before the start, joins the line as a late
 *   arrival behind a crowd, waits through a pause, watches the waiting room move, is
 *   admitted, sees the launch sell out and units come back, reserves, and pays — while
 *   the seller's live monitor follows along, and the seller's analytics show the sale's
 *   funnel and sell-out curve;
 * - the TV layout: the arrow keys alone reach Join, Reserve and Pay (with the queue
 *   followed by polling, as when EventSource is unavailable), through a reservation that
 *   expires;
 * - a seller schedules a launch in the console form, which checks every field first, and
 *   the launch shows on the storefront's home page.
 * Admissions are driven by hand (`fm.launches.tick()`), so every position is predictable.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bulkBuyers, Client, TEST_PASSWORD } from '../harness.js';
import { approve, joinQueue, openHoldPayment, passOf, reserve, sleep, sleepUntil } from '../helpers/launch.js';
import { solvePow } from '../../src/launches/tokens.js';
import { browserSuite, expectAccessible, expectFitsWidth, openPage, pickRegion, screenshot, demoStorefront } from './browser.js';
import { enterSignupCode } from './signup-code.js';

/** The demo's Lumi flagship seller, with a bearer token, and its store. */
async function lumiSeller(url: string): Promise<{ seller: Client; storeId: string }> {
  const seller = new Client(url);
  const r = await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' });
  expect(r.status).toBe(200);
  seller.token = r.body.token ?? null;
  const me = await seller.get('/auth/me');
  return { seller, storeId: me.body.stores[0]!.storeId };
}

async function skusOf(seller: Client, storeId: string, title: string): Promise<Array<{ id: string; stock: number; priceMinor: number; options: Record<string, string> }>> {
  const r = await seller.get(`/stores/${storeId}/products`);
  return r.body.products.find((p: { title: string }) => p.title === title)!.skus;
}

/** Registers and joins a buyer through the API (solving the launch's proof of work). */
async function registerAndJoin(buyer: Client, launchId: string): Promise<string> {
  expect((await buyer.post(`/launches/${launchId}/registrations`)).status).toBe(200);
  const c = await buyer.get(`/launches/${launchId}/challenge`);
  return joinQueue(buyer, launchId, c.body.difficulty > 0 ? { challenge: c.body.challenge, solution: solvePow(c.body.challenge, c.body.difficulty) } : {});
}

/** A datetime-local value in this machine's time zone (the browser's too). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Waits until the page stops scrolling (the launch page scrolls its panel into view smoothly). */
async function settled(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const y = await page.evaluate(() => window.scrollY);
    if (y === last) return;
    last = y;
    await sleep(100);
  }
}

/** A screenshot of the whole page height (for long desktop pages), then the viewport as it was. */
async function tallScreenshot(page: Page, name: string, height: number): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height });
  await sleep(300);
  await screenshot(page, name);
  await page.setViewportSize(size);
}

/** What has focus on the page: its test id (or tag) and label text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    return { testId: el.getAttribute('data-testid'), tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim().slice(0, 60) };
  });
}

/** Presses `key` until the element with `testId` has focus (or fails after `max` presses). */
async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp', testId: string, max = 25): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (f?.testId === testId) return;
    trail.push(f ? (f.testId ?? f.id ?? f.tag) : 'nothing');
    await page.keyboard.press(key);
  }
  expect((await focused(page))?.testId, `${key} never reached ${testId}: ${trail.join(' → ')}`).toBe(testId);
}

browserSuite('web: flash-sale launches', () => {
  const web = demoStorefront();

  it('a phone buyer goes from the launch page through the waiting room to a paid order', async () => {
    const { seller, storeId } = await lumiSeller(web.server.url);
    const pro = (await skusOf(seller, storeId, 'Lumi 15 Pro')).sort((x, y) => x.priceMinor - y.priceMinor);
    const [a, b] = [pro[0], pro[pro.length - 1]]; // the cheapest leads the page
    // Time for the set-up and the buyer's sign-up and registration, even on a busy machine.
    const startsAt = Date.now() + 30_000;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi 15 Pro first sale',
      description: 'The first 30 Lumi 15 Pro at a launch price.',
      startsAt,
      endsAt: startsAt + 3600_000,
      registrationRequired: true,
      registrationOpensAt: Date.now() - 1000,
      perBuyerLimit: 1,
      paymentWindowMs: 15 * 60_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs: 300_000 },
      powDifficulty: 10,
      items: [
        { skuId: a!.id, allotment: 20, launchPriceMinor: a!.priceMinor - 1000_00 },
        { skuId: b!.id, allotment: 10, launchPriceMinor: b!.priceMinor - 1000_00 },
      ],
    });
    expect(created.status).toBe(201);
    const launchId: string = created.body.id;

    // A crowd of 30 registers and joins the pre-queue before the start.
    const crowd = await bulkBuyers(web.server, 30);
    const tokens = new Map<Client, string>();
    for (const c of crowd) tokens.set(c, await registerAndJoin(c, launchId));

    // The seller watches from the console's live monitor for the whole sale.
    const desk = await openPage(web.browser, web.server.url, 'desktop');
    await desk.page.goto(`/login?next=/console/launches/${launchId}`);
    await desk.page.getByLabel('Email').fill('lumi@flashmall.local');
    await desk.page.getByLabel('Password').fill('seller-demo-1');
    await desk.page.getByRole('button', { name: 'Sign in' }).click();
    await desk.page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro first sale' }).waitFor();
    await expect.poll(() => desk.page.getByTestId('m-registered').textContent()).toBe('30');

    // The buyer, on a phone, opens the launch from the home page before the start.
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'phone', { scale: 2 });
    await page.goto('/');
    const card = page.getByTestId('launch-card').filter({ hasText: 'Lumi 15 Pro first sale' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Starts in 00:\d\d/);
    await screenshot(page, 'phone-home-launch');
    await expectAccessible(page, 'home with a launch (phone)');
    await card.click();
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro first sale' }).waitFor();
    const money = (minor: number) => (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(await page.getByTestId('launch-price').textContent()).toContain(`CN¥${money(a!.priceMinor - 1000_00)}`);
    expect(await page.getByRole('timer').first().getAttribute('aria-label')).toMatch(/^Starts in 00:\d\d$/);
    await page.getByTestId('launch-action').getByRole('link', { name: 'Sign in' }).click();

    // Sign up, and come back to the launch.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Wang Fang');
    const wangEmail = `wang-${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(wangEmail);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await enterSignupCode(page, wangEmail);
    await page.waitForURL(`**/launches/${launchId}`);

    // Register before the start; the count goes up.
    await page.getByTestId('register').click();
    await page.getByText('You are registered').waitFor();
    expect(Date.now(), 'the buyer registered before the start').toBeLessThan(startsAt);
    expect(await page.getByTestId('registered-count').textContent()).toBe('31 registered');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'phone-launch-countdown');
    await expectAccessible(page, 'launch page before the start (phone)');
    await expectFitsWidth(page, 'launch page (phone)');

    // The start: the draw puts the crowd in a random order and the first 10 are let in.
    await sleepUntil(startsAt, 50);
    await web.server.fm.launches.tick();
    const drawn = await seller.get(`/launches/${launchId}`);
    expect(drawn.body.draw!.prequeueCount).toBe(30);

    // The buyer joins now, behind the 20 still waiting: place 21 (after solving the proof of work).
    await page.getByTestId('join').click();
    const action = page.getByTestId('launch-action');
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 15_000 }).toBe('queue:waiting');
    await expect.poll(() => page.getByTestId('wait-position').textContent()).toBe('21');
    expect(await page.getByTestId('wait-ahead').textContent()).toBe('20');
    expect(await page.getByRole('progressbar').isVisible()).toBe(true);
    await page.locator('[data-transport="stream"]').waitFor();
    await settled(page);
    await screenshot(page, 'phone-launch-waiting');
    await expectAccessible(page, 'waiting room (phone)');
    await expectFitsWidth(page, 'waiting room (phone)');

    // The store pauses the sale for a moment: the buyer keeps the place and is told so.
    expect((await seller.post(`/launches/${launchId}/pause`)).status).toBe(200);
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 10_000 }).toBe('queue:paused');
    await page.getByText('The sale is paused', { exact: true }).waitFor();
    expect((await seller.post(`/launches/${launchId}/resume`)).status).toBe(200);
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 10_000 }).toBe('queue:waiting');

    // The line moves (10 a second), live over SSE, until it is the buyer's turn.
    await sleep(1100);
    await web.server.fm.launches.tick();
    await expect.poll(() => page.getByTestId('wait-ahead').textContent()).toBe('10');
    await sleep(1100);
    await web.server.fm.launches.tick();
    await expect.poll(() => page.getByTestId('wait-ahead').textContent()).toBe('0');
    await sleep(1100);
    await web.server.fm.launches.tick();
    await expect.poll(() => action.getAttribute('data-view')).toBe('queue:admitted');
    await page.getByTestId('reserve').waitFor();
    expect(await page.getByTestId('pass-left').textContent()).toMatch(/^0[45]:\d\d$/);
    expect(await page.getByRole('radio').count()).toBe(2);
    await settled(page);
    await screenshot(page, 'phone-launch-admitted');
    await expectAccessible(page, 'admitted (phone)');
    await expectFitsWidth(page, 'admitted (phone)');

    // Meanwhile the crowd takes every unit, a third of them each second…
    const admitted = crowd; // all 30 were let in before the buyer
    const holds = new Map<Client, string>();
    for (let batch = 0; batch < 3; batch++) {
      await Promise.all(
        admitted.slice(batch * 10, batch * 10 + 10).map(async (c, i) => {
          const pass = await passOf(c, launchId, tokens.get(c)!);
          const r = await reserve(c, launchId, batch < 2 ? a!.id : b!.id, pass, `crowd-${batch}-${i}`);
          expect(r.status, JSON.stringify(r.body)).toBe(201);
          holds.set(c, r.body.id);
        }),
      );
      if (batch < 2) await sleep(1000);
    }
    // …and the buyer is told at once: sold out, but stay in line.
    await expect.poll(() => action.getAttribute('data-view')).toBe('queue:sold_out');
    await page.getByText('Units may come back — stay in line.', { exact: false }).waitFor();
    await settled(page);
    await screenshot(page, 'phone-launch-sold-out');
    await expectAccessible(page, 'sold out (phone)');

    // Some of the crowd pay (sales on the monitor); one gives a reservation up: a unit comes back.
    const payers = admitted.slice(0, 8);
    for (const c of payers) {
      const { payUrl } = await openHoldPayment(c, holds.get(c)!);
      expect((await approve(web.server.url, payUrl)).status).toBe(200);
    }
    const quitter = admitted[25]!; // held a unit of the second SKU
    const { orderId } = await openHoldPayment(quitter, holds.get(quitter)!);
    expect((await quitter.post(`/orders/${orderId}/cancel`, { reason: 'changed my mind' })).status).toBe(200);

    await page.getByTestId('units-back').waitFor();
    await expect.poll(() => action.getAttribute('data-view')).toBe('queue:admitted');
    await expect.poll(() => page.getByTestId('reserve').isEnabled()).toBe(true);
    expect(await page.getByRole('radio', { checked: true }).getAttribute('id')).toBe(`sku-${b!.id}`);

    // Reserve: the hold, with its payment deadline.
    await page.getByTestId('reserve').click();
    await expect.poll(() => action.getAttribute('data-view')).toBe('hold');
    expect(await page.getByTestId('hold-deadline').textContent()).toMatch(/^1[45]:\d\d$/);
    await page.getByLabel('Phone').fill('+86 139 0000 0000');
    await pickRegion(page, ['Guangdong', 'Shenzhen', 'Nanshan District']);
    await page.getByLabel('Street address').fill('8 Keji Road');
    await settled(page);
    await page.evaluate(() => document.querySelector('[data-testid="launch-action"]')?.scrollIntoView());
    await screenshot(page, 'phone-launch-hold');
    await expectAccessible(page, 'hold with a deadline (phone)');
    await expectFitsWidth(page, 'hold (phone)');

    // Pay on the sandbox gateway's page; back in the orders, it is paid.
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox-pay\//);
    expect(await page.getByTestId('amount').textContent()).toContain(money(b!.priceMinor - 1000_00));
    await page.getByTestId('approve').click();
    await page.waitForURL(/\/orders\?payment=/);
    await page.locator('[data-testid="order-card"][data-status="paid"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('order-card').first().textContent()).toContain('Lumi 15 Pro × 1');

    // Back on the launch page: the limit is reached, the purchase is listed.
    await page.goto(`/launches/${launchId}`);
    await expect.poll(() => action.getAttribute('data-view')).toBe('done');
    await page.getByRole('link', { name: 'View order' }).waitFor();

    // In Chinese: the page's words and the price format change.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: '抢购规则' }).waitFor();
    expect(await page.getByText('已达限购数量').isVisible()).toBe(true);
    expect(await page.getByTestId('launch-price').textContent()).toMatch(/^首发价 ¥/);
    await expectAccessible(page, 'launch page in zh-CN (phone)');

    // The seller's monitor followed it all: 9 sold, 20 reserved, 1 back on sale and taken again.
    await expect.poll(() => desk.page.getByTestId('m-sold').textContent(), { timeout: 10_000 }).toBe('9');
    expect(await desk.page.getByTestId('m-held').textContent()).toBe('21');
    expect(await desk.page.getByTestId('m-available').textContent()).toBe('0 / 30');
    await desk.page.getByTestId('monitor-chart').locator('canvas').waitFor();
    expect(await desk.page.getByTestId('monitor-chart').getAttribute('aria-label')).toMatch(/units reserved and \d+ units paid/);
    expect(await desk.page.locator('.monitor-transport[data-transport="stream"]').isVisible()).toBe(true);
    await tallScreenshot(desk.page, 'desktop-launch-monitor', 1100);
    await expectAccessible(desk.page, 'launch monitor');

    // The same sale in the seller's analytics: its funnel, then its sell-out curve and waits.
    await desk.page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Analytics' }).click();
    await desk.page.getByRole('tab', { name: 'Launch funnel' }).click();
    const funnelCard = desk.page.locator('article', { has: desk.page.getByRole('heading', { name: 'Lumi 15 Pro first sale' }) });
    await funnelCard.getByRole('img', { name: 'Launch funnel Lumi 15 Pro first sale' }).locator('canvas').waitFor();
    // Every registered buyer queued; the 9 paid are the monitor's 9 sold.
    expect(await funnelCard.locator('p').textContent()).toMatch(/^Registered \d+ → Queued \d+ \(100\.0 %\) → Admitted \d+ \([\d.]+ %\) → Held \d+ \([\d.]+ %\) → Paid 9 \([\d.]+ %\) · Hold-expiry rate /);
    await desk.page.getByRole('tab', { name: 'Sell-out' }).click();
    await desk.page.getByRole('combobox', { name: 'Launch' }).selectOption({ label: 'Lumi 15 Pro first sale' });
    await desk.page.getByText(/^All units reserved after: \d+ s · Last unit paid after: (\d+ s|Not all paid yet)$/).waitFor();
    await desk.page.getByRole('img', { name: 'Sell-out' }).locator('canvas').waitFor();
    await desk.page.getByRole('img', { name: 'Waiting time' }).locator('canvas').waitFor();
    await tallScreenshot(desk.page, 'desktop-console-sellout', 1100);

    await expectAccessible(desk.page, 'console sell-out');
    expect(desk.errors).toEqual([]);
    await desk.context.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a TV, the arrow keys reach Join, Reserve and Pay (the queue followed by polling)', async () => {
    const { seller, storeId } = await lumiSeller(web.server.url);
    const [sku] = await skusOf(seller, storeId, 'Lumi Note 14');
    const startsAt = Date.now() + 15_000;
    const created = await seller.post(`/stores/${storeId}/launches`, {
      title: 'Lumi Note 14 TV sale',
      startsAt,
      endsAt: startsAt + 3600_000,
      admission: { ratePerSecond: 10, maxActive: 1000, passTtlMs: 300_000 },
      items: [{ skuId: sku!.id, allotment: 5, launchPriceMinor: 999_00 }],
    });
    expect(created.status).toBe(201);
    const launchId: string = created.body.id;

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'tv');
    // A browser without EventSource: the waiting room falls back to polling.
    await context.addInitScript(() => {
      delete (window as unknown as { EventSource?: unknown }).EventSource;
    });
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Chen Jie');
    const chenEmail = `chen-${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(chenEmail);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await enterSignupCode(page, chenEmail);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/launches/${launchId}`);
    await page.getByRole('heading', { level: 1, name: 'Lumi Note 14 TV sale' }).waitFor();

    // From the top of the page, ArrowDown reaches Join; Enter joins the pre-queue.
    await arrowTo(page, 'ArrowDown', 'join');
    await screenshot(page, 'tv-launch');
    await expectAccessible(page, 'launch page (TV)');
    await page.keyboard.press('Enter');
    const action = page.getByTestId('launch-action');
    await expect.poll(() => action.getAttribute('data-view')).toBe('queue:prequeue');
    await page.locator('[data-transport="polling"]').waitFor();

    // At the start, admitted: focus lands on Reserve; Enter reserves.
    await sleepUntil(startsAt, 50);
    await web.server.fm.launches.tick();
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 15_000 }).toBe('queue:admitted');
    await expect.poll(async () => (await focused(page))?.testId).toBe('reserve');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page))?.tag).toBe('input');
    await arrowTo(page, 'ArrowDown', 'reserve');
    await page.keyboard.press('Enter');

    // A reservation that runs out (its deadline moved into the past, then the expiry sweep):
    // after a reload the page says so, and with the turn still open, Reserve is back.
    await expect.poll(() => action.getAttribute('data-view')).toBe('hold');
    await web.server.fm.ctx.db.updateTable('holds').set({ expires_at: Date.now() - 1000 }).where('launch_id', '=', launchId).where('status', '=', 'held').execute();
    expect(await web.server.fm.launches.expireDueHolds()).toBe(1);
    await page.reload();
    await page.getByTestId('hold-expired').waitFor();
    await expect.poll(() => action.getAttribute('data-view'), { timeout: 15_000 }).toBe('queue:admitted');
    await expectAccessible(page, 'expired hold, turn still open (TV)');
    await arrowTo(page, 'ArrowDown', 'reserve');
    await page.keyboard.press('Enter');

    // The hold: focus goes to the first empty address field; arrows lead on to Pay.
    await expect.poll(() => action.getAttribute('data-view')).toBe('hold');
    await expect.poll(async () => (await focused(page))?.id).toBe('hold-addr-phone');
    await page.keyboard.type('+86 139 1111 2222');
    await pickRegion(page, ['Zhejiang', 'Hangzhou', 'Xihu District']);
    await page.getByLabel('Street address').fill('1 Wensan Road');
    await page.getByLabel('Street address').focus();
    await arrowTo(page, 'ArrowDown', 'pay');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sandbox-pay\//);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a seller schedules a launch in the console form, field by field, and it shows on the home page', async () => {
    const { seller, storeId } = await lumiSeller(web.server.url);
    const [note] = await skusOf(seller, storeId, 'Lumi Note 14');

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto('/login?next=/console/launches');
    await page.getByLabel('Email').fill('lumi@flashmall.local');
    await page.getByLabel('Password').fill('seller-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Launches' }).waitFor();
    // The console lists every launch of the store (the demo data and the tests above make some).
    const listed = (await seller.get(`/launches?storeId=${storeId}&include=all`)).body.launches.length;
    expect(listed).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('console-launch').count()).toBe(listed);
    await expectAccessible(page, 'console launches');
    await page.getByTestId('new-launch').click();
    await page.getByRole('heading', { level: 1, name: 'Schedule a launch' }).waitFor();
    await expectAccessible(page, 'console launch form');

    // Submitting as it is: each problem next to its field, focus on the first.
    await page.getByTestId('schedule-launch').click();
    await page.getByTestId('form-errors').waitFor();
    expect(await page.getByTestId('error-title-en').textContent()).toBe('Required.');
    expect(await page.getByTestId('error-items.0.skuId').textContent()).toBe('Required.');
    expect(await page.getByTestId('error-items.0.price').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lf-title-en');
    expect(await page.getByLabel('Title · English').getAttribute('aria-invalid')).toBe('true');

    // Times: the start must be ahead, the end after it.
    await page.getByLabel('Title · English').fill('Lumi Note 14 launch week');
    await page.getByLabel('Starts').fill(localInput(Date.now() - 3600_000));
    expect(await page.getByTestId('error-startsAt').textContent()).toBe('The start must be in the future.');
    const start = Date.now() + 2 * 3600_000;
    await page.getByLabel('Starts').fill(localInput(start));
    await page.getByLabel('Ends').fill(localInput(start - 600_000));
    expect(await page.getByTestId('error-endsAt').textContent()).toBe('The end must be after the start.');
    await page.getByLabel('Ends').fill(localInput(start + 4 * 3600_000));
    expect(await page.getByTestId('error-endsAt').count()).toBe(0);

    // Registration required needs its opening time, before the start.
    await page.getByTestId('registration-required').check();
    expect(await page.getByTestId('error-registrationOpensAt').textContent()).toBe('Required when only registered buyers may buy.');
    await page.getByLabel('Registration opens').fill(localInput(start + 600_000));
    expect(await page.getByTestId('error-registrationOpensAt').textContent()).toBe('Registration must open before the start.');
    await page.getByLabel('Registration opens').fill(localInput(Date.now()));

    // Limits mirror the API's bounds; the waiting-room settings unfold on a problem.
    await page.getByLabel('Limit per buyer').fill('101');
    expect(await page.getByTestId('error-perBuyerLimit').textContent()).toBe('Enter a whole number from 1 to 100.');
    await page.getByLabel('Limit per buyer').fill('2');
    await page.getByText('Waiting room', { exact: true }).click();
    await page.getByLabel(/Proof of work/).fill('30');
    expect(await page.getByTestId('error-pow').textContent()).toBe('Enter a whole number from 0 to 24.');
    await page.getByLabel(/Proof of work/).fill('16');

    // The SKU: its launch price starts at the regular one; the allotment may not pass the stock.
    const options = await page.getByLabel('SKU', { exact: true }).locator('option').allTextContents();
    const label = options.find((o) => o.startsWith(`Lumi Note 14 — ${Object.values(note!.options).join(' · ')} · `))!;
    expect(label).toContain(`${note!.stock} in stock`);
    await page.getByLabel('SKU', { exact: true }).selectOption({ label });
    expect(await page.getByLabel('Launch price (¥)').inputValue()).toBe((note!.priceMinor / 100).toFixed(2));
    await page.getByLabel('Allotment').fill(String(note!.stock + 1));
    expect(await page.getByTestId('error-items.0.allotment').textContent()).toBe(`At most the ${note!.stock} in stock.`);
    await page.getByLabel('Launch price (¥)').fill('-5');
    expect(await page.getByTestId('error-items.0.price').isVisible()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await tallScreenshot(page, 'desktop-console-launch-form', 1900);
    await expectAccessible(page, 'console launch form with errors');
    await page.getByLabel('Allotment').fill('5');
    await page.getByLabel('Launch price (¥)').fill('1499');
    expect(await page.getByTestId('form-errors').count()).toBe(0);

    // Scheduled: the monitor opens; the store's stock gave up the allotment.
    await page.getByTestId('schedule-launch').click();
    await page.getByRole('heading', { level: 1, name: 'Lumi Note 14 launch week' }).waitFor();
    await page.getByTestId('m-registered').waitFor();
    expect(await page.getByTestId('m-available').textContent()).toBe('5 / 5');
    const after = (await skusOf(seller, storeId, 'Lumi Note 14')).find((s) => s.id === note!.id)!;
    expect(after.stock).toBe(note!.stock - 5);

    // In the console list, and on the storefront's home page with its phase and price.
    await page.getByRole('link', { name: 'Launches', exact: true }).first().click();
    await expect.poll(() => page.getByTestId('console-launch').count()).toBe(listed + 1);
    await page.goto('/');
    const card = page.getByTestId('launch-card').filter({ hasText: 'Lumi Note 14 launch week' });
    await card.waitFor();
    expect(await card.getAttribute('data-phase')).toBe('registration');
    expect(await card.textContent()).toContain('CN¥1,499.00');
    expect(await card.textContent()).toContain('Registration open');
    await expectAccessible(page, 'home with launches (desktop)');

    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * The TV layout (1920×1080): large type, and the arrow keys plus Enter move a clearly
 * visible focus from the home page to a product page — no pointer at all.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signupAs, TEST_PASSWORD } from '../harness.js';
import { browserSuite, expectAccessible, openPage, screenshot, demoStorefront } from './browser.js';

/** What has focus: its test id, href, tag, text and whether a focus ring is drawn. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      testId: el.getAttribute('data-testid'),
      id: el.id || null,
      inHeader: !!el.closest('header'),
      href: el.getAttribute('href'),
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 80),
      ring: style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0),
      inView: r.top >= 0 && r.bottom <= window.innerHeight,
    };
  });
}

/** Presses `key` until the focused element passes `is` (or fails after `max` presses, naming the trail). */
async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp' | 'ArrowLeft' | 'ArrowRight', want: string | ((f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean), max = 30): Promise<void> {
  const is = typeof want === 'string' ? (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => f.testId === want : want;
  const trail: string[] = [];
  for (let i = 0; i <= max; i++) {
    const f = await focused(page);
    // Nothing focused is where a freshly loaded page starts; after a key press it is a failure.
    if (i > 0) expect(f, `focus fell to the page after ${trail.join(' → ')}`).not.toBeNull();
    if (f && is(f)) return;
    trail.push(f ? (f.testId ?? f.id ?? f.href ?? `${f.tag} "${f.text}"`) : 'nothing');
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${String(want)}: ${trail.join(' → ')}`);
}

browserSuite('web: TV layout by keyboard alone', () => {
  const web = demoStorefront();

  it('moves from home to a product page with ArrowDown, ArrowRight and Enter', async () => {
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'tv');
    await page.goto('/');
    await page.getByTestId('product-card').first().waitFor();

    // Large type on the TV.
    const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rootPx).toBeGreaterThanOrEqual(22);

    // ArrowDown from nothing focused walks down the page until a product tile has focus.
    let f = null as Awaited<ReturnType<typeof focused>>;
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('ArrowDown');
      f = await focused(page);
      expect(f, 'ArrowDown should always leave something focused').not.toBeNull();
      expect(f!.ring, `focus ring on ${f!.tag} "${f!.text}"`).toBe(true);
      seen.push(f!.testId ?? f!.href ?? f!.tag);
      if (f!.testId === 'product-card') break;
    }
    expect(f?.testId, `focus went through ${seen.join(' → ')}`).toBe('product-card');
    expect(seen[0], 'the first ArrowDown focuses the top of the page').toBe('/');

    // ArrowRight moves along the row to the next product.
    const first = f!.href;
    await page.keyboard.press('ArrowRight');
    f = await focused(page);
    expect(f?.testId).toBe('product-card');
    expect(f?.href).not.toBe(first);
    expect(f?.inView).toBe(true);
    await screenshot(page, 'tv-home');
    await expectAccessible(page, 'home (TV)');

    // Enter opens it; focus lands on the page's main action, Add to cart (not the quantity's +).
    const target = f!.href!;
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${target}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(async () => (await focused(page))?.testId ?? 'none', { timeout: 5000 }).toBe('add-to-cart');
    f = await focused(page);
    expect(f?.ring).toBe(true);
    // The variants are one press up; the arrows come back down to Add to cart.
    await page.keyboard.press('ArrowUp');
    expect((await focused(page))?.tag).toBe('input');
    await page.keyboard.press('ArrowDown');
    // Below the variants is the quantity; Add to cart is beside it.
    if ((await focused(page))?.testId !== 'add-to-cart') await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.testId).toBe('add-to-cart');
    await screenshot(page, 'tv-product');

    // Escape is the remote's Back.
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('buys and pays with the remote alone: search, product, cart, checkout and the sandbox pay page', async () => {
    const email = `remote-${Date.now()}@example.com`;
    const signed = await signupAs(web.server.url, email, { name: 'Guo Ming' });
    expect(signed.status).toBe(201);
    const { page, errors, context } = await openPage(web.browser, web.server.url, 'tv');
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Keys only from here: arrows, typing, Enter.
    await arrowTo(page, 'ArrowDown', (f) => f.id === 'auth-email');
    await page.keyboard.type(email);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.id).toBe('auth-password');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    // The new page takes the focus once it is up.
    await expect.poll(async () => ['none', 'main'].includes((await focused(page))?.tag ?? 'none'), { timeout: 5000 }).toBe(false);

    // No trap on the skip link: up from the language button stays in the header, down goes on.
    await arrowTo(page, 'ArrowUp', (f) => f.inHeader);
    await arrowTo(page, 'ArrowRight', 'lang-switch');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page))?.testId, 'ArrowUp from the language button').toBe('lang-switch');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.testId).not.toBe('lang-switch');

    // Search from the header, open the phone.
    await arrowTo(page, 'ArrowUp', (f) => f.inHeader);
    await arrowTo(page, 'ArrowLeft', (f) => f.id === 'header-q');
    await page.keyboard.type('Lumi 15 Pro');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.getByTestId('product-card').first().waitFor();
    await arrowTo(page, 'ArrowDown', 'product-card');
    // The phone is the first result (its title starts with the words); ArrowDown from the
    // search box lands on the card under it, which may be the case beside it on the right.
    await arrowTo(page, 'ArrowLeft', (f) => f.testId === 'product-card' && f.text.startsWith('Lumi 15 Pro') && !f.text.includes('case'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Lumi 15 Pro' }).waitFor();
    await expect.poll(async () => (await focused(page))?.testId ?? 'none', { timeout: 5000 }).toBe('add-to-cart');

    // Add to cart: the focus stays on the button meanwhile and after; down to "View cart".
    await page.keyboard.press('Enter');
    await page.getByText('Added 1 to your cart.').waitFor();
    expect((await focused(page))?.testId, 'focus after Add to cart').toBe('add-to-cart');
    await arrowTo(page, 'ArrowDown', (f) => f.href === '/cart' && f.text === 'View cart');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/cart');
    await expect.poll(async () => (await focused(page))?.testId ?? 'none', { timeout: 5000 }).toBe('go-checkout');
    await page.keyboard.press('Enter');

    // Checkout: focus starts in the first empty field; the arrows go field to field.
    await page.waitForURL('**/checkout');
    await expect.poll(async () => (await focused(page))?.id ?? 'none', { timeout: 5000 }).toBe('addr-phone');
    await page.keyboard.type('+86 139 2222 3333');
    // The region: Enter opens the lists; each level is filtered by typing and picked with Enter.
    await arrowTo(page, 'ArrowDown', (f) => f.id === 'addr-region');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('region-dialog');
    for (const [typed, name] of [['Guangdong', 'Guangdong'], ['Shenzhen', 'Shenzhen'], ['Nanshan', 'Nanshan District']] as const) {
      await expect.poll(async () => (await focused(page))?.tag).toBe('button');
      await arrowTo(page, 'ArrowUp', (f) => !!f.id?.endsWith('-filter'));
      await page.keyboard.type(typed);
      await page.keyboard.press('ArrowDown');
      expect((await focused(page))?.text).toBe(name);
      await page.keyboard.press('Enter');
    }
    await dialog.waitFor({ state: 'hidden' });
    expect((await focused(page))?.id).toBe('addr-region');
    expect((await focused(page))?.text).toBe('Guangdong / Shenzhen / Nanshan District');
    await arrowTo(page, 'ArrowDown', (f) => f.id === 'addr-line1');
    await page.keyboard.type('1 Chang’an Avenue');
    await arrowTo(page, 'ArrowRight', 'place-order');
    await page.keyboard.press('Enter');

    // The sandbox pay page: Approve has the focus, the arrows move between the buttons.
    await page.waitForURL(/\/sandbox-pay\//);
    await page.getByTestId('approve').waitFor();
    expect((await focused(page))?.testId).toBe('approve');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.testId).toBe('decline');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page))?.testId).toBe('approve');
    expect((await focused(page))?.ring).toBe(true);
    await screenshot(page, 'tv-pay');
    await expectAccessible(page, 'sandbox pay page (TV)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/orders\?payment=/);
    await page.locator('[data-testid="order-card"][data-status="paid"]').waitFor({ timeout: 20_000 });

    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * The TV layout (1920×1080): large type, and the arrow keys plus Enter move a clearly
 * visible focus from the home page to a product page — no pointer at all.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
      href: el.getAttribute('href'),
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 80),
      ring: style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0),
      inView: r.top >= 0 && r.bottom <= window.innerHeight,
    };
  });
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

    // Enter opens it; focus lands inside the new page, and keys keep working there.
    const target = f!.href!;
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${target}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(async () => (await focused(page))?.tag ?? 'none', { timeout: 5000 }).not.toBe('none');
    const trail: string[] = [];
    for (let i = 0; i < 15 && (await focused(page))?.testId !== 'add-to-cart'; i++) {
      const before = await focused(page);
      trail.push(before?.text || before?.tag || 'nothing');
      await page.keyboard.press('ArrowDown');
      // At the bottom of a column (the quantity stepper), Add to cart is to the right.
      if (JSON.stringify(await focused(page)) === JSON.stringify(before)) await page.keyboard.press('ArrowRight');
    }
    f = await focused(page);
    expect(f?.testId, `focus went through ${trail.join(' → ')}`).toBe('add-to-cart');
    expect(f?.ring).toBe(true);
    await screenshot(page, 'tv-product');

    // Escape is the remote's Back.
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/');

    expect(errors).toEqual([]);
    await context.close();
  });
});

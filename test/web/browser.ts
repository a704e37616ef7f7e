/**
 * Browser-test plumbing for the web app: Debian's Chromium driven by playwright-core, a
 * real Flashmall server per suite (from test/harness.ts), an axe-core accessibility check
 * and screenshots into docs/screenshots/ (when UPDATE_SCREENSHOTS=1).
 *
 * Without /usr/bin/chromium the suites are skipped with a printed reason, except under
 * CI=true, where a missing browser fails the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../harness.js';
import { seedDemo } from '../../src/seed/demo.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const require = createRequire(import.meta.url);

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1366, height: 768 },
  tv: { width: 1920, height: 1080 },
} as const;

/**
 * For the suite it is called in: the built web app, a server on SQLite with the demo data
 * (no background timers: tests admit buyers themselves with fm.launches.tick()), and a browser.
 */
export function demoStorefront(): { server: TestServer; browser: Browser } {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    await ensureWebBuilt();
    env.server = await startServer('sqlite');
    await seedDemo(env.server.fm.ctx);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Declares a browser suite, or explains why it cannot run (and fails under CI). */
export function browserSuite(name: string, body: () => void): void {
  if (fs.existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(`${CHROMIUM} is missing; the web tests need it under CI: apt-get install chromium`);
      });
    });
    return;
  }
  console.log(`[web tests] "${name}" skipped: ${CHROMIUM} not found. Run "apt-get install chromium" (as root) to run the browser tests.`);
  describe.skip(`${name} (skipped: ${CHROMIUM} not found; apt-get install chromium)`, body);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure web/dist holds a build of the current sources (npm test builds first; a
 * direct `vitest run test/web` after editing web/ rebuilds here). A lock directory keeps
 * parallel suites from building at the same time.
 */
export async function ensureWebBuilt(): Promise<void> {
  const web = path.join(ROOT, 'web');
  const index = path.join(web, 'dist', 'index.html');
  const stale = () => {
    if (!fs.existsSync(index)) return true;
    const built = fs.statSync(index).mtimeMs;
    return Math.max(newestMtime(path.join(web, 'src')), newestMtime(path.join(web, 'public')), fs.statSync(path.join(web, 'index.html')).mtimeMs) > built;
  };
  if (!stale()) return;
  const lock = path.join(ROOT, 'node_modules', '.flashmall-web-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`web build lock ${lock} held for too long; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (stale()) execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    fs.rmdirSync(lock);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors the page threw; a test ends by asserting there were none. */
  errors: string[];
}

/** A fresh browser context (own cookies and storage) with one page on `baseURL`. */
export async function openPage(browser: Browser, baseURL: string, viewport: keyof typeof VIEWPORTS, opts: { locale?: string; scale?: number } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: opts.scale ?? 1,
    locale: opts.locale ?? 'en-US',
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Runs axe-core on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!has) await page.addScriptTag({ path: path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `axe on ${label}:\n${JSON.stringify(bad, null, 2)}`).toEqual([]);
}

/** Whether this run refreshes docs/screenshots/ (opt-in, so `npm test` leaves the tree clean). */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

/**
 * Saves a screenshot of what is on screen to docs/screenshots/<name>.png — only with
 * UPDATE_SCREENSHOTS=1 (`UPDATE_SCREENSHOTS=1 npx vitest run test/web`); otherwise the
 * test takes the same path and writes nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!UPDATE_SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** Fails when the page scrolls sideways (something is wider than the viewport). */
export async function expectFitsWidth(page: Page, label: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${label} is ${scroll}px wide in a ${width}px viewport`).toBeLessThanOrEqual(width);
}

/**
 * Picks an address's province, city and district in the region dialog, by their names as the
 * page shows them ("Guangdong", "Shenzhen", "Nanshan District" — or 广东省 … in Chinese).
 */
export async function pickRegion(page: Page, names: readonly [string, string, string]): Promise<void> {
  await page.getByTestId('region-field').first().click();
  const dialog = page.getByTestId('region-dialog');
  for (const name of names) await dialog.getByRole('button', { name, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

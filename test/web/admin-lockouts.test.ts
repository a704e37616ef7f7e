/**
 * The admin's "Log-in lockouts" page (/admin/lockouts): a buyer's e-mail locked by wrong
 * passwords shows there with the address it came from, grouped by address.
 */
import { expect, it } from 'vitest';
import { Client } from '../harness.js';
import { browserSuite, demoStorefront, expectAccessible, openPage } from './browser.js';

browserSuite('admin: log-in lockouts', () => {
  const web = demoStorefront();

  it('an e-mail locked by wrong passwords is listed with its address, and the page passes the accessibility check', async () => {
    const admin = await openPage(web.browser, web.server.url, 'desktop');
    // Signed in before the attack, as the operator would be.
    await admin.page.goto('/login?next=%2Fadmin%2Flockouts');
    await admin.page.getByLabel('Email').fill('admin@flashmall.local');
    await admin.page.getByLabel('Password').fill('admin-password-1');
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await admin.page.getByRole('heading', { name: 'Log-in lockouts' }).waitFor();
    await admin.page.getByTestId('lockouts-none').waitFor();

    const attacker = new Client(web.server.url);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attacker.post('/auth/login', { email: 'buyer@flashmall.local', password: `Guess-${i}-password`, session: 'token' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    await admin.page.reload();
    const row = admin.page.getByTestId('lockouts').getByRole('row', { name: /buyer@flashmall\.local/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('127.0.0.1');
    const source = admin.page.getByTestId('lockout-sources').getByRole('row', { name: /127\.0\.0\.1/ });
    expect(await source.getByRole('cell').nth(1).textContent()).toBe('1');
    await expectAccessible(admin.page, 'admin lockouts');
    await admin.context.close();
  });
});

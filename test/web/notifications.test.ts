/**
 * Notifications in the browser: the bell shows a signed-in buyer's unread count, the inbox shows
 * the events (registration confirmed) and marks them read, the settings change what the API
 * keeps, the service worker the storefront ships registers, a mail's unsubscribe page turns
 * e-mail off, and the admin's Outbox shows what was sent.
 */
import { expect, it } from 'vitest';
import { Client } from '../harness.js';
import { waitForMail } from '../helpers/mail.js';
import { browserSuite, demoStorefront, expectAccessible, openPage } from './browser.js';

browserSuite('notifications (browser)', () => {
  const web = demoStorefront();

  it('bell, inbox, settings, service worker, unsubscribe page and the Outbox', async () => {
    const seller = new Client(web.server.url);
    seller.token = (await seller.post('/auth/login', { email: 'lumi@flashmall.local', password: 'seller-demo-1', session: 'token' })).body.token ?? null;
    const storeId = (await seller.get('/auth/me')).body.stores[0]!.storeId;
    const product = (await seller.get(`/stores/${storeId}/products`)).body.products[0];
    const created = await seller.post(`/stores/${storeId}/launches`, { title: 'Bell launch', startsAt: Date.now() + 3600_000, endsAt: Date.now() + 7200_000, items: [{ skuId: product!.skus[0]!.id, allotment: 2, launchPriceMinor: 999_00 }] });
    expect(created.status).toBe(201);
    const buyer = new Client(web.server.url);
    buyer.token = (await buyer.post('/auth/login', { email: 'buyer@flashmall.local', password: 'buyer-demo-1', session: 'token' })).body.token ?? null;
    expect((await buyer.post(`/launches/${created.body.id}/registrations`)).status).toBe(200);
    const mail = await waitForMail('buyer@flashmall.local', (m) => m.subject === "You're registered: Bell launch");

    const { page, errors, context } = await openPage(web.browser, web.server.url, 'desktop');
    await page.goto('/login');
    await page.getByLabel('Email').fill('buyer@flashmall.local');
    await page.getByLabel('Password').fill('buyer-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const unread = (await buyer.get('/notifications')).body.unread;
    expect(unread).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('bell-count').textContent()).toBe(String(unread));

    await page.getByTestId('bell').click();
    await page.waitForURL('**/notifications');
    await page.getByText("You're registered: Bell launch").waitFor();
    await expectAccessible(page, 'notifications inbox');
    await page.getByTestId('read-all').click();
    await expect.poll(async () => (await buyer.get('/notifications')).body.unread).toBe(0);
    await expect.poll(() => page.getByTestId('bell-count').count()).toBe(0);

    // Settings: language and push off; the API keeps them.
    await page.getByLabel('Language of notifications').selectOption('zh-CN');
    await page.getByText('Saved.').waitFor();
    await page.getByTestId('pref-push').uncheck();
    await expect.poll(async () => (await buyer.get('/notifications/preferences')).body).toMatchObject({ locale: 'zh-CN', push: false, email: true });

    // The storefront's service worker registers (the push handler lives there).
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.register('/sw.js')).scope);
    expect(scope).toBe(`${web.server.url}/`);

    // The mail's unsubscribe page.
    const link = /Unsubscribe from these e-mails: (\S+)/.exec(mail.text)![1]!;
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByTestId('unsubscribe').click();
    await page.getByText('Done: you will no longer get notification e-mails.').waitFor();
    expect((await buyer.get('/notifications/preferences')).body.email).toBe(false);
    expect(errors).toEqual([]);
    await context.close();

    // The admin's Outbox lists the registration mail.
    const admin = await openPage(web.browser, web.server.url, 'desktop');
    await admin.page.goto('/login');
    await admin.page.getByLabel('Email').fill('admin@flashmall.local');
    await admin.page.getByLabel('Password').fill('admin-password-1');
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await admin.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await admin.page.goto('/admin/outbox');
    await admin.page.getByTestId('outbox').getByText("You're registered: Bell launch").first().waitFor();
    expect(await admin.page.getByTestId('outbox-mode').textContent()).toBe('E-mails go to the SMTP server in SMTP_URL.');
    await expectAccessible(admin.page, 'admin outbox');
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});

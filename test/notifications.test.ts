/**
 * Notifications, end to end on every engine: events are written with the change that causes
 * them and reach a real SMTP server (test/helpers/mail.ts) once, in the user's language, with a
 * working unsubscribe link; the in-app inbox has every event whatever the channels; preferences
 * and the hourly limit hold e-mail back (the inbox still has it); start reminders for every
 * registered buyer are written in batches, once; Web Push goes once per event to a push service
 * the test runs, signed with the VAPID key kept in the settings; a seller hears of a sell-out;
 * buyers hear of each refund, and a store's members (each in their own language) of units
 * coming back, holds expiring in bulk, orders waiting to ship and low stock; a mail the SMTP
 * server refuses, and a push the push service fails, go once more after the backoff and arrive
 * once; two processes racing the sender still send each mail once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkBuyers, Client, eventually, forEachEngine, sellerWithProduct, signup, signupAs, startServer, TEST_PASSWORD, type TestServer } from './harness.js';
import { addMember, emailOf, expectError, expectOk, orderInState, webhooksSettled } from './helpers/api.js';
import { mailsTo, refuseNext, refusalsTo, waitForMail } from './helpers/mail.js';
import { joinQueue, passOf, queueStatus, reserve, sleep } from './helpers/launch.js';

/** A push service of the test's own on loopback (HTTPS with a certificate made now; its CA is given to the server): records every push it is sent and how it answered. */
async function pushService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const received: Array<{ path: string; headers: http.IncomingHttpHeaders; bytes: number; status: number }> = [];
  /** Paths whose next push is answered with this status instead of 201 (a push service having a bad moment). */
  const failNext = new Map<string, number>();
  const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
    let bytes = 0;
    req.on('data', (d: Buffer) => (bytes += d.length));
    req.on('end', () => {
      const p = req.url ?? '';
      const status = failNext.get(p) ?? 201;
      failNext.delete(p);
      received.push({ path: p, headers: req.headers, bytes, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { origin, caFile: path.join(dir, 'cert.pem'), received, failNext, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let push: Awaited<ReturnType<typeof pushService>>;
beforeAll(async () => {
  push = await pushService();
});
afterAll(() => push.close());

forEachEngine('notifications', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false, notifications: { ...(await import('../src/config.js')).loadConfig({}).notifications, maxPerUserPerHour: 3, batchSize: 4, turnDelayMs: 0, pushOrigins: [push.origin], pushCaFile: push.caFile } } });
  });
  afterAll(() => s.close());

  /** A buyer signed up through the mailed code; returns the client and its address. */
  async function buyer(): Promise<{ c: Client; email: string }> {
    const email = `n-${randomBytes(5).toString('hex')}@test.local`;
    const r = await signupAs(s.url, email, { password: TEST_PASSWORD });
    expectOk(r, 201);
    const c = new Client(s.url);
    c.token = r.body.token ?? null;
    c.userId = r.body.user.id;
    return { c, email };
  }

  async function futureLaunch(startsInMs = 3600_000, allotment = 5) {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: allotment });
    const now = Date.now();
    const r = await seller.post(`/stores/${store.id}/launches`, {
      title: 'Lumi 15 Pro launch',
      startsAt: now + startsInMs,
      endsAt: now + startsInMs + 3600_000,
      admission: { ratePerSecond: 1000, maxActive: 1000, passTtlMs: 600_000 },
      items: [{ skuId: product.skus[0]!.id, allotment, launchPriceMinor: 999_00 }],
    });
    expectOk(r, 201);
    return { launch: r.body, seller, store, skuId: product.skus[0]!.id };
  }

  it('registration confirmed: in the inbox at once, one e-mail to a real SMTP server with an unsubscribe link that works', async () => {
    const { launch } = await futureLaunch();
    const b = await buyer();
    expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
    const inbox = (await b.c.get('/notifications')).body;
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'registration_confirmed', title: "You're registered: Lumi 15 Pro launch", url: `/launches/${launch.id}`, readAt: null });
    const mail = await waitForMail(b.email, (m) => m.subject.startsWith("You're registered"));
    expect(mail.text).toContain('Lumi 15 Pro launch');
    // Registering again is the same event: no second mail.
    expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
    await s.fm.ctx.notifications!.deliverDue();
    await s.fm.ctx.mail.deliverDue();
    expect(mailsTo(b.email).filter((m) => m.subject.startsWith("You're registered"))).toHaveLength(1);

    // Read it.
    expect((await b.c.post('/notifications/read', { ids: [inbox.items[0]!.id] })).body.unread).toBe(0);
    // The unsubscribe link turns e-mail off (a forged one is refused and changes nothing).
    const link = /Unsubscribe from these e-mails: (\S+)/.exec(mail.text)![1]!;
    const token = new URL(link).searchParams.get('token')!;
    expectError(await new Client(s.url).post(`/notifications/unsubscribe?token=${encodeURIComponent(token.slice(0, -3) + 'AAA')}`), 400, 'BAD_TOKEN');
    expect((await b.c.get('/notifications/preferences')).body.email).toBe(true);
    expectOk(await new Client(s.url).post(`/notifications/unsubscribe?token=${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect((await b.c.get('/notifications/preferences')).body).toMatchObject({ email: false, push: true, locale: 'en' });
    // The next event reaches the inbox only.
    const { launch: other } = await futureLaunch();
    expectOk(await b.c.post(`/launches/${other.id}/registrations`));
    await s.fm.ctx.notifications!.deliverDue();
    expect((await b.c.get('/notifications')).body.unread).toBe(1);
    const d = await s.fm.ctx.db.selectFrom('notification_deliveries').innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id').select(['status', 'reason']).where('notifications.user_id', '=', b.c.userId!).where('channel', '=', 'email').where('notifications.params_json', 'like', `%${other.id}%`).executeTakeFirstOrThrow();
    expect(d).toEqual({ status: 'skipped', reason: 'preference' });
  });

  it("in the buyer's language; order paid, shipped and delivered each arrive once", async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 5 });
    const b = await buyer();
    expect((await b.c.put('/notifications/preferences', { locale: 'zh-CN' })).body.locale).toBe('zh-CN');
    const orderId = await orderInState(s, b.c, seller, product.skus[0]!.id, 'delivered');
    for (const subject of [`订单 ${orderId.slice(0, 8)} 已付款`, '您的订单已发货', `订单 ${orderId.slice(0, 8)} 已送达`]) await waitForMail(b.email, (m) => m.subject === subject);
    const inbox = (await b.c.get('/notifications')).body.items.map((i) => i.kind);
    expect(inbox).toEqual(['order_delivered', 'order_shipped', 'order_paid']);
    await s.fm.ctx.notifications!.deliverDue();
    await s.fm.ctx.mail.deliverDue();
    expect(mailsTo(b.email)).toHaveLength(3 + 1); // and the sign-up code
  });

  it('start reminders go to every registered buyer once, written in batches; the hourly limit holds back non-urgent mail', async () => {
    const { launch } = await futureLaunch(5 * 60_000);
    const buyers = await Promise.all(Array.from({ length: 9 }, () => buyer()));
    for (const b of buyers) expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
    // Three batches of four (batchSize) and the batch marked done; a second sweep adds nothing.
    expect(await s.fm.ctx.notifications!.startReminders()).toBe(9);
    expect(await s.fm.ctx.notifications!.startReminders()).toBe(0);
    const batch = await s.fm.ctx.db.selectFrom('notification_batches').selectAll().where('key', '=', `start:${launch.id}`).executeTakeFirstOrThrow();
    expect(batch.done_at).not.toBeNull();
    for (const b of buyers) await waitForMail(b.email, (m) => m.subject === 'Starting in 10 minutes: Lumi 15 Pro launch');
    const rows = await s.fm.ctx.db.selectFrom('notifications').select(['user_id']).where('kind', '=', 'launch_starting').where('params_json', 'like', `%${launch.id}%`).execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual(buyers.map((b) => b.c.userId).sort());

    // The hourly limit is 3 e-mails: this buyer has had 2 (registration, reminder); of two more non-urgent ones one goes.
    const b = buyers[0]!;
    for (const l of [await futureLaunch(), await futureLaunch()]) expectOk(await b.c.post(`/launches/${l.launch.id}/registrations`));
    await s.fm.ctx.notifications!.deliverDue();
    const statuses = await s.fm.ctx.db.selectFrom('notification_deliveries').select(['status', 'reason']).where('user_id', '=', b.c.userId!).where('channel', '=', 'email').execute();
    expect(statuses.filter((x) => x.status === 'sent')).toHaveLength(3);
    expect(statuses.filter((x) => x.reason === 'throttled')).toHaveLength(1);
    expect((await b.c.get('/notifications')).body.items).toHaveLength(4);
  });

  it('Web Push: a subscription at a push service gets each notification once, signed with the VAPID key from the settings', async () => {
    const b = await buyer();
    const key = (await new Client(s.url).get('/notifications/push/key')).body.publicKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const stored = await s.fm.ctx.db.selectFrom('settings').select('value').where('key', '=', 'vapid_keys').executeTakeFirstOrThrow();
    expect((JSON.parse(stored.value) as { publicKey: string }).publicKey).toBe(key);
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const endpoint = `${push.origin}/push/${randomBytes(6).toString('hex')}`;
    const sub = { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
    // An endpoint that is no push service is refused.
    expectError(await b.c.post('/notifications/push/subscriptions', { ...sub, endpoint: 'http://10.0.0.1/steal' }), 400, 'PUSH_ENDPOINT_REFUSED');
    expectOk(await b.c.post('/notifications/push/subscriptions', sub), 201);
    const { launch } = await futureLaunch();
    expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
    const got = await eventually(() => {
      const mine = push.received.filter((r) => r.path === new URL(endpoint).pathname);
      return Promise.resolve(mine.length ? mine : null);
    }, 10_000, 'a push');
    await sleep(300);
    await s.fm.ctx.notifications!.deliverDue();
    expect(push.received.filter((r) => r.path === new URL(endpoint).pathname)).toHaveLength(1);
    expect(got[0]!.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '3600' });
    expect(got[0]!.headers.authorization).toContain(`k=${key}`);
    expect(got[0]!.bytes).toBeGreaterThan(100);
  });

  it("a seller hears of a sell-out; a buyer who is not on the page hears it's their turn", async () => {
    const { launch, seller, store, skuId } = await futureLaunch(400, 1);
    const me = (await seller.get('/auth/me')).body;
    const a = await buyer();
    const c = await buyer();
    const ta = await joinQueue(a.c, launch.id);
    await joinQueue(c.c, launch.id);
    await sleep(Math.max(0, launch.startsAt - Date.now() + 20));
    await s.fm.launches.tick();
    // Both admitted; nobody reserved yet: both are told (no delay in this suite).
    await waitForMail(a.email, (m) => m.subject === "It's your turn: Lumi 15 Pro launch");
    expectOk(await reserve(a.c, launch.id, skuId, await passOf(a.c, launch.id, ta), `k-${randomBytes(4).toString('hex')}`), 201);
    await s.fm.launches.tick();
    await eventually(async () => {
      const rows = await s.fm.ctx.db.selectFrom('notifications').select('kind').where('user_id', '=', me.user.id).where('kind', '=', 'launch_sold_out').execute();
      return rows.length === 1;
    }, 10_000, 'the sold-out notification');
    expect(store.id).toBeTruthy();
    await waitForMail(me.user.email, (m) => m.subject === 'Sold out: Lumi 15 Pro launch');
    // Time passes: the hold's deadline is 20 s away (moved there by hand), inside the notice: the buyer is told once.
    const hold = await s.fm.ctx.db.selectFrom('holds').select(['id', 'created_at']).where('launch_id', '=', launch.id).executeTakeFirstOrThrow();
    await s.fm.ctx.db.updateTable('holds').set({ expires_at: Date.now() + 20_000, created_at: hold.created_at - 10 * 60_000 }).where('id', '=', hold.id).execute();
    expect(await s.fm.ctx.notifications!.expiringHolds()).toBe(1);
    expect(await s.fm.ctx.notifications!.expiringHolds()).toBe(0);
    await waitForMail(a.email, (m) => m.subject === 'Your reservation expires in 1 minute');
  });

  it('two processes racing the sender send each mail once', async () => {
    if (s.variant !== 'scale') return;
    const peer = await s.peer();
    const { launch } = await futureLaunch();
    const many = await Promise.all(Array.from({ length: 6 }, () => buyer()));
    // Written without delivering (straight to the ledger, as a batch), then both senders at once.
    await s.fm.ctx.db.transaction().execute((trx) => s.fm.ctx.notifications!.notify(trx, many.map((b) => ({ userId: b.c.userId!, kind: 'launch_starting', key: `race:${launch.id}:${b.c.userId}`, params: { launchId: launch.id, launchTitle: 'Race', startsAt: launch.startsAt }, deliverAt: Date.now() + 200 }))));
    await sleep(250);
    await Promise.all([s.fm.ctx.notifications!.deliverDue(), peer.fm.ctx.notifications!.deliverDue()]);
    await Promise.all([s.fm.ctx.mail.deliverDue(), peer.fm.ctx.mail.deliverDue()]);
    for (const b of many) await waitForMail(b.email, (m) => m.subject === 'Starting in 10 minutes: Race');
    await sleep(300);
    for (const b of many) expect(mailsTo(b.email).filter((m) => m.subject === 'Starting in 10 minutes: Race')).toHaveLength(1);
  });

  /** The mails to an address with this subject (after one more delivery round of both senders: nothing is still on its way). */
  async function settledMails(address: string, subject: string) {
    await s.fm.ctx.notifications!.deliverDue();
    await s.fm.ctx.mail.deliverDue();
    await sleep(200);
    return mailsTo(address).filter((m) => m.subject === subject);
  }
  const yuan = (minor: number, locale: 'zh-CN' | 'en' = 'zh-CN') => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(minor / 100);

  it('refund sent: the buyer hears of each refund, partial and the rest, once, with its own amount, in their language', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 5, priceMinor: 1999_00 });
    const b = await buyer();
    expectOk(await b.c.put('/notifications/preferences', { locale: 'zh-CN' }));
    const orderId = await orderInState(s, b.c, seller, product.skus[0]!.id, 'paid');
    const total: number = (await b.c.get(`/orders/${orderId}`)).body.totalMinor;
    const subject = `订单 ${orderId.slice(0, 8)} 已退款`;
    // Part of it: the order stays paid, and the buyer is told what this refund returns.
    expectOk(await b.c.post(`/orders/${orderId}/refund-request`, { reason: '屏幕有划痕' }));
    expectOk(await seller.post(`/orders/${orderId}/refund/approve`, { amountMinor: 500_00 }));
    expect((await b.c.get(`/orders/${orderId}`)).body.status).toBe('paid');
    expect((await waitForMail(b.email, (m) => m.subject === subject)).text).toContain(`退款 ${yuan(500_00)} 已原路退回`);
    // The rest: the order is refunded; the second mail names the rest, not the order's total.
    expectOk(await b.c.post(`/orders/${orderId}/refund-request`, { reason: '还是全退吧' }));
    expectOk(await seller.post(`/orders/${orderId}/refund/approve`, {}));
    expect((await b.c.get(`/orders/${orderId}`)).body.status).toBe('refunded');
    await eventually(() => mailsTo(b.email).filter((m) => m.subject === subject).length === 2, 10_000, 'the second refund mail');
    await webhooksSettled(s);
    const mails = await settledMails(b.email, subject);
    expect(mails.map((m) => /退款 (\S+) 已原路退回/.exec(m.text)?.[1])).toEqual([yuan(500_00), yuan(total - 500_00)]);
    const kinds = (await b.c.get('/notifications')).body.items.map((i) => i.kind);
    expect(kinds.filter((k: string) => k === 'refund_sent')).toHaveLength(2);
  });

  /** A seller's store with a second member (staff, invited by mail); each reads notifications in the language given. */
  async function storeWithStaff(ownerLocale: 'en' | 'zh-CN', staffLocale: 'en' | 'zh-CN', startsInMs = 400, allotment = 1) {
    const l = await futureLaunch(startsInMs, allotment);
    const staff = await signup(s.url, 'seller');
    await addMember(l.seller, l.store.id, staff, 'staff');
    expectOk(await l.seller.put('/notifications/preferences', { locale: ownerLocale }));
    expectOk(await staff.put('/notifications/preferences', { locale: staffLocale }));
    return { ...l, staff, ownerEmail: await emailOf(l.seller), staffEmail: await emailOf(staff) };
  }

  /** Buyers who join the launch before its start, are admitted once it is live and each hold one unit; returns their hold ids. */
  async function holdsOf(launch: { id: string; startsAt: number }, skuId: string, n: number): Promise<string[]> {
    const clients = await bulkBuyers(s, n);
    const tokens = await Promise.all(clients.map((c) => joinQueue(c, launch.id)));
    await sleep(Math.max(0, launch.startsAt - Date.now() + 20));
    const passes = await eventually(async () => {
      await s.fm.launches.tick();
      const got = await Promise.all(clients.map((c, i) => queueStatus(c, launch.id, tokens[i]!)));
      return got.every((g) => g.pass) ? got.map((g) => g.pass as string) : null;
    }, 10_000, `${n} buyers admitted`);
    const holds: string[] = [];
    for (const [i, c] of clients.entries()) {
      const r = await reserve(c, launch.id, skuId, passes[i]!, `k-${randomBytes(6).toString('hex')}`);
      expectOk(r, 201);
      holds.push(r.body.id);
    }
    return holds;
  }

  /** Moves holds' payment deadline into the past (time passing, by hand) and runs the expiry sweep; returns how many of them expired. */
  async function expireByHand(holdIds: string[]): Promise<number> {
    await s.fm.ctx.db.updateTable('holds').set({ expires_at: Date.now() - 1000 }).where('id', 'in', holdIds).execute();
    await s.fm.launches.expireDueHolds();
    return (await s.fm.ctx.db.selectFrom('holds').select('id').where('id', 'in', holdIds).where('status', '=', 'expired').execute()).length;
  }

  it('units back: after a sell-out, an expired reservation puts the unit back and the store hears of it once, in each member’s language', async () => {
    const { launch, skuId, ownerEmail, staffEmail } = await storeWithStaff('zh-CN', 'en');
    const [hold] = await holdsOf(launch, skuId, 1);
    await s.fm.launches.tick();
    await waitForMail(ownerEmail, (m) => m.subject === '已售罄：Lumi 15 Pro launch');
    await waitForMail(staffEmail, (m) => m.subject === 'Sold out: Lumi 15 Pro launch');
    expect(await expireByHand([hold!])).toBe(1);
    await s.fm.launches.tick();
    await s.fm.launches.tick();
    const zh = await waitForMail(ownerEmail, (m) => m.subject === '有库存回流：Lumi 15 Pro launch');
    expect(zh.text).toContain('过期或取消的锁定使「Lumi 15 Pro launch」的商品重新开放购买');
    expect((await waitForMail(staffEmail, (m) => m.subject === 'Units came back: Lumi 15 Pro launch')).text).toContain('back on sale');
    expect(await settledMails(ownerEmail, '有库存回流：Lumi 15 Pro launch')).toHaveLength(1);
    expect(await settledMails(staffEmail, 'Units came back: Lumi 15 Pro launch')).toHaveLength(1);
  });

  it('holds expiring in bulk: ten or more of a launch in one sweep tell its store once, with the count; nine do not', async () => {
    const { launch, skuId, ownerEmail, staffEmail } = await storeWithStaff('en', 'zh-CN', 400, 30);
    const holds = await holdsOf(launch, skuId, 19);
    const told = () => s.fm.ctx.db.selectFrom('notifications').select(['user_id', 'params_json']).where('kind', '=', 'holds_expired').where('params_json', 'like', `%${launch.id}%`).execute();
    // Nine at once are ordinary lapses: nobody is told.
    expect(await expireByHand(holds.slice(0, 9))).toBe(9);
    expect(await told()).toEqual([]);
    // Ten at once are news: owner and staff, each in their language, once.
    expect(await expireByHand(holds.slice(9))).toBe(10);
    expect((await told()).map((r) => (JSON.parse(r.params_json) as { count: number }).count)).toEqual([10, 10]);
    const en = await waitForMail(ownerEmail, (m) => m.subject === '10 reservations expired: Lumi 15 Pro launch');
    expect(en.text).toContain('10 unpaid reservations in "Lumi 15 Pro launch" expired at once');
    await waitForMail(staffEmail, (m) => m.subject === '10 个锁定已过期：Lumi 15 Pro launch');
    await s.fm.launches.expireDueHolds();
    expect(await told()).toHaveLength(2);
    expect(await settledMails(ownerEmail, '10 reservations expired: Lumi 15 Pro launch')).toHaveLength(1);
    expect(await settledMails(staffEmail, '10 个锁定已过期：Lumi 15 Pro launch')).toHaveLength(1);
  });

  it('orders waiting to ship: paid orders unshipped for a day tell the store once that day, in its language', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 10 });
    expectOk(await seller.put('/notifications/preferences', { locale: 'zh-CN' }));
    const sellerEmail = await emailOf(seller);
    const b = await buyer();
    const ids = [await orderInState(s, b.c, seller, product.skus[0]!.id, 'paid'), await orderInState(s, b.c, seller, product.skus[0]!.id, 'paid')];
    await orderInState(s, b.c, seller, product.skus[0]!.id, 'paid');
    // Not a day yet: nothing to say about this store.
    await s.fm.ctx.notifications!.ordersToShip();
    const mine = () => s.fm.ctx.db.selectFrom('notifications').select('params_json').where('kind', '=', 'orders_to_ship').where('user_id', '=', seller.userId!).execute();
    expect(await mine()).toEqual([]);
    // A day passes for two of them (moved there by hand); the third was paid just now.
    await s.fm.ctx.db.updateTable('orders').set({ updated_at: Date.now() - 86_400_000 - 60_000 }).where('id', 'in', ids).execute();
    expect(await s.fm.ctx.notifications!.ordersToShip()).toBeGreaterThanOrEqual(1);
    expect(await s.fm.ctx.notifications!.ordersToShip()).toBe(0);
    expect((await mine()).map((r) => (JSON.parse(r.params_json) as { count: number }).count)).toEqual([2]);
    expect((await waitForMail(sellerEmail, (m) => m.subject === '2 个订单待发货')).text).toContain('有 2 个已付款订单等待发货超过一天');
    expect(await settledMails(sellerEmail, '2 个订单待发货')).toHaveLength(1);
  });

  it('stock low: a published SKU at or below the mark tells its store once a day, in its language', async () => {
    const { seller, product } = await sellerWithProduct(s.url, { stock: 3, title: 'Lumi Buds' });
    const sellerEmail = await emailOf(seller);
    await s.fm.ctx.notifications!.stockLow();
    await s.fm.ctx.notifications!.stockLow();
    const rows = await s.fm.ctx.db.selectFrom('notifications').select('params_json').where('kind', '=', 'stock_low').where('user_id', '=', seller.userId!).execute();
    expect(rows.map((r) => JSON.parse(r.params_json) as unknown)).toEqual([{ skuId: product.skus[0]!.id, title: 'Lumi Buds', stock: 3 }]);
    expect((await waitForMail(sellerEmail, (m) => m.subject === 'Stock low: Lumi Buds')).text).toContain('Only 3 left of Lumi Buds.');
    expect(await settledMails(sellerEmail, 'Stock low: Lumi Buds')).toHaveLength(1);
  });

  it('stock low: every low SKU is told, however many there are (each batch reads only SKUs not yet told today)', async () => {
    // 400 published SKUs with no stock in one store (two products of 200): more than one sweep's batch.
    const seller = await signup(s.url, 'seller');
    const store = (await seller.post('/stores', { name: `Store ${randomBytes(3).toString('hex')}`, kind: 'marketplace' })).body;
    const skuIds: string[] = [];
    for (const title of ['Many Cases', 'Many Straps']) {
      const created = await seller.post(`/stores/${store.id}/products`, { title, priceMinor: 19_00, options: [{ name: 'colour', values: Array.from({ length: 20 }, (_, i) => `c${i}`) }, { name: 'model', values: Array.from({ length: 10 }, (_, i) => `m${i}`) }] });
      expectOk(created, 201);
      expectOk(await seller.post(`/products/${created.body.id}/publish`));
      skuIds.push(...created.body.skus.map((k) => k.id));
    }
    expect(skuIds).toHaveLength(400);
    for (let i = 0; i < 5; i++) if ((await s.fm.ctx.notifications!.stockLow()) === 0) break;
    const told = await s.fm.ctx.db.selectFrom('notifications').select('params_json').where('kind', '=', 'stock_low').where('user_id', '=', seller.userId!).execute();
    expect(new Set(told.map((r) => (JSON.parse(r.params_json) as { skuId: string }).skuId))).toEqual(new Set(skuIds));
    expect(told).toHaveLength(400);
  });

  it('a mail the SMTP server refuses at first (at RCPT TO, or after DATA) arrives once, after the retry with backoff', async () => {
    for (const stage of ['rcpt', 'data'] as const) {
      const b = await buyer();
      const { launch } = await futureLaunch();
      refuseNext(b.email, stage);
      expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
      await eventually(() => refusalsTo(b.email).length === 1, 10_000, `the ${stage} refusal`);
      const refusedAt = refusalsTo(b.email)[0]!.at;
      const row = await eventually(async () => {
        const r = await s.fm.ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', b.email).where('subject', 'like', "You're registered%").executeTakeFirst();
        return r && r.attempts === 1 ? r : null;
      }, 5000, 'the failed attempt recorded');
      // Backed off: 2 s after the first failure (1 s × 2^attempts), not sent before.
      expect(row.sent_at).toBeNull();
      expect(row.next_attempt_at).toBeGreaterThanOrEqual(refusedAt + 1900);
      expect(row.next_attempt_at).toBeLessThanOrEqual(refusedAt + 3000);
      expect(await s.fm.ctx.mail.deliverDue()).toBe(0);
      expect(mailsTo(b.email).filter((m) => m.subject.startsWith("You're registered"))).toEqual([]);
      await sleep(Math.max(0, row.next_attempt_at - Date.now() + 20));
      expect(await s.fm.ctx.mail.deliverDue()).toBe(1);
      await waitForMail(b.email, (m) => m.subject === "You're registered: Lumi 15 Pro launch");
      expect(await settledMails(b.email, "You're registered: Lumi 15 Pro launch")).toHaveLength(1);
      expect(refusalsTo(b.email)).toHaveLength(1);
      const sent = await s.fm.ctx.db.selectFrom('mail_outbox').select(['attempts', 'sent_at']).where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(sent.attempts).toBe(1);
      expect(sent.sent_at).not.toBeNull();
    }
  });

  it('Web Push: a push service answering 5xx once gets the notification once more after the backoff, and it counts as one push', async () => {
    const b = await buyer();
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const endpoint = `${push.origin}/push/${randomBytes(6).toString('hex')}`;
    const pathname = new URL(endpoint).pathname;
    expectOk(await b.c.post('/notifications/push/subscriptions', { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } }), 201);
    push.failNext.set(pathname, 503);
    const { launch } = await futureLaunch();
    expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
    const delivery = () => s.fm.ctx.db.selectFrom('notification_deliveries').selectAll().where('user_id', '=', b.c.userId!).where('channel', '=', 'push').executeTakeFirstOrThrow();
    const failed = await eventually(async () => {
      const d = await delivery();
      return d.status === 'pending' && d.attempts === 1 ? d : null;
    }, 10_000, 'the failed push recorded');
    const first = push.received.filter((r) => r.path === pathname);
    expect(first.map((r) => r.status)).toEqual([503]);
    expect(failed.reason).toContain('unexpected response code');
    // Backed off 2 s (1 s × 2^attempts): a round before then sends nothing.
    expect(failed.next_attempt_at).toBeGreaterThan(Date.now() + 1000);
    await s.fm.ctx.notifications!.deliverDue();
    expect(push.received.filter((r) => r.path === pathname)).toHaveLength(1);
    await sleep(Math.max(0, failed.next_attempt_at - Date.now() + 20));
    await s.fm.ctx.notifications!.deliverDue();
    await s.fm.ctx.notifications!.deliverDue();
    await sleep(200);
    expect(push.received.filter((r) => r.path === pathname).map((r) => r.status)).toEqual([503, 201]);
    expect(await delivery()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it("nobody reads or marks another user's inbox", async () => {
    const a = await buyer();
    const b = await buyer();
    const { launch } = await futureLaunch();
    expectOk(await b.c.post(`/launches/${launch.id}/registrations`));
    const theirs = (await b.c.get('/notifications')).body.items[0]!.id;
    expect((await a.c.get('/notifications')).body.items).toEqual([]);
    expect((await a.c.post('/notifications/read', { ids: [theirs] })).body.unread).toBe(0);
    expect((await b.c.get('/notifications')).body).toMatchObject({ unread: 1 });
  });
});

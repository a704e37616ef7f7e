/**
 * Notifications, end to end on every engine: events are written with the change that causes
 * them and reach a real SMTP server (test/helpers/mail.ts) once, in the user's language, with a
 * working unsubscribe link; the in-app inbox has every event whatever the channels; preferences
 * and the hourly limit hold e-mail back (the inbox still has it); start reminders for every
 * registered buyer are written in batches, once; Web Push goes once per event to a push service
 * the test runs, signed with the VAPID key kept in the settings; a seller hears of a sell-out;
 * two processes racing the sender still send each mail once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, eventually, forEachEngine, sellerWithProduct, signupAs, startServer, TEST_PASSWORD, type TestServer } from './harness.js';
import { expectError, expectOk, orderInState } from './helpers/api.js';
import { mailsTo, waitForMail } from './helpers/mail.js';
import { joinQueue, passOf, reserve, sleep } from './helpers/launch.js';

/** A push service of the test's own on loopback (HTTPS with a certificate made now; its CA is given to the server): records every push it is sent. */
async function pushService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const received: Array<{ path: string; headers: http.IncomingHttpHeaders; bytes: number }> = [];
  const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
    let bytes = 0;
    req.on('data', (d: Buffer) => (bytes += d.length));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, bytes });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { origin, caFile: path.join(dir, 'cert.pem'), received, close: () => new Promise<void>((r) => server.close(() => r())) };
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

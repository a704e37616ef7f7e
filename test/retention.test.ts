/**
 * Retention (src/retention): the sweeper deletes the rows each only-growing table is done with
 * once their retention has passed — expired or revoked sessions, idempotency keys, webhook
 * signatures and event ids, delivered (or given-up) sandbox webhooks and mails, expired
 * sign-ups, expired or accepted invitations, log-in lockouts — and keeps recent ones and the
 * ones still in use. Driven by a manual clock; the deletes go in batches and two sweeps at
 * once (two processes) delete each row once and fail on none.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, signup, startServer, type Client, type TestServer } from './harness.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/shared/clock.js';
import { MAX_BATCHES_PER_RUN, pruneExpired, RETENTION_RULES, retentionJob } from '../src/retention/sweep.js';
import { MAX_MAIL_ATTEMPTS } from '../src/mail/outbox.js';
import { MAX_DELIVERY_ATTEMPTS } from '../src/payments/sandbox.js';
import type { AppContext } from '../src/context.js';

const DAY = 86_400_000;
const FAR = 365 * DAY;
const tag = () => randomBytes(6).toString('hex');

describe('retention settings', () => {
  it('every pruned table has a setting with a default; a webhook signature is kept at least twice the replay tolerance', () => {
    const c = loadConfig({});
    expect(c.retention).toMatchObject({ sessionsMs: 30 * DAY, idempotencyKeysMs: DAY, webhookSignaturesMs: DAY, webhookEventsMs: 30 * DAY, sandboxOutboxMs: 7 * DAY, mailOutboxMs: 7 * DAY, signupRequestsMs: DAY, storeInvitationsMs: 30 * DAY, loginLockoutsMs: 30 * DAY });
    for (const r of RETENTION_RULES) expect(r.retentionMs(c.retention), r.table).toBeGreaterThan(0);
    expect(() => loadConfig({ WEBHOOK_TOLERANCE_MS: '600000', WEBHOOK_SIGNATURE_RETENTION_MS: '900000' })).toThrow(/WEBHOOK_SIGNATURE_RETENTION_MS/);
    expect(() => loadConfig({ SESSION_RETENTION_MS: 'soon' })).toThrow(/SESSION_RETENTION_MS/);
  });
});

forEachEngine('retention', (engine) => {
  let s: TestServer;
  let clock: ManualClock;
  let seller: Client;
  let storeId: string;
  const retention = { ...loadConfig({}).retention, sessionsMs: DAY, idempotencyKeysMs: DAY, webhookSignaturesMs: DAY, webhookEventsMs: DAY, sandboxOutboxMs: DAY, mailOutboxMs: DAY, signupRequestsMs: DAY, storeInvitationsMs: DAY, loginLockoutsMs: DAY, sweepIntervalMs: 60_000 };
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    s = await startServer(engine, { clock, config: { retention } });
    seller = await signup(s.url, 'seller');
    storeId = (await seller.post('/stores', { name: `Store ${tag()}`, kind: 'marketplace' })).body.id;
  });
  afterAll(() => s.close());

  /** One row of each kind, "done with" (or still in use) at the clock's now; returns the ids by name. */
  async function rows(prefix: string) {
    const db = s.fm.ctx.db;
    const t = clock.now();
    const uid = seller.userId!;
    const id = (name: string) => `${prefix}-${name}-${tag()}`;
    const ids = {
      sessionExpired: id('sx'), sessionRevoked: id('sr'), sessionLive: id('sl'),
      key: id('ik'), signature: id('sig'), event: id('ev'),
      outboxDelivered: id('od'), outboxPending: id('op'), outboxGivenUp: id('og'),
      mailSent: id('ms'), mailPending: id('mp'), mailGivenUp: id('mg'),
      signupExpired: `${id('su')}@test.local`, signupPending: `${id('sp')}@test.local`,
      inviteExpired: id('ix'), inviteAccepted: id('ia'), invitePending: id('ip'),
      lockout: id('lo'),
    };
    const session = (sid: string, expires: number, revoked: number | null) => ({ id: sid, public_id: `p${sid}`, user_id: uid, kind: 'bearer' as const, label: null, created_at: t - DAY, expires_at: expires, revoked_at: revoked });
    await db.insertInto('sessions').values([session(ids.sessionExpired, t, null), session(ids.sessionRevoked, t + FAR, t), session(ids.sessionLive, t + FAR, null)]).execute();
    await db.insertInto('idempotency_keys').values({ scope: 'checkout', user_id: uid, key: ids.key, request_hash: 'h', status_code: 201, response_json: '{}', created_at: t }).execute();
    await db.insertInto('webhook_signatures').values({ signature: ids.signature, received_at: t }).execute();
    await db.insertInto('webhook_events').values({ event_id: ids.event, provider: 'sandbox', type: 'payment.succeeded', received_at: t }).execute();
    const outbox = (oid: string, o: { delivered: number | null; attempts: number }) => ({ id: oid, type: 'payment.succeeded', payload: '{}', attempts: o.attempts, next_attempt_at: t + FAR, delivered_at: o.delivered, duplicates_left: 0, created_at: t });
    await db.insertInto('sandbox_webhook_outbox').values([outbox(ids.outboxDelivered, { delivered: t, attempts: 0 }), outbox(ids.outboxPending, { delivered: null, attempts: 2 }), outbox(ids.outboxGivenUp, { delivered: null, attempts: MAX_DELIVERY_ATTEMPTS })]).execute();
    const mail = (mid: string, o: { sent: number | null; attempts: number }) => ({ id: mid, to_address: 'x@test.local', subject: 's', body_text: 'b', headers_json: null, attempts: o.attempts, next_attempt_at: t + FAR, sent_at: o.sent, created_at: t });
    await db.insertInto('mail_outbox').values([mail(ids.mailSent, { sent: t, attempts: 0 }), mail(ids.mailPending, { sent: null, attempts: 1 }), mail(ids.mailGivenUp, { sent: null, attempts: MAX_MAIL_ATTEMPTS })]).execute();
    const signupRow = (email: string, expires: number) => ({ email, name: 'n', role: 'buyer' as const, password_hash: 'x', code_hash: 'c', attempts: 0, expires_at: expires, created_at: t - DAY });
    await db.insertInto('signup_requests').values([signupRow(ids.signupExpired, t), signupRow(ids.signupPending, t + FAR)]).execute();
    const invite = (iid: string, expires: number, accepted: number | null) => ({ id: iid, token_hash: `h${iid}`, store_id: storeId, email: 'staff@test.local', role: 'staff' as const, invited_by: uid, created_at: t - DAY, expires_at: expires, accepted_at: accepted });
    await db.insertInto('store_invitations').values([invite(ids.inviteExpired, t, null), invite(ids.inviteAccepted, t + FAR, t), invite(ids.invitePending, t + FAR, null)]).execute();
    await db.insertInto('login_lockouts').values({ id: ids.lockout, scope: 'address', account: null, user_id: null, ip: '203.0.113.5', failures: 100, lock_ms: 900_000, at: t }).execute();
    return ids;
  }

  /** Which of the ids are still stored. */
  async function present(ids: Awaited<ReturnType<typeof rows>>): Promise<Record<keyof typeof ids, boolean>> {
    const db = s.fm.ctx.db;
    const has = async (p: Promise<unknown>) => !!(await p);
    return {
      sessionExpired: await has(db.selectFrom('sessions').select('id').where('id', '=', ids.sessionExpired).executeTakeFirst()),
      sessionRevoked: await has(db.selectFrom('sessions').select('id').where('id', '=', ids.sessionRevoked).executeTakeFirst()),
      sessionLive: await has(db.selectFrom('sessions').select('id').where('id', '=', ids.sessionLive).executeTakeFirst()),
      key: await has(db.selectFrom('idempotency_keys').select('key').where('key', '=', ids.key).executeTakeFirst()),
      signature: await has(db.selectFrom('webhook_signatures').select('signature').where('signature', '=', ids.signature).executeTakeFirst()),
      event: await has(db.selectFrom('webhook_events').select('event_id').where('event_id', '=', ids.event).executeTakeFirst()),
      outboxDelivered: await has(db.selectFrom('sandbox_webhook_outbox').select('id').where('id', '=', ids.outboxDelivered).executeTakeFirst()),
      outboxPending: await has(db.selectFrom('sandbox_webhook_outbox').select('id').where('id', '=', ids.outboxPending).executeTakeFirst()),
      outboxGivenUp: await has(db.selectFrom('sandbox_webhook_outbox').select('id').where('id', '=', ids.outboxGivenUp).executeTakeFirst()),
      mailSent: await has(db.selectFrom('mail_outbox').select('id').where('id', '=', ids.mailSent).executeTakeFirst()),
      mailPending: await has(db.selectFrom('mail_outbox').select('id').where('id', '=', ids.mailPending).executeTakeFirst()),
      mailGivenUp: await has(db.selectFrom('mail_outbox').select('id').where('id', '=', ids.mailGivenUp).executeTakeFirst()),
      signupExpired: await has(db.selectFrom('signup_requests').select('email').where('email', '=', ids.signupExpired).executeTakeFirst()),
      signupPending: await has(db.selectFrom('signup_requests').select('email').where('email', '=', ids.signupPending).executeTakeFirst()),
      inviteExpired: await has(db.selectFrom('store_invitations').select('id').where('id', '=', ids.inviteExpired).executeTakeFirst()),
      inviteAccepted: await has(db.selectFrom('store_invitations').select('id').where('id', '=', ids.inviteAccepted).executeTakeFirst()),
      invitePending: await has(db.selectFrom('store_invitations').select('id').where('id', '=', ids.invitePending).executeTakeFirst()),
      lockout: await has(db.selectFrom('login_lockouts').select('id').where('id', '=', ids.lockout).executeTakeFirst()),
    };
  }

  const all = (v: boolean) => ({
    sessionExpired: v, sessionRevoked: v, sessionLive: true, key: v, signature: v, event: v,
    outboxDelivered: v, outboxPending: true, outboxGivenUp: v, mailSent: v, mailPending: true, mailGivenUp: v,
    signupExpired: v, signupPending: true, inviteExpired: v, inviteAccepted: v, invitePending: true, lockout: v,
  });

  it("the sweeper deletes rows past their retention and keeps recent ones and the ones still in use", async () => {
    const old = await rows('old');
    clock.advance(DAY - 60_000);
    const recent = await rows('new');
    // Just short of a day after the old rows: nothing is due yet (the sweep runs at most once a minute here).
    await s.fm.sweeper.runOnce();
    expect(await present(old)).toEqual(all(true));
    clock.advance(120_000);
    // A day and a minute after the old rows, two minutes after the recent ones.
    await s.fm.sweeper.runOnce();
    expect(await present(old)).toEqual(all(false));
    expect(await present(recent)).toEqual(all(true));
    // The rows still in use stay however old they get; the recent ones go in their turn.
    clock.advance(DAY);
    await s.fm.sweeper.runOnce();
    expect(await present(recent)).toEqual(all(false));
    expect(await present(old)).toEqual(all(false));
  });

  it('a pruned session is gone for good: its token is refused, a live one keeps working', async () => {
    const buyer = await signup(s.url, 'buyer');
    expect((await buyer.get('/auth/me')).status).toBe(200);
    const other = await signup(s.url, 'buyer');
    expect((await other.post('/auth/logout')).status).toBeLessThan(300);
    clock.advance(DAY + 60_000);
    // The buyer's session has 14 days to run; the revoked one is a day past its revocation.
    const { pruned } = await pruneExpired(s.fm.ctx);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(await s.fm.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', other.userId!).execute()).toEqual([]);
    expect((await other.get('/auth/me')).status).toBe(401);
    expect((await buyer.get('/auth/me')).status).toBe(200);
  });

  it('deletes go in batches, and two sweeps at once (as two processes run them) delete each row once and fail on none', async () => {
    const t = clock.now();
    const n = 3 * 7 + 2;
    await s.fm.ctx.db.insertInto('webhook_signatures').values(Array.from({ length: n }, (_, i) => ({ signature: `batch-${i}-${tag()}`, received_at: t }))).execute();
    await s.fm.ctx.db.insertInto('webhook_signatures').values({ signature: `keep-${tag()}`, received_at: t + 2 * DAY }).execute();
    clock.advance(DAY + 60_000);
    const errors: unknown[] = [];
    const log = { ...s.fm.ctx.log, error: (o: unknown) => errors.push(o), info: () => {}, warn: () => {} } as unknown as AppContext['log'];
    const small = { ...s.fm.ctx.config, retention: { ...s.fm.ctx.config.retention, batchSize: 3 } };
    const other = s.variant === 'scale' ? (await s.peer()).fm.ctx : s.fm.ctx;
    const [a, b] = await Promise.all([pruneExpired({ ...s.fm.ctx, config: small, log }), pruneExpired({ ...other, config: small, log })]);
    expect(errors).toEqual([]);
    expect((a.pruned.webhook_signatures ?? 0) + (b.pruned.webhook_signatures ?? 0)).toBe(n);
    expect(a.more || b.more).toBe(false);
    const left = await s.fm.ctx.db.selectFrom('webhook_signatures').select('signature').execute();
    expect(left.map((r) => r.signature.split('-')[0])).toEqual(['keep']);
  });

  it(`a backlog larger than ${MAX_BATCHES_PER_RUN} batches is worked off at every sweep, not once an interval`, async () => {
    const t = clock.now();
    const batchSize = 2;
    const n = batchSize * MAX_BATCHES_PER_RUN * 2 + 1;
    await s.fm.ctx.db.insertInto('idempotency_keys').values(Array.from({ length: n }, (_, i) => ({ scope: 'checkout', user_id: seller.userId!, key: `backlog-${i}-${tag()}`, request_hash: 'h', status_code: 201, response_json: '{}', created_at: t }))).execute();
    clock.advance(DAY + 60_000);
    const job = retentionJob({ ...s.fm.ctx, config: { ...s.fm.ctx.config, retention: { ...s.fm.ctx.config.retention, batchSize, sweepIntervalMs: DAY } } });
    const count = async () => Number((await s.fm.ctx.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('key', 'like', 'backlog-%').executeTakeFirstOrThrow()).n);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      await job();
      seen.push(await count());
    }
    // Three runs in a row with no clock movement, then nothing left to do (the interval is a day).
    expect(seen).toEqual([n - 40, n - 80, 0, 0]);
  });
});

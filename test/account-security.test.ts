/**
 * Account security: log-in throttled per e-mail (growing locks that the right password does
 * not lift) and per address, the same for unknown e-mails; an unknown e-mail costs the same
 * scrypt work as a real one (compared as timing medians, generously); sign-up throttled per
 * address; weak passwords refused by zxcvbn; no log-in from a cross-site form; revocation that
 * reaches every process at once and a revoked session that can never mint a token.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, forEachEngine, signup, signupAs, startServer, TEST_PASSWORD, type Res, type TestServer, errorOf } from './harness.js';
import { emailOf, expectError, expectOk } from './helpers/api.js';

const newEmail = () => `sec-${randomBytes(5).toString('hex')}@test.local`;
const login = (s: TestServer, email: string, password: string, headers: Record<string, string> = {}) =>
  new Client(s.url).post('/auth/login', { email, password, session: 'token' }, headers);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachEngine('log-in throttling', (engine) => {
  let s: TestServer;
  const throttle = { failuresBeforeLock: 3, lockBaseMs: 1000, lockMaxMs: 8000, failureWindowMs: 60_000, failuresPerIp: 10_000 };
  beforeAll(async () => {
    s = await startServer(engine, { config: { loginThrottle: throttle } });
  });
  afterAll(() => s.close());

  function expectLocked(r: Res, maxMs: number) {
    expectError(r, 429, 'RATE_LIMITED');
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(maxMs / 1000));
    expect(errorOf(r).details.retryAfterMs).toBeGreaterThan(0);
    expect(errorOf(r).details.retryAfterMs).toBeLessThanOrEqual(maxMs);
  }

  it('after repeated wrong passwords the e-mail is locked: even the right password gets 429 with Retry-After until the lock ends', async () => {
    const buyer = await signup(s.url);
    const email = await emailOf(buyer);
    for (let i = 0; i < throttle.failuresBeforeLock; i++) expectError(await login(s, email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
    expectLocked(await login(s, email, TEST_PASSWORD), 1000);
    expectLocked(await login(s, email.toUpperCase(), TEST_PASSWORD), 1000);
    await sleep(1100);
    expectOk(await login(s, email, TEST_PASSWORD));
    // The success forgot the failures: one more wrong password is a plain 401 again.
    expectError(await login(s, email, 'wrong-again'), 401, 'INVALID_CREDENTIALS');
    expectOk(await login(s, email, TEST_PASSWORD));
  });

  it('each failure after the lock doubles it', async () => {
    const email = await emailOf(await signup(s.url));
    for (let i = 0; i < throttle.failuresBeforeLock; i++) await login(s, email, `wrong-${i}`);
    const first = await login(s, email, 'wrong-x');
    expectLocked(first, 1000);
    await sleep(1100);
    expectError(await login(s, email, 'wrong-y'), 401, 'INVALID_CREDENTIALS');
    const second = await login(s, email, TEST_PASSWORD);
    expectLocked(second, 2000);
    expect(errorOf(second).details.retryAfterMs).toBeGreaterThan(1000);
  });

  it('an unknown e-mail gets exactly the answers a known one gets', async () => {
    const known = await emailOf(await signup(s.url));
    const unknown = newEmail();
    const answers = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i < throttle.failuresBeforeLock + 1; i++) {
        const r = await login(s, email, `wrong-${i}`);
        out.push(`${r.status} ${errorOf(r).code} ${errorOf(r).message.replace(/\d+ s/, 'N s')}`);
      }
      return out;
    };
    expect(await answers(unknown)).toEqual(await answers(known));
  });

  if (engine === 'scale') {
    it('the lock holds on every process: failures on one, the right password on another', async () => {
      const peer = await s.peer();
      const email = await emailOf(await signup(s.url));
      for (let i = 0; i < throttle.failuresBeforeLock; i++) expectError(await login(s, email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
      expectLocked(await login(peer, email, TEST_PASSWORD), 1000);
      await peer.close();
    });
  }
});

forEachEngine('log-in throttling per address, and sign-up throttling', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { loginThrottle: { failuresBeforeLock: 100, lockBaseMs: 1000, lockMaxMs: 60_000, failureWindowMs: 60_000, failuresPerIp: 5 }, signupPerIpPerHour: 4 } });
  });
  afterAll(() => s.close());

  it('many e-mails tried from one address: after the limit that address is refused, whatever e-mail and password', async () => {
    const victim = `victim-${randomBytes(3).toString('hex')}@test.local`;
    expectOk(await signupAs(s.url, victim, { name: 'Victim' }), 201);
    for (let i = 0; i < 5; i++) expectError(await login(s, newEmail(), 'guess-123456'), 401, 'INVALID_CREDENTIALS');
    const r = await login(s, victim, TEST_PASSWORD);
    expectError(r, 429, 'RATE_LIMITED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('sign-ups from one address are limited per hour (429 RATE_LIMITED with Retry-After), and a refused one creates nothing', async () => {
    const statuses: number[] = [];
    let last: Res | null = null;
    // One sign-up happened in the test above already.
    for (let i = 0; i < 4; i++) {
      const email = newEmail();
      last = await new Client(s.url).post('/auth/signup', { email, password: TEST_PASSWORD, name: 'Bulk' });
      statuses.push(last.status);
      if (last.status === 429) expect(await s.fm.ctx.db.selectFrom('signup_requests').select('email').where('email', '=', email).execute()).toEqual([]);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expectError(last!, 429, 'RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

forEachEngine('passwords and sign-in forms', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  it('weak passwords are refused with 400 PASSWORD_TOO_WEAK and a reason, and no account is made', async () => {
    const email = newEmail();
    for (const password of ['        ', 'password', '12345678', 'qwertyuiop', 'iloveyou1', email, `${email}1`, 'Mei Chen 1', 'meichen2024']) {
      const r = await new Client(s.url).post('/auth/signup', { email, password, name: 'Mei Chen' });
      expectError(r, 400, 'PASSWORD_TOO_WEAK');
      expect(errorOf(r).message).toMatch(/stronger password/);
      expect(errorOf(r).details).toMatchObject({ minScore: 3 });
    }
    expect(await s.fm.ctx.db.selectFrom('signup_requests').select('email').where('email', '=', email).execute()).toEqual([]);
    expectOk(await signupAs(s.url, email, { name: 'Mei Chen', password: 'Harbor lantern quietly 42' }), 201);
  });

  it('log-in from a cross-site form is refused and starts no session; the same-origin JSON log-in works', async () => {
    const email = await emailOf(await signup(s.url));
    const noSession = (r: Res) => expect(r.headers.getSetCookie().some((c) => c.startsWith('fm_session='))).toBe(false);
    const form = await new Client(s.url).req('POST', '/auth/login', new URLSearchParams({ email, password: TEST_PASSWORD, session: 'cookie' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expectError(form, 415, 'JSON_REQUIRED');
    noSession(form);
    const plain = await new Client(s.url).req('POST', '/auth/login', JSON.stringify({ email, password: TEST_PASSWORD, session: 'cookie' }), { 'content-type': 'text/plain' });
    expectError(plain, 415, 'JSON_REQUIRED');
    const body = { email, password: TEST_PASSWORD, session: 'cookie' };
    const crossSite: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }];
    for (const headers of crossSite) {
      const r = await new Client(s.url).post('/auth/login', body, headers);
      expectError(r, 403, 'CROSS_SITE_REQUEST');
      noSession(r);
    }
    expectOk(await new Client(s.url).post('/auth/login', body, { origin: s.url, 'sec-fetch-site': 'same-origin' }));
    expectOk(await new Client(s.url).post('/auth/login', body));
  });

  it('a session revoked elsewhere can never mint a token, even while this process still trusts it from its cache', async () => {
    const owner = await signup(s.url);
    expectOk(await owner.get('/auth/me')); // now cached
    // Revoked by another process whose message never arrived: only the database knows.
    const row = await s.fm.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', owner.userId!).executeTakeFirstOrThrow();
    await s.fm.ctx.db.updateTable('sessions').set({ revoked_at: Date.now() }).where('id', '=', row.id).execute();
    expectError(await owner.post('/auth/tokens', { label: 'minted after revocation' }), 401, 'UNAUTHENTICATED');
    const live = await s.fm.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', owner.userId!).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
  });

  if (engine === 'scale') {
    it('log-out on one process is refused at once on another that had the token cached, and mints nothing there', async () => {
      const peer = await s.peer();
      const owner = await signup(s.url);
      const onPeer = new Client(peer.url);
      onPeer.token = owner.token;
      expectOk(await onPeer.get('/auth/me')); // cached on the peer
      expectOk(await owner.post('/auth/logout'), 204);
      expectError(await onPeer.get('/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await onPeer.post('/auth/tokens', { label: 'after log-out' }), 401, 'UNAUTHENTICATED');
      expect(await s.fm.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', owner.userId!).where('revoked_at', 'is', null).execute()).toEqual([]);
      await peer.close();
    });

    it('a token revoked on one process is refused at once on another', async () => {
      const peer = await s.peer();
      const owner = await signup(s.url);
      const issued = await owner.post('/auth/tokens', { label: 'tv' });
      const tv = new Client(peer.url);
      tv.token = issued.body.token;
      expectOk(await tv.get('/auth/me'));
      expectOk(await owner.del(`/auth/tokens/${issued.body.tokenId}`), 204);
      expectError(await tv.get('/auth/me'), 401, 'UNAUTHENTICATED');
      await peer.close();
    });
  }
});

forEachEngine('an unknown e-mail costs what a known one costs', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    // The production scrypt cost: the tests' lowered cost would hide a cheaper dummy hash.
    s = await startServer(engine, { config: { scryptCost: 16384, loginThrottle: { failuresBeforeLock: 1000, lockBaseMs: 1000, lockMaxMs: 1000, failureWindowMs: 60_000, failuresPerIp: 100_000 } } });
  });
  afterAll(() => s.close());

  it('median log-in times for unknown e-mails and wrong passwords are within a factor of two', async () => {
    const email = await emailOf(await signup(s.url));
    const time = async (e: string) => {
      const t0 = process.hrtime.bigint();
      expectError(await login(s, e, 'not-the-password-1'), 401, 'INVALID_CREDENTIALS');
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    await time(newEmail()); // warm-up: the first dummy hash is made here
    for (let i = 0; i < 11; i++) {
      known.push(await time(email));
      unknown.push(await time(newEmail()));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    expect(ratio, `median unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

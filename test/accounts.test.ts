/**
 * Accounts and sessions: browser sessions (httpOnly cookie + CSRF token on every write),
 * log-out, bearer tokens for apps and devices, and the answers to wrong credentials and
 * taken e-mail addresses.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_PASSWORD, Client, forEachEngine, signup, signupAs, startServer, type Res, type ResponseOf, type TestServer, errorOf } from './harness.js';
import { signupCode, waitForMail } from './helpers/mail.js';
import { expectError, expectOk } from './helpers/api.js';

const PASSWORD = TEST_PASSWORD;
const newEmail = () => `acct-${randomBytes(5).toString('hex')}@test.local`;

forEachEngine('accounts and sessions', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  /** Signs up (token session) and returns the e-mail, then logs in with a browser session. */
  async function browserSession(): Promise<{ c: Client; email: string; login: Res<ResponseOf<'/auth/login', 'post'>> }> {
    const email = newEmail();
    expectOk(await signupAs(s.url, email, { name: 'Browser User' }), 201);
    const c = new Client(s.url);
    const login = await c.post('/auth/login', { email, password: PASSWORD, session: 'cookie' });
    expectOk(login);
    c.csrf = login.body.csrfToken ?? null;
    return { c, email, login };
  }

  it('a browser log-in sets an httpOnly session cookie and returns a CSRF token, not a bearer token', async () => {
    const { c, email, login } = await browserSession();
    expect(login.body.csrfToken).toEqual(expect.any(String));
    expect(login.body.token).toBeUndefined();
    const cookie = login.headers.getSetCookie().find((h) => h.startsWith('fm_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/auth/me');
    expectOk(me);
    expect(me.body.user.email).toBe(email);
  });

  it('a write with the session cookie but without the CSRF token is refused, and does nothing; with it, it works', async () => {
    const { c, login } = await browserSession();
    const labels = async () => (await c.get('/auth/tokens')).body.tokens.map((t) => t.label);
    const before = await labels();
    c.csrf = null;
    expectError(await c.post('/auth/tokens', { label: 'forged by another site' }), 403);
    expectError(await c.post('/auth/tokens', { label: 'forged by another site' }, { 'x-csrf-token': 'not-the-token' }), 403);
    // Another session's token does not fit this session.
    const other = await browserSession();
    expectError(await c.post('/auth/tokens', { label: 'borrowed token' }, { 'x-csrf-token': other.login.body.csrfToken! }), 403);
    expect(await labels()).toEqual(before);

    c.csrf = login.body.csrfToken ?? null;
    const ok = await c.post('/auth/tokens', { label: 'my phone' });
    expectOk(ok, 201);
    expect((await labels()).sort()).toEqual(['my phone', ...before].sort());
    // A fresh CSRF token for the same session works as well.
    const fresh = await c.get('/auth/csrf');
    expectOk(fresh);
    expectOk(await c.post('/auth/tokens', { label: 'my tablet' }, { 'x-csrf-token': fresh.body.csrfToken }), 201);
  });

  it('log-out ends the browser session: the same cookie is refused afterwards', async () => {
    const { c } = await browserSession();
    const sessionCookie = c.cookies.get('fm_session')!;
    expect(sessionCookie).toBeTruthy();
    expectOk(await c.post('/auth/logout'), 204);
    expect(c.cookies.has('fm_session')).toBe(false);
    expectError(await c.get('/auth/me'), 401, 'UNAUTHENTICATED');
    // Someone who kept a copy of the cookie gets nowhere either.
    const replay = new Client(s.url);
    replay.cookies.set('fm_session', sessionCookie);
    expectError(await replay.get('/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('bearer tokens: issue one for a device, list it, use it without CSRF, revoke it (then 401)', async () => {
    const owner = await signup(s.url);
    const issued = await owner.post('/auth/tokens', { label: 'Living-room TV' });
    expectOk(issued, 201);
    expect(issued.body.token).toMatch(/^fm_/);

    const tv = new Client(s.url);
    tv.token = issued.body.token;
    expect((await tv.get('/auth/me')).body.user.id).toBe(owner.userId);
    // Bearer writes need no CSRF token.
    expectOk(await tv.post('/auth/tokens', { label: 'made from the TV' }), 201);

    const listed = (await owner.get('/auth/tokens')).body.tokens;
    expect(listed.map((t) => t.label).sort()).toEqual(['Living-room TV', 'made from the TV', null].sort());
    expect(JSON.stringify(listed)).not.toContain(issued.body.token);

    // Another user can neither see nor revoke it.
    const stranger = await signup(s.url);
    expect((await stranger.get('/auth/tokens')).body.tokens.map((t) => t.id)).not.toContain(issued.body.tokenId);
    expectError(await stranger.del(`/auth/tokens/${issued.body.tokenId}`), 404, 'NOT_FOUND');
    expectOk(await tv.get('/auth/me'));

    expectOk(await owner.del(`/auth/tokens/${issued.body.tokenId}`), 204);
    expectError(await tv.get('/auth/me'), 401, 'UNAUTHENTICATED');
    expect((await owner.get('/auth/tokens')).body.tokens.map((t) => t.id)).not.toContain(issued.body.tokenId);
    expectError(await owner.del(`/auth/tokens/${issued.body.tokenId}`), 404, 'NOT_FOUND');
    // The owner's own session is untouched.
    expectOk(await owner.get('/auth/me'));
  });

  it('logging out with a bearer token revokes that token only', async () => {
    const owner = await signup(s.url);
    const second = new Client(s.url);
    second.token = (await owner.post('/auth/tokens', { label: 'second device' })).body.token;
    expectOk(await second.post('/auth/logout'), 204);
    expectError(await second.get('/auth/me'), 401, 'UNAUTHENTICATED');
    expectOk(await owner.get('/auth/me'));
  });

  it('a browser session cookie is not a bearer token', async () => {
    const { c } = await browserSession();
    const asBearer = new Client(s.url);
    asBearer.token = c.cookies.get('fm_session')!;
    expectError(await asBearer.get('/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('a wrong password or an unknown e-mail is 401 INVALID_CREDENTIALS, the same answer for both', async () => {
    const email = newEmail();
    expectOk(await signupAs(s.url, email, { name: 'Careful User' }), 201);
    const wrong = await new Client(s.url).post('/auth/login', { email, password: 'password-124', session: 'token' });
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    const unknown = await new Client(s.url).post('/auth/login', { email: newEmail(), password: PASSWORD, session: 'token' });
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
    // The right password still works, whatever the letter case of the e-mail.
    expectOk(await new Client(s.url).post('/auth/login', { email: email.toUpperCase(), password: PASSWORD, session: 'token' }));
  });

  it('signing up with an address that has an account answers exactly as for a new one; its owner gets a note, not a code, and keeps the password', async () => {
    const email = newEmail();
    expectOk(await signupAs(s.url, email, { name: 'First' }), 201);
    const since = Date.now();
    const again = await new Client(s.url).post('/auth/signup', { email: email.toUpperCase(), password: 'Another harbor lantern 7', name: 'Second' });
    const fresh = await new Client(s.url).post('/auth/signup', { email: newEmail(), password: 'Another harbor lantern 7', name: 'Second' });
    expectOk(again, 202);
    expectOk(fresh, 202);
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(again.body.status).toBe(fresh.body.status);
    const note = await waitForMail(email, (m) => m.at >= since);
    expect(note.text).toMatch(/already have an account/);
    expect(note.text).not.toMatch(/\d{6}/);
    // No code can take the address over: every guess is the answer a wrong code gets.
    for (const code of ['000000', '123456']) expectError(await new Client(s.url).post('/auth/signup/confirm', { email, code, session: 'token' }), 400, 'INVALID_CODE');
    expectError(await new Client(s.url).post('/auth/login', { email, password: 'Another harbor lantern 7', session: 'token' }), 401, 'INVALID_CREDENTIALS');
    expectOk(await new Client(s.url).post('/auth/login', { email, password: PASSWORD, session: 'token' }));
  });

  it('a sign-up code works once, for its address only, and dies after five wrong tries', async () => {
    const email = newEmail();
    const since = Date.now();
    expectOk(await new Client(s.url).post('/auth/signup', { email, password: PASSWORD, name: 'Coded' }), 202);
    const code = await signupCode(email, since);
    expectError(await new Client(s.url).post('/auth/signup/confirm', { email: newEmail(), code, session: 'token' }), 400, 'INVALID_CODE');
    expectOk(await new Client(s.url).post('/auth/signup/confirm', { email, code, session: 'token' }), 201);
    expectError(await new Client(s.url).post('/auth/signup/confirm', { email, code, session: 'token' }), 400, 'INVALID_CODE');

    const other = newEmail();
    const t2 = Date.now();
    expectOk(await new Client(s.url).post('/auth/signup', { email: other, password: PASSWORD, name: 'Guessed' }), 202);
    const right = await signupCode(other, t2);
    const bad = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expectError(await new Client(s.url).post('/auth/signup/confirm', { email: other, code: bad, session: 'token' }), 400, 'INVALID_CODE');
    expectError(await new Client(s.url).post('/auth/signup/confirm', { email: other, code: right, session: 'token' }), 400, 'INVALID_CODE');
    expect(await s.fm.ctx.db.selectFrom('users').select('id').where('email', '=', other).execute()).toEqual([]);
  });
});

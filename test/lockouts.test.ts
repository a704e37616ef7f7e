/**
 * Credential stuffing is visible: every lock the log-in throttle sets is logged (a warning
 * naming the address, the e-mail as a hash, the failures and the lock) and listed for the
 * admin (GET /admin/security/lockouts), with the account when the e-mail has one and the
 * addresses grouped — in scale-out, on any process.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { admin, Client, forEachEngine, signup, startServer, type TestServer } from './harness.js';
import { expectError, expectOk } from './helpers/api.js';
import { stringMatching } from './helpers/match.js';

forEachEngine('log-in lockouts', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { loginThrottle: { failuresBeforeLock: 3, lockBaseMs: 60_000, lockMaxMs: 600_000, failureWindowMs: 600_000, failuresPerIp: 6 } } });
  });
  afterAll(() => s.close());

  it('a locked e-mail and a refused address are logged and listed for the admin, by address, with the account when the e-mail has one', async () => {
    // Signed in before the address is refused (every test client is 127.0.0.1).
    const operator = await admin(s.url);
    const buyer = await signup(s.url, 'buyer');
    const email = (await buyer.get('/auth/me')).body.user.email;
    const warn = vi.spyOn(s.fm.ctx.log, 'warn');
    const anon = new Client(s.url);
    const fail = (e: string) => anon.post('/auth/login', { email: e, password: 'Wrong-Password-123', session: 'token' });
    const unknown = `nobody-${Date.now()}@test.local`;
    // 3 wrong passwords lock the known e-mail; 3 on an unknown one lock it too and make 6 from this address.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fail(email)).status);
    for (let i = 0; i < 3; i++) statuses.push((await fail(unknown)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expectError(await fail(`third-${Date.now()}@test.local`), 429, 'RATE_LIMITED');

    const lines = warn.mock.calls.map(([obj, msg]) => ({ obj: obj as Record<string, unknown>, msg }));
    const locked = lines.filter((l) => l.msg === 'log-in locked after repeated failures');
    expect(locked).toHaveLength(2);
    for (const l of locked) expect(l.obj).toMatchObject({ account: stringMatching(/^login:acct:/), ip: '127.0.0.1', failures: 3, lockMs: 60_000 });
    // The e-mail itself is never in the log.
    expect(JSON.stringify(lines)).not.toContain(email);
    expect(lines.filter((l) => l.msg === 'log-in refused for an address after repeated failures').map((l) => l.obj)).toEqual([{ ip: '127.0.0.1', failures: 6, lockMs: 600_000 }]);
    warn.mockRestore();

    // The admin sees them on any process (in scale-out, another one).
    const viewer = s.variant === 'scale' ? Object.assign(new Client((await s.peer()).url), { token: operator.token }) : operator;
    const r = await viewer.get('/admin/security/lockouts');
    expectOk(r);
    const byWhat = Object.fromEntries(r.body.lockouts.map((l) => [l.scope === 'address' ? 'address' : l.email ?? 'unknown', l]));
    expect(Object.keys(byWhat).sort()).toEqual(['address', email, 'unknown'].sort());
    expect(byWhat[email]).toMatchObject({ scope: 'account', ip: '127.0.0.1', failures: 3, lockMs: 60_000, account: locked[0]!.obj.account });
    expect(byWhat.unknown).toMatchObject({ scope: 'account', email: null, ip: '127.0.0.1', failures: 3, account: locked[1]!.obj.account });
    expect(byWhat.address).toMatchObject({ scope: 'address', account: null, email: null, ip: '127.0.0.1', failures: 6, lockMs: 600_000 });
    const ats = r.body.lockouts.map((l) => l.at);
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    expect(r.body.sources).toEqual([{ ip: '127.0.0.1', lockouts: 3, accounts: 2, addressLocked: true, lastAt: ats[0] }]);
  });

  it('only the admin sees lockouts; a bad period is a 400 with a code', async () => {
    // This address is refused log-ins by the previous test: tokens are made straight in the database.
    const { openSession } = await import('../src/accounts/service.js');
    const tokenOf = async (role: 'admin' | 'buyer') => {
      const row = await s.fm.ctx.db.selectFrom('users').select('id').where('role', '=', role).executeTakeFirstOrThrow();
      return Object.assign(new Client(s.url), { token: (await openSession(s.fm.ctx, row.id, 'bearer', 'test')).token });
    };
    const c = await tokenOf('admin');
    const asBuyer = await tokenOf('buyer');
    expectError(await asBuyer.get('/admin/security/lockouts'), 403);
    expectError(await new Client(s.url).get('/admin/security/lockouts'), 401);
    expectError(await c.get('/admin/security/lockouts?hours=0'), 400);
    expectError(await c.get('/admin/security/lockouts?hours=soon'), 400);
    expectError(await c.get('/admin/security/lockouts?limit=100000'), 400);
    const r = await c.get('/admin/security/lockouts?hours=1&limit=1');
    expectOk(r);
    expect(r.body.lockouts).toHaveLength(1);
  });
});

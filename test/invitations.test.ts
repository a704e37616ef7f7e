/**
 * Inviting a store member reveals nothing about the address (issue 14, item 2): an e-mail that
 * has an account, one that has none, and one already a member of the store get the same
 * answer — status, headers, body shape and values but the address itself — and the same
 * mail; the store's member list does not change until the invitee accepts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine, signup, startServer, type Res, type TestServer } from './harness.js';
import { waitForMail } from './helpers/mail.js';
import { anyNumber } from './helpers/match.js';

/** The parts of an answer that may differ between two invitations: the address and the expiry time. */
function shape(r: Res) {
  const headers = [...r.headers.keys()].filter((h) => !['date', 'x-request-id'].includes(h)).sort();
  const { email: _email, expiresAt, ...rest } = r.body as Record<string, unknown>;
  return { status: r.status, headers, contentType: r.headers.get('content-type'), keys: Object.keys(r.body as object).sort(), rest, expiresAtIsNumber: typeof expiresAt === 'number' };
}

forEachEngine('store invitations', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(() => s.close());

  it('an e-mail with an account, one without, and a member already get the same answer and the same mail', async () => {
    const owner = await signup(s.url, 'seller');
    const store = (await owner.post('/stores', { name: `Store ${randomBytes(3).toString('hex')}`, kind: 'marketplace' })).body;
    const known = (await (await signup(s.url, 'buyer')).get('/auth/me')).body.user.email;
    const unknown = `nobody-${randomBytes(6).toString('hex')}@test.local`;
    const member = (await owner.get('/auth/me')).body.user.email;
    const before = (await owner.get(`/stores/${store.id}/members`)).body.members;

    const answers = { known: await owner.post(`/stores/${store.id}/members`, { email: known, role: 'staff' }), unknown: await owner.post(`/stores/${store.id}/members`, { email: unknown, role: 'staff' }), member: await owner.post(`/stores/${store.id}/members`, { email: member, role: 'staff' }) };
    expect(answers.known.status, JSON.stringify(answers.known.body)).toBe(202);
    expect(answers.known.body).toEqual({ invited: true, email: known, role: 'staff', expiresAt: anyNumber });
    expect(answers.unknown.body).toEqual({ invited: true, email: unknown, role: 'staff', expiresAt: anyNumber });
    expect(shape(answers.unknown)).toEqual(shape(answers.known));
    expect(shape(answers.member)).toEqual(shape(answers.known));
    // Made moments apart, with the same lifetime: the expiry reveals nothing either.
    expect(Math.abs(answers.unknown.body.expiresAt - answers.known.body.expiresAt)).toBeLessThan(5000);

    // Each address gets the same invitation mail, whoever owns it.
    const mails = await Promise.all([known, unknown, member].map((a) => waitForMail(a, (m) => /invites you/.test(m.text ?? ''))));
    const template = (m: (typeof mails)[number], address: string) => ({ subject: m.subject, text: (m.text ?? '').replace(/inv_[A-Za-z0-9_-]{32}/g, 'TOKEN').replaceAll(address, 'ADDRESS') });
    expect(template(mails[1]!, unknown)).toEqual(template(mails[0]!, known));
    expect(template(mails[2]!, member)).toEqual(template(mails[0]!, known));

    // Nobody joined yet: the invitations are waiting for their addresses to accept.
    expect((await owner.get(`/stores/${store.id}/members`)).body.members).toEqual(before);
  });
});

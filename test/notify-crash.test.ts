/**
 * A notification is neither lost nor sent twice when the process is killed (-9) between the
 * commit of the change that caused it and the send: a real server process (SQLite, PostgreSQL)
 * kills itself at the boundary — after the registration (and its event) committed, before the
 * event is handed to the mail outbox; or after the mail was committed to the outbox, before the
 * SMTP send — and once it is started again exactly one mail arrives at the SMTP server (at once
 * in the first case; in the second once the outbox's claim on the mail lapses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Client, ENGINES, sellerWithProduct, signupAs, TEST_PASSWORD } from './harness.js';
import { mailsTo, SMTP_URL, waitForMail } from './helpers/mail.js';
import { freePort, ServerData, ServerProcess } from './helpers/server-process.js';
import { sleep } from './helpers/launch.js';

const REAL = ENGINES.filter((e): e is 'sqlite' | 'postgres' => e === 'sqlite' || e === 'postgres');
const POINTS = ['notify.before_handoff', 'mail.before_send'] as const;

for (const engine of REAL) {
  describe(`notifications survive kill -9 between commit and send [${engine}, real server process]`, () => {
    const data = new ServerData(engine);
    let server: ServerProcess;
    beforeAll(async () => {
      await data.init();
      server = new ServerProcess(data, await freePort());
    });
    afterAll(async () => {
      await server?.kill9();
      await data.destroy();
    });

    it.each(POINTS)('killed at %s: after the restart the mail arrives exactly once', async (point) => {
      await server.start({ SMTP_URL });
      const base = server.url;
      const { seller, store, product } = await sellerWithProduct(base, { stock: 50 });
      const launch = await seller.post(`/stores/${store.id}/launches`, { title: `Crash launch ${point}`, startsAt: Date.now() + 3600_000, endsAt: Date.now() + 7200_000, items: [{ skuId: product.skus[0]!.id, allotment: 5, launchPriceMinor: 999_00 }] });
      expect(launch.status).toBe(201);
      const email = `crash-${randomBytes(4).toString('hex')}@test.local`;
      const r = await signupAs(base, email, { password: TEST_PASSWORD });
      expect(r.status).toBe(201);
      const buyer = new Client(base);
      buyer.token = r.body.token ?? null;
      // Now a server that dies at the boundary: every mail before this one has been sent.
      await server.kill9();
      await server.start({ SMTP_URL, CRASH_POINTS: point });
      const answer = await buyer.post(`/launches/${launch.body.id}/registrations`).then(
        (x) => x.status,
        () => 'no answer' as const,
      );
      // The registration was durable before it was answered; the process dies right after, on its way to the send.
      expect([200, 'no answer']).toContain(answer);
      await server.gone();
      expect(mailsTo(email).filter((m) => m.subject.startsWith("You're registered"))).toHaveLength(0);

      await server.start({ SMTP_URL });
      expect((await buyer.get(`/launches/${launch.body.id}`)).body.registered).toBe(true);
      // A mail the outbox had claimed when the process died is tried again once its claim lapses (60 s).
      await waitForMail(email, (m) => m.subject === `You're registered: Crash launch ${point}`, point === 'mail.before_send' ? 80_000 : 20_000);
      await sleep(1500); // a few sweeps more: nothing else comes
      expect(mailsTo(email).filter((m) => m.subject.startsWith("You're registered"))).toHaveLength(1);
      const inbox = (await buyer.get('/notifications')).body;
      expect(inbox.items.filter((i: { kind: string }) => i.kind === 'registration_confirmed')).toHaveLength(1);
      await server.kill9();
    });
  });
}

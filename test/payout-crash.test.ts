/**
 * A payout batch survives SIGKILL. The real server runs as a child process; an operator's
 * batch pays a dozen stores while the server is killed — at crash points (the ninth store's
 * payout about to commit; then, resumed by the sweep, the fourth payout accepted by the
 * provider but not yet recorded as sent) and at random moments — and restarted on the same data. Afterwards every payout
 * is paid or failed (failed ones returned their money), the provider paid each payout at most
 * once and exactly the ones Flashmall recorded as paid, no store got more than it earned, and
 * the ledger balances with the provider's books.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, ENGINES, eventually, sellerWithProduct, signup, ADDRESS } from './harness.js';
import { expectOk } from './helpers/api.js';
import { freePort, ServerData, ServerProcess } from './helpers/server-process.js';
import { expectBooksBalance } from './helpers/money.js';
import { accounts, balanceOf } from '../src/money/ledger.js';

const STORES = 12;
const PRICE = 1000_00;
const NET = PRICE - 5000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const REAL = ENGINES.filter((e): e is 'sqlite' | 'postgres' => e === 'sqlite' || e === 'postgres');

for (const engine of REAL) {
  describe(`payout batches survive SIGKILL [${engine}, real server process]`, () => {
    const data = new ServerData(engine);
    let server: ServerProcess;
    const env = { RETURN_WINDOW_MS: '0', PAYOUT_MINIMUM_MINOR: '1', SANDBOX_PAYOUT_FAILURE_RATE: '0.25' };
    beforeAll(async () => {
      await data.init();
      server = new ServerProcess(data, await freePort());
    });
    afterAll(async () => {
      await server?.kill9();
      await data.destroy();
    });

    it('killed mid-batch at crash points and at random: nothing lost, nothing paid twice', async () => {
      // The sweep leaves this batch's payouts to the batch (as the default grace does; the test
      // processes otherwise resume at once), so the crash finds eight recorded and none sent.
      await server.start({ ...env, CRASH_POINTS: 'payout.before_commit@9', MONEY_RESUME_GRACE_MS: '600000' });
      const base = server.url;
      // Twelve stores, each with one delivered sale: 950.00 payable each.
      const stores: Array<{ id: string; seller: Client }> = [];
      const buyer = await signup(base);
      for (let i = 0; i < STORES; i++) {
        const { seller, store, product } = await sellerWithProduct(base, { stock: 5, priceMinor: PRICE });
        expectOk(await buyer.put(`/cart/items/${product.skus[0]!.id}`, { quantity: 1 }));
        const co = await buyer.post('/checkout', { address: ADDRESS });
        const orderId = co.body.orders[0]!.id;
        const pay = await buyer.post('/payments', { orderIds: [orderId] });
        expectOk(await new Client(base).req('POST', `${pay.body.payUrl}/approve`, undefined, { accept: 'application/json' }));
        await eventually(async () => (await buyer.get(`/orders/${orderId}`)).body.status === 'paid', 15_000, 'paid');
        expectOk(await seller.post(`/orders/${orderId}/ship`, { carrier: 'SF', trackingNumber: 'SF00000001' }));
        expectOk(await seller.post(`/orders/${orderId}/deliver`));
        stores.push({ id: store.id, seller });
      }
      const login = async () => {
        const op = new Client(base);
        const r = await op.post('/auth/login', { email: 'admin@flashmall.local', password: 'admin-password-1', session: 'token' });
        op.token = r.body.token ?? null;
        return op;
      };

      // 1: the batch dies as the ninth store's payout is about to commit (eight are recorded, none sent).
      let op = await login();
      expect(await op.post('/admin/payouts/batches', {}).then((r) => r.status, () => 'no answer')).toBe('no answer');
      await server.gone();
      expect(await data.open().selectFrom('payouts').select('status').execute()).toEqual(Array.from({ length: 8 }, () => ({ status: 'requested' })));

      // 2: restarted, the sweep sends the eight; the server dies when the provider has accepted the fourth.
      // (The sweep may kill it before it has answered its first health check.)
      await server.start({ ...env, CRASH_POINTS: 'payout.after_provider@4' }).catch(() => {});
      await server.gone();
      const afterTwo = await data.open().selectFrom('payouts').select('status').execute();
      expect(afterTwo.filter((p) => p.status === 'requested').length).toBeGreaterThanOrEqual(5);

      // 3: killed at random moments while a batch and the sweep run, three times.
      for (let round = 0; round < 3; round++) {
        await server.start(env);
        op = await login();
        const batch = op.post('/admin/payouts/batches', {}).catch(() => null);
        await sleep(Math.floor(Math.random() * 250));
        await server.kill9();
        await batch;
      }

      // 4: a clean start; failed payouts' money is back, so batches pay them again until every store is paid.
      await server.start(env);
      op = await login();
      const settled = async () => {
        const all = (await op.get('/admin/payouts?limit=100')).body.payouts as Array<{ status: string }>;
        return all.length > 0 && all.every((p) => p.status === 'paid' || p.status === 'failed');
      };
      for (let i = 0; i < 12; i++) {
        // A webhook delivery the gateway had claimed when it was killed is retried once its 30 s claim lapses.
        await eventually(settled, 45_000, 'every payout paid or failed');
        const left = await Promise.all(stores.map(async (st) => (await st.seller.get(`/stores/${st.id}/balance`)).body.balances[0]?.availableMinor ?? 0));
        if (left.every((x) => x === 0)) break;
        expectOk(await op.post('/admin/payouts/batches', {}), 201);
      }
      await eventually(settled, 45_000, 'every payout paid or failed');

      const db = data.open();
      const payouts = await db.selectFrom('payouts').selectAll().execute();
      const sandbox = await db.selectFrom('sandbox_payouts').selectAll().execute();
      // The provider made each payout at most once, and paid exactly the ones recorded as paid.
      expect(new Set(sandbox.map((p) => p.merchant_reference)).size).toBe(sandbox.length);
      const bySandbox = new Map(sandbox.map((p) => [p.merchant_reference, p]));
      for (const p of payouts) {
        expect(['paid', 'failed']).toContain(p.status);
        const g = bySandbox.get(p.id);
        if (p.status === 'paid') expect(g?.status).toBe('paid');
        // A failed one was refused by the bank (or never reached the provider at all).
        else expect(g === undefined || g.status === 'failed').toBe(true);
      }
      for (const st of stores) {
        const paid = payouts.filter((p) => p.store_id === st.id && p.status === 'paid').reduce((n, p) => n + Number(p.amount_minor), 0);
        const balance = (await st.seller.get(`/stores/${st.id}/balance`)).body.balances[0];
        // Nothing lost, nothing twice: what was paid plus what is left is exactly what the store earned.
        expect(paid + balance!.balanceMinor).toBe(NET);
        expect(paid).toBe(NET);
        const gatewayPaid = sandbox.filter((g) => g.destination === st.id && g.status === 'paid').reduce((n, g) => n + Number(g.amount_minor), 0);
        expect(gatewayPaid).toBe(NET);
      }
      expect(await balanceOf(db, accounts.inTransit('CNY'))).toBe(0);
      await expectBooksBalance(db);
      expect(payouts.length).toBeGreaterThanOrEqual(STORES);
      await server.kill9();
    }, 240_000);
  });
}

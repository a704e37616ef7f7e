/**
 * The ledger never lies: fast-check drives random histories through the API — orders of two
 * stores (a marketplace shop and a flagship store, phones and audio at different rates), left
 * unpaid and cancelled or paid, shipped and delivered, refunded in random parts, time moving
 * past return windows, payouts that the sandbox pays or refuses — and after every history the
 * balances (total, payable, pending), the statements, the operator's view and the platform's
 * revenue are compared with a brute-force recount of what happened, and the books with the
 * provider's.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/shared/clock.js';
import { admin, forEachEngine, sellerWithProduct, signup, startServer, type Client, type TestServer, errorOf } from './harness.js';
import { approveOnPayPage, expectOk, placeOrder, webhooksSettled } from './helpers/api.js';
import { deliver, expectBooksBalance, payoutsSettled } from './helpers/money.js';

const DAY = 86_400_000;
const WINDOW = 3 * DAY;
const RUNS = 8;

interface ModelOrder {
  id: string;
  store: number;
  amount: number;
  commission: number;
  status: 'pending_payment' | 'paid' | 'delivered' | 'refunded' | 'cancelled';
  refunded: number;
  back: number;
  deliveredAt: number | null;
}

interface ModelStore {
  id: string;
  seller: Client;
  skus: Array<{ id: string; price: number; bps: number }>;
  payouts: Array<{ id: string; amount: number; failed: boolean }>;
}

type Op =
  | { kind: 'order'; store: number; sku: number; qty: number; pay: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'deliver'; pick: number }
  | { kind: 'refund'; pick: number; quarters: number }
  | { kind: 'advance'; days: number }
  | { kind: 'payout'; store: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('order' as const), store: fc.nat(1), sku: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }), pay: fc.integer({ min: 0, max: 4 }).map((n) => n > 0) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(20), quarters: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payout' as const), store: fc.nat(1) }) },
);

/** A published product of one SKU with plenty of stock; returns the SKU id. */
async function product(seller: Client, storeId: string, title: string, priceMinor: number, category: string): Promise<string> {
  const p = await seller.post(`/stores/${storeId}/products`, { title, priceMinor, category });
  expectOk(p, 201);
  expectOk(await seller.patch(`/skus/${p.body.skus[0]!.id}`, { stock: 10_000 }));
  expectOk(await seller.post(`/products/${p.body.id}/publish`));
  return p.body.skus[0]!.id;
}

const commissionOf = (amount: number, bps: number) => Math.floor((amount * bps + 5000) / 10000);
const backAfter = (o: ModelOrder, refunded: number) => Number((2n * BigInt(o.commission) * BigInt(refunded) + BigInt(o.amount)) / (2n * BigInt(o.amount)));

forEachEngine('money: random histories against a brute-force recount', (engine) => {
  let s: TestServer;
  let clock: ManualClock;
  let op0: Client;
  let buyer: Client;
  const stores: ModelStore[] = [];
  const orders: ModelOrder[] = [];
  let start = 0;

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    start = clock.now();
    s = await startServer(engine, { clock, config: { returnWindowMs: WINDOW, payoutMinimumMinor: 1, sandboxPayoutDelayMs: 0, sessionTtlMs: 3650 * DAY } });
    s.fm.gateway.setPayoutFailureRate(0.3);
    op0 = await admin(s.url);
    expectOk(await op0.post('/admin/commission-rules', { category: 'audio', rateBps: 800 }), 201);
    buyer = await signup(s.url);
    // A marketplace shop: phones at 5 %, audio at 8 % (the category rule).
    const m = await sellerWithProduct(s.url, { stock: 10_000, priceMinor: 1999_99 });
    expectOk(await m.seller.patch(`/products/${m.product.id}`, { category: 'phones' }));
    const mBuds = await product(m.seller, m.store.id, 'Buds', 199_37, 'audio');
    stores.push({ id: m.store.id, seller: m.seller, skus: [{ id: m.product.skus[0]!.id, price: 1999_99, bps: 500 }, { id: mBuds, price: 199_37, bps: 800 }], payouts: [] });
    // A flagship store: phones at 3 %, audio at 8 %.
    const fSeller = await signup(s.url, 'seller');
    const f = await fSeller.post('/stores', { name: 'Flagship', kind: 'flagship' });
    expectOk(f, 201);
    const fPhone = await product(fSeller, f.body.id, 'Flagship Phone', 4999_01, 'phones');
    const fBuds = await product(fSeller, f.body.id, 'Flagship Buds', 299_11, 'audio');
    stores.push({ id: f.body.id, seller: fSeller, skus: [{ id: fPhone, price: 4999_01, bps: 300 }, { id: fBuds, price: 299_11, bps: 800 }], payouts: [] });
  });
  afterAll(() => s.close());

  const modelBalance = (i: number, now: number) => {
    let balance = 0;
    let available = 0;
    for (const o of orders.filter((x) => x.store === i && x.status !== 'pending_payment' && x.status !== 'cancelled')) {
      const net = o.amount - o.commission - o.refunded + o.back;
      balance += net;
      if (o.deliveredAt !== null && o.deliveredAt + WINDOW <= now) available += net;
    }
    for (const p of stores[i]!.payouts) {
      const d = p.failed ? 0 : -p.amount;
      balance += d;
      available += d;
    }
    return { balance, available, pending: balance - available };
  };

  async function apply(o: Op): Promise<void> {
    if (o.kind === 'order') {
      const st = stores[o.store]!;
      const sku = st.skus[o.sku]!;
      const placed = await placeOrder(buyer, sku.id, o.qty);
      const amount = sku.price * o.qty;
      const m: ModelOrder = { id: placed.id, store: o.store, amount, commission: commissionOf(amount, sku.bps), status: 'pending_payment', refunded: 0, back: 0, deliveredAt: null };
      orders.push(m);
      if (o.pay) {
        const pay = await buyer.post('/payments', { orderIds: [m.id] });
        expectOk(pay, 201);
        await approveOnPayPage(s, pay.body.payUrl);
        await webhooksSettled(s);
        m.status = 'paid';
      }
    } else if (o.kind === 'cancel') {
      const open = orders.filter((x) => x.status === 'pending_payment');
      const m = open[o.pick % Math.max(1, open.length)];
      if (!m) return;
      expectOk(await buyer.post(`/orders/${m.id}/cancel`, {}));
      m.status = 'cancelled';
    } else if (o.kind === 'deliver') {
      const open = orders.filter((x) => x.status === 'paid');
      const m = open[o.pick % Math.max(1, open.length)];
      if (!m) return;
      await deliver(stores[m.store]!.seller, m.id);
      m.status = 'delivered';
      m.deliveredAt = clock.now();
    } else if (o.kind === 'refund') {
      const open = orders.filter((x) => (x.status === 'paid' || x.status === 'delivered') && x.refunded < x.amount);
      const m = open[o.pick % Math.max(1, open.length)];
      if (!m) return;
      const left = m.amount - m.refunded;
      const amount = o.quarters === 4 ? left : Math.max(1, Math.floor((left * o.quarters) / 4));
      expectOk(await buyer.post(`/orders/${m.id}/refund-request`, { reason: 'random' }));
      expectOk(await stores[m.store]!.seller.post(`/orders/${m.id}/refund/approve`, amount === left ? {} : { amountMinor: amount }));
      await webhooksSettled(s);
      m.refunded += amount;
      m.back = backAfter(m, m.refunded);
      if (m.refunded === m.amount) m.status = 'refunded';
    } else if (o.kind === 'advance') {
      clock.advance(o.days * DAY);
    } else {
      const st = stores[o.store]!;
      const expected = modelBalance(o.store, clock.now()).available;
      const r = await st.seller.post(`/stores/${st.id}/payouts`, {});
      if (expected >= 1) {
        expectOk(r, 201);
        expect(r.body.amountMinor).toBe(expected);
        await payoutsSettled(s);
        const status = (await st.seller.get(`/stores/${st.id}/payouts`)).body.payouts.find((p) => p.id === r.body.id)!.status;
        expect(['paid', 'failed']).toContain(status);
        st.payouts.push({ id: r.body.id, amount: expected, failed: status === 'failed' });
      } else {
        expect(r.status).toBe(409);
        expect(errorOf(r).code).toBe('NOTHING_TO_PAY_OUT');
      }
    }
  }

  it(`${RUNS} random histories: balances, statements, the operator's view and revenue equal the recount`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        const now = clock.now();
        const ov = (await op0.get(`/admin/money/overview?from=${start - DAY}&to=${now + 1}`)).body;
        let revenue = 0;
        for (let i = 0; i < stores.length; i++) {
          const st = stores[i]!;
          const want = modelBalance(i, now);
          const b = (await st.seller.get(`/stores/${st.id}/balance`)).body.balances.find((x) => x.currency === 'CNY') ?? { balanceMinor: 0, availableMinor: 0, pendingMinor: 0 };
          expect({ store: i, balance: b.balanceMinor, available: b.availableMinor, pending: b.pendingMinor }).toEqual({ store: i, balance: want.balance, available: want.available, pending: want.pending });
          const mine = orders.filter((o) => o.store === i && o.status !== 'pending_payment' && o.status !== 'cancelled');
          const totals = {
            salesMinor: mine.reduce((n, o) => n + o.amount, 0),
            salesCount: mine.length,
            commissionMinor: mine.reduce((n, o) => n + o.commission, 0),
            refundsMinor: mine.reduce((n, o) => n + o.refunded, 0),
            commissionRefundedMinor: mine.reduce((n, o) => n + o.back, 0),
            payoutsMinor: st.payouts.reduce((n, p) => n + p.amount, 0),
            payoutsReturnedMinor: st.payouts.filter((p) => p.failed).reduce((n, p) => n + p.amount, 0),
          };
          const statement = (await st.seller.get(`/stores/${st.id}/statement?from=${start - DAY}&to=${now + 1}`)).body;
          expect(statement.totals).toMatchObject(totals);
          expect(statement.closingBalanceMinor).toBe(want.balance);
          expect(ov.stores.find((r) => r.storeId === st.id) ?? { closingBalanceMinor: 0, availableMinor: 0 }).toMatchObject({ closingBalanceMinor: want.balance, availableMinor: want.available });
          revenue += totals.commissionMinor - totals.commissionRefundedMinor;
        }
        expect(ov.platform.revenueMinor).toBe(revenue);
        await expectBooksBalance(s.fm.ctx.db);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(orders.some((o) => o.refunded > 0 && o.refunded < o.amount)).toBe(true);
  });
});

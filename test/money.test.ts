/**
 * The marketplace's money, end to end over the API on every engine: commission by store kind,
 * category and launch (quoted before scheduling, never rewritten), a paid order's posting and
 * its pro-rata reversal on partial refunds, the return window before money is payable,
 * payouts through the sandbox (a failed one returns the money), a negative balance carried
 * forward, and statements, the operator's view and the ledger that agree to the fen — also
 * after a launch's sale and ordinary orders with refunds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/shared/clock.js';
import { admin, Client, forEachEngine, sellerWithProduct, signup, startServer, type TestServer, textOf } from './harness.js';
import { addMember, approveOnPayPage, expectError, expectOk, webhooksSettled } from './helpers/api.js';
import { buildWorld, type World } from './helpers/world.js';
import { deliver, expectBooksBalance, paidOrder, payoutsSettled, refund } from './helpers/money.js';
import { anything } from './helpers/match.js';

const DAY = 86_400_000;
const WINDOW = 7 * DAY;
/** The sandbox settles a payout this long after it is made (by the test's clock): a sent payout is still in transit until the test moves the clock on. */
const PAYOUT_DELAY = 60_000;

forEachEngine('marketplace money', (engine) => {
  let s: TestServer;
  let clock: ManualClock;
  let op: Client;
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    s = await startServer(engine, { clock, config: { returnWindowMs: WINDOW, payoutMinimumMinor: 100, sandboxPayoutDelayMs: PAYOUT_DELAY, sessionTtlMs: 3650 * DAY } });
    op = await admin(s.url);
  });
  afterAll(() => s.close());

  const statement = async (c: Client, storeId: string, from = clock.now() - 60 * DAY, to = clock.now() + 1) => {
    const r = await c.get(`/stores/${storeId}/statement?from=${from}&to=${to}`);
    expectOk(r);
    return r.body;
  };
  const balance = async (c: Client, storeId: string) => {
    const r = await c.get(`/stores/${storeId}/balance`);
    expectOk(r);
    return r.body.balances.find((b) => b.currency === 'CNY') ?? { balanceMinor: 0, availableMinor: 0, pendingMinor: 0 };
  };

  it('commission by store kind and category, quoted ahead; a paid order posts its sale and commission; partial refunds give commission back pro rata, to the fen', async () => {
    expectOk(await op.post('/admin/commission-rules', { category: 'audio', rateBps: 800, note: 'audio' }), 201);
    const { seller, store, product: phone } = await sellerWithProduct(s.url, { stock: 10, priceMinor: 1000_00, title: 'Phone' });
    expectOk(await seller.patch(`/products/${phone.id}`, { category: 'phones' }));
    const buds = (await seller.post(`/stores/${store.id}/products`, { title: 'Buds', priceMinor: 199_00, category: 'audio' })).body;
    expectOk(await seller.patch(`/skus/${buds.skus[0]!.id}`, { stock: 10 }));
    expectOk(await seller.post(`/products/${buds.id}/publish`));
    const phoneSku = phone.skus[0]!.id;
    const budsSku = buds.skus[0]!.id;

    // What the seller sees before scheduling a launch: 5 % on phones (marketplace), 8 % on audio; a change announced for later.
    expectOk(await op.post('/admin/commission-rules', { storeKind: 'marketplace', rateBps: 450, effectiveFrom: clock.now() + 10 * DAY }), 201);
    const q = await seller.get(`/stores/${store.id}/commission?skuIds=${phoneSku},${budsSku}&priceMinor=99900`);
    expectOk(q);
    expect(q.body.storeKind).toBe('marketplace');
    expect(q.body.items).toEqual([
      expect.objectContaining({ skuId: phoneSku, category: 'phones', rateBps: 500, commissionPerUnitMinor: 4995, upcoming: [{ rateBps: 450, effectiveFrom: clock.now() + 10 * DAY }] }),
      expect.objectContaining({ skuId: budsSku, category: 'audio', rateBps: 800, commissionPerUnitMinor: 7992, upcoming: [] }),
    ]);
    expectError(await seller.get(`/stores/${store.id}/commission?skuIds=${(await sellerWithProduct(s.url)).product.skus[0]!.id}`), 400, 'SKU_NOT_IN_STORE');
    // The past keeps its rates: a rule cannot start before now.
    expectError(await op.post('/admin/commission-rules', { storeKind: 'marketplace', rateBps: 100, effectiveFrom: clock.now() - 1 }), 409, 'EFFECTIVE_IN_PAST');

    // One order: two phones and one pair of buds.
    const buyer = await signup(s.url);
    expectOk(await buyer.put(`/cart/items/${phoneSku}`, { quantity: 2 }));
    expectOk(await buyer.put(`/cart/items/${budsSku}`, { quantity: 1 }));
    const co = await buyer.post('/checkout', { address: { recipient: 'Wang Fang', phone: '+86 139 0000 0000', country: 'CN', provinceCode: '330000', cityCode: '330100', districtCode: '330106', line1: '8 Wensan Road' } });
    expectOk(co, 201);
    const orderId = co.body.orders[0]!.id;
    const pay = await buyer.post('/payments', { orderIds: [orderId] });
    await approveOnPayPage(s, pay.body.payUrl);
    await webhooksSettled(s);
    const sale = 2 * 1000_00 + 199_00;
    const commission = 2 * 5000 + 1592;
    let st = await statement(seller, store.id);
    expect(st.totals).toMatchObject({ salesMinor: sale, salesCount: 1, commissionMinor: commission, refundsMinor: 0 });
    expect(st.closingBalanceMinor).toBe(sale - commission);
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: sale - commission, availableMinor: 0, pendingMinor: sale - commission });

    // Part of it back: 500.00 of 2199.00, so round(11592 × 500/2199) = 2636 of commission comes back.
    await refund(s, buyer, seller, orderId, 500_00);
    expect((await buyer.get(`/orders/${orderId}`)).body.status).toBe('paid');
    expect((await buyer.get(`/payments/${pay.body.id}`)).body).toMatchObject({ status: 'partially_refunded', refundedMinor: 500_00 });
    st = await statement(seller, store.id);
    expect(st.totals).toMatchObject({ refundsMinor: 500_00, commissionRefundedMinor: 2636 });
    // Refunding more than is left is refused; the rest is refunded in full, and all the commission is back.
    expectOk(await buyer.post(`/orders/${orderId}/refund-request`, { reason: 'the rest' }));
    expectError(await seller.post(`/orders/${orderId}/refund/approve`, { amountMinor: sale }), 409, 'REFUND_EXCEEDS_REMAINING');
    expectOk(await seller.post(`/orders/${orderId}/refund/approve`, {}));
    await webhooksSettled(s);
    expect((await buyer.get(`/orders/${orderId}`)).body.status).toBe('refunded');
    const refunds = (await buyer.get(`/orders/${orderId}/refunds`)).body.refunds;
    expect(refunds.map((r) => [r.amountMinor, r.status])).toEqual([
      [500_00, 'confirmed'],
      [sale - 500_00, 'confirmed'],
    ]);
    st = await statement(seller, store.id);
    expect(st.totals).toMatchObject({ salesMinor: sale, commissionMinor: commission, refundsMinor: sale, commissionRefundedMinor: commission });
    expect(st.closingBalanceMinor).toBe(0);
    expect(st.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['sale', sale],
      ['commission', -commission],
      ['refund', -500_00],
      ['commission_refund', 2636],
      ['refund', -(sale - 500_00)],
      ['commission_refund', commission - 2636],
    ]);
    await expectBooksBalance(s.fm.ctx.db);

    // Ten days on, the new marketplace rate applies to new sales only; the old statement is unchanged.
    const before = await statement(seller, store.id, clock.now() - DAY, clock.now() + 1);
    clock.advance(10 * DAY);
    const later = await paidOrder(s, buyer, phoneSku);
    expect(await statement(seller, store.id, before.from, before.to)).toEqual({ ...before, balance: anything });
    const newSt = await statement(seller, store.id, clock.now() - DAY, clock.now() + 1);
    expect(newSt.lines.filter((l) => l.orderId === later).map((l) => [l.kind, l.amountMinor])).toEqual([
      ['sale', 1000_00],
      ['commission', -4500],
    ]);
  });

  it('money is payable only after delivery plus the return window; payouts go through the sandbox, a failed one comes back, a refund after a payout leaves a negative balance that is carried forward', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 20, priceMinor: 1000_00 });
    const staff = await signup(s.url, 'seller');
    await addMember(seller, store.id, staff);
    const sku = product.skus[0]!.id;
    const buyer = await signup(s.url);
    // Whatever rate the marketplace charges now (the first test announced a change), as quoted.
    const c = (await seller.get(`/stores/${store.id}/commission?skuIds=${sku}`)).body.items[0]!.commissionPerUnitMinor;
    const net = 1000_00 - c;

    const o1 = await paidOrder(s, buyer, sku);
    expectError(await seller.post(`/stores/${store.id}/payouts`, {}), 409, 'NOTHING_TO_PAY_OUT');
    await deliver(seller, o1);
    clock.advance(WINDOW - 1000);
    expect(await balance(seller, store.id)).toMatchObject({ availableMinor: 0, pendingMinor: net });
    clock.advance(1000);
    expect(await balance(staff, store.id)).toMatchObject({ balanceMinor: net, availableMinor: net, pendingMinor: 0 });
    // Staff read the money but cannot pay it out; the owner can, not more than is payable.
    expectError(await staff.post(`/stores/${store.id}/payouts`, {}), 403, 'OWNER_REQUIRED');
    expectError(await seller.post(`/stores/${store.id}/payouts`, { amountMinor: net + 1 }), 409, 'AMOUNT_EXCEEDS_AVAILABLE');
    const p1 = await seller.post(`/stores/${store.id}/payouts`, {});
    expectOk(p1, 201);
    expect(p1.body).toMatchObject({ amountMinor: net, status: 'sent' });
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: 0, inPayoutMinor: net });
    clock.advance(PAYOUT_DELAY);
    await payoutsSettled(s);
    expect((await seller.get(`/stores/${store.id}/payouts`)).body.payouts[0]).toMatchObject({ id: p1.body.id, status: 'paid' });
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: 0, inPayoutMinor: 0 });

    // A second sale, paid out by the operator's batch — and the bank refuses it: the money comes back.
    const o2 = await paidOrder(s, buyer, sku);
    await deliver(seller, o2);
    clock.advance(WINDOW);
    s.fm.gateway.setPayoutFailureRate(1);
    const batch = await op.post('/admin/payouts/batches', {});
    s.fm.gateway.setPayoutFailureRate(0);
    expectOk(batch, 201);
    const mine = batch.body.payouts.find((p) => p.storeId === store.id);
    expect(mine).toMatchObject({ amountMinor: net });
    clock.advance(PAYOUT_DELAY);
    await payoutsSettled(s);
    expect((await op.get('/admin/payouts?status=failed')).body.payouts.map((p) => p.id)).toContain(mine!.id);
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: net, availableMinor: net });
    expectOk(await seller.post(`/stores/${store.id}/payouts`, {}), 201);
    clock.advance(PAYOUT_DELAY);
    await payoutsSettled(s);
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: 0, availableMinor: 0 });

    // The first order comes back after it was paid out: the store owes the platform, shown and carried.
    await refund(s, buyer, seller, o1);
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: -net, availableMinor: -net });
    expectError(await seller.post(`/stores/${store.id}/payouts`, {}), 409, 'NOTHING_TO_PAY_OUT');
    clock.advance(DAY);
    const o3 = await paidOrder(s, buyer, sku);
    await deliver(seller, o3);
    clock.advance(WINDOW);
    expect(await balance(seller, store.id)).toMatchObject({ balanceMinor: 0, availableMinor: 0 });

    const st = await statement(seller, store.id, clock.now() - 40 * DAY);
    expect(st.totals).toMatchObject({ salesMinor: 3 * 1000_00, commissionMinor: 3 * c, refundsMinor: 1000_00, commissionRefundedMinor: c, payoutsMinor: 3 * net, payoutsReturnedMinor: net });
    expect(st.days.at(-1)!.closingMinor).toBe(st.closingBalanceMinor);
    expect(Math.min(...st.days.map((d) => d.closingMinor))).toBe(-net);
    const csv = await seller.get(`/stores/${store.id}/statement?from=${st.from}&to=${st.to}&format=csv`);
    expectOk(csv);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = textOf(csv).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('at,kind,amount_minor,balance_after_minor,order_id,refund_id,payout_id');
    expect(rows).toHaveLength(1 + st.lines.length);
    expect(rows.at(-1)!.split(',')[3]).toBe(String(st.closingBalanceMinor));

    // The operator's view: this store's row is its statement; every store and the platform add up to the ledger.
    const ov = await op.get(`/admin/money/overview?from=${st.from}&to=${st.to}`);
    expectOk(ov);
    const row = ov.body.stores.find((r) => r.storeId === store.id);
    expect(row).toMatchObject({ ...st.totals, openingBalanceMinor: st.openingBalanceMinor, closingBalanceMinor: st.closingBalanceMinor, name: store.name });
    const p = ov.body.platform;
    expect(p.clearingMinor).toBe(ov.body.totals.closingBalanceMinor + p.revenueBalanceMinor + p.refundsPayableMinor + p.payoutsInTransitMinor);
    expect(p.revenueMinor).toBe(ov.body.totals.commissionMinor - ov.body.totals.commissionRefundedMinor);
    await expectBooksBalance(s.fm.ctx.db);
  });

  it('ledger entries cannot be changed or removed, even by SQL', async () => {
    const db = s.fm.ctx.db;
    const t = await db.selectFrom('ledger_transfers').select('id').limit(1).executeTakeFirstOrThrow();
    await expect(db.updateTable('ledger_transfers').set({ amount_minor: 1 }).where('id', '=', t.id).execute()).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('ledger_postings').execute()).rejects.toThrow(/immutable/);
    await expect(db.insertInto('ledger_transfers').values({ posting_id: 'x', debit_account: 'a', credit_account: 'a', amount_minor: -1, currency: 'CNY', kind: 'sale', store_id: null, order_id: null, at: 0 }).execute()).rejects.toThrow();
  });
});

forEachEngine('a launch and ordinary orders with refunds: statement, operator view and ledger agree to the fen', (engine) => {
  let s: TestServer;
  let w: World;
  beforeAll(async () => {
    s = await startServer(engine, { config: { returnWindowMs: 0 } });
    w = await buildWorld(s);
  });
  afterAll(() => s.close());

  it("the launch's sale posts like any order, at the launch's own rate; every view of the money agrees", async () => {
    // A launch rate for the live launch, from now: its sales pay 2 %.
    expectOk(await w.admin.post('/admin/commission-rules', { launchId: w.launchLive, rateBps: 200, note: 'launch promotion' }), 201);
    const q = await w.sellerX.get(`/stores/${w.storeX.id}/commission?skuIds=${w.skuX}&launchId=${w.launchLive}&priceMinor=99900`);
    expect(q.body.items[0]).toMatchObject({ rateBps: 200, commissionPerUnitMinor: 1998 });
    const paid = await w.buyerB.post(`/holds/${w.holdB}/pay`, { address: { recipient: 'Li Lei', phone: '+86 138 0000 0000', country: 'CN', provinceCode: '440000', cityCode: '440300', districtCode: '440305', line1: '1 Keyuan Road' } });
    expectOk(paid, 201);
    await approveOnPayPage(s, paid.body.payment.payUrl);
    await webhooksSettled(s);
    const launchOrder = paid.body.order.id;
    expect((await w.buyerB.get(`/orders/${launchOrder}`)).body.status).toBe('paid');

    // Ordinary orders: the world's paid order is partly refunded, the one awaiting a refund is refunded in full.
    expectOk(await w.buyerB.post(`/orders/${w.orderB.paid}/refund-request`, { reason: 'scratched' }));
    expectOk(await w.sellerX.post(`/orders/${w.orderB.paid}/refund/approve`, { amountMinor: 300_00 }));
    expectOk(await w.sellerX.post(`/orders/${w.orderB.refundRequested}/refund/approve`));
    await webhooksSettled(s);
    await deliver(w.sellerX, launchOrder);

    const st = (await w.sellerX.get(`/stores/${w.storeX.id}/statement`)).body;
    const lines = st.lines as Array<{ kind: string; amountMinor: number; orderId: string | null }>;
    expect(lines.filter((l) => l.orderId === launchOrder).map((l) => [l.kind, l.amountMinor])).toEqual([
      ['sale', 999_00],
      ['commission', -1998],
    ]);
    // Ordinary sales at store X: 2 paid orders of 1999.00 at 5 %; one refunded in full, one by 300.00 (round(9995 × 300/1999) = 1500 back).
    expect(st.totals).toEqual({
      salesMinor: 2 * 1999_00 + 999_00,
      salesCount: 3,
      commissionMinor: 2 * 9995 + 1998,
      refundsMinor: 1999_00 + 300_00,
      refundsCount: 2,
      commissionRefundedMinor: 9995 + 1500,
      payoutsMinor: 0,
      payoutsReturnedMinor: 0,
    });
    const expectedClosing = 2 * 1999_00 + 999_00 - (2 * 9995 + 1998) - (1999_00 + 300_00) + (9995 + 1500);
    expect(st.closingBalanceMinor).toBe(expectedClosing);
    expect(st.balance).toMatchObject({ balanceMinor: expectedClosing, availableMinor: 999_00 - 1998 });

    const ov = (await w.admin.get('/admin/money/overview')).body;
    const x = ov.stores.find((r) => r.storeId === w.storeX.id);
    expect(x).toMatchObject({ closingBalanceMinor: st.closingBalanceMinor, ...st.totals });
    expect(ov.platform.revenueMinor).toBe(ov.totals.commissionMinor - ov.totals.commissionRefundedMinor);
    await expectBooksBalance(s.fm.ctx.db);
    if (process.env.PRINT_STATEMENT === '1' && engine === 'sqlite') {
      console.log(JSON.stringify({ statement: { ...st, lines: st.lines }, overview: ov.platform }, null, 1));
      console.log((await w.sellerX.get(`/stores/${w.storeX.id}/statement?format=csv`)).body);
    }
  });
});

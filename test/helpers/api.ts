/**
 * Helpers shared by the contract, webhook, catalog and junk suites: the one error shape,
 * orders brought into any state through the public API, and webhook settling.
 */
import { expect } from 'vitest';
import { ADDRESS, Client, eventually, type Res, type ResponseOf, type TestServer, errorOf } from '../harness.js';
import { waitForMail } from './mail.js';
import { anyString } from './match.js';

/** Asserts a failure: the status (one of several, if given a list), the one error shape and, optionally, its code. */
export function expectError(res: Pick<Res, 'status' | 'body'>, status: number | readonly number[], code?: string): void {
  const allowed = typeof status === 'number' ? [status] : status;
  const seen = `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
  expect(allowed, `status was ${seen}`).toContain(res.status);
  expect(res.body, `body was ${seen}`).toMatchObject({ error: { code: anyString, message: anyString } });
  expect(Object.keys(res.body as object), `body was ${seen}`).toEqual(['error']);
  if (code) expect(errorOf(res).code, `body was ${seen}`).toBe(code);
}

/** Asserts a success status, printing the body when it is not. */
export function expectOk(res: Pick<Res, 'status' | 'body'>, status = 200): void {
  expect(res.status, `body was ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
}

/** An order as checkout answers it. */
export type PlacedOrder = ResponseOf<'/checkout', 'post'>['orders'][number];

/** Puts `quantity` units of a SKU in the buyer's cart and checks out just that SKU; returns the order. */
export async function placeOrder(buyer: Client, skuId: string, quantity = 1): Promise<PlacedOrder> {
  expectOk(await buyer.put(`/cart/items/${skuId}`, { quantity }));
  const co = await buyer.post('/checkout', { address: ADDRESS, skuIds: [skuId] });
  expectOk(co, 201);
  return co.body.orders[0]!;
}

/** Approves a payment on the sandbox's hosted pay page, as the buyer would. */
export async function approveOnPayPage(s: TestServer, payUrl: string): Promise<void> {
  const r = await new Client(s.url).req('POST', `${payUrl}/approve`, undefined, { accept: 'application/json' });
  expectOk(r);
}

/** Opens one payment for the orders, approves it and waits until the webhook has marked them paid. */
export async function payOrders(s: TestServer, buyer: Client, orderIds: string[]): Promise<ResponseOf<'/payments', 'post'>> {
  const pay = await buyer.post('/payments', { orderIds });
  expectOk(pay, 201);
  await approveOnPayPage(s, pay.body.payUrl);
  for (const id of orderIds) {
    await eventually(async () => (await buyer.get(`/orders/${id}`)).body.status === 'paid', 10_000, `order ${id} paid`);
  }
  await webhooksSettled(s);
  return pay.body;
}

export type OrderState = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded';

/** A fresh order of `buyer` at `seller`'s store, moved into `state` through the public API. */
export async function orderInState(s: TestServer, buyer: Client, seller: Client, skuId: string, state: OrderState): Promise<string> {
  const { id } = await placeOrder(buyer, skuId);
  const step = async (c: Client, path: string, body?: unknown) => expectOk(await c.post(`/orders/${id}/${path}`, body));
  if (state === 'pending_payment') return id;
  if (state === 'cancelled') {
    await step(buyer, 'cancel', { reason: 'changed my mind' });
    return id;
  }
  await payOrders(s, buyer, [id]);
  if (state === 'paid') return id;
  if (state === 'refund_requested' || state === 'refunded') {
    await step(buyer, 'refund-request', { reason: 'arrived broken' });
    if (state === 'refunded') {
      await step(seller, 'refund/approve');
      await webhooksSettled(s);
    }
    return id;
  }
  await step(seller, 'ship', { carrier: 'SF Express', trackingNumber: 'SF0000000001' });
  if (state === 'shipped') return id;
  await step(seller, 'deliver');
  if (state === 'delivered') return id;
  await step(buyer, 'confirm-delivery');
  return id;
}

/**
 * Waits until the sandbox gateway has delivered every webhook it queued (and any duplicates).
 * It nudges the gateway as the sweeper would (tests run without the sweeper's timer): an
 * event queued while a delivery round is under way waits for the next round.
 */
export async function webhooksSettled(s: TestServer): Promise<void> {
  await eventually(
    async () => {
      await s.fm.gateway.deliverDue();
      const open = await s.fm.ctx.db
        .selectFrom('sandbox_webhook_outbox')
        .select('id')
        .where((eb) => eb.or([eb('delivered_at', 'is', null), eb('duplicates_left', '>', 0)]))
        .execute();
      return open.length === 0;
    },
    10_000,
    'sandbox webhooks delivered',
  );
}

/** The e-mail address of a signed-in client. */
export async function emailOf(c: Client): Promise<string> {
  return (await c.get('/auth/me')).body.user.email;
}

/**
 * Makes `member` a member of the store as a person would: the owner invites their address,
 * the invitation mail arrives at the test SMTP server, and the member accepts its token.
 */
export async function addMember(owner: Client, storeId: string, member: Client, role: 'owner' | 'staff' = 'staff'): Promise<void> {
  const email = await emailOf(member);
  const since = Date.now();
  expectOk(await owner.post(`/stores/${storeId}/members`, { email, role }), 202);
  expectOk(await member.post('/invitations/accept', { token: await invitationToken(email, since) }), 201);
}

/** The invitation token last mailed to the address (after `since`). */
export async function invitationToken(email: string, since = 0): Promise<string> {
  const mail = await waitForMail(email, (m) => /Invitation token: inv_/.test(m.text), 10_000, since);
  return /Invitation token: (inv_[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}

/**
 * A small marketplace to probe the API against: two stores with their owners (one store
 * also has a staff member), two buyers, the admin, a published and a draft product, buyer
 * B's orders and payment, and two launches of store X: one far in the future and one live,
 * in which buyer B holds a reservation. Built once per suite, through the public API.
 */
import { signup, admin, scheduleLaunch, sellerWithProduct, type Client, type TestServer } from '../harness.js';
import { addMember, emailOf, expectOk, orderInState, payOrders, placeOrder, webhooksSettled } from './api.js';

export interface World {
  s: TestServer;
  admin: Client;
  /** Owner of store X. */
  sellerX: Client;
  /** Staff (not owner) of store X. */
  staffX: Client;
  /** Owner of store Y. */
  sellerY: Client;
  buyerA: Client;
  buyerB: Client;
  emails: { buyerA: string; buyerB: string; staffX: string };
  storeX: { id: string; slug: string };
  storeY: { id: string; slug: string };
  productX: string;
  skuX: string;
  draftX: string;
  productY: string;
  skuY: string;
  /** Buyer B's orders at store X. */
  orderB: { pending: string; paid: string; refundRequested: string };
  /** The payment that paid `orderB.paid`. */
  paymentB: string;
  /** Public id of a spare bearer token of buyer B. */
  tokenB: string;
  /** Store X's launches: one starting in half an hour, one running. */
  launchFuture: string;
  launchLive: string;
  /** Buyer B's queue token, admission pass and reservation in the live launch. */
  queueTokenB: string;
  passB: string;
  holdB: string;
}

export async function buildWorld(s: TestServer, stock = 1000): Promise<World> {
  const x = await sellerWithProduct(s.url, { stock, priceMinor: 1999_00, title: 'Nova X5 Phone' });
  const y = await sellerWithProduct(s.url, { stock, priceMinor: 999_00, title: 'Yelo Y1 Phone' });
  const [staffX, buyerA, buyerB, adminClient] = await Promise.all([signup(s.url, 'seller'), signup(s.url), signup(s.url), admin(s.url)]);
  const emails = { buyerA: await emailOf(buyerA), buyerB: await emailOf(buyerB), staffX: await emailOf(staffX) };
  await addMember(x.seller, x.store.id, staffX, 'staff');

  const draft = await x.seller.post(`/stores/${x.store.id}/products`, { title: 'Secret Prototype', priceMinor: 5000_00 });
  expectOk(draft, 201);

  const skuX: string = x.product.skus[0]!.id;
  const pending: string = (await placeOrder(buyerB, skuX)).id;
  const paidOrder: string = (await placeOrder(buyerB, skuX)).id;
  const payment = await payOrders(s, buyerB, [paidOrder]);
  const refundRequested = await orderInState(s, buyerB, x.seller, skuX, 'refund_requested');
  // Buyer B also keeps something in the cart.
  expectOk(await buyerB.post('/cart/items', { skuId: y.product.skus[0]!.id, quantity: 2 }));
  const token = await buyerB.post('/auth/tokens', { label: 'spare' });
  expectOk(token, 201);

  const future = await scheduleLaunch(x.seller, x.store.id, skuX, { startsInMs: 1_800_000, allotment: 10, title: 'Future launch' });
  const live = await scheduleLaunch(x.seller, x.store.id, skuX, { startsInMs: 300, allotment: 10, title: 'Live launch' });
  const joined = await buyerB.post(`/launches/${live.id}/queue`, {});
  expectOk(joined);
  await new Promise((r) => setTimeout(r, Math.max(0, live.startsAt - Date.now() + 20)));
  await s.fm.launches.tick();
  // The admission is written in the background (with its notification): let it land before anything is snapshotted.
  await s.fm.launches.admission.writer.drain();
  const place = await buyerB.get(`/launches/${live.id}/queue?token=${encodeURIComponent(joined.body.queueToken)}`);
  expectOk(place);
  const hold = await buyerB.post(`/launches/${live.id}/reservations`, { skuId: skuX }, { 'x-admission-pass': place.body.pass!, 'idempotency-key': 'world-hold-b-0001' });
  expectOk(hold, 201);
  await webhooksSettled(s);

  return {
    s,
    admin: adminClient,
    sellerX: x.seller,
    staffX,
    sellerY: y.seller,
    buyerA,
    buyerB,
    emails,
    storeX: { id: x.store.id, slug: x.store.slug },
    storeY: { id: y.store.id, slug: y.store.slug },
    productX: x.product.id,
    skuX,
    draftX: draft.body.id,
    productY: y.product.id,
    skuY: y.product.skus[0]!.id,
    orderB: { pending, paid: paidOrder, refundRequested },
    paymentB: payment.id,
    tokenB: token.body.tokenId,
    launchFuture: future.id,
    launchLive: live.id,
    queueTokenB: joined.body.queueToken,
    passB: place.body.pass!,
    holdB: hold.body.id,
  };
}

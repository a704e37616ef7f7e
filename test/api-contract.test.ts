/**
 * The API's contract, route by route: bad input is a 400 with a code, a missing sign-in is a
 * 401, another buyer's or another store's things are out of reach (403/404) and change
 * nothing, only the right roles reach role-gated routes, and the order state machine refuses
 * illegal moves with 409 ILLEGAL_TRANSITION. One table lists every /api/v1 route; a test
 * checks the table against the OpenAPI document so a new route cannot go untested.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, ADDRESS, Client, forEachEngine, startServer, type Res, type TestServer, errorOf } from './harness.js';
import { expectError, expectOk, orderInState, type OrderState } from './helpers/api.js';
import { dbSnapshot } from './helpers/db-snapshot.js';
import { buildWorld, type World } from './helpers/world.js';

type Who = 'admin' | 'sellerX' | 'staffX' | 'sellerY' | 'buyerA' | 'buyerB';
type Params = (w: World) => Record<string, string>;

/** One way to get a request wrong, and the code the API must answer it with (400 VALIDATION_FAILED unless said). */
interface Bad {
  why: string;
  body?: unknown;
  query?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  code?: string;
}

interface RouteCase {
  /** Method and path as in the OpenAPI document, without the /api/v1 prefix. */
  route: string;
  /**
   * public: works signed out; user: 401 signed out; signed: the payment gateway's HMAC instead
   * of a user; mailed: signed out, but a valid request needs a code from a mail (the account
   * suites cover its success).
   */
  auth: 'public' | 'user' | 'signed' | 'mailed';
  /** The caller for whom the request is otherwise valid. */
  as: Who;
  /** Real path parameters that caller may use. */
  params?: Params;
  /** A valid body, query string and headers, so that only the thing under test is wrong. */
  body?: (w: World) => unknown;
  query?: (w: World) => string;
  headers?: (w: World) => Record<string, string>;
  bad?: Bad[];
}

const uniq = () => randomBytes(4).toString('hex');
const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const SHIP = { carrier: 'SF Express', trackingNumber: 'SF1234567890' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const X: Params = (w) => ({ storeId: w.storeX.id });
const PX: Params = (w) => ({ productId: w.productX });
const SX: Params = (w) => ({ skuId: w.skuX });
const SY: Params = (w) => ({ skuId: w.skuY });
const PENDING_B: Params = (w) => ({ orderId: w.orderB.pending });
const PAID_B: Params = (w) => ({ orderId: w.orderB.paid });
const REFUND_REQUESTED_B: Params = (w) => ({ orderId: w.orderB.refundRequested });
const FUTURE: Params = (w) => ({ launchId: w.launchFuture });
const LIVE: Params = (w) => ({ launchId: w.launchLive });
const QUEUE_TOKEN_B = (w: World) => `token=${encodeURIComponent(w.queueTokenB)}`;
const newLaunch = (w: World) => ({
  title: 'Contract launch',
  startsAt: Date.now() + 3_600_000,
  endsAt: Date.now() + 7_200_000,
  items: [{ skuId: w.skuX, allotment: 1, launchPriceMinor: 999_00 }],
});

const ROUTES: RouteCase[] = [
  // accounts
  {
    route: 'POST /auth/signup',
    auth: 'public',
    as: 'buyerA',
    body: () => ({ email: `new-${uniq()}@test.local`, password: TEST_PASSWORD, name: 'New Buyer' }),
    bad: [
      { why: 'no e-mail', body: { password: TEST_PASSWORD, name: 'N' } },
      { why: 'an e-mail that is not one', body: { email: 'not-an-email', password: TEST_PASSWORD, name: 'N' } },
      { why: 'a 7-character password', body: { email: 'x@test.local', password: 'short12', name: 'N' } },
      { why: 'signing oneself up as admin', body: { email: 'x@test.local', password: TEST_PASSWORD, name: 'N', role: 'admin' } },
      { why: 'a blank name', body: { email: 'x@test.local', password: TEST_PASSWORD, name: '   ' } },
      { why: 'a common password', body: { email: 'x@test.local', password: 'password1234', name: 'N' }, code: 'PASSWORD_TOO_WEAK' },
      { why: 'an array instead of an object', body: [] },
    ],
  },
  {
    route: 'POST /auth/signup/confirm',
    auth: 'mailed',
    as: 'buyerA',
    body: () => ({ email: `new-${uniq()}@test.local`, code: '123456', session: 'token' }),
    bad: [
      { why: 'no code', body: { email: 'x@test.local' } },
      { why: 'a 5-digit code', body: { email: 'x@test.local', code: '12345' } },
      { why: 'a code with letters', body: { email: 'x@test.local', code: '12345a' } },
      { why: 'a code nobody mailed', body: { email: 'x@test.local', code: '123456' }, code: 'INVALID_CODE' },
    ],
  },
  {
    route: 'POST /auth/login',
    auth: 'public',
    as: 'buyerA',
    body: (w) => ({ email: w.emails.buyerA, password: TEST_PASSWORD, session: 'token' }),
    bad: [
      { why: 'no password', body: { email: 'x@test.local' } },
      { why: 'a numeric e-mail', body: { email: 42, password: TEST_PASSWORD } },
      { why: 'an unknown session kind', body: { email: 'x@test.local', password: TEST_PASSWORD, session: 'forever' } },
    ],
  },
  { route: 'POST /auth/logout', auth: 'user', as: 'buyerA' },
  { route: 'GET /auth/me', auth: 'user', as: 'buyerA' },
  { route: 'GET /auth/session', auth: 'public', as: 'buyerA' },
  { route: 'GET /auth/csrf', auth: 'user', as: 'buyerA' },
  { route: 'GET /auth/tokens', auth: 'user', as: 'buyerB' },
  {
    route: 'POST /auth/tokens',
    auth: 'user',
    as: 'buyerA',
    body: () => ({ label: 'ci' }),
    bad: [
      { why: 'no label', body: {} },
      { why: 'a blank label', body: { label: '   ' } },
      { why: 'a 101-character label', body: { label: 'x'.repeat(101) } },
    ],
  },
  { route: 'DELETE /auth/tokens/{tokenId}', auth: 'user', as: 'buyerB', params: (w) => ({ tokenId: w.tokenB }) },

  // stores
  {
    route: 'POST /stores',
    auth: 'user',
    as: 'sellerX',
    body: () => ({ name: 'Another Shop', slug: `shop-${uniq()}`, kind: 'marketplace' }),
    bad: [
      { why: 'no kind', body: { name: 'Shop' } },
      { why: 'an unknown kind', body: { name: 'Shop', kind: 'megastore' } },
      { why: 'a 1-character name', body: { name: 'S', kind: 'marketplace' } },
      { why: 'a slug with a space', body: { name: 'Shop', kind: 'marketplace', slug: 'my shop' } },
      { why: 'a javascript: logo URL', body: { name: 'Shop', kind: 'marketplace', logoUrl: 'javascript:alert(1)' } },
    ],
  },
  {
    route: 'GET /stores',
    auth: 'public',
    as: 'buyerA',
    bad: [
      { why: 'an unknown kind', query: 'kind=mall' },
      { why: 'limit=0', query: 'limit=0' },
      { why: 'limit=101', query: 'limit=101' },
      { why: 'verified=yes', query: 'verified=yes' },
      { why: 'a cursor that is not an id', query: 'cursor=abc' },
    ],
  },
  {
    route: 'GET /stores/{storeRef}',
    auth: 'public',
    as: 'buyerA',
    params: (w) => ({ storeRef: w.storeX.slug }),
    bad: [{ why: 'an 81-character store reference', params: { storeRef: 'x'.repeat(81) } }],
  },
  {
    route: 'PATCH /stores/{storeId}',
    auth: 'user',
    as: 'sellerX',
    params: X,
    body: () => ({ description: 'The official store' }),
    bad: [
      { why: 'a 1-character name', body: { name: 'S' } },
      { why: 'a numeric name', body: { name: 5 } },
      { why: 'an ftp: logo URL', body: { logoUrl: 'ftp://example.com/logo.png' } },
    ],
  },
  { route: 'GET /stores/{storeId}/members', auth: 'user', as: 'sellerX', params: X },
  {
    route: 'POST /stores/{storeId}/members',
    auth: 'user',
    as: 'sellerX',
    params: X,
    body: (w) => ({ email: w.emails.buyerA }),
    bad: [
      { why: 'no e-mail', body: {} },
      { why: 'an e-mail that is not one', body: { email: 'staff' } },
      { why: 'an unknown role', body: { email: 'a@test.local', role: 'admin' } },
    ],
  },
  {
    route: 'POST /invitations/accept',
    auth: 'user',
    as: 'buyerA',
    body: () => ({ token: `inv_${'a'.repeat(32)}` }),
    bad: [
      { why: 'no token', body: {} },
      { why: 'a token of the wrong form', body: { token: 'inv_short' } },
    ],
  },
  { route: 'DELETE /stores/{storeId}/members/{userId}', auth: 'user', as: 'sellerX', params: (w) => ({ storeId: w.storeX.id, userId: w.staffX.userId! }) },
  {
    route: 'POST /admin/stores/{storeId}/verification',
    auth: 'user',
    as: 'admin',
    params: X,
    body: () => ({ verified: true }),
    bad: [
      { why: 'no verified flag', body: {} },
      { why: 'verified as a string', body: { verified: 'yes' } },
    ],
  },

  // catalog
  {
    route: 'POST /stores/{storeId}/products',
    auth: 'user',
    as: 'sellerX',
    params: X,
    body: () => ({ title: 'Nova Buds', priceMinor: 199_00 }),
    bad: [
      { why: 'no title (nor one in texts)', body: { priceMinor: 100 }, code: 'TITLE_MISSING' },
      { why: 'texts in a language not served', body: { title: 'T', priceMinor: 100, texts: { fr: { title: 'T' } } } },
      { why: 'a 201-character Chinese title', body: { priceMinor: 100, texts: { 'zh-CN': { title: '长'.repeat(201) } } } },
      { why: 'option names that do not line up with the values', body: { title: 'T', priceMinor: 100, options: [{ name: 'colour', values: ['a', 'b'], texts: { 'zh-CN': { values: ['甲'] } } }] }, code: 'OPTION_TEXTS_MISMATCH' },
      { why: 'no price', body: { title: 'T' } },
      { why: 'a negative price', body: { title: 'T', priceMinor: -1 } },
      { why: 'a fractional price', body: { title: 'T', priceMinor: 1.5 } },
      { why: 'a price as a string', body: { title: 'T', priceMinor: '100' } },
      { why: 'a lowercase currency', body: { title: 'T', priceMinor: 100, currency: 'cny' } },
      { why: 'four options', body: { title: 'T', priceMinor: 100, options: ['a', 'b', 'c', 'd'].map((name) => ({ name, values: ['1'] })) } },
      { why: 'an option without values', body: { title: 'T', priceMinor: 100, options: [{ name: 'colour', values: [] }] } },
      { why: 'an image that is not a URL', body: { title: 'T', priceMinor: 100, images: ['not a url'] } },
      { why: 'the same option twice', body: { title: 'T', priceMinor: 100, options: [{ name: 'Colour', values: ['a'] }, { name: 'colour', values: ['b'] }] }, code: 'DUPLICATE_OPTION' },
      { why: 'a SKU for a combination the options do not make', body: { title: 'T', priceMinor: 100, options: [{ name: 'colour', values: ['black'] }], skus: [{ options: { colour: 'pink' } }] }, code: 'UNKNOWN_COMBINATION' },
      {
        why: 'options that make 8000 SKUs',
        body: { title: 'T', priceMinor: 100, options: ['a', 'b', 'c'].map((name) => ({ name, values: Array.from({ length: 20 }, (_, i) => `${name}${i}`) })) },
        code: 'TOO_MANY_SKUS',
      },
    ],
  },
  { route: 'GET /stores/{storeId}/products', auth: 'public', as: 'buyerA', params: X },
  {
    route: 'GET /products',
    auth: 'public',
    as: 'buyerA',
    bad: [
      { why: 'an unknown sort', query: 'sort=cheapest' },
      { why: 'limit=0', query: 'limit=0' },
      { why: 'a negative minimum price', query: 'minPriceMinor=-1' },
      { why: 'a storeId that is not an id', query: 'storeId=abc' },
      { why: 'inStock=maybe', query: 'inStock=maybe' },
      { why: 'a cursor it never issued', query: 'cursor=garbage', code: 'BAD_CURSOR' },
      { why: 'a forged cursor with a fractional price', query: `sort=price_asc&cursor=${cursor({ v: 1.5, id: 'x' })}`, code: 'BAD_CURSOR' },
      { why: 'a forged cursor with an enormous time', query: `sort=newest&cursor=${cursor({ v: 1e300, id: 'x' })}`, code: 'BAD_CURSOR' },
      { why: 'a minimum price above the maximum', query: 'minPriceMinor=500&maxPriceMinor=100', code: 'PRICE_RANGE_INVERTED' },
      { why: 'relevance order without search text', query: 'sort=relevance', code: 'SORT_NEEDS_QUERY' },
    ],
  },
  { route: 'GET /products/{productId}', auth: 'public', as: 'buyerA', params: PX },
  {
    route: 'GET /regions',
    auth: 'public',
    as: 'buyerA',
    bad: [
      { why: 'a parent that is no code', query: 'parent=Guangdong' },
      { why: 'a parent of four digits', query: 'parent=4403' },
      { why: 'a language not served', query: 'lang=fr' },
    ],
  },
  {
    route: 'PATCH /products/{productId}',
    auth: 'user',
    as: 'sellerX',
    params: PX,
    body: () => ({ description: 'Now with more pixels' }),
    bad: [
      { why: 'an empty title', body: { title: '' } },
      { why: 'a numeric title', body: { title: 7 } },
      { why: 'images as a string', body: { images: 'a.png' } },
    ],
  },
  { route: 'POST /products/{productId}/publish', auth: 'user', as: 'sellerX', params: PX },
  { route: 'POST /products/{productId}/unpublish', auth: 'user', as: 'sellerX', params: PX },
  {
    route: 'PATCH /skus/{skuId}',
    auth: 'user',
    as: 'sellerX',
    params: SX,
    body: () => ({ priceMinor: 1999_00 }),
    bad: [
      { why: 'negative stock', body: { stock: -1 } },
      { why: 'fractional stock', body: { stock: 1.5 } },
      { why: 'stock above ten million', body: { stock: 10_000_001 } },
      { why: 'a stockDelta as a word', body: { stockDelta: 'ten' } },
      { why: 'a null price', body: { priceMinor: null } },
      { why: 'both stock and stockDelta', body: { stock: 5, stockDelta: 1 }, code: 'STOCK_AMBIGUOUS' },
    ],
  },

  // cart and checkout
  { route: 'GET /cart', auth: 'user', as: 'buyerA' },
  { route: 'DELETE /cart', auth: 'user', as: 'buyerA' },
  {
    route: 'POST /cart/items',
    auth: 'user',
    as: 'buyerA',
    body: (w) => ({ skuId: w.skuY }),
    bad: [
      { why: 'no skuId', body: { quantity: 1 } },
      { why: 'a skuId that is not an id', body: { skuId: 'abc' } },
      { why: 'quantity 0', body: { skuId: UNKNOWN_ID, quantity: 0 } },
      { why: 'quantity 100', body: { skuId: UNKNOWN_ID, quantity: 100 } },
      { why: 'quantity 1.5', body: { skuId: UNKNOWN_ID, quantity: 1.5 } },
    ],
  },
  {
    route: 'PUT /cart/items/{skuId}',
    auth: 'user',
    as: 'buyerA',
    params: SY,
    body: () => ({ quantity: 1 }),
    bad: [
      { why: 'no quantity', body: {} },
      { why: 'quantity -1', body: { quantity: -1 } },
      { why: 'quantity as a word', body: { quantity: 'two' } },
    ],
  },
  { route: 'DELETE /cart/items/{skuId}', auth: 'user', as: 'buyerA', params: SY },
  {
    route: 'POST /checkout',
    auth: 'user',
    as: 'buyerA',
    body: () => ({ address: ADDRESS }),
    bad: [
      { why: 'no address', body: {} },
      { why: 'an address without a city', body: { address: { ...ADDRESS, cityCode: undefined } } },
      { why: 'free text for the province', body: { address: { ...ADDRESS, provinceCode: 'Guangdong' } } },
      { why: 'a city of another province (Chengdu in Guangdong)', body: { address: { ...ADDRESS, cityCode: '510100', districtCode: '510104' } } },
      { why: 'a city code as the province', body: { address: { ...ADDRESS, provinceCode: '510100' } } },
      { why: 'a district of another city', body: { address: { ...ADDRESS, districtCode: '440104' } } },
      { why: 'a code no division has', body: { address: { ...ADDRESS, districtCode: '440399' } } },
      { why: 'a phone number that is not one', body: { address: { ...ADDRESS, phone: 'call me' } } },
      { why: 'a country that is not a code', body: { address: { ...ADDRESS, country: 'China' } } },
      { why: 'an empty skuIds list', body: { address: ADDRESS, skuIds: [] } },
      { why: 'skuIds that are not ids', body: { address: ADDRESS, skuIds: ['abc'] } },
      { why: 'a 3-character Idempotency-Key', headers: { 'idempotency-key': 'abc' } },
    ],
  },

  // orders
  {
    route: 'GET /orders',
    auth: 'user',
    as: 'buyerB',
    bad: [
      { why: 'an unknown status', query: 'status=lost' },
      { why: 'limit=500', query: 'limit=500' },
      { why: 'a cursor that is not an id', query: 'cursor=abc' },
    ],
  },
  { route: 'GET /stores/{storeId}/orders', auth: 'user', as: 'sellerX', params: X, bad: [{ why: 'an unknown status', query: 'status=lost' }] },
  { route: 'GET /admin/orders', auth: 'user', as: 'admin', bad: [{ why: 'an unknown status', query: 'status=lost' }] },
  { route: 'GET /orders/{orderId}', auth: 'user', as: 'buyerB', params: PENDING_B },
  {
    route: 'POST /orders/{orderId}/cancel',
    auth: 'user',
    as: 'buyerB',
    params: PENDING_B,
    body: () => ({}),
    bad: [
      { why: 'a 501-character reason', body: { reason: 'x'.repeat(501) } },
      { why: 'a numeric reason', body: { reason: 5 } },
      { why: 'a null body', body: null },
    ],
  },
  {
    route: 'POST /orders/{orderId}/ship',
    auth: 'user',
    as: 'sellerX',
    params: PAID_B,
    body: () => SHIP,
    bad: [
      { why: 'no carrier', body: { trackingNumber: 'SF1234567890' } },
      { why: 'a tracking number with spaces and punctuation', body: { carrier: 'SF', trackingNumber: 'SF 123!' } },
      { why: 'a 3-character tracking number', body: { carrier: 'SF', trackingNumber: 'abc' } },
    ],
  },
  { route: 'POST /orders/{orderId}/deliver', auth: 'user', as: 'sellerX', params: PAID_B },
  { route: 'POST /orders/{orderId}/confirm-delivery', auth: 'user', as: 'buyerB', params: PAID_B },
  {
    route: 'POST /orders/{orderId}/refund-request',
    auth: 'user',
    as: 'buyerB',
    params: PAID_B,
    body: () => ({ reason: 'arrived broken' }),
    bad: [
      { why: 'no reason', body: {} },
      { why: 'a blank reason', body: { reason: '  ' } },
    ],
  },
  {
    route: 'POST /orders/{orderId}/refund/approve',
    auth: 'user',
    as: 'sellerX',
    params: REFUND_REQUESTED_B,
    body: () => ({}),
    bad: [
      { why: 'an amount of 0', body: { amountMinor: 0 } },
      { why: 'a fractional amount', body: { amountMinor: 1.5 } },
      { why: 'an amount as a word', body: { amountMinor: 'ten' } },
    ],
  },
  { route: 'GET /orders/{orderId}/refunds', auth: 'user', as: 'buyerB', params: REFUND_REQUESTED_B },
  { route: 'POST /orders/{orderId}/refund/reject', auth: 'user', as: 'sellerX', params: REFUND_REQUESTED_B, body: () => ({}), bad: [{ why: 'a numeric note', body: { note: 5 } }] },

  // payments
  {
    route: 'POST /payments',
    auth: 'user',
    as: 'buyerB',
    body: (w) => ({ orderIds: [w.orderB.pending] }),
    bad: [
      { why: 'no orderIds', body: {} },
      { why: 'an empty orderIds list', body: { orderIds: [] } },
      { why: 'orderIds that are not ids', body: { orderIds: ['abc'] } },
      { why: '21 orders at once', body: { orderIds: Array.from({ length: 21 }, () => UNKNOWN_ID) } },
    ],
  },
  { route: 'GET /payments/{paymentId}', auth: 'user', as: 'buyerB', params: (w) => ({ paymentId: w.paymentB }) },
  {
    route: 'POST /payments/webhooks/sandbox',
    auth: 'signed',
    as: 'buyerA',
    body: () => JSON.stringify({ id: 'evt_contract', type: 'payment.succeeded', createdAt: Date.now(), data: { paymentId: 'sbp_x', reference: 'r', amountMinor: 1, currency: 'CNY' } }),
    bad: [
      { why: 'no signature header', code: 'SIGNATURE_MISSING' },
      { why: 'a malformed signature header', headers: { 'flashmall-signature': 'sha256=abc' }, code: 'SIGNATURE_MALFORMED' },
      { why: 'a forged signature', headers: { 'flashmall-signature': `t=${Date.now()},v1=${'0'.repeat(64)}` }, code: 'SIGNATURE_INVALID' },
    ],
  },

  // flash-sale launches
  {
    route: 'POST /stores/{storeId}/launches',
    auth: 'user',
    as: 'sellerX',
    params: X,
    body: newLaunch,
    bad: [
      { why: 'no items', body: { title: 'L', startsAt: Date.now() + 60_000, endsAt: Date.now() + 120_000 } },
      { why: 'an empty item list', body: { title: 'L', startsAt: Date.now() + 60_000, endsAt: Date.now() + 120_000, items: [] } },
      { why: 'a start time as text', body: { title: 'L', startsAt: 'tomorrow', endsAt: Date.now() + 120_000, items: [] } },
      { why: 'a per-buyer limit of 0', body: { title: 'L', startsAt: Date.now() + 60_000, endsAt: Date.now() + 120_000, perBuyerLimit: 0, items: [{ skuId: UNKNOWN_ID, allotment: 1, launchPriceMinor: 1 }] } },
      { why: 'an allotment of 0', body: { title: 'L', startsAt: Date.now() + 60_000, endsAt: Date.now() + 120_000, items: [{ skuId: UNKNOWN_ID, allotment: 0, launchPriceMinor: 1 }] } },
      { why: 'a negative launch price', body: { title: 'L', startsAt: Date.now() + 60_000, endsAt: Date.now() + 120_000, items: [{ skuId: UNKNOWN_ID, allotment: 1, launchPriceMinor: -1 }] } },
      { why: 'a start in the past', body: { title: 'L', startsAt: Date.now() - 60_000, endsAt: Date.now() + 120_000, items: [{ skuId: UNKNOWN_ID, allotment: 1, launchPriceMinor: 1 }] }, code: 'STARTS_IN_PAST' },
      { why: 'an end before the start', body: { title: 'L', startsAt: Date.now() + 120_000, endsAt: Date.now() + 60_000, items: [{ skuId: UNKNOWN_ID, allotment: 1, launchPriceMinor: 1 }] }, code: 'ENDS_BEFORE_START' },
      {
        why: 'the same SKU twice',
        body: { title: 'L', startsAt: Date.now() + 60_000, endsAt: Date.now() + 120_000, items: [1, 2].map(() => ({ skuId: UNKNOWN_ID, allotment: 1, launchPriceMinor: 1 })) },
        code: 'DUPLICATE_SKU',
      },
    ],
  },
  {
    route: 'GET /launches',
    auth: 'public',
    as: 'buyerA',
    bad: [
      { why: 'include=everything', query: 'include=everything' },
      { why: 'limit=0', query: 'limit=0' },
      { why: 'a storeId that is not an id', query: 'storeId=abc' },
    ],
  },
  { route: 'GET /launches/{launchId}', auth: 'public', as: 'buyerA', params: FUTURE },
  { route: 'GET /launches/{launchId}/draw', auth: 'public', as: 'buyerA', params: FUTURE },
  { route: 'GET /launches/{launchId}/receipt', auth: 'user', as: 'buyerA', params: FUTURE },
  { route: 'POST /launches/{launchId}/pause', auth: 'user', as: 'sellerX', params: FUTURE },
  { route: 'POST /launches/{launchId}/resume', auth: 'user', as: 'sellerX', params: FUTURE },
  { route: 'POST /launches/{launchId}/cancel', auth: 'user', as: 'sellerX', params: FUTURE },
  { route: 'POST /launches/{launchId}/registrations', auth: 'user', as: 'buyerA', params: FUTURE },
  { route: 'GET /launches/{launchId}/challenge', auth: 'user', as: 'buyerA', params: FUTURE },
  {
    route: 'POST /launches/{launchId}/queue',
    auth: 'user',
    as: 'buyerA',
    params: FUTURE,
    body: () => ({}),
    bad: [
      { why: 'a 65-character solution', body: { challenge: 'c', solution: 'x'.repeat(65) } },
      { why: 'a numeric challenge', body: { challenge: 5 } },
    ],
  },
  {
    route: 'GET /launches/{launchId}/queue',
    auth: 'user',
    as: 'buyerB',
    params: LIVE,
    query: QUEUE_TOKEN_B,
    bad: [
      { why: 'no queue token', query: '' },
      { why: 'a 3-character queue token', query: 'token=abc' },
    ],
  },
  {
    route: 'GET /launches/{launchId}/queue/stream',
    auth: 'user',
    as: 'buyerB',
    params: LIVE,
    query: QUEUE_TOKEN_B,
    bad: [{ why: 'no queue token', query: '' }],
  },
  {
    route: 'POST /launches/{launchId}/reservations',
    auth: 'user',
    as: 'buyerB',
    params: LIVE,
    headers: (w) => ({ 'x-admission-pass': w.passB, 'idempotency-key': `contract-${uniq()}` }),
    body: (w) => ({ skuId: w.skuX }),
    bad: [
      { why: 'an empty admission pass', headers: { 'x-admission-pass': '' } },
      { why: 'an Idempotency-Key with a space', headers: { 'idempotency-key': 'has a space' } },
      { why: 'quantity 0', body: { skuId: UNKNOWN_ID, quantity: 0 } },
      { why: 'no skuId', body: {} },
    ],
  },
  { route: 'GET /holds', auth: 'user', as: 'buyerB', bad: [{ why: 'a launchId that is not an id', query: 'launchId=abc' }] },
  {
    route: 'POST /holds/{holdId}/pay',
    auth: 'user',
    as: 'buyerB',
    params: (w) => ({ holdId: w.holdB }),
    body: () => ({ address: ADDRESS }),
    bad: [
      { why: 'no address', body: {} },
      { why: 'a phone number that is not one', body: { address: { ...ADDRESS, phone: 'call me' } } },
      { why: 'a city of another province', body: { address: { ...ADDRESS, cityCode: '110100', districtCode: '110105' } } },
    ],
  },
  { route: 'GET /launches/{launchId}/monitor', auth: 'user', as: 'sellerX', params: LIVE },
  { route: 'GET /launches/{launchId}/monitor/stream', auth: 'user', as: 'sellerX', params: LIVE },
  { route: 'GET /launches/{launchId}/monitor/history', auth: 'user', as: 'sellerX', params: LIVE, bad: [{ why: 'seconds=0', query: 'seconds=0' }, { why: 'more seconds than it keeps', query: 'seconds=301' }] },

  // seller analytics
  ...(['sales', 'skus', 'devices', 'funnel', 'regions'] as const).flatMap((d): RouteCase[] => [
    {
      route: `GET /stores/{storeId}/analytics/${d}`,
      auth: 'user',
      as: 'sellerX',
      params: X,
      bad: [
        { why: 'an unknown bucket', query: 'bucket=week' },
        { why: 'a from that is no time', query: 'from=yesterday' },
        { why: 'from after to', query: 'from=1800000000000&to=1700000000000', code: 'BAD_RANGE' },
        { why: 'an unknown format', query: 'format=xml' },
      ],
    },
    { route: `GET /admin/analytics/${d}`, auth: 'user', as: 'admin', bad: [{ why: 'limit=0', query: 'limit=0' }] },
  ]),
  { route: 'GET /admin/analytics/stores', auth: 'user', as: 'admin', bad: [{ why: 'limit=0', query: 'limit=0' }, { why: 'from after to', query: 'from=1800000000000&to=1700000000000', code: 'BAD_RANGE' }] },
  { route: 'GET /launches/{launchId}/analytics/funnel', auth: 'user', as: 'sellerX', params: LIVE, bad: [{ why: 'an unknown format', query: 'format=xml' }] },
  { route: 'GET /launches/{launchId}/analytics/sellout', auth: 'user', as: 'sellerX', params: LIVE, bad: [{ why: 'maxPoints=1', query: 'maxPoints=1' }] },
  { route: 'GET /launches/{launchId}/analytics/waiting', auth: 'user', as: 'sellerX', params: LIVE },

  // marketplace money
  { route: 'GET /stores/{storeId}/balance', auth: 'user', as: 'sellerX', params: X },
  {
    route: 'GET /stores/{storeId}/statement',
    auth: 'user',
    as: 'sellerX',
    params: X,
    bad: [
      { why: 'from after to', query: 'from=1800000000000&to=1700000000000', code: 'BAD_RANGE' },
      { why: 'a period of 500 days', query: `from=${1_700_000_000_000}&to=${1_700_000_000_000 + 500 * 86_400_000}`, code: 'RANGE_TOO_LONG' },
      { why: 'a from that is no time', query: 'from=yesterday' },
      { why: 'a lowercase currency', query: 'currency=cny' },
      { why: 'an unknown format', query: 'format=xml' },
    ],
  },
  {
    route: 'GET /stores/{storeId}/payouts',
    auth: 'user',
    as: 'sellerX',
    params: X,
    bad: [
      { why: 'an unknown status', query: 'status=lost' },
      { why: 'limit=0', query: 'limit=0' },
    ],
  },
  {
    route: 'POST /stores/{storeId}/payouts',
    auth: 'user',
    as: 'sellerX',
    params: X,
    body: () => ({}),
    bad: [
      { why: 'an amount of 0', body: { amountMinor: 0 } },
      { why: 'a fractional amount', body: { amountMinor: 0.5 } },
      { why: 'a currency that is not a code', body: { currency: 'yuan' } },
    ],
  },
  {
    route: 'GET /stores/{storeId}/commission',
    auth: 'user',
    as: 'sellerX',
    params: X,
    query: (w) => `skuIds=${w.skuX}`,
    bad: [
      { why: 'no SKUs', query: '' },
      { why: 'a SKU id that is not one', query: 'skuIds=abc' },
      { why: '21 SKUs', query: `skuIds=${Array.from({ length: 21 }, () => UNKNOWN_ID).join(',')}` },
      { why: 'a time that is no time', query: `skuIds=${UNKNOWN_ID}&at=tomorrow` },
    ],
  },
  {
    route: 'GET /admin/money/overview',
    auth: 'user',
    as: 'admin',
    bad: [
      { why: 'from after to', query: 'from=1800000000000&to=1700000000000', code: 'BAD_RANGE' },
      { why: 'an unknown format', query: 'format=xml' },
      { why: 'a currency that is not a code', query: 'currency=RMB1' },
    ],
  },
  { route: 'GET /admin/payouts', auth: 'user', as: 'admin', bad: [{ why: 'an unknown status', query: 'status=lost' }] },
  {
    route: 'POST /admin/payouts/batches',
    auth: 'user',
    as: 'admin',
    body: () => ({ minimumMinor: 1_000_000_000_00 }),
    bad: [
      { why: 'a minimum of 0', body: { minimumMinor: 0 } },
      { why: 'a currency that is not a code', body: { currency: 'yuan' } },
    ],
  },
  { route: 'GET /admin/commission-rules', auth: 'user', as: 'admin' },
  {
    route: 'POST /admin/commission-rules',
    auth: 'user',
    as: 'admin',
    body: () => ({ storeKind: 'marketplace', rateBps: 450, effectiveFrom: Date.now() + 365 * 86_400_000 }),
    bad: [
      { why: 'no rate', body: { storeKind: 'marketplace' } },
      { why: 'a rate above 100 %', body: { rateBps: 10_001 } },
      { why: 'a fractional rate', body: { rateBps: 1.5 } },
      { why: 'an unknown store kind', body: { rateBps: 100, storeKind: 'megastore' } },
      { why: 'an unknown category', body: { rateBps: 100, category: 'cars' } },
      { why: 'a negative start', body: { rateBps: 100, effectiveFrom: -1 } },
      { why: 'a launch that does not exist', body: { rateBps: 100, launchId: UNKNOWN_ID, effectiveFrom: Date.now() + 3_600_000 }, code: 'UNKNOWN_LAUNCH' },
    ],
  },

  // notifications
  { route: 'GET /notifications', auth: 'user', as: 'buyerA', bad: [{ why: 'limit=0', query: 'limit=0' }, { why: 'a time that is no time', query: 'before=yesterday' }] },
  {
    route: 'POST /notifications/read',
    auth: 'user',
    as: 'buyerA',
    body: () => ({ all: true }),
    bad: [
      { why: 'no ids', body: { ids: [] } },
      { why: 'an id that is not one', body: { ids: ['nope'] } },
      { why: 'all: false', body: { all: false } },
      { why: 'both at once', body: { all: true, ids: [UNKNOWN_ID] } },
    ],
  },
  { route: 'GET /notifications/preferences', auth: 'user', as: 'buyerA' },
  {
    route: 'PUT /notifications/preferences',
    auth: 'user',
    as: 'buyerA',
    body: () => ({ push: true }),
    bad: [
      { why: 'an unknown language', body: { locale: 'fr' } },
      { why: 'an unknown kind muted', body: { muted: ['spam'] } },
      { why: 'a channel that is not a boolean', body: { email: 'yes' } },
      { why: 'an unknown field', body: { sms: true } },
    ],
  },
  { route: 'GET /notifications/push/key', auth: 'public', as: 'buyerA' },
  {
    route: 'POST /notifications/push/subscriptions',
    auth: 'user',
    as: 'buyerA',
    body: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/contract-test', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } }),
    bad: [
      { why: 'no keys', body: { endpoint: 'https://fcm.googleapis.com/fcm/send/x' } },
      { why: 'an endpoint that is no URL', body: { endpoint: 'push me', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } } },
      { why: 'a key that is too short', body: { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { p256dh: 'B', auth: 'a'.repeat(22) } } },
      { why: 'an endpoint that is no push service', body: { endpoint: 'https://10.0.0.1/steal', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } }, code: 'PUSH_ENDPOINT_REFUSED' },
    ],
  },
  { route: 'POST /notifications/push/subscriptions/remove', auth: 'user', as: 'buyerA', body: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/none' }), bad: [{ why: 'an endpoint that is no URL', body: { endpoint: 'nowhere' } }] },
  {
    route: 'POST /notifications/unsubscribe',
    auth: 'mailed',
    as: 'buyerA',
    query: () => `token=${'a'.repeat(30)}.${'b'.repeat(43)}`,
    bad: [
      { why: 'no token', query: '' },
      { why: 'a token that is too short', query: 'token=abc' },
      { why: 'a token nobody made', query: `token=${'a'.repeat(30)}.${'b'.repeat(43)}`, code: 'BAD_TOKEN' },
    ],
  },
  { route: 'GET /admin/notifications/outbox', auth: 'user', as: 'admin', bad: [{ why: 'limit=0', query: 'limit=0' }] },
  {
    route: 'GET /admin/security/lockouts',
    auth: 'user',
    as: 'admin',
    bad: [
      { why: 'hours=0', query: 'hours=0' },
      { why: 'limit=501', query: 'limit=501' },
    ],
  },

  // platform admin
  {
    route: 'GET /admin/users',
    auth: 'user',
    as: 'admin',
    bad: [
      { why: 'an unknown role', query: 'role=root' },
      { why: 'limit=0', query: 'limit=0' },
    ],
  },
  {
    route: 'POST /admin/rehearsal/buyers',
    auth: 'user',
    as: 'admin',
    body: () => ({ count: 1 }),
    bad: [
      { why: 'no count', body: {} },
      { why: 'count 0', body: { count: 0 } },
      { why: 'count above the cap', body: { count: 5001 } },
      { why: 'a label with spaces', body: { count: 1, label: 'a b' } },
    ],
  },
];

/** Bad input every route with id parameters gets for free: each id replaced by something that is not one. */
function junkIdCases(r: RouteCase): Bad[] {
  const names = [...r.route.matchAll(/\{(\w+Id)\}/g)].map((m) => m[1]!);
  return names.map((name) => ({ why: `a ${name} that is not an id`, params: { [name]: 'not-a-uuid' } }));
}

/** A request to a table route: the route's own valid parts, overridden by `over`. */
async function call(
  w: World,
  who: Who | null,
  r: { route: string; params?: Params | undefined; body?: ((w: World) => unknown) | undefined; query?: ((w: World) => string) | undefined; headers?: ((w: World) => Record<string, string>) | undefined },
  over: { params?: Record<string, string> | undefined; body?: unknown; query?: string | undefined; headers?: Record<string, string> | undefined } = {},
): Promise<Res> {
  const [method, template] = r.route.split(' ') as [string, string];
  const params = { ...r.params?.(w), ...over.params };
  let path = template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`test table: no value for {${k}} in ${r.route}`);
    return encodeURIComponent(v);
  });
  const query = over.query ?? r.query?.(w);
  if (query) path += `?${query}`;
  const client = who ? w[who] : new Client(w.s.url);
  const body = 'body' in over ? over.body : r.body?.(w);
  return client.req(method, path, body, { ...r.headers?.(w), ...over.headers });
}

/** Requests that reach into what belongs to someone else, or need a role the caller lacks. */
interface Denied {
  who: Who;
  route: string;
  params?: Params;
  body?: (w: World) => unknown;
  query?: (w: World) => string;
  headers?: (w: World) => Record<string, string>;
  status: 403 | 404;
  code?: string;
}

const DENIED: Denied[] = [
  // Buyer A and what belongs to buyer B.
  { who: 'buyerA', route: 'GET /orders/{orderId}', params: PENDING_B, status: 404 },
  { who: 'buyerA', route: 'POST /orders/{orderId}/cancel', params: PENDING_B, body: () => ({}), status: 404 },
  { who: 'buyerA', route: 'POST /payments', body: (w) => ({ orderIds: [w.orderB.pending] }), status: 404 },
  { who: 'buyerA', route: 'GET /payments/{paymentId}', params: (w) => ({ paymentId: w.paymentB }), status: 404 },
  { who: 'buyerA', route: 'POST /orders/{orderId}/refund-request', params: PAID_B, body: () => ({ reason: 'mine now' }), status: 404 },
  { who: 'buyerA', route: 'POST /orders/{orderId}/confirm-delivery', params: PAID_B, status: 404 },
  { who: 'buyerA', route: 'DELETE /auth/tokens/{tokenId}', params: (w) => ({ tokenId: w.tokenB }), status: 404 },
  // The owner of store Y and store X's things.
  { who: 'sellerY', route: 'PATCH /stores/{storeId}', params: X, body: () => ({ name: 'Hijacked' }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /stores/{storeId}/members', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /stores/{storeId}/members', params: X, body: (w) => ({ email: w.emails.buyerA }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'DELETE /stores/{storeId}/members/{userId}', params: (w) => ({ storeId: w.storeX.id, userId: w.staffX.userId! }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /stores/{storeId}/products', params: X, body: () => ({ title: 'Knock-off', priceMinor: 1 }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'PATCH /products/{productId}', params: PX, body: () => ({ title: 'Hijacked' }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /products/{productId}/unpublish', params: PX, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /products/{productId}/publish', params: (w) => ({ productId: w.draftX }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /products/{productId}', params: (w) => ({ productId: w.draftX }), status: 404 },
  { who: 'sellerY', route: 'PATCH /skus/{skuId}', params: SX, body: () => ({ stock: 0 }), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /stores/{storeId}/orders', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /orders/{orderId}', params: PAID_B, status: 404 },
  { who: 'sellerY', route: 'POST /orders/{orderId}/ship', params: PAID_B, body: () => SHIP, status: 404 },
  { who: 'sellerY', route: 'POST /orders/{orderId}/deliver', params: PAID_B, status: 404 },
  { who: 'sellerY', route: 'POST /orders/{orderId}/refund/approve', params: REFUND_REQUESTED_B, status: 404 },
  { who: 'sellerY', route: 'POST /orders/{orderId}/refund/reject', params: REFUND_REQUESTED_B, body: () => ({}), status: 404 },
  // Staff run store X but do not own it.
  { who: 'staffX', route: 'PATCH /stores/{storeId}', params: X, body: () => ({ name: 'Renamed by staff' }), status: 403, code: 'OWNER_REQUIRED' },
  { who: 'staffX', route: 'POST /stores/{storeId}/members', params: X, body: (w) => ({ email: w.emails.buyerA }), status: 403, code: 'OWNER_REQUIRED' },
  { who: 'staffX', route: 'DELETE /stores/{storeId}/members/{userId}', params: (w) => ({ storeId: w.storeX.id, userId: w.sellerX.userId! }), status: 403, code: 'OWNER_REQUIRED' },
  // Each side of an order makes only its own moves.
  { who: 'buyerB', route: 'POST /orders/{orderId}/ship', params: PAID_B, body: () => SHIP, status: 403, code: 'ACTION_NOT_ALLOWED' },
  { who: 'buyerB', route: 'POST /orders/{orderId}/refund/approve', params: REFUND_REQUESTED_B, status: 403, code: 'ACTION_NOT_ALLOWED' },
  { who: 'sellerX', route: 'POST /orders/{orderId}/refund-request', params: PAID_B, body: () => ({ reason: 'seller wants it back' }), status: 403, code: 'ACTION_NOT_ALLOWED' },
  { who: 'sellerX', route: 'POST /orders/{orderId}/cancel', params: PENDING_B, body: () => ({}), status: 403, code: 'ACTION_NOT_ALLOWED' },
  { who: 'sellerX', route: 'POST /payments', body: (w) => ({ orderIds: [w.orderB.pending] }), status: 404 },
  { who: 'sellerX', route: 'GET /payments/{paymentId}', params: (w) => ({ paymentId: w.paymentB }), status: 404 },
  // Launches of store X.
  { who: 'sellerY', route: 'POST /stores/{storeId}/launches', params: X, body: newLaunch, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /launches/{launchId}/pause', params: FUTURE, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /launches/{launchId}/cancel', params: FUTURE, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /launches/{launchId}/monitor', params: LIVE, status: 404 },
  { who: 'buyerA', route: 'GET /launches/{launchId}/monitor', params: LIVE, status: 404 },
  { who: 'sellerY', route: 'GET /launches/{launchId}/monitor/history', params: LIVE, status: 404 },
  { who: 'sellerX', route: 'GET /admin/analytics/stores', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'buyerA', route: 'GET /launches/{launchId}/queue', params: LIVE, query: QUEUE_TOKEN_B, status: 403 },
  { who: 'buyerA', route: 'GET /launches/{launchId}/receipt', params: LIVE, status: 404 },
  { who: 'buyerA', route: 'POST /launches/{launchId}/reservations', params: LIVE, headers: (w) => ({ 'x-admission-pass': w.passB, 'idempotency-key': `steal-${uniq()}` }), body: (w) => ({ skuId: w.skuX }), status: 403 },
  { who: 'buyerA', route: 'POST /holds/{holdId}/pay', params: (w) => ({ holdId: w.holdB }), body: () => ({ address: ADDRESS }), status: 404 },
  // Store X's money: its members read it, only its owner pays out; other stores and buyers get nothing.
  { who: 'sellerY', route: 'GET /stores/{storeId}/balance', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /stores/{storeId}/statement', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /stores/{storeId}/payouts', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'POST /stores/{storeId}/payouts', params: X, body: () => ({}), status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'sellerY', route: 'GET /stores/{storeId}/commission', params: X, query: (w) => `skuIds=${w.skuX}`, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'buyerA', route: 'GET /stores/{storeId}/balance', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'buyerB', route: 'GET /stores/{storeId}/statement', params: X, status: 403, code: 'NOT_STORE_MEMBER' },
  { who: 'staffX', route: 'POST /stores/{storeId}/payouts', params: X, body: () => ({}), status: 403, code: 'OWNER_REQUIRED' },
  { who: 'buyerA', route: 'GET /orders/{orderId}/refunds', params: REFUND_REQUESTED_B, status: 404 },
  { who: 'sellerY', route: 'GET /orders/{orderId}/refunds', params: REFUND_REQUESTED_B, status: 404 },
  { who: 'sellerY', route: 'POST /orders/{orderId}/refund/approve', params: REFUND_REQUESTED_B, body: () => ({ amountMinor: 1 }), status: 404 },
  { who: 'sellerX', route: 'GET /admin/money/overview', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'staffX', route: 'GET /admin/payouts', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'POST /admin/payouts/batches', body: () => ({}), status: 403, code: 'ROLE_REQUIRED' },
  { who: 'buyerA', route: 'GET /admin/commission-rules', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'POST /admin/commission-rules', body: () => ({ rateBps: 0 }), status: 403, code: 'ROLE_REQUIRED' },
  // Roles.
  { who: 'sellerX', route: 'POST /launches/{launchId}/registrations', params: FUTURE, status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'POST /launches/{launchId}/queue', params: FUTURE, body: () => ({}), status: 403, code: 'ROLE_REQUIRED' },
  { who: 'buyerA', route: 'POST /stores', body: () => ({ name: 'Buyer Shop', kind: 'marketplace' }), status: 403, code: 'ROLE_REQUIRED' },
  { who: 'buyerA', route: 'POST /admin/stores/{storeId}/verification', params: X, body: () => ({ verified: true }), status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'POST /admin/stores/{storeId}/verification', params: X, body: () => ({ verified: true }), status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'GET /admin/orders', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'buyerA', route: 'GET /admin/users', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'POST /admin/rehearsal/buyers', body: () => ({ count: 1 }), status: 403, code: 'ROLE_REQUIRED' },
  { who: 'sellerX', route: 'GET /admin/notifications/outbox', status: 403, code: 'ROLE_REQUIRED' },
  { who: 'buyerA', route: 'GET /admin/security/lockouts', status: 403, code: 'ROLE_REQUIRED' },
];

/** Moves the order state machine must refuse: [state the order is in, who tries, the move, its body]. */
const ILLEGAL: Array<[OrderState, 'buyerB' | 'sellerX', string, unknown?]> = [
  ['pending_payment', 'sellerX', 'ship', SHIP],
  ['pending_payment', 'sellerX', 'deliver'],
  ['pending_payment', 'buyerB', 'confirm-delivery'],
  ['pending_payment', 'buyerB', 'refund-request', { reason: 'never paid' }],
  ['pending_payment', 'sellerX', 'refund/approve'],
  ['paid', 'buyerB', 'cancel', {}],
  ['paid', 'sellerX', 'deliver'],
  ['paid', 'buyerB', 'confirm-delivery'],
  ['paid', 'sellerX', 'refund/reject', {}],
  ['shipped', 'buyerB', 'cancel', {}],
  ['shipped', 'sellerX', 'ship', SHIP],
  ['delivered', 'sellerX', 'ship', SHIP],
  ['completed', 'buyerB', 'confirm-delivery'],
  ['completed', 'buyerB', 'refund-request', { reason: 'too late' }],
  ['cancelled', 'sellerX', 'ship', SHIP],
  ['cancelled', 'buyerB', 'cancel', {}],
  ['cancelled', 'buyerB', 'refund-request', { reason: 'never paid' }],
  ['refund_requested', 'sellerX', 'ship', SHIP],
  ['refund_requested', 'buyerB', 'refund-request', { reason: 'again' }],
  ['refunded', 'sellerX', 'refund/approve'],
  ['refunded', 'buyerB', 'refund-request', { reason: 'twice' }],
];

forEachEngine('API contract', (engine) => {
  let s: TestServer;
  let w: World;
  beforeAll(async () => {
    s = await startServer(engine);
    w = await buildWorld(s);
  });
  afterAll(() => s.close());

  it('the route table covers every /api/v1 route in the OpenAPI document, and only those', async () => {
    const doc = await new Client(s.url).get('/api/openapi.json');
    expectOk(doc);
    const documented = Object.entries((doc.body as { paths: Record<string, Record<string, unknown>> }).paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.slice('/api/v1'.length)}`));
    expect(ROUTES.map((r) => r.route).sort()).toEqual(documented.sort());
  });

  describe('malformed input is refused with 400 and a code, before anything happens', () => {
    const cases = ROUTES.flatMap((r) => [...(r.bad ?? []), ...junkIdCases(r)].map((bad) => ({ name: `${r.route} with ${bad.why}`, r, bad })));
    it.each(cases)('$name', async ({ r, bad }) => {
      const res = await call(w, r.as, r, bad);
      expectError(res, 400, bad.code ?? 'VALIDATION_FAILED');
    });
  });

  describe('requests the router refuses before any route runs still get the one error shape', () => {
    // These never reach a route: the router answers them itself, so the app must give the
    // router an error handler of its own (Fastify's `frameworkErrors` option).
    it.each([
      ['an id longer than the router accepts', 'POST', `/orders/${'x'.repeat(150)}/cancel`],
      ['a broken percent-encoding', 'POST', '/orders/%E0%A4%A/cancel'],
      ['a broken percent-encoding', 'GET', '/orders/%E0%A4%A'],
    ])('%s (%s)', async (_, method, path) => {
      expectError(await w.buyerB.req(method, path, method === 'GET' ? undefined : {}), [400, 404, 414]);
    });
  });

  describe('routes that need a signed-in user answer 401 without credentials', () => {
    const cases = ROUTES.filter((r) => r.auth === 'user').map((r) => ({ name: r.route, r }));
    it.each(cases)('$name', async ({ r }) => {
      expectError(await call(w, null, r), 401, 'UNAUTHENTICATED');
      expectError(await call(w, null, r, { headers: { authorization: 'Bearer fm_not-a-real-token' } }), 401, 'UNAUTHENTICATED');
      expectError(await call(w, null, r, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'UNAUTHENTICATED');
    });

    const open = ROUTES.filter((r) => r.auth === 'public').map((r) => ({ name: r.route, r }));
    it.each(open)('$name works signed out', async ({ r }) => {
      const res = await call(w, null, r);
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    });
  });

  describe("another buyer's or another store's things are out of reach, and nothing changes", () => {
    const cases = DENIED.map((d) => ({ name: `${d.who}: ${d.route} → ${d.status}${d.code ? ` ${d.code}` : ''}`, d }));
    it.each(cases)('$name', async ({ d }) => {
      const before = await dbSnapshot(s);
      expectError(await call(w, d.who, d), d.status, d.code);
      expect(await dbSnapshot(s)).toEqual(before);
    });

    it("buyer A's order list and cart show nothing of buyer B's", async () => {
      const aOrders = (await w.buyerA.get('/orders')).body.orders.map((o) => o.id);
      for (const id of Object.values(w.orderB)) expect(aOrders).not.toContain(id);
      const bCartBefore = (await w.buyerB.get('/cart')).body;
      expect(bCartBefore.itemCount).toBe(2);
      expect((await w.buyerA.get('/cart')).body.itemCount).toBe(0);
      // A "removing" B's item only touches A's own cart.
      expectOk(await w.buyerA.del(`/cart/items/${w.skuY}`));
      expectOk(await w.buyerA.req('DELETE', '/cart'), 204);
      expect((await w.buyerB.get('/cart')).body).toEqual(bCartBefore);
    });

    it("buyer A's reservations show nothing of buyer B's", async () => {
      expect((await w.buyerA.get('/holds')).body.holds).toEqual([]);
      expect((await w.buyerB.get('/holds')).body.holds.map((h) => h.id)).toEqual([w.holdB]);
    });

    it("store Y's order list shows nothing of store X's, and a draft of X stays hidden from Y's search and listing", async () => {
      const yOrders = (await w.sellerY.get(`/stores/${w.storeY.id}/orders`)).body.orders.map((o) => o.id);
      for (const id of Object.values(w.orderB)) expect(yOrders).not.toContain(id);
      const listing = (await w.sellerY.get(`/stores/${w.storeX.id}/products`)).body.products.map((p) => p.id);
      expect(listing).toContain(w.productX);
      expect(listing).not.toContain(w.draftX);
      const found = (await w.sellerY.get('/products?q=secret%20prototype')).body.items;
      expect(found).toEqual([]);
    });

    it('the admin verifies flagship stores only', async () => {
      const flagship = await w.sellerY.post('/stores', { name: 'Yelo Official', slug: `yelo-${uniq()}`, kind: 'flagship' });
      expectOk(flagship, 201);
      expect(flagship.body.verified).toBe(false);
      const verified = await w.admin.post(`/admin/stores/${flagship.body.id}/verification`, { verified: true });
      expectOk(verified);
      expect(verified.body.verified).toBe(true);
      expectError(await w.admin.post(`/admin/stores/${w.storeX.id}/verification`, { verified: true }), 409, 'NOT_FLAGSHIP');
      expectError(await w.admin.post(`/admin/stores/${UNKNOWN_ID}/verification`, { verified: true }), 404, 'NOT_FOUND');
    });
  });

  describe('the order state machine refuses illegal moves with 409 ILLEGAL_TRANSITION', () => {
    const cases = ILLEGAL.map(([state, who, action, body]) => ({ name: `${who} tries ${action} on a ${state} order`, state, who, action, body }));
    it.each(cases)('$name', async ({ state, who, action, body }) => {
      const id = await orderInState(s, w.buyerB, w.sellerX, w.skuX, state);
      const before = (await w.buyerB.get(`/orders/${id}`)).body;
      const snapshot = await dbSnapshot(s);
      const res = await w[who].post(`/orders/${id}/${action}`, body);
      expectError(res, 409, 'ILLEGAL_TRANSITION');
      expect(errorOf(res).details).toMatchObject({ status: state });
      expect((await w.buyerB.get(`/orders/${id}`)).body).toEqual(before);
      expect(await dbSnapshot(s)).toEqual(snapshot);
    });

    it('an order that is already paid cannot be paid again', async () => {
      expectError(await w.buyerB.post('/payments', { orderIds: [w.orderB.paid] }), 409, 'ORDER_NOT_PAYABLE');
    });
  });
});

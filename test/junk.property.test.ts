/**
 * Bad input of any kind gets a clear 4xx and changes nothing. fast-check sends generated
 * junk to every write route under /api/v1 (and the payment webhook), signed in as a real
 * buyer or seller, and after every request compares a fingerprint of every table with the
 * one taken before.
 *
 * Each request is invalid by construction, so "nothing changed" is the only right outcome:
 *  - junk ids: at least one path parameter is not a real id (the body may be anything, even valid);
 *  - bad body: real ids, and a body the route's schema must refuse — not an object, not
 *    parseable, too large, or an object with one field of a value that field never accepts;
 *  - unparseable: real ids, and a body no parser accepts (routes without a body get only
 *    this, unstorable text or junk ids, since with real ids any parseable body would be valid);
 *  - unstorable text: real ids and a valid request with a NUL or a lone surrogate put into one
 *    of its strings, an object key or the query string: 400 TEXT_UNSTORABLE.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_PASSWORD, ADDRESS, Client, forEachEngine, startServer, type TestServer, errorOf } from './harness.js';
import { anyString, objectContaining, stringMatching } from './helpers/match.js';
import { dbSnapshot, tableNames } from './helpers/db-snapshot.js';
import { buildWorld, type World } from './helpers/world.js';
import { SIGNATURE_HEADER, signPayload } from '../src/payments/sandbox.js';
import { CATEGORIES } from '../src/catalog/service.js';

const NUM_RUNS = 250;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- values a field never accepts -------------------------------------------------------

const json = fc.jsonValue({ maxDepth: 2 });
const someArray = fc.array(json, { maxLength: 3 });
const someObject = fc.dictionary(fc.string(), json, { maxKeys: 3 });
const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), someArray, someObject);
const notNumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), someArray, someObject);
const fraction = fc.double().filter((x) => !Number.isInteger(x));
/** Anything but an integer in [min, max] (no upper bound when max is omitted). */
const notIntIn = (min: number, max?: number) =>
  fc.oneof(notNumber, fraction, fc.integer({ min: -(2 ** 31), max: min - 1 }), ...(max === undefined ? [] : [fc.constantFrom(max + 1, max * 10 + 7, 1e300)]));
const notBool = fc.oneof(fc.integer(), fc.string(), fc.constant(null), someArray, someObject);
const notArray = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), someObject);
const notObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), someArray);
const notUuid = fc.oneof(notString, fc.string().filter((x) => !UUID.test(x)));
const notEmail = fc.oneof(notString, fc.string().filter((x) => !x.includes('@')));
const notOneOf = (...allowed: string[]) => fc.oneof(notString, fc.string().filter((x) => !allowed.includes(x)));
const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 300 }).map((n) => 'a'.repeat(n));
const notCurrency = fc.oneof(notString, fc.string().filter((x) => !/^[A-Z]{3}$/.test(x)));
const blank = fc.constantFrom('', ' ', ' \t\n ');
const blankOrTooLong = (max: number) => fc.oneof(blank, tooLong(max));
/** Text with a character no database text column can store: NUL (PostgreSQL refuses it) or a lone UTF-16 surrogate. */
const unstorable = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), fc.string({ maxLength: 20 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);

// ---- the write routes --------------------------------------------------------------------

type Fields = Array<[field: string, never: fc.Arbitrary<unknown>]>;

interface WriteRoute {
  /** Method and path as in the OpenAPI document, without the /api/v1 prefix. */
  route: string;
  /** Real ids for the path parameters. */
  ids?: (w: World) => Record<string, string[]>;
  /** 'none': the route reads no body; 'webhook': raw signed bytes; else the fields its schema checks and values each refuses. */
  body: 'none' | 'webhook' | Fields;
  /** A body the route accepts (junk ids must be refused even with it; bad bodies are built from it too). */
  valid?: (w: World) => Record<string, unknown>;
  headers?: (w: World) => Record<string, string>;
  /** The body may be left out (Fastify reads no body, and a JSON null, as null): null is no bad body here. */
  optionalBody?: true;
}

const X = (w: World) => ({ storeId: [w.storeX.id, w.storeY.id] });
const PRODUCTS = (w: World) => ({ productId: [w.productX, w.draftX, w.productY] });
const SKUS = (w: World) => ({ skuId: [w.skuX, w.skuY] });
const ORDERS = (w: World) => ({ orderId: Object.values(w.orderB) });
const LAUNCHES = (w: World) => ({ launchId: [w.launchFuture, w.launchLive] });

const WRITES: WriteRoute[] = [
  {
    route: 'POST /auth/signup',
    body: [['email', notEmail], ['password', fc.oneof(notString, fc.string({ maxLength: 7 }))], ['name', fc.oneof(notString, blankOrTooLong(100))], ['role', notOneOf('buyer', 'seller')]],
    valid: () => ({ email: 'junk@test.local', password: TEST_PASSWORD, name: 'Junk', label: 'junk phone' }),
  },
  {
    route: 'POST /auth/signup/confirm',
    body: [['email', notEmail], ['code', fc.oneof(notString, fc.string().filter((x) => !/^\d{6}$/.test(x)))], ['session', notOneOf('cookie', 'token')]],
    valid: () => ({ email: 'junk@test.local', code: '123456', session: 'token', label: 'junk' }),
  },
  {
    route: 'POST /auth/login',
    body: [['email', notEmail], ['password', fc.oneof(notString, fc.constant(''))], ['session', notOneOf('cookie', 'token')]],
    valid: (w) => ({ email: w.emails.buyerB, password: TEST_PASSWORD, session: 'token', label: 'junk' }),
  },
  { route: 'POST /auth/logout', body: 'none' },
  { route: 'POST /auth/tokens', body: [['label', fc.oneof(notString, blankOrTooLong(100))]], valid: () => ({ label: 'junk' }) },
  { route: 'DELETE /auth/tokens/{tokenId}', ids: (w) => ({ tokenId: [w.tokenB] }), body: 'none' },
  {
    route: 'POST /stores',
    body: [['kind', notOneOf('marketplace', 'flagship')], ['name', fc.oneof(notString, tooLong(80), fc.constant('a'))], ['logoUrl', fc.oneof(notString, fc.constantFrom('javascript:alert(1)', 'ftp://x.cn/a.png'))]],
    valid: () => ({ name: 'Junk Shop', kind: 'marketplace', description: 'junk' }),
  },
  {
    route: 'PATCH /stores/{storeId}',
    ids: X,
    body: [['name', fc.oneof(notString, tooLong(80), fc.constant('a'))], ['description', fc.oneof(notString, tooLong(2000))]],
    valid: () => ({ name: 'Junk Name', description: 'junk' }),
  },
  { route: 'POST /stores/{storeId}/members', ids: X, body: [['email', notEmail], ['role', notOneOf('owner', 'staff')]], valid: (w) => ({ email: w.emails.buyerA }) },
  { route: 'POST /invitations/accept', body: [['token', fc.oneof(notString, fc.string().filter((x) => !/^inv_[A-Za-z0-9_-]{32}$/.test(x)))]], valid: () => ({ token: `inv_${'a'.repeat(32)}` }) },
  { route: 'DELETE /stores/{storeId}/members/{userId}', ids: (w) => ({ storeId: [w.storeX.id], userId: [w.staffX.userId!, w.sellerX.userId!] }), body: 'none' },
  { route: 'POST /admin/stores/{storeId}/verification', ids: X, body: [['verified', notBool]], valid: () => ({ verified: true }) },
  { route: 'POST /admin/rehearsal/buyers', body: [['count', notIntIn(1, 5000)]], valid: () => ({ count: 1 }) },
  {
    route: 'POST /stores/{storeId}/products',
    ids: X,
    body: [['priceMinor', notIntIn(0, 1e11)], ['title', fc.oneof(notString, blankOrTooLong(200))], ['options', notArray], ['images', notArray]],
    valid: () => ({ title: 'Junk', description: 'junk', priceMinor: 100, options: [{ name: 'colour', values: ['black'] }] }),
  },
  { route: 'PATCH /products/{productId}', ids: PRODUCTS, body: [['title', fc.oneof(notString, blankOrTooLong(200))], ['images', notArray]], valid: () => ({ title: 'Junk', description: 'junk' }) },
  { route: 'POST /products/{productId}/publish', ids: PRODUCTS, body: 'none' },
  { route: 'POST /products/{productId}/unpublish', ids: PRODUCTS, body: 'none' },
  {
    route: 'PATCH /skus/{skuId}',
    ids: SKUS,
    body: [['stock', notIntIn(0, 10_000_000)], ['stockDelta', notIntIn(-10_000_000, 10_000_000)], ['priceMinor', notIntIn(0, 1e11)], ['images', notArray]],
    valid: () => ({ priceMinor: 1 }),
  },
  { route: 'DELETE /cart', body: 'none' },
  { route: 'POST /cart/items', body: [['skuId', notUuid], ['quantity', notIntIn(1, 99)]], valid: (w) => ({ skuId: w.skuY, quantity: 1 }) },
  { route: 'PUT /cart/items/{skuId}', ids: SKUS, body: [['quantity', notIntIn(0, 99)]], valid: () => ({ quantity: 1 }) },
  { route: 'DELETE /cart/items/{skuId}', ids: SKUS, body: 'none' },
  {
    route: 'POST /checkout',
    body: [['address', notObject], ['skuIds', fc.oneof(notArray, fc.constant([]), fc.array(notUuid, { minLength: 1, maxLength: 3 }))]],
    valid: () => ({ address: ADDRESS }),
  },
  { route: 'POST /orders/{orderId}/cancel', ids: ORDERS, body: [['reason', fc.oneof(notString, tooLong(500))]], valid: () => ({ reason: 'junk' }) },
  {
    route: 'POST /orders/{orderId}/ship',
    ids: ORDERS,
    body: [['carrier', fc.oneof(notString, blank)], ['trackingNumber', fc.oneof(notString, fc.string().filter((x) => !/^[A-Za-z0-9-]{4,40}$/.test(x.trim())))]],
    valid: () => ({ carrier: 'SF', trackingNumber: 'SF1234567890' }),
  },
  { route: 'POST /orders/{orderId}/deliver', ids: ORDERS, body: 'none' },
  { route: 'POST /orders/{orderId}/confirm-delivery', ids: ORDERS, body: 'none' },
  { route: 'POST /orders/{orderId}/refund-request', ids: ORDERS, body: [['reason', fc.oneof(notString, blankOrTooLong(500))]], valid: () => ({ reason: 'junk' }) },
  { route: 'POST /orders/{orderId}/refund/approve', ids: ORDERS, body: [['amountMinor', notIntIn(1, 1e11)]], valid: () => ({}), optionalBody: true },
  { route: 'POST /orders/{orderId}/refund/reject', ids: ORDERS, body: [['note', fc.oneof(notString, tooLong(500))]], valid: () => ({ note: 'junk' }) },
  {
    route: 'POST /payments',
    body: [['orderIds', fc.oneof(notArray, fc.constant([]), fc.array(notUuid, { minLength: 1, maxLength: 3 }), fc.array(fc.uuid(), { minLength: 21, maxLength: 25 }))]],
    valid: (w) => ({ orderIds: [w.orderB.pending] }),
  },
  { route: 'POST /payments/webhooks/sandbox', body: 'webhook' },
  {
    route: 'POST /stores/{storeId}/launches',
    ids: X,
    body: [['startsAt', notIntIn(0)], ['items', fc.oneof(notArray, fc.constant([]))], ['title', fc.oneof(notString, blankOrTooLong(200))], ['perBuyerLimit', notIntIn(1)]],
    valid: (w) => ({ title: 'Junk launch', description: 'junk', startsAt: Date.now() + 3_600_000, endsAt: Date.now() + 7_200_000, items: [{ skuId: w.skuX, allotment: 1, launchPriceMinor: 1 }] }),
  },
  { route: 'POST /launches/{launchId}/pause', ids: LAUNCHES, body: 'none' },
  { route: 'POST /launches/{launchId}/resume', ids: LAUNCHES, body: 'none' },
  { route: 'POST /launches/{launchId}/cancel', ids: LAUNCHES, body: 'none' },
  { route: 'POST /launches/{launchId}/registrations', ids: LAUNCHES, body: 'none' },
  { route: 'POST /launches/{launchId}/queue', ids: LAUNCHES, body: [['challenge', fc.oneof(notString, tooLong(600))], ['solution', fc.oneof(notString, tooLong(64))]], valid: () => ({}) },
  {
    route: 'POST /launches/{launchId}/reservations',
    ids: LAUNCHES,
    body: [['skuId', notUuid], ['quantity', notIntIn(1)]],
    valid: (w) => ({ skuId: w.skuX, quantity: 1 }),
    headers: (w) => ({ 'x-admission-pass': w.passB, 'idempotency-key': 'junk-reservation-1' }),
  },
  { route: 'POST /stores/{storeId}/payouts', ids: X, body: [['currency', notCurrency], ['amountMinor', notIntIn(1, 1e11)]], valid: () => ({}), optionalBody: true },
  { route: 'POST /admin/payouts/batches', body: [['currency', notCurrency], ['minimumMinor', notIntIn(1, 1e11)]], valid: () => ({}), optionalBody: true },
  {
    route: 'POST /admin/commission-rules',
    body: [['rateBps', notIntIn(0, 10_000)], ['storeKind', notOneOf('marketplace', 'flagship')], ['category', notOneOf(...CATEGORIES)], ['effectiveFrom', notIntIn(0, 8_640_000_000_000)], ['note', fc.oneof(notString, tooLong(200))]],
    valid: () => ({ rateBps: 100 }),
  },
  { route: 'POST /holds/{holdId}/pay', ids: (w) => ({ holdId: [w.holdB] }), body: [['address', notObject]], valid: () => ({ address: ADDRESS }) },
  { route: 'POST /notifications/read', body: [['ids', notArray], ['all', fc.oneof(fc.constant(false), notBool)]], valid: () => ({ all: true }) },
  { route: 'PUT /notifications/preferences', body: [['email', notBool], ['push', notBool], ['locale', notOneOf('en', 'zh-CN')], ['muted', notArray]], valid: () => ({ push: true }) },
  {
    route: 'POST /notifications/push/subscriptions',
    body: [['endpoint', fc.oneof(notString, fc.string().filter((x) => !/^https:\/\//.test(x)))], ['keys', notObject]],
    valid: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/junk', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } }),
  },
  { route: 'POST /notifications/push/subscriptions/remove', body: [['endpoint', fc.oneof(notString, fc.string().filter((x) => !/^https?:\/\//.test(x)))]], valid: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/junk' }) },
  { route: 'POST /notifications/unsubscribe', body: 'none' },
];

// ---- bodies ------------------------------------------------------------------------------

interface Sent {
  body?: string;
  contentType?: string;
}
const asJson = (v: unknown): Sent => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json' });
const isJson = (t: string) => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

/** Bodies no parser accepts: broken JSON, media types nobody reads, more than the body limit. */
const unparseable: fc.Arbitrary<Sent> = fc.oneof(
  fc.string({ maxLength: 40 }).filter((t) => !isJson(t)).map((t) => ({ body: t, contentType: 'application/json' })),
  fc.constantFrom('{"a":', '[1,2', '{"__proto__":{"x":1}}', 'NaN', "{'single':'quotes'}").map((t) => ({ body: t, contentType: 'application/json' })),
  fc
    .tuple(fc.constantFrom('application/xml', 'application/octet-stream', 'image/png', 'multipart/form-data; boundary=x'), fc.string({ minLength: 1 }))
    .map(([contentType, body]) => ({ body, contentType })),
  fc.integer({ min: 70_000, max: 100_000 }).map((n) => asJson({ blob: 'x'.repeat(n) })),
);

/** Anything at all: JSON of every shape, text, form fields, nothing. */
const anyBody: fc.Arbitrary<Sent> = fc.oneof(
  fc.oneof(fc.anything(), json, fc.object(), notObject).map(asJson),
  unparseable,
  fc.string().map((body) => ({ body, contentType: 'text/plain' })),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }).map((d) => ({ body: new URLSearchParams(d).toString(), contentType: 'application/x-www-form-urlencoded' })),
  fc.constant({}),
);

/** Bodies the route's schema must refuse: one field made impossible (in junk or in an otherwise valid body), a non-object, text. */
function refusedBody(fields: Fields, valid: Record<string, unknown>, optional: boolean): fc.Arbitrary<Sent> {
  const wrongField = fc.constantFrom(...fields).chain(([field, never]) => never.map((v) => [field, v] as const));
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(someObject, wrongField).map(([junk, [f, v]]) => asJson({ ...junk, [f]: v })) },
    { weight: 3, arbitrary: wrongField.map(([f, v]) => asJson({ ...valid, [f]: v })) },
    { weight: 1, arbitrary: (optional ? notObject.filter((v) => v !== null) : notObject).map(asJson) },
    { weight: 1, arbitrary: fc.string().map((body) => ({ body, contentType: 'text/plain' })) },
    { weight: 1, arbitrary: unparseable },
  );
}

/**
 * Path parameters that are not real ids (or are ids of nothing). They stay within the
 * router's 100-character limit once URL-encoded: longer ones never reach the app (the router
 * answers them itself), which api-contract.test.ts covers on its own.
 */
const junkId = fc
  .oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
    fc.uuid(),
    fc.constantFrom('0', '-1', 'null', 'undefined', "' OR '1'='1", '../../etc/passwd', '%00', '00000000-0000-0000-0000-00000000000g', 'x'.repeat(100)),
  )
  .filter((x) => x !== '' && !/^\.{1,2}$/.test(x) && encodeURIComponent(x).length <= 100);

// ---- requests ----------------------------------------------------------------------------

type Who = 'buyerB' | 'sellerX' | 'cookieB';

interface JunkRequest {
  route: string;
  mode: 'junk ids' | 'bad body' | 'unparseable' | 'webhook' | 'unstorable text';
  who: Who;
  params: Record<string, string>;
  sent: Sent;
  headers: Record<string, string>;
  /** A query string to append (`?…`), if any. */
  query?: string;
}

function requestsFor(r: WriteRoute, w: World, secret: string): fc.Arbitrary<JunkRequest> {
  const who = fc.constantFrom<Who>('buyerB', 'sellerX', 'cookieB');
  const ids = r.ids?.(w) ?? {};
  const names = Object.keys(ids);
  const real = fc.record(Object.fromEntries(names.map((n) => [n, fc.constantFrom(...ids[n]!)])));
  const headers = r.headers?.(w) ?? {};
  const base = { route: r.route, headers };

  if (r.body === 'webhook') {
    const signature = (body: string | undefined) =>
      fc.oneof(
        fc.constant<string | null>(null),
        fc.string({ maxLength: 80 }),
        fc.tuple(fc.nat(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })).map(([t, mac]) => `t=${t},v1=${mac}`),
        fc.constant(signPayload(secret, Date.now(), body ?? '')),
        fc.constant(signPayload(secret, Date.now() - 3_600_000, body ?? '')),
      );
    return fc.tuple(who, anyBody).chain(([caller, sent]) =>
      signature(sent.body).map((sig): JunkRequest => ({ ...base, mode: 'webhook', who: caller, params: {}, sent, headers: sig === null ? {} : { [SIGNATURE_HEADER]: sig } })),
    );
  }

  const modes: Array<fc.Arbitrary<JunkRequest>> = [
    fc.tuple(who, real, unparseable).map(([caller, params, sent]) => ({ ...base, mode: 'unparseable' as const, who: caller, params, sent })),
    // Real ids and an otherwise valid request with unstorable text in one place: a string of the
    // body, an object key, or (routes without a body) the query string.
    fc.tuple(who, real, unstorable, fc.nat()).map(([caller, params, bad, pick]) => ({ ...base, mode: 'unstorable text' as const, who: caller, params, ...withUnstorable(r, w, bad, pick) })),
  ];
  if (names.length) {
    // At least one parameter is junk; the others may be real. The body may be anything, even a valid one.
    const params = fc.tuple(fc.nat(names.length - 1), real, fc.array(fc.option(junkId, { nil: undefined }), { minLength: names.length, maxLength: names.length }), junkId).map(
      ([forced, realIds, maybeJunk, junk]) => Object.fromEntries(names.map((n, i) => [n, i === forced ? junk : (maybeJunk[i] ?? realIds[n]!)])),
    );
    const body = r.valid ? fc.oneof(anyBody, fc.constant(asJson(r.valid(w)))) : anyBody;
    modes.push(fc.tuple(who, params, body).map(([caller, p, sent]) => ({ ...base, mode: 'junk ids' as const, who: caller, params: p, sent })));
  }
  if (r.body !== 'none') {
    const refused = refusedBody(r.body, r.valid?.(w) ?? {}, r.optionalBody === true);
    modes.push(fc.tuple(who, real, refused).map(([caller, params, sent]) => ({ ...base, mode: 'bad body' as const, who: caller, params, sent })));
  }
  return fc.oneof(...modes);
}

/** Every string leaf of a JSON value, as a path of keys and indexes. */
function stringPaths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof v === 'string') return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...at, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...at, k]));
  return [];
}

/** The route's valid request with `bad` put into one string of its body (the `pick`-th), as a new key, or into the query. */
function withUnstorable(r: WriteRoute, w: World, bad: string, pick: number): { sent: Sent; query: string } {
  // A URL carries UTF-8, which has no lone surrogates: the query gets a NUL.
  if (r.body === 'none' || r.body === 'webhook') return { sent: {}, query: `?note=${encodeURIComponent(bad.replace(/\p{Cs}/gu, '\u0000'))}` };
  const body = structuredClone<Record<string, unknown>>(r.valid?.(w) ?? {});
  const paths = stringPaths(body);
  if (paths.length === 0 || pick % (paths.length + 1) === paths.length) return { sent: asJson({ ...body, [bad]: 'x' }), query: '' };
  const path = paths[pick % (paths.length + 1)]!;
  // The path leads through objects and arrays (indexed by name here) to a string.
  let node = body;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  node[last] = pick % 2 ? bad : `${node[last] as string}${bad}`;
  return { sent: asJson(body), query: '' };
}

forEachEngine('junk never breaks anything', (engine) => {
  let s: TestServer;
  let w: World;
  let cookieB: Client;
  let secret: string;
  let tables: string[];
  let before: Record<string, string>;
  beforeAll(async () => {
    s = await startServer(engine);
    w = await buildWorld(s);
    cookieB = new Client(s.url);
    const login = await cookieB.post('/auth/login', { email: w.emails.buyerB, password: TEST_PASSWORD, session: 'cookie' });
    if (login.status !== 200) throw new Error(`cookie login failed: ${login.status}`);
    cookieB.csrf = login.body.csrfToken ?? null;
    secret = (await s.fm.ctx.db.selectFrom('settings').select('value').where('key', '=', 'sandbox_webhook_secret').executeTakeFirstOrThrow()).value;
    tables = await tableNames(s);
    before = await dbSnapshot(s, tables);
  });
  afterAll(() => s.close());

  it('the junk table covers every write route under /api/v1', async () => {
    const doc = await new Client(s.url).get('/api/openapi.json');
    const writes = Object.entries((doc.body as { paths: Record<string, Record<string, unknown>> }).paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${path.slice('/api/v1'.length)}`));
    expect(WRITES.map((r) => r.route).sort()).toEqual(writes.sort());
    expect(tables).toEqual(expect.arrayContaining(['users', 'stores', 'products', 'skus', 'cart_items', 'orders', 'payments', 'webhook_events', 'holds']));
  });

  it(`${NUM_RUNS} junk requests: never a 5xx, always the one error shape with a code, and the database unchanged`, async () => {
    const seen = new Map<string, number>();
    const arbitrary = fc.oneof(...WRITES.map((r) => requestsFor(r, w, secret)));
    await fc.assert(
      fc.asyncProperty(arbitrary, async (req) => {
        const realIds = new Set(Object.values(WRITES.find((r) => r.route === req.route)!.ids?.(w) ?? {}).flat());
        if (req.mode === 'junk ids') fc.pre(Object.values(req.params).some((v) => !realIds.has(v)));
        const [method, template] = req.route.split(' ') as [string, string];
        const path = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(req.params[k]!)) + (req.query ?? '');
        const client = req.who === 'cookieB' ? cookieB : w[req.who];
        const headers = { ...req.headers, ...(req.sent.contentType ? { 'content-type': req.sent.contentType } : {}) };
        const res = await client.req(method, path, req.sent.body, headers);
        const where = `${req.mode}: ${method} ${path} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
        expect(res.status, where).toBeGreaterThanOrEqual(400);
        expect(res.status, where).toBeLessThan(500);
        expect(res.body, where).toEqual({ error: objectContaining({ code: stringMatching(/^[A-Z][A-Z0-9_]+$/), message: anyString }) });
        if (req.mode === 'unstorable text') expect(errorOf(res).code, where).toBe('TEXT_UNSTORABLE');
        expect(await dbSnapshot(s, tables), where).toEqual(before);
        const key = `${res.status} ${errorOf(res).code}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }),
      // No shrinking: a request that changed the database leaves it changed, so every later run would fail too and
      // shrinking would report the simplest request of all rather than the one that did it.
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    // The junk reached more than the first gate: schema errors, unparseable bodies, unknown ids, bad signatures.
    const codes = [...seen.keys()].join(', ');
    for (const code of ['VALIDATION_FAILED', 'MALFORMED_JSON', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TEXT_UNSTORABLE']) expect(codes).toContain(code);
  });
});

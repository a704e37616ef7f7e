/**
 * Launch rehearsal: `npm run simulate -- --buyers 100000 --units 10000` runs a whole launch
 * against a running Flashmall, so a seller can see how a launch of that size goes: a
 * product and launch are made in the seller's store, rehearsal buyers are minted by the
 * admin (bearer tokens, no passwords), every buyer joins the pre-queue, and at the start
 * each one waits its turn, reserves and pays through the sandbox gateway. A live display
 * shows queued, admitted, sold and remaining; the outcome is checked against the launch's
 * own counters (allotment = available + held + sold).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { Pool } from 'undici';
import { buyAll, failure, joinAll, newCounts, sleep, type Answer } from './launch-buyers.js';

const { values: a } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.FLASHMALL_URL ?? 'http://localhost:3000' },
    buyers: { type: 'string', default: '100000' },
    units: { type: 'string', default: '10000' },
    'starts-in': { type: 'string', default: '20' },
    rate: { type: 'string', default: '2000', short: 'r' },
    'max-active': { type: 'string', default: '10000' },
    'admin-email': { type: 'string', default: process.env.ADMIN_EMAIL ?? 'admin@flashmall.local' },
    'admin-password': { type: 'string', default: process.env.ADMIN_PASSWORD },
    'seller-email': { type: 'string', default: 'lumi@flashmall.local' },
    'seller-password': { type: 'string', default: 'seller-demo-1' },
    'in-flight': { type: 'string', default: '256' },
  },
});
const BUYERS = Number(a.buyers);
const UNITS = Number(a.units);
const base = new URL(a.url);
const pool = new Pool(base.origin, { connections: 128 });

async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await pool.request({
    method: method,
    path,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : {} };
}

async function login(email: string, password: string | undefined, who: string): Promise<string> {
  if (!password) throw new Error(`Give the ${who} password (--${who}-password, or ADMIN_PASSWORD for the admin).`);
  const r = await call('POST', '/api/v1/auth/login', null, { email, password, session: 'token', label: 'rehearsal' });
  if (r.status !== 200) throw new Error(`${who} login failed: ${failure(r)}`);
  const { token } = r.body as Answer<'/api/v1/auth/login', 'post', 200>;
  if (!token) throw new Error(`${who} login gave no token`);
  return token;
}

async function main() {
  const admin = await login(a['admin-email'], a['admin-password'], 'admin');
  const seller = await login(a['seller-email'], a['seller-password'], 'seller');
  const me = (await call('GET', '/api/v1/auth/me', seller)).body as Answer<'/api/v1/auth/me', 'get', 200>;
  const storeId = me.stores[0]?.storeId;
  if (!storeId) throw new Error('The seller has no store.');

  const product = (await call('POST', `/api/v1/stores/${storeId}/products`, seller, { title: `Rehearsal phone ${new Date().toISOString().slice(0, 16)}`, priceMinor: 3999_00, options: [] })).body as Answer<'/api/v1/stores/{storeId}/products', 'post', 201>;
  const skuId = product.skus[0]!.id;
  await call('PATCH', `/api/v1/skus/${skuId}`, seller, { stock: UNITS });
  await call('POST', `/api/v1/products/${product.id}/publish`, seller);

  console.log(`minting ${BUYERS} rehearsal buyers ...`);
  const buyers: Array<{ id: string; token: string }> = [];
  for (let left = BUYERS; left > 0; left -= 5000) {
    const r = await call('POST', '/api/v1/admin/rehearsal/buyers', admin, { count: Math.min(5000, left), label: 'simulate' });
    if (r.status !== 201) throw new Error(`minting buyers failed: ${failure(r)}`);
    buyers.push(...(r.body as Answer<'/api/v1/admin/rehearsal/buyers', 'post', 201>).buyers);
  }

  const startsAt = Date.now() + Number(a['starts-in']) * 1000 + BUYERS / 5;
  const launchRes = await call('POST', `/api/v1/stores/${storeId}/launches`, seller, {
    title: 'Launch rehearsal',
    startsAt,
    endsAt: startsAt + 3600_000,
    perBuyerLimit: 1,
    paymentWindowMs: 15 * 60_000,
    admission: { ratePerSecond: Number(a.rate), maxActive: Number(a['max-active']), passTtlMs: 120_000 },
    items: [{ skuId, allotment: UNITS, launchPriceMinor: 2999_00 }],
  });
  if (launchRes.status !== 201) throw new Error(`launch failed: ${failure(launchRes)}`);
  const launch = launchRes.body as Answer<'/api/v1/stores/{storeId}/launches', 'post', 201>;

  const inFlight = Number(a['in-flight']);
  const counts = newCounts();
  const s = { phase: 'joining' };
  const bar = new cliProgress.SingleBar({ format: '{phase} |{bar}| queued {queued} · admitted {admitted} · held {held} · paid {paid} · remaining {remaining}', hideCursor: true }, cliProgress.Presets.shades_classic);
  const show = () => bar.update(counts.held, { ...s, ...counts, remaining: UNITS - counts.held });
  bar.start(UNITS, 0, { ...s, ...counts, remaining: UNITS });
  const tick = setInterval(show, 250);

  const tokens = await joinAll(call, launch.id, buyers, inFlight, counts);
  s.phase = 'waiting for the start';
  await sleep(startsAt - Date.now());
  s.phase = 'live';
  const { lastHoldAt } = await buyAll({ call, launchId: launch.id, skuId, buyers, tokens, inFlight, counts, keyPrefix: 'rehearsal' });
  s.phase = 'settling payments';
  type Monitor = Answer<'/api/v1/launches/{launchId}/monitor', 'get', 200>;
  let m!: Monitor; // the loop's first round assigns it
  for (let i = 0; i < 120; i++) {
    m = (await call('GET', `/api/v1/launches/${launch.id}/monitor`, seller)).body as Monitor;
    if (m.sold >= counts.held) break;
    await sleep(500);
  }
  clearInterval(tick);
  show();
  bar.stop();

  const balanced = m.available + m.held + m.sold === m.allotment;
  console.log(`\nlaunch ${launch.id}`);
  console.log(`  ${BUYERS} buyers, ${UNITS} units: ${counts.held} reserved, sold out ${lastHoldAt ? ((lastHoldAt - startsAt) / 1000).toFixed(2) : '-'} s after the start, ${m.sold} paid`);
  console.log(`  books: allotment ${m.allotment} = available ${m.available} + held ${m.held} + sold ${m.sold} → ${balanced ? 'balanced' : 'NOT BALANCED'}; oversold ${Math.max(0, m.held + m.sold - m.allotment)}`);
  console.log(`  refusals: ${JSON.stringify(m.rejections)}`);
  await pool.close();
  if (!balanced) process.exit(1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

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
const base = new URL(a.url!);
const pool = new Pool(base.origin, { connections: 128 });

type Json = Record<string, any>;
async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const res = await pool.request({
    method: method as 'GET',
    path,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as Json) : {} };
}

async function login(email: string, password: string | undefined, who: string): Promise<string> {
  if (!password) throw new Error(`Give the ${who} password (--${who}-password, or ADMIN_PASSWORD for the admin).`);
  const r = await call('POST', '/api/v1/auth/login', null, { email, password, session: 'token', label: 'rehearsal' });
  if (r.status !== 200) throw new Error(`${who} login failed: ${r.body.error?.message ?? r.status}`);
  return r.body.token as string;
}

/** At most `n` requests in flight; every buyer is its own loop, mostly waiting. */
function semaphore(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function main() {
  const admin = await login(a['admin-email']!, a['admin-password'], 'admin');
  const seller = await login(a['seller-email']!, a['seller-password'], 'seller');
  const me = (await call('GET', '/api/v1/auth/me', seller)).body;
  const storeId = me.stores?.[0]?.storeId as string | undefined;
  if (!storeId) throw new Error('The seller has no store.');

  const product = (await call('POST', `/api/v1/stores/${storeId}/products`, seller, { title: `Rehearsal phone ${new Date().toISOString().slice(0, 16)}`, priceMinor: 3999_00, options: [] })).body;
  const skuId = product.skus[0].id as string;
  await call('PATCH', `/api/v1/skus/${skuId}`, seller, { stock: UNITS });
  await call('POST', `/api/v1/products/${product.id}/publish`, seller);

  console.log(`minting ${BUYERS} rehearsal buyers ...`);
  const buyers: Array<{ id: string; token: string }> = [];
  for (let left = BUYERS; left > 0; left -= 5000) {
    const r = await call('POST', '/api/v1/admin/rehearsal/buyers', admin, { count: Math.min(5000, left), label: 'simulate' });
    if (r.status !== 201) throw new Error(`minting buyers failed: ${r.body.error?.message ?? r.status}`);
    buyers.push(...r.body.buyers);
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
  if (launchRes.status !== 201) throw new Error(`launch failed: ${launchRes.body.error?.message ?? launchRes.status}`);
  const launch = launchRes.body;

  const gate = semaphore(Number(a['in-flight']));
  const req = (...args: Parameters<typeof call>) => gate(() => call(...args));
  const s = { phase: 'joining', queued: 0, admitted: 0, sold: 0, paid: 0, remaining: UNITS };
  const bar = new cliProgress.SingleBar({ format: '{phase} |{bar}| queued {queued} · admitted {admitted} · held {sold} · paid {paid} · remaining {remaining}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(UNITS, 0, s);
  const tick = setInterval(() => bar.update(s.sold, s), 250);

  const tokens = await Promise.all(buyers.map(async (b) => {
    const r = await req('POST', `/api/v1/launches/${launch.id}/queue`, b.token, {});
    s.queued++;
    return r.body.queueToken as string;
  }));
  s.phase = 'waiting for the start';
  await sleep(startsAt - Date.now());
  s.phase = 'live';
  let lastHoldAt = 0;
  const address = { recipient: 'Rehearsal Buyer', phone: '13800000000', province: 'Guangdong', city: 'Shenzhen', line1: '1 Rehearsal Road' };
  await Promise.all(buyers.map(async (b, i) => {
    await sleep(Math.random() * 1000);
    for (;;) {
      const st = (await req('GET', `/api/v1/launches/${launch.id}/queue?token=${encodeURIComponent(tokens[i]!)}`, b.token)).body;
      if (st.state === 'admitted') {
        s.admitted++;
        const r = await req('POST', `/api/v1/launches/${launch.id}/reservations`, b.token, { skuId }, { 'x-admission-pass': st.pass, 'idempotency-key': `rehearsal-${b.id}` });
        if (r.status !== 201) return;
        s.sold++;
        s.remaining--;
        lastHoldAt = Date.now();
        const pay = await req('POST', `/api/v1/holds/${r.body.id}/pay`, b.token, { address });
        if (pay.status === 201) {
          const ok = await req('POST', `${new URL(pay.body.payment.payUrl).pathname}/approve`, null, undefined, { accept: 'application/json' });
          if (ok.status === 200) s.paid++;
        }
        return;
      }
      if (st.state === 'sold_out' || st.state === 'ended') return;
      // Poll about once per estimated wait, 2-20 s, jittered (what the storefront does without SSE).
      await sleep(Math.min(20_000, Math.max(2000, (st.etaSeconds ?? 2) * 1000)) * (0.75 + Math.random() / 2));
    }
  }));
  s.phase = 'settling payments';
  let m: Json = {};
  for (let i = 0; i < 120; i++) {
    m = (await call('GET', `/api/v1/launches/${launch.id}/monitor`, seller)).body;
    if (m.sold >= s.sold) break;
    await sleep(500);
  }
  clearInterval(tick);
  bar.update(s.sold, s);
  bar.stop();

  const balanced = m.available + m.held + m.sold === m.allotment;
  console.log(`\nlaunch ${launch.id}`);
  console.log(`  ${BUYERS} buyers, ${UNITS} units: ${s.sold} reserved, sold out ${lastHoldAt ? ((lastHoldAt - startsAt) / 1000).toFixed(2) : '-'} s after the start, ${m.sold} paid`);
  console.log(`  books: allotment ${m.allotment} = available ${m.available} + held ${m.held} + sold ${m.sold} → ${balanced ? 'balanced' : 'NOT BALANCED'}; oversold ${Math.max(0, m.held + m.sold - m.allotment)}`);
  console.log(`  refusals: ${JSON.stringify(m.rejections)}`);
  await pool.close();
  if (!balanced) process.exit(1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

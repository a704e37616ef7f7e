/**
 * Flash-sale benchmark (npm run bench:flash [-- --json] [--buyers 100000] [--units 10000]
 * [--mode embedded|scale] [--workers N]). Flashmall runs in its own process(es); this process is
 * the load generator (bench/blaster.ts for the rate runs, undici for the simulated buyers). Same
 * generator, same connections for the ceiling (a bare node:http server) and for Flashmall.
 *
 * --mode embedded (default): one process on SQLite in a fresh data directory; the audit reads
 * the SQLite file. --mode scale: FLASHMALL_WORKERS=N processes (node:cluster) on the local
 * PostgreSQL (a fresh schema; BENCH_DATABASE_URL) and Redis (a fresh key prefix;
 * BENCH_REDIS_URL); the audit reads PostgreSQL. Both also report the CPU seconds the app, Redis
 * and PostgreSQL spent per reservation, and (scale) Redis commands and WAL syncs per hold: the
 * per-process figures `npm run capacity` builds its model on.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { blast, type BlastRequest, type BlastResult } from './blaster.js';
import { buyAll, joinAll, newCounts, type Answer, type Call } from '../tools/launch-buyers.js';
import { cmdlineOf, cpuMeter, freePort, pidsNamed, pinCores, processTree, startChild, stopChild, watchRssTree } from './lib.js';
import { remindersRun } from './reminders.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    buyers: { type: 'string', default: '100000' },
    units: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    /** Which runs to make (profiling one at a time): ceiling,fastify,reserve,soldout,join (join and status),sale; reminders (start reminders of 10,000 registered buyers during reservations, bench/reminders.ts) only when named. */
    only: { type: 'string', default: 'ceiling,fastify,reserve,soldout,join,sale' },
    /** embedded (SQLite, one process) or scale (PostgreSQL + Redis, --workers processes). */
    mode: { type: 'string', default: 'embedded' },
    workers: { type: 'string', default: '2' },
    /** Whole sale: requests the simulated buyers keep in flight at once. */
    'in-flight': { type: 'string', default: '256' },
  },
});
const MODE = args.mode === 'scale' ? 'scale' : 'embedded';
if (args.mode !== 'scale' && args.mode !== 'embedded') throw new Error(`--mode must be embedded or scale, not ${args.mode}`);
const WORKERS = MODE === 'scale' ? Math.max(1, Number(args.workers)) : 1;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BUYERS = Number(args.buyers);
const UNITS = Number(args.units);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const IN_FLIGHT = Number(args['in-flight']);
const PHASES = new Set(args.only.split(','));
const skipped = { rps: 0, total: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, statusCounts: {}, errors: 0 };
const log = (...a: unknown[]) => (args.json ? console.error(...a) : console.log(...a));

const SETTINGS = {
  RATE_LIMIT_ENABLED: 'true',
  // Every simulated buyer comes from 127.0.0.1, so the per-IP limits are raised; per-account limits stay on.
  RATE_JOIN_IP: '100000000',
  RATE_POLL_IP: '100000000',
  RATE_RESERVE_IP: '100000000',
  RATE_RESERVE_ACCOUNT: '100000000',
  RATE_POLL_ACCOUNT: '600',
  RATE_JOIN_ACCOUNT: '20',
  SCRYPT_COST: '1024',
  // The per-stage table (launches/stages.ts): a clock read per stage.
  STAGE_TIMING: 'true',
};


async function main() {
  const tsxLoader = path.resolve('node_modules/tsx/dist/loader.mjs');
  // Embedded: the generator and the server on different cores, so neither slows the other.
  const pinning = MODE === 'embedded' ? pinCores() : 'not pinned (scale-out: the app processes, PostgreSQL and Redis share every core)';
  log(`cores: ${pinning}`);
  // 1. The ceiling.
  const helloPort = await freePort();
  const hello = await startChild(process.execPath, ['bench/hello.mjs'], { PORT: String(helloPort) }, `http://127.0.0.1:${helloPort}/`);
  log(`ceiling: bare node:http, ${CONNECTIONS} connections, ${DURATION}s ...`);
  // The same request shape and the same per-request work in the generator as the reserve run.
  const fakeToken = `fm_${randomBytes(32).toString('base64url')}`;
  const fakePass = `${Buffer.from(JSON.stringify({ l: randomUUID(), b: randomUUID(), e: Date.now() })).toString('base64url')}.${randomBytes(24).toString('base64url')}`;
  const fakeSku = randomUUID();
  const fakeReserve = (i: number): BlastRequest => ({
    method: 'POST',
    path: `/api/v1/launches/${fakeSku}/reservations`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${fakeToken}`, 'x-admission-pass': fakePass, 'idempotency-key': `reserve-${i}` },
    body: JSON.stringify({ skuId: fakeSku }),
  });
  const ceiling = !PHASES.has('ceiling') ? { ...skipped, rps: 1 } : await blast({
    port: helloPort,
    connections: CONNECTIONS,
    durationMs: DURATION * 1000,
    build: fakeReserve,
  });
  await stopChild(hello);
  // With several app processes, the ceiling is as many hello-world processes on one port.
  const helloN = WORKERS > 1 && PHASES.has('ceiling') ? await (async () => {
    const p = await freePort();
    const child = await startChild(process.execPath, ['bench/hello.mjs'], { PORT: String(p), WORKERS: String(WORKERS) }, `http://127.0.0.1:${p}/`);
    log(`ceiling: ${WORKERS} node:http processes (cluster), ${CONNECTIONS} connections, ${DURATION}s ...`);
    const r = await blast({
      port: p,
      connections: CONNECTIONS,
      durationMs: DURATION * 1000,
      build: fakeReserve,
    });
    await stopChild(child);
    return r;
  })() : null;

  // A reference: the framework alone (Fastify + Zod validation, one constant answer), same requests.
  const fPort = await freePort();
  const fastifyRef = !PHASES.has('fastify') ? skipped : await (async () => {
    const child = await startChild(process.execPath, ['--import', tsxLoader, 'bench/fastify-hello.ts'], { PORT: String(fPort) }, `http://127.0.0.1:${fPort}/`);
    log(`reference: Fastify + Zod, one route, ${CONNECTIONS} connections, ${DURATION}s ...`);
    const r = await blast({
      port: fPort,
      connections: CONNECTIONS,
      durationMs: DURATION * 1000,
      build: fakeReserve,
    });
    await stopChild(child);
    return r;
  })();

  // 2. Flashmall: embedded (SQLite in a fresh data directory, WAL, synchronous=FULL), or scale-out
  // (WORKERS processes on PostgreSQL in a fresh schema and Redis under a fresh key prefix).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-bench-'));
  const tag = randomBytes(5).toString('hex');
  const schema = `bench_${tag}`;
  const redisPrefix = `fmbench:${tag}:`;
  let pgPool: pg.Pool | null = null;
  let redis: Redis | null = null;
  const scaleEnv: Record<string, string> = {};
  if (MODE === 'scale') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // The backends of the server under test are told apart by name (others may share this PostgreSQL).
    url.searchParams.set('application_name', `fmbench-${tag}`);
    pgPool = new pg.Pool({ connectionString: PG_URL, max: 4, options: `-c search_path=${schema}` });
    redis = new Redis(REDIS_URL);
    Object.assign(scaleEnv, { DATABASE_URL: url.toString(), REDIS_URL, REDIS_PREFIX: redisPrefix, FLASHMALL_WORKERS: String(WORKERS) });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startChild(process.execPath, ['--import', tsxLoader, 'src/server.ts'], { ...SETTINGS, ...scaleEnv, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'bench-admin-1' }, `${base}/healthz`);
  running.server = server;
  if (MODE === 'scale') {
    // Every worker must be listening before the clock starts.
    for (let i = 0; i < 200 && processTree(server.pid!).length < 1 + WORKERS; i++) await sleep(100);
    const seen = new Set<number>();
    for (let i = 0; i < 400 && seen.size < WORKERS; i++) seen.add(((await (await fetch(`${base}/healthz`, { headers: { connection: 'close' } })).json()) as { pid: number }).pid);
    log(`scale-out: ${seen.size} app processes answer on port ${port} (PostgreSQL schema ${schema}, Redis prefix ${redisPrefix})`);
  }
  const peakRss = watchRssTree(server.pid!);
  const appPids = () => processTree(server.pid!);
  // PostgreSQL CPU: this server's backends (scale-out) plus the WAL writer, background writer and
  // checkpointer they keep busy; embedded runs use no PostgreSQL (anything there is someone else's).
  let ourBackends: number[] = [];
  const pollBackends = async () => {
    if (pgPool) ourBackends = (await pgPool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`fmbench-${tag}`])).rows.map((r) => r.pid);
  };
  await pollBackends();
  const backendPoll = setInterval(() => void pollBackends().catch(() => {}), 500);
  backendPoll.unref();
  const pgShared = () => pidsNamed('postgres').filter((p) => /walwriter|background writer|checkpointer/.test(cmdlineOf(p)));
  const meter = () => cpuMeter({ app: appPids, appMainThread: appPids, redis: () => pidsNamed('redis-server'), postgres: () => (MODE === 'scale' ? [...ourBackends, ...pgShared()] : []) }, ['appMainThread']);
  const generatorCpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  /** Runs a rate test and measures the CPU each side spent on it (and, scale-out, Redis commands and WAL syncs). */
  const measured = async (run: () => Promise<BlastResult>) => {
    const stop = meter();
    const g0 = generatorCpu();
    const redis0 = redis ? await redisCommands(redis) : 0;
    const stats0: Record<string, number> = redis ? await redisCommandStats(redis) : {};
    const wal0 = pgPool ? await walStats(pgPool) : null;
    const r = await run();
    const cpu = { ...stop(), generator: generatorCpu() - g0 };
    const redisOps = redis ? (await redisCommands(redis)) - redis0 : 0;
    const stats1: Record<string, number> = redis ? await redisCommandStats(redis) : {};
    // Microseconds Redis spent per command kind (commands run inside scripts included).
    const redisUsec = Object.fromEntries(Object.entries(stats1).map(([k, v]): [string, number] => [k, v - (stats0[k] ?? 0)]).filter(([, v]) => v > 0));
    const wal1 = pgPool ? await walStats(pgPool) : null;
    return { r, cpu, redisOps, redisUsec, walSyncs: wal0 && wal1 ? wal1.syncs - wal0.syncs : 0, walBytes: wal0 && wal1 ? wal1.bytes - wal0.bytes : 0 };
  };
  /** The hot path's stage totals on /metrics (every process's, summed): µs per route and stage, and requests per route. */
  const stageTotals = async (): Promise<{ micros: Record<string, number>; requests: Record<string, number> }> => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const micros: Record<string, number> = {};
    const requests: Record<string, number> = {};
    for (const m of text.matchAll(/^flashmall_hot_path_stage_microseconds_total\{([^}]*)\} ([0-9.e+-]+)$/gm)) {
      const route = /route="([^"]+)"/.exec(m[1]!)![1]!;
      const stage = /stage="([^"]+)"/.exec(m[1]!)![1]!;
      micros[`${route}:${stage}`] = (micros[`${route}:${stage}`] ?? 0) + Number(m[2]);
    }
    for (const m of text.matchAll(/^flashmall_hot_path_requests_total\{([^}]*)\} ([0-9.e+-]+)$/gm)) {
      const route = /route="([^"]+)"/.exec(m[1]!)![1]!;
      requests[route] = (requests[route] ?? 0) + Number(m[2]);
    }
    return { micros, requests };
  };
  /** µs per request of each stage of `route` between two readings, and what the stages leave of the app's CPU per request (HTTP, event loop, GC). */
  const stagesOf = (route: string, a: Awaited<ReturnType<typeof stageTotals>>, b: Awaited<ReturnType<typeof stageTotals>>, appCpuPerRequest: number | undefined, mainThreadPerRequest?: number) => {
    const n = (b.requests[route] ?? 0) - (a.requests[route] ?? 0);
    const out: Record<string, number> = {};
    if (n <= 0) return out;
    for (const stage of ['request', 'auth', 'limit', 'decide', 'write', 'answer', 'analytics']) {
      const k = `${route}:${stage}`;
      const d = (b.micros[k] ?? 0) - (a.micros[k] ?? 0);
      if (d > 0) out[stage] = round(d / n, 1);
    }
    const timed = Object.values(out).reduce((x, y) => x + y, 0);
    if (appCpuPerRequest !== undefined) {
      out.appCpu = round(appCpuPerRequest * 1e6, 1);
      out['http, loop and the rest'] = round(appCpuPerRequest * 1e6 - timed, 1);
      // The app's CPU split by thread: the event loop's, and its helpers' (the analytics writer, the WAL checkpointer, libuv's fdatasync, GC helpers).
      if (mainThreadPerRequest !== undefined) {
        out.mainThread = round(mainThreadPerRequest * 1e6, 1);
        out.otherThreads = round((appCpuPerRequest - mainThreadPerRequest) * 1e6, 1);
      }
    }
    return out;
  };
  const pool = new Pool(base, { connections: 128 });
  const call: Call = async (method, url, token, payload, headers = {}) => {
    const res = await pool.request({
      method: method,
      path: url,
      headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: payload !== undefined ? JSON.stringify(payload) : undefined,
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : {} };
  };

  // Accounts are made straight in the database (a sign-up mails a code, and a sign-up per
  // simulated buyer would measure scrypt, not the sale).
  const seller = (pgPool ? await makeBuyersPg(pgPool, 1, 'seller') : makeBuyers(path.join(dataDir, 'flashmall.sqlite'), 1, 'seller'))[0]!.token;
  const store = (await call('POST', '/api/v1/stores', seller, { name: 'Bench Flagship', kind: 'flagship' })).body as Answer<'/api/v1/stores', 'post', 201>;
  const product = (await call('POST', `/api/v1/stores/${store.id}/products`, seller, { title: 'Bench Phone', priceMinor: 1999_00, options: [{ name: 'colour', values: ['black', 'white', 'blue'] }] })).body as Answer<'/api/v1/stores/{storeId}/products', 'post', 201>;
  const [skuBig, skuSoldOut, skuSale] = product.skus.map((s) => s.id);
  if (!skuBig || !skuSoldOut || !skuSale) throw new Error('the bench product was made with three SKUs');
  const BIG = 5_000_000;
  for (const [sku, stock] of [[skuBig, BIG + 10], [skuSoldOut, 1], [skuSale, UNITS]] as const) await call('PATCH', `/api/v1/skus/${sku}`, seller, { stock });
  await call('POST', `/api/v1/products/${product.id}/publish`, seller);

  const buyerCount = Math.max(BUYERS, 3000);
  log(`creating ${buyerCount} buyer accounts ...`);
  const buyers = pgPool ? await makeBuyersPg(pgPool, buyerCount) : makeBuyers(path.join(dataDir, 'flashmall.sqlite'), buyerCount);

  const startsIn = 3000;
  const now = Date.now();
  const launch = async (sku: string, allotment: number, extra: Record<string, unknown>) =>
    (await call('POST', `/api/v1/stores/${store.id}/launches`, seller, {
      title: `Bench ${allotment}`,
      startsAt: now + startsIn,
      endsAt: now + 3600_000,
      paymentWindowMs: 3600_000,
      admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 3600_000 },
      items: [{ skuId: sku, allotment, launchPriceMinor: 1499_00 }],
      ...extra,
    })).body as Answer<'/api/v1/stores/{storeId}/launches', 'post', 201>;
  const big = await launch(skuBig, BIG, { perBuyerLimit: 100 });
  const soldOut = await launch(skuSoldOut, 1, { perBuyerLimit: 1 });
  const K = 3000;
  const hot = buyers.slice(0, K);
  log(`${K} buyers join the two hot-path launches ...`);
  const qt = new Map<string, string>();
  await parallel(hot, 64, async (b) => {
    type Joined = Answer<'/api/v1/launches/{launchId}/queue', 'post', 200>;
    qt.set(`big:${b.id}`, ((await call('POST', `/api/v1/launches/${big.id}/queue`, b.token, {})).body as Joined).queueToken);
    qt.set(`so:${b.id}`, ((await call('POST', `/api/v1/launches/${soldOut.id}/queue`, b.token, {})).body as Joined).queueToken);
  });
  await sleep(now + startsIn + 500 - Date.now());
  const passes = new Map<string, string>();
  await parallel(hot, 64, async (b) => {
    for (const [tag, l] of [['big', big], ['so', soldOut]] as const) {
      for (;;) {
        const st = (await call('GET', `/api/v1/launches/${l.id}/queue?token=${encodeURIComponent(qt.get(`${tag}:${b.id}`)!)}`, b.token)).body as Answer<'/api/v1/launches/{launchId}/queue', 'get', 200>;
        if (st.pass) {
          passes.set(`${tag}:${b.id}`, st.pass);
          break;
        }
        await sleep(100);
      }
    }
  });
  // Sell the only unit of the sold-out launch.
  const first = hot[0]!;
  await call('POST', `/api/v1/launches/${soldOut.id}/reservations`, first.token, { skuId: skuSoldOut }, { 'x-admission-pass': passes.get(`so:${first.id}`)!, 'idempotency-key': 'bench-sold-1' });

  log(`reserve: ${CONNECTIONS} connections, ${DURATION}s, allotment ${BIG} ...`);
  const acknowledged: string[] = [];
  const st0 = await stageTotals();
  const reserveRun = !PHASES.has('reserve') ? { r: skipped, cpu: {}, redisOps: 0, redisUsec: {}, walSyncs: 0, walBytes: 0 } : await measured(() => blast({
    port,
    connections: CONNECTIONS,
    durationMs: DURATION * 1000,
    build: (i) => {
      const b = hot[i % K]!;
      return {
        method: 'POST',
        path: `/api/v1/launches/${big.id}/reservations`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}`, 'x-admission-pass': passes.get(`big:${b.id}`)!, 'idempotency-key': `reserve-${i}` },
        body: JSON.stringify({ skuId: skuBig }),
      };
    },
    onResponse: (_i, status, resBody) => {
      if (status === 201) acknowledged.push(resBody.slice(7, 43));
    },
  }));
  const reserve = reserveRun.r;
  const reserveHolds = acknowledged.length;
  const st1 = await stageTotals();

  log(`sold out: ${CONNECTIONS} connections, ${DURATION}s ...`);
  const soldRun = !PHASES.has('soldout') ? { r: skipped, cpu: {}, redisOps: 0, redisUsec: {}, walSyncs: 0, walBytes: 0 } : await measured(() => blast({
    port,
    connections: CONNECTIONS,
    durationMs: DURATION * 1000,
    build: (i) => {
      const b = hot[1 + (i % (K - 1))]!;
      return {
        method: 'POST',
        path: `/api/v1/launches/${soldOut.id}/reservations`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}`, 'x-admission-pass': passes.get(`so:${b.id}`)!, 'idempotency-key': `sold-out-${i}` },
        body: JSON.stringify({ skuId: skuSoldOut }),
      };
    },
  }));
  const sold = soldRun.r;
  const st2 = await stageTotals();

  // Joining: buyers join a launch that starts later (a durable place each, in the pre-queue).
  const joinLaunch = await launch(skuBig, 1, { perBuyerLimit: 1, startsAt: Date.now() + 3600_000, endsAt: Date.now() + 7200_000 });
  const joiners = buyers.slice(0, Math.max(K, BUYERS));
  const queueTokens = new Map<number, string>();
  log(`join: ${CONNECTIONS} connections, ${DURATION}s, ${joiners.length} buyers ...`);
  const joinRun = !PHASES.has('join') ? { r: skipped, cpu: {}, redisOps: 0, redisUsec: {}, walSyncs: 0, walBytes: 0 } : await measured(() => blast({
    port,
    connections: CONNECTIONS,
    durationMs: DURATION * 1000,
    build: (i) => ({
      method: 'POST',
      path: `/api/v1/launches/${joinLaunch.id}/queue`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${joiners[i % joiners.length]!.token}` },
      body: '{}',
    }),
    onResponse: (i, status, resBody) => {
      const b = i % joiners.length;
      if (status === 200 && !queueTokens.has(b)) queueTokens.set(b, resBody.slice(15, resBody.indexOf('"', 15)));
    },
  }));
  const st3 = await stageTotals();

  // Standing: the buyers who joined ask where they stand.
  const polled = [...queueTokens.keys()];
  log(`status: ${CONNECTIONS} connections, ${DURATION}s, ${polled.length} buyers ...`);
  const statusRun = !PHASES.has('join') || polled.length === 0 ? { r: skipped, cpu: {}, redisOps: 0, redisUsec: {}, walSyncs: 0, walBytes: 0 } : await measured(() => blast({
    port,
    connections: CONNECTIONS,
    durationMs: DURATION * 1000,
    build: (i) => {
      const b = polled[i % polled.length]!;
      return { method: 'GET', path: `/api/v1/launches/${joinLaunch.id}/queue?token=${queueTokens.get(b)!}`, headers: { authorization: `Bearer ${joiners[b]!.token}` } };
    },
  }));
  const st4 = await stageTotals();
  // Start reminders of a launch with 10,000 registered buyers written while reservations run (--only reminders; bench/reminders.ts).
  if (PHASES.has('reminders')) await remindersRun({ call, port, connections: CONNECTIONS, durationSeconds: DURATION, log, json: args.json, seller, storeId: store.id, skuId: skuBig, registrants: buyers.slice(0, 10_000), reserve: { launchId: big.id, skuId: skuBig, buyers: hot, pass: (id) => passes.get(`big:${id}`)! }, database: pgPool ?? path.join(dataDir, 'flashmall.sqlite') });
  const perReq = (run: { cpu: Record<string, number> }, r: BlastResult, group = 'app') => (r.total > 0 && run.cpu[group] !== undefined ? run.cpu[group] / r.total : undefined);
  const stageMicros = {
    reserve: stagesOf('reserve', st0, st1, perReq(reserveRun, reserve), perReq(reserveRun, reserve, 'appMainThread')),
    soldOut: stagesOf('reserve', st1, st2, perReq(soldRun, sold), perReq(soldRun, sold, 'appMainThread')),
    join: stagesOf('join', st2, st3, perReq(joinRun, joinRun.r), perReq(joinRun, joinRun.r, 'appMainThread')),
    status: stagesOf('status', st3, st4, perReq(statusRun, statusRun.r), perReq(statusRun, statusRun.r, 'appMainThread')),
  };

  // 4. A whole sale: every buyer joins before the start, is admitted by the waiting room, reserves, pays.
  const saleMeter = meter();
  const sale = PHASES.has('sale') ? await wholeSale(call, store.id, seller, skuSale, buyers.slice(0, BUYERS), acknowledged) : { launchId: '', joinSeconds: 0, sellOutSeconds: null, holds: 0, approved: 0, totalSeconds: 0 };
  // CPU of the whole funnel (registration-free join, queue polls, reserve, pay, webhook) per unit sold.
  const saleCpu = saleMeter();

  const serverPeakRssMb = peakRss();
  clearInterval(backendPoll);
  await pool.close();
  await stopChild(server);

  // Audit the ledger after the server has stopped: the SQLite file, or PostgreSQL.
  const audit = pgPool ? await auditPg(pgPool, acknowledged, sale.launchId) : auditSqlite(path.join(dataDir, 'flashmall.sqlite'), acknowledged, sale.launchId);
  const { oversold, lostAcknowledged, paidOrders } = audit;
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (pgPool) {
    await pgPool.end();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
  if (redis) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }

  const per = (x: number, n: number) => (n > 0 ? round(x / n, 6) : null);
  const out = {
    engine: MODE === 'scale' ? 'postgres' : 'sqlite',
    mode: MODE,
    workers: WORKERS,
    cpus: os.cpus().length,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    settings: SETTINGS,
    ceilingRps: round(ceiling.rps),
    ceilingClusterRps: helloN ? round(helloN.rps) : null,
    fastifyRefRps: round(fastifyRef.rps),
    reserveRps: round(reserve.rps),
    reserveRatio: round(reserve.rps / ceiling.rps, 3),
    reserveP50Ms: reserve.p50Ms,
    reserveP99Ms: reserve.p99Ms,
    reserveStatuses: reserve.statusCounts,
    soldOutRps: round(sold.rps),
    soldOutRatio: round(sold.rps / ceiling.rps, 3),
    soldOutP99Ms: sold.p99Ms,
    soldOutStatuses: sold.statusCounts,
    joinRps: round(joinRun.r.rps),
    joinRatio: round(joinRun.r.rps / ceiling.rps, 3),
    joinP99Ms: joinRun.r.p99Ms,
    joinStatuses: joinRun.r.statusCounts,
    statusRps: round(statusRun.r.rps),
    statusRatio: round(statusRun.r.rps / ceiling.rps, 3),
    statusP99Ms: statusRun.r.p99Ms,
    statusStatuses: statusRun.r.statusCounts,
    stageMicros,
    pinning,
    buyers: BUYERS,
    units: UNITS,
    joinSeconds: sale.joinSeconds,
    sellOutSeconds: sale.sellOutSeconds,
    saleHolds: sale.holds,
    salePaymentsApproved: sale.approved,
    salePaid: paidOrders,
    saleSeconds: sale.totalSeconds,
    oversold,
    lostAcknowledged,
    acknowledgedChecked: acknowledged.length,
    serverPeakRssMb: round(serverPeakRssMb),
    // CPU seconds spent during the reserve run, and per request / per acknowledged hold:
    // what one core of each part can do, whatever this machine shares between them.
    reserveHolds,
    reserveCpuSeconds: Object.fromEntries(Object.entries(reserveRun.cpu).map(([k, v]) => [k, round(v, 2)])),
    reserveCpuPerRequest: Object.fromEntries(Object.entries(reserveRun.cpu).map(([k, v]) => [k, per(v, reserve.total)])),
    soldOutCpuPerRequest: Object.fromEntries(Object.entries(soldRun.cpu).map(([k, v]) => [k, per(v, sold.total)])),
    saleCpuPerPaidOrder: Object.fromEntries(Object.entries(saleCpu).map(([k, v]) => [k, per(v, paidOrders)])),
    redisOpsPerReserve: MODE === 'scale' ? per(reserveRun.redisOps, reserve.total) : null,
    redisOpsPerSoldOut: MODE === 'scale' ? per(soldRun.redisOps, sold.total) : null,
    redisUsecPerReserve: Object.fromEntries(Object.entries(reserveRun.redisUsec).map(([k, v]) => [k, per(v, reserve.total)])),
    walSyncsPerHold: MODE === 'scale' ? per(reserveRun.walSyncs, reserveHolds) : null,
    walBytesPerHold: MODE === 'scale' ? per(reserveRun.walBytes, reserveHolds) : null,
  };
  if (!args.json) {
    console.log('');
    console.table({
      'ceiling (node:http)': { rps: out.ceilingRps, ratio: 1, p50Ms: ceiling.p50Ms, p99Ms: ceiling.p99Ms },
      ...(helloN ? { [`ceiling (${WORKERS} node:http processes)`]: { rps: round(helloN.rps), ratio: round(helloN.rps / ceiling.rps, 3), p50Ms: helloN.p50Ms, p99Ms: helloN.p99Ms } } : {}),
      'Fastify + Zod, constant answer': { rps: out.fastifyRefRps, ratio: round(fastifyRef.rps / ceiling.rps, 3), p50Ms: fastifyRef.p50Ms, p99Ms: fastifyRef.p99Ms },
      'reserve (durable holds)': { rps: out.reserveRps, ratio: out.reserveRatio, p50Ms: out.reserveP50Ms, p99Ms: out.reserveP99Ms },
      'reserve, sold out': { rps: out.soldOutRps, ratio: out.soldOutRatio, p50Ms: sold.p50Ms, p99Ms: sold.p99Ms },
      'join (durable place)': { rps: out.joinRps, ratio: out.joinRatio, p50Ms: joinRun.r.p50Ms, p99Ms: joinRun.r.p99Ms },
      'queue status poll': { rps: out.statusRps, ratio: out.statusRatio, p50Ms: statusRun.r.p50Ms, p99Ms: statusRun.r.p99Ms },
    });
    console.log('µs per request, by stage (STAGE_TIMING; "http, loop and the rest" = the app\'s CPU per request minus the timed stages):');
    console.table(stageMicros);
    console.log(`cores: ${pinning}`);
    console.log(`mode: ${MODE}${MODE === 'scale' ? ` (${WORKERS} processes, PostgreSQL + Redis)` : ' (SQLite, one process)'}; CPU seconds per reservation request: ${JSON.stringify(out.reserveCpuPerRequest)}${MODE === 'scale' ? `; Redis commands per reserve ${out.redisOpsPerReserve}, WAL syncs per hold ${out.walSyncsPerHold}` : ''}`);
    if (PHASES.has('sale')) console.log(`whole sale: ${BUYERS} buyers, ${UNITS} units — joined in ${out.joinSeconds}s, sold out ${out.sellOutSeconds}s after the start, ${out.salePaymentsApproved} payments approved, ${out.salePaid} orders paid; oversold ${oversold}, lost acknowledged ${lostAcknowledged} of ${acknowledged.length}; server peak RSS ${out.serverPeakRssMb} MB`);
  }
  console.log(JSON.stringify(out));
}

interface Buyer {
  id: string;
  token: string;
}

/** Inserts accounts (buyers by default) and bearer sessions straight into the SQLite file (WAL allows it beside the server). */
function makeBuyers(file: string, count: number, role: 'buyer' | 'seller' = 'buyer'): Buyer[] {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 10000');
  const now = Date.now();
  const insUser = db.prepare('INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insSess = db.prepare("INSERT INTO sessions (id, public_id, user_id, kind, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, 'bearer', 'bench', ?, ?, NULL)");
  const out: Buyer[] = [];
  const tx = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = randomUUID();
      const token = `fm_${randomBytes(32).toString('base64url')}`;
      insUser.run(id, `sim-${role}-${i}-${id.slice(0, 8)}@bench.local`, `Simulated ${role} ${i}`, 'scrypt$1024$8$1$x$x', role, now);
      insSess.run(createHash('sha256').update(token).digest('base64url'), randomUUID(), id, now, now + 86_400_000);
      out.push({ id, token });
    }
  });
  for (let i = 0; i < count; i += 10_000) tx(i, Math.min(count, i + 10_000));
  db.close();
  return out;
}

async function wholeSale(
  call: Call,
  storeId: string,
  seller: string,
  skuId: string,
  buyers: Buyer[],
  acknowledged: string[],
) {
  // Every buyer joins before the start (joins run at a few thousand a second here), so the
  // sell-out time measures the sale, not the tail of the joining.
  const startsIn = Math.max(15_000, buyers.length);
  const t0 = Date.now();
  const l = (await call('POST', `/api/v1/stores/${storeId}/launches`, seller, {
    title: 'Bench whole sale',
    startsAt: t0 + startsIn,
    endsAt: t0 + 3600_000,
    perBuyerLimit: 1,
    paymentWindowMs: 15 * 60_000,
    admission: { ratePerSecond: 5000, maxActive: 20_000, passTtlMs: 120_000 },
    items: [{ skuId, allotment: UNITS, launchPriceMinor: 1499_00 }],
  })).body as Answer<'/api/v1/stores/{storeId}/launches', 'post', 201>;
  const counts = newCounts();
  const s = { phase: 'join' };
  const bar = new cliProgress.SingleBar({ format: 'whole sale |{bar}| {phase} joined {queued} admitted {admitted} held {held} paid {paid} remaining {remaining}', hideCursor: true, stream: args.json ? process.stderr : process.stdout }, cliProgress.Presets.shades_classic);
  const show = () => bar.update(s.phase === 'join' ? counts.queued : counts.held, { ...s, ...counts, remaining: UNITS - counts.held });
  bar.start(buyers.length, 0, { ...s, ...counts, remaining: UNITS });
  const tick = setInterval(show, 250);
  const tokens = await joinAll(call, l.id, buyers, IN_FLIGHT, counts);
  const joinSeconds = round((Date.now() - t0) / 1000, 1);
  if (Date.now() > t0 + startsIn) log(`warning: joining ended ${round((Date.now() - t0 - startsIn) / 1000, 1)} s after the start; the sell-out time includes that`);
  s.phase = 'wait';
  await sleep(t0 + startsIn - Date.now());
  s.phase = 'live';
  bar.setTotal(UNITS);
  const { lastHoldAt } = await buyAll({ call, launchId: l.id, skuId, buyers, tokens, inFlight: IN_FLIGHT, counts, keyPrefix: 'sale', onHold: (id) => acknowledged.push(id) });
  // Webhooks arrive asynchronously: wait until every approved payment has marked its order paid.
  s.phase = 'settle';
  const approved = counts.paid;
  for (let waited = 0; waited < 180_000; waited += 500) {
    const m = (await call('GET', `/api/v1/launches/${l.id}/monitor`, seller)).body as Answer<'/api/v1/launches/{launchId}/monitor', 'get', 200>;
    counts.paid = m.sold;
    if (m.sold >= approved) break;
    await sleep(500);
  }
  clearInterval(tick);
  show();
  bar.stop();
  return { launchId: l.id, joinSeconds, sellOutSeconds: lastHoldAt ? round((lastHoldAt - (t0 + startsIn)) / 1000, 2) : null, holds: counts.held, approved, totalSeconds: round((Date.now() - t0) / 1000, 1) };
}

/** Accounts (buyers by default) and bearer sessions inserted straight into PostgreSQL (multi-row inserts). */
async function makeBuyersPg(pool: pg.Pool, count: number, role: 'buyer' | 'seller' = 'buyer'): Promise<Buyer[]> {
  const now = Date.now();
  const out: Buyer[] = [];
  for (let i = 0; i < count; i++) out.push({ id: randomUUID(), token: `fm_${randomBytes(32).toString('base64url')}` });
  for (let i = 0; i < out.length; i += 1000) {
    const chunk = out.slice(i, i + 1000);
    await pool.query(
      `INSERT INTO users (id, email, name, password_hash, role, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])`,
      [chunk.map((b) => b.id), chunk.map((b, k) => `sim-${role}-${i + k}-${b.id.slice(0, 8)}@bench.local`), chunk.map((_, k) => `Simulated ${role} ${i + k}`), chunk.map(() => 'scrypt$1024$8$1$x$x'), chunk.map(() => role), chunk.map(() => now)],
    );
    await pool.query(
      `INSERT INTO sessions (id, public_id, user_id, kind, label, created_at, expires_at, revoked_at) SELECT a, b, c, 'bearer', 'bench', d, e, NULL FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS t(a, b, c, d, e)`,
      [chunk.map((b) => createHash('sha256').update(b.token).digest('base64url')), chunk.map(() => randomUUID()), chunk.map((b) => b.id), chunk.map(() => now), chunk.map(() => now + 86_400_000)],
    );
  }
  return out;
}

interface Audit {
  oversold: number;
  lostAcknowledged: number;
  paidOrders: number;
}

/** Oversold units, acknowledged holds missing from the ledger, and paid orders of the sale: from the SQLite file. */
function auditSqlite(file: string, acknowledged: string[], saleLaunchId: string): Audit {
  const db = new SQLite(file, { readonly: true });
  const items = db.prepare('SELECT launch_id, sku_id, allotment FROM launch_items').all() as Array<{ launch_id: string; sku_id: string; allotment: number }>;
  let oversold = 0;
  for (const it of items) {
    const taken = (db.prepare("SELECT COALESCE(SUM(quantity),0) n FROM holds WHERE launch_id = ? AND sku_id = ? AND status IN ('held','paid')").get(it.launch_id, it.sku_id) as { n: number }).n;
    oversold += Math.max(0, taken - it.allotment);
  }
  const has = db.prepare('SELECT 1 FROM holds WHERE id = ?');
  const lostAcknowledged = acknowledged.filter((id) => !has.get(id)).length;
  const paidOrders = (db.prepare("SELECT COUNT(*) n FROM orders WHERE launch_id = ? AND status = 'paid'").get(saleLaunchId) as { n: number }).n;
  db.close();
  return { oversold, lostAcknowledged, paidOrders };
}

/** The same audit on PostgreSQL. */
async function auditPg(pool: pg.Pool, acknowledged: string[], saleLaunchId: string): Promise<Audit> {
  const over = await pool.query<{ n: string }>(
    "SELECT COALESCE(SUM(GREATEST(0, taken - allotment)), 0) AS n FROM (SELECT i.allotment, COALESCE((SELECT SUM(quantity) FROM holds h WHERE h.launch_id = i.launch_id AND h.sku_id = i.sku_id AND h.status IN ('held','paid')), 0) AS taken FROM launch_items i) t",
  );
  let found = 0;
  for (let i = 0; i < acknowledged.length; i += 10_000) {
    const r = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM holds WHERE id = ANY($1)', [acknowledged.slice(i, i + 10_000)]);
    found += Number(r.rows[0]!.n);
  }
  const paid = await pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM orders WHERE launch_id = $1 AND status = 'paid'", [saleLaunchId || null]);
  return { oversold: Number(over.rows[0]!.n), lostAcknowledged: acknowledged.length - found, paidOrders: Number(paid.rows[0]!.n) };
}

/** Commands Redis has processed since it started. */
async function redisCommands(redis: Redis): Promise<number> {
  const info = await redis.info('stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Microseconds Redis has spent per command since it started (INFO commandstats). */
async function redisCommandStats(redis: Redis): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of (await redis.info('commandstats')).matchAll(/cmdstat_([a-z|_-]+):calls=\d+,usec=(\d+)/g)) out[m[1]!] = Number(m[2]);
  return out;
}

/** WAL syncs (fsyncs of the log) and bytes PostgreSQL has written (pg_stat_wal, PostgreSQL 14+). */
async function walStats(pool: pg.Pool): Promise<{ syncs: number; bytes: number }> {
  const r = await pool.query<{ wal_sync: string; wal_bytes: string }>('SELECT wal_sync, wal_bytes FROM pg_stat_wal');
  return { syncs: Number(r.rows[0]!.wal_sync), bytes: Number(r.rows[0]!.wal_bytes) };
}

async function parallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** The server under test, stopped should the benchmark fail half-way. */
const running: { server: ReturnType<typeof startChild> extends Promise<infer C> ? C | null : never } = { server: null };

main().catch(async (err) => {
  console.error(err);
  if (running.server) await stopChild(running.server);
  process.exit(1);
});

/**
 * Scale-out, for real: three app server processes (separate `node src/server.ts` processes,
 * as on three hosts) share one PostgreSQL schema and one Redis key prefix, and serve one sale
 * to many concurrent clients spread over all three — polls and retries land on any of them.
 *
 * 1. One sale: exactly the allotment is held, nobody above the per-buyer limit, and every
 *    process's monitor shows the same books as the ledger.
 * 2. Chaos mid-sale: one process is killed with SIGKILL, and Redis loses everything of this
 *    deployment (all its keys deleted at once, as FLUSHALL would); clients move to the
 *    surviving processes and retry with the same idempotency keys. Afterwards the invariant
 *    holds (allotment = available + held + sold, recounted from PostgreSQL and compared with
 *    each monitor) and no acknowledged hold is lost.
 * 3. A stalled write and a lost Redis together: another connection holds the holds table in
 *    SHARE mode for 6 s (every hold insert waits) and Redis loses everything 1.5 s into it.
 *    No unit is sold twice, nobody passes the limit, every key keeps its answer, and every
 *    place in line given out is still there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, Client, ENGINES, PG_URL, scheduleLaunch, sellerWithProduct, errorOf, type ResponseOf } from './harness.js';
import { SMTP_URL } from './helpers/mail.js';
import { REDIS_URL } from './helpers/redis.js';
import { sleep, sleepUntil } from './helpers/launch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOADER = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const available = ENGINES.includes('scale');
if (!available) console.warn('[flashmall tests] scale-out suite skipped: it needs the local PostgreSQL and Redis (required under CI=true).');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** One app server process (its own process group, so SIGKILL takes exactly it). */
class AppProcess {
  private proc: ChildProcess | null = null;
  output = '';

  constructor(
    readonly name: string,
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive() {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async start(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', LOADER, 'src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...this.env, PORT: String(this.port), PUBLIC_URL: this.url },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    proc.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    const reap = () => {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid!, 'SIGKILL');
    };
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${this.name} exited at start (${proc.exitCode}):\n${this.output}`);
      try {
        const r = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        const body = (await r.json()) as { mode?: string };
        if (r.ok && body.mode === 'scale-out') return;
        if (r.ok) throw new Error(`${this.name} is not in the scale-out mode: ${JSON.stringify(body)}`);
      } catch (err) {
        if ((err as Error).message.includes('scale-out mode')) throw err;
      }
      if (Date.now() > deadline) throw new Error(`${this.name} did not come up:\n${this.output}`);
      await sleep(50);
    }
  }

  async kill9(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.alive) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(-proc.pid!, 'SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.alive) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(-proc.pid!, 'SIGTERM');
    const t = setTimeout(() => this.alive && process.kill(-proc.pid!, 'SIGKILL'), 8000);
    await exited;
    clearTimeout(t);
  }
}

interface Buyer {
  id: string;
  token: string;
}

describe.runIf(available)('scale-out: three app processes on PostgreSQL + Redis', () => {
  const tag = randomBytes(5).toString('hex');
  const schema = `so_${tag}`;
  const prefix = `fmso:${tag}:`;
  let db: pg.Client;
  let redis: Redis;
  let apps: AppProcess[] = [];

  beforeAll(async () => {
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}`);
    redis = new Redis(REDIS_URL);
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL,
      REDIS_PREFIX: prefix,
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      SCRYPT_COST: '1024',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'admin-password-1',
      RATE_LIMIT_ENABLED: 'false',
      SANDBOX_DUPLICATE_RATE: '0',
      SWEEP_INTERVAL_MS: '200',
      DATABASE_POOL_SIZE: '8',
      STOCK_RECONCILE_GRACE_MS: '3000',
      STOCK_RECONCILE_INTERVAL_MS: '500',
      // Sign-up codes go to the tests' SMTP server, where the harness's signup() reads them.
      SMTP_URL,
    };
    apps = await Promise.all(['A', 'B', 'C'].map(async (n) => new AppProcess(n, await freePort(), env)));
    await apps[0]!.start(); // migrates the fresh schema
    await Promise.all(apps.slice(1).map((a) => a.start()));
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    if (redis) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    }
    if (db) {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.end();
    }
  });

  /** Buyer accounts with bearer sessions written straight into the shared ledger. */
  async function makeBuyers(n: number): Promise<Buyer[]> {
    const now = Date.now();
    const out: Buyer[] = [];
    for (let i = 0; i < n; i++) out.push({ id: randomUUID(), token: `fm_${randomBytes(32).toString('base64url')}` });
    for (let i = 0; i < out.length; i += 200) {
      const chunk = out.slice(i, i + 200);
      const users = chunk.flatMap((b, k) => [b.id, `so-${tag}-${i + k}-${b.id.slice(0, 6)}@test.local`, `Buyer ${i + k}`, 'scrypt$1024$8$1$x$x', 'buyer', now]);
      await db.query(`INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ${chunk.map((_, k) => `($${k * 6 + 1}, $${k * 6 + 2}, $${k * 6 + 3}, $${k * 6 + 4}, $${k * 6 + 5}, $${k * 6 + 6})`).join(', ')}`, users);
      const sessions = chunk.flatMap((b) => [createHash('sha256').update(b.token).digest('base64url'), randomUUID(), b.id, now, now + 86_400_000]);
      await db.query(`INSERT INTO sessions (id, public_id, user_id, kind, label, created_at, expires_at, revoked_at) VALUES ${chunk.map((_, k) => `($${k * 5 + 1}, $${k * 5 + 2}, $${k * 5 + 3}, 'bearer', 'scale-out test', $${k * 5 + 4}, $${k * 5 + 5}, NULL)`).join(', ')}`, sessions);
    }
    return out;
  }

  /** A request to one process; on a dead process (connection refused, reset) it moves to the next live one, as a load balancer would. */
  async function call<M extends 'GET' | 'POST', U extends string>(start: number, buyer: Buyer | null, method: M, url: U, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: ResponseOf<U, Lowercase<M>>; app: string }> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const app = apps[(start + attempt) % apps.length]!;
      try {
        const res = await fetch(`${app.url}/api/v1${url}`, {
          method,
          headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(buyer ? { authorization: `Bearer ${buyer.token}` } : {}), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : undefined) as ResponseOf<U, Lowercase<M>>, app: app.name };
      } catch {
        await sleep(20 + Math.random() * 80);
      }
    }
    throw new Error(`no app process answered ${method} ${url}`);
  }

  /** Books from the ledger: allotment, held and paid units of a launch (all SKUs). */
  async function ledger(launchId: string) {
    const items = await db.query<{ allotment: string }>('SELECT allotment FROM launch_items WHERE launch_id = $1', [launchId]);
    const holds = await db.query<{ status: string; n: string }>('SELECT status, SUM(quantity) AS n FROM holds WHERE launch_id = $1 GROUP BY status', [launchId]);
    const by = Object.fromEntries(holds.rows.map((r) => [r.status, Number(r.n)]));
    return { allotment: items.rows.reduce((s, r) => s + Number(r.allotment), 0), held: by.held ?? 0, sold: by.paid ?? 0 };
  }

  async function perBuyerMax(launchId: string): Promise<number> {
    const r = await db.query<{ n: string }>("SELECT COALESCE(MAX(n), 0) AS n FROM (SELECT SUM(quantity) AS n FROM holds WHERE launch_id = $1 AND status IN ('held', 'paid') GROUP BY buyer_id) t", [launchId]);
    return Number(r.rows[0]!.n);
  }

  /** Joins on one process, then polls (on any process) until admitted; returns the pass. */
  async function admitted(b: Buyer, i: number, launchId: string): Promise<string> {
    const j = await call(i, b, 'POST', `/launches/${launchId}/queue`, {});
    if (j.status !== 200) throw new Error(`join ${j.status} ${JSON.stringify(j.body)}`);
    return j.body.queueToken;
  }

  async function passOf(b: Buyer, i: number, launchId: string, token: string): Promise<string | null> {
    for (let k = 0; k < 400; k++) {
      const st = await call(i + k, b, 'GET', `/launches/${launchId}/queue?token=${encodeURIComponent(token)}`);
      if (st.status === 200 && st.body.state === 'admitted') return st.body.pass;
      if (st.status === 200 && (st.body.state === 'sold_out' || st.body.state === 'ended')) return null;
      await sleep(50);
    }
    throw new Error('never admitted');
  }

  it('serve one sale together: exactly the allotment is held, nobody above the limit, every monitor agrees with the ledger', async () => {
    const ALLOTMENT = 120;
    const LIMIT = 2;
    const base = apps[0]!.url;
    const { seller, store, product } = await sellerWithProduct(base, { stock: ALLOTMENT });
    const sellerOn = (i: number) => Object.assign(new Client(apps[i % 3]!.url), { token: seller.token });
    const launch = await scheduleLaunch(seller, store.id, product.skus[0]!.id, { allotment: ALLOTMENT, perBuyerLimit: LIMIT, startsInMs: 4000 });
    const buyers = await makeBuyers(150);
    const tokens = await Promise.all(buyers.map((b, i) => admitted(b, i, launch.id)));
    // Every process sees the same waiting room.
    for (let i = 0; i < 3; i++) expect((await sellerOn(i).get(`/launches/${launch.id}/monitor`)).body.queued).toBe(150);
    await sleepUntil(launch.startsAt, 50);
    const results = await Promise.all(
      buyers.map(async (b, i) => {
        const pass = await passOf(b, i + 1, launch.id, tokens[i]!);
        if (!pass) return [];
        // Three attempts at once, each on another process; then a retry of the first key on yet another.
        const tries = await Promise.all([0, 1, 2].map((k) => call(i + k, b, 'POST', `/launches/${launch.id}/reservations`, { skuId: product.skus[0]!.id }, { 'x-admission-pass': pass, 'idempotency-key': `sale-one-${i}-${k}` })));
        const again = await call(i + 2, b, 'POST', `/launches/${launch.id}/reservations`, { skuId: product.skus[0]!.id }, { 'x-admission-pass': pass, 'idempotency-key': `sale-one-${i}-0` });
        if (tries[0]!.status === 201) expect([again.status, again.body.id]).toEqual([200, tries[0]!.body.id]);
        else expect(again.status).toBe(tries[0]!.status);
        return tries;
      }),
    );
    const all = results.flat();
    const created = all.filter((r) => r.status === 201);
    expect(created).toHaveLength(ALLOTMENT);
    expect(new Set(created.map((r) => r.app)).size).toBe(3); // all three processes sold
    expect(all.every((r) => [201, 409].includes(r.status)), JSON.stringify(all.filter((r) => ![201, 409].includes(r.status)).slice(0, 3))).toBe(true);
    expect(new Set(all.filter((r) => r.status === 409).map((r) => errorOf(r).code))).toEqual(new Set(['SOLD_OUT', 'LIMIT_REACHED']));
    const books = await ledger(launch.id);
    expect(books).toEqual({ allotment: ALLOTMENT, held: ALLOTMENT, sold: 0 });
    expect(await perBuyerMax(launch.id)).toBeLessThanOrEqual(LIMIT);
    for (let i = 0; i < 3; i++) {
      const m = (await sellerOn(i).get(`/launches/${launch.id}/monitor`)).body;
      expect({ allotment: m.allotment, held: m.held, sold: m.sold, available: m.available, phase: m.phase }).toEqual({ allotment: ALLOTMENT, held: ALLOTMENT, sold: 0, available: 0, phase: 'sold_out' });
    }
    // The monitor's counters are the sum over processes (each flushes its share every second; a
    // process's refusals after its last hold may still be in its next flush).
    const m = await (async () => {
      for (let k = 0; k < 60; k++) {
        const x = (await sellerOn(k).get(`/launches/${launch.id}/monitor`)).body;
        if (x.holdsCreated === ALLOTMENT && x.attempts >= all.length) return x;
        await sleep(100);
      }
      return (await sellerOn(0).get(`/launches/${launch.id}/monitor`)).body;
    })();
    expect(m.holdsCreated).toBe(ALLOTMENT);
    expect(m.attempts).toBeGreaterThanOrEqual(all.length);
  });

  it('SIGKILL of one process and the loss of Redis mid-sale: the books balance against the ledger and no acknowledged hold is lost', async () => {
    const ALLOTMENT = 240;
    const LIMIT = 3;
    const BUYERS = 200;
    const base = apps[0]!.url;
    const { seller, store, product } = await sellerWithProduct(base, { stock: ALLOTMENT, options: [{ name: 'colour', values: ['black', 'white'] }] });
    const skus = product.skus.map((s) => s.id);
    const launch = (
      await seller.post(`/stores/${store.id}/launches`, {
        title: 'Chaos launch',
        startsAt: Date.now() + 4000,
        endsAt: Date.now() + 3600_000,
        perBuyerLimit: LIMIT,
        paymentWindowMs: 3600_000,
        admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 600_000 },
        items: skus.map((skuId) => ({ skuId, allotment: ALLOTMENT / 2, launchPriceMinor: 999_00 })),
      })
    ).body;
    expect(launch.id).toBeTruthy();
    const buyers = await makeBuyers(BUYERS);
    const tokens = await Promise.all(buyers.map((b, i) => admitted(b, i, launch.id)));
    await sleepUntil(launch.startsAt, 50);

    const acked = new Map<string, { buyer: string; key: string }>();
    const answers = new Map<string, number>();
    const retried: Record<string, number> = {};
    let killedAt = -1;
    let lostAt = -1;
    const chaos = (async () => {
      // One process dies when a third is held; Redis loses everything when two thirds are.
      while (acked.size < ALLOTMENT / 3) await sleep(5);
      killedAt = acked.size;
      await apps[2]!.kill9();
      while (acked.size < (2 * ALLOTMENT) / 3) await sleep(5);
      lostAt = acked.size;
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      await redis.del(...keys); // one command: the deployment's Redis state is gone at once
    })();
    const payments: Promise<void>[] = [];
    await Promise.all(
      buyers.map(async (b, i) => {
        const pass = await passOf(b, i, launch.id, tokens[i]!);
        if (!pass) return;
        await sleep(Math.random() * 3000); // buyers arrive over a few seconds: the chaos lands mid-sale
        for (let k = 0; k < LIMIT + 1; k++) {
          const key = `chaos-${i}-${k}`;
          await sleep(Math.random() * 200);
          // The same key until a definite answer: a dead process or a 503 means "ask again" (anywhere).
          for (let attempt = 0; ; attempt++) {
            const r = await call(i + k + attempt, b, 'POST', `/launches/${launch.id}/reservations`, { skuId: skus[(i + k) % 2], quantity: 1 }, { 'x-admission-pass': pass, 'idempotency-key': key });
            if (r.status === 503 && attempt < 100) {
              retried[errorOf(r).code] = (retried[errorOf(r).code] ?? 0) + 1;
              await sleep(100);
              continue;
            }
            answers.set(key, r.status);
            if (r.status === 201 || r.status === 200) {
              acked.set(r.body.id, { buyer: b.id, key });
              // A few buyers pay straight away (orders and webhooks cross the processes too).
              if (i % 10 === 0 && k === 0) payments.push(pay(b, i, r.body.id));
            }
            break;
          }
          if (answers.get(key) === 409) break;
        }
      }),
    );
    await chaos;
    await Promise.all(payments);
    expect(killedAt).toBeGreaterThan(0);
    expect(lostAt).toBeGreaterThan(killedAt);
    expect(lostAt).toBeLessThan(ALLOTMENT); // both happened mid-sale
    // The killed process comes back and joins the others.
    await apps[2]!.start();

    // No acknowledged hold is lost: each is in the ledger, held or paid.
    const rows = await db.query<{ id: string; status: string }>('SELECT id, status FROM holds WHERE id = ANY($1)', [[...acked.keys()]]);
    expect(rows.rows.length).toBe(acked.size);
    expect(rows.rows.every((r) => r.status === 'held' || r.status === 'paid')).toBe(true);
    expect(await perBuyerMax(launch.id)).toBeLessThanOrEqual(LIMIT);
    const books = await ledger(launch.id);
    expect(books.held + books.sold).toBeLessThanOrEqual(ALLOTMENT);
    // Every process's monitor shows the ledger's books once stranded units are reconciled and payments settled.
    const sellerOn = (i: number) => Object.assign(new Client(apps[i]!.url), { token: seller.token });
    let last: unknown = null;
    for (let waited = 0; waited < 30_000; waited += 250) {
      const now = await ledger(launch.id);
      const ms = await Promise.all([0, 1, 2].map(async (i) => (await sellerOn(i).get(`/launches/${launch.id}/monitor`)).body));
      last = { ledger: now, monitors: ms.map((m) => ({ allotment: m.allotment, held: m.held, sold: m.sold, available: m.available })) };
      if (ms.every((m) => m.held === now.held && m.sold === now.sold && m.allotment === ALLOTMENT && m.available + m.held + m.sold === ALLOTMENT)) break;
      await sleep(250);
    }
    const final = last as { ledger: { held: number; sold: number }; monitors: Array<{ allotment: number; held: number; sold: number; available: number }> };
    for (const m of final.monitors) {
      expect(m.available + m.held + m.sold, JSON.stringify(final)).toBe(ALLOTMENT);
      expect({ held: m.held, sold: m.sold }, JSON.stringify(final)).toEqual({ held: final.ledger.held, sold: final.ledger.sold });
    }
    // Demand (up to 3 units each for 200 buyers) exceeds 240 units: the sale sold out, and acknowledged = ledger.
    expect(final.ledger.held + final.ledger.sold).toBe(ALLOTMENT);
    expect(acked.size).toBe(ALLOTMENT);
    expect(final.ledger.sold).toBeGreaterThan(0);
    console.log(`[scale-out] killed process C at ${killedAt} holds, Redis lost at ${lostAt}; ${acked.size} acknowledged, ledger held ${final.ledger.held} + sold ${final.ledger.sold}; answers retried: ${JSON.stringify(retried)}`);
  });

  it('hold writes stalled 6 s behind a table lock while Redis loses everything: no unit sold twice, nobody above the limit, every key answered alike, every place kept', async () => {
    const ALLOTMENTS = [150, 100];
    const LIMIT = 2;
    const BUYERS = 500;
    const base = apps[0]!.url;
    const { seller, store, product } = await sellerWithProduct(base, { stock: 150, options: [{ name: 'colour', values: ['black', 'white'] }] });
    const skus = product.skus.map((s) => s.id);
    const launch = (
      await seller.post(`/stores/${store.id}/launches`, {
        title: 'Stall and flush',
        startsAt: Date.now() + 5000,
        endsAt: Date.now() + 3600_000,
        perBuyerLimit: LIMIT,
        paymentWindowMs: 3600_000,
        admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 600_000 },
        items: skus.map((skuId, i) => ({ skuId, allotment: ALLOTMENTS[i], launchPriceMinor: 999_00 })),
      })
    ).body;
    expect(launch.id, JSON.stringify(launch)).toBeTruthy();
    const buyers = await makeBuyers(BUYERS);
    const tokens = await Promise.all(buyers.map((b, i) => admitted(b, i, launch.id)));
    await sleepUntil(launch.startsAt, 50);

    /** Every answer each key got that promises something (a hold or a stock refusal), in order. */
    const answers = new Map<string, string[]>();
    const params = new Map<string, { b: Buyer; i: number; sku: string; pass: string }>();
    const acked = new Set<string>();
    const retried: Record<string, number> = {};
    const ask = async (b: Buyer, i: number, key: string, sku: string, pass: string, attempt: number) => {
      const r = await call(i + attempt, b, 'POST', `/launches/${launch.id}/reservations`, { skuId: sku }, { 'x-admission-pass': pass, 'idempotency-key': key });
      if (r.status === 201 || r.status === 200) {
        acked.add(r.body.id);
        return `hold ${r.body.id}`;
      }
      if (r.status === 409) return `refused ${errorOf(r).code}`;
      if (r.status !== 503) throw new Error(`key ${key}: ${r.status} ${JSON.stringify(r.body)}`);
      retried[errorOf(r).code] = (retried[errorOf(r).code] ?? 0) + 1;
      return null;
    };

    // The stall: another connection holds holds in SHARE mode for 6 s (every hold insert waits);
    // 1.5 s into it, Redis loses every key of this deployment.
    const locker = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await locker.connect();
    let stalledAt = -1;
    const chaos = (async () => {
      while (acked.size < 60) await sleep(5);
      stalledAt = acked.size;
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE holds IN SHARE MODE');
      await sleep(1500);
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length) await redis.del(...keys);
      await sleep(4500);
      await locker.query('COMMIT');
    })();
    await Promise.all(
      buyers.map(async (b, i) => {
        const pass = await passOf(b, i, launch.id, tokens[i]!);
        if (!pass) return;
        await sleep(Math.random() * 4000);
        // Three keys at once (more than the limit), each retried with the same key until it gets an answer.
        await Promise.all(
          [0, 1, 2].map(async (k) => {
            const key = `stall-${i}-${k}`;
            const sku = skus[(i + k) % 2]!;
            params.set(key, { b, i, sku, pass });
            for (let attempt = 0; attempt < 200; attempt++) {
              const a = await ask(b, i + k, key, sku, pass, attempt);
              if (a) return void answers.set(key, [a]);
              await sleep(50 + Math.random() * 100);
            }
            throw new Error(`key ${key} never got an answer`);
          }),
        );
      }),
    );
    await chaos;
    await locker.end();
    expect(stalledAt).toBeGreaterThan(0);

    // Every key asked again, on another process: the same answer.
    for (const [key, p] of params) {
      for (let attempt = 0; attempt < 100; attempt++) {
        const a = await ask(p.b, p.i + 1, key, p.sku, p.pass, attempt);
        if (!a) {
          await sleep(50);
          continue;
        }
        answers.get(key)!.push(a);
        break;
      }
    }
    const changed = [...answers].filter(([, a]) => a.length !== 2 || a[0] !== a[1]);
    expect(changed, JSON.stringify(changed.slice(0, 5))).toEqual([]);
    // The ledger: nothing over any allotment, nobody over the limit, every acknowledged hold there.
    const per = await db.query<{ sku_id: string; allotment: number; held: number; sold: number }>('SELECT sku_id, allotment, held, sold FROM launch_items WHERE launch_id = $1', [launch.id]);
    for (const r of per.rows) expect(r.held + r.sold, JSON.stringify(r)).toBeLessThanOrEqual(r.allotment);
    const recount = await db.query<{ sku_id: string; n: string }>("SELECT sku_id, SUM(quantity) AS n FROM holds WHERE launch_id = $1 AND status IN ('held', 'paid') GROUP BY sku_id", [launch.id]);
    for (const r of recount.rows) expect(Number(r.n)).toBeLessThanOrEqual(ALLOTMENTS[skus.indexOf(r.sku_id)]!);
    expect(await perBuyerMax(launch.id)).toBeLessThanOrEqual(LIMIT);
    const rows = await db.query<{ id: string }>('SELECT id FROM holds WHERE id = ANY($1)', [[...acked]]);
    expect(rows.rows.length).toBe(acked.size);
    // Demand (3 per buyer, 500 buyers) is far above 250 units: the sale sold out, exactly.
    expect(acked.size).toBe(ALLOTMENTS[0]! + ALLOTMENTS[1]!);
    // Every place in line given out is still there.
    const lost: string[] = [];
    for (const [i, b] of buyers.entries()) {
      const st = await call(i, b, 'GET', `/launches/${launch.id}/queue?token=${encodeURIComponent(tokens[i]!)}`);
      if (st.status !== 200) lost.push(`${b.id}: ${st.status}`);
    }
    expect(lost).toEqual([]);
    console.log(`[scale-out] writes stalled at ${stalledAt} holds for 6 s, Redis flushed 1.5 s in; ${acked.size} acknowledged of ${ALLOTMENTS.join(' + ')}; answers retried: ${JSON.stringify(retried)}`);
  }, 240_000);

  /** Pays a hold through the sandbox page, on whichever process answers. */
  async function pay(b: Buyer, i: number, holdId: string): Promise<void> {
    const r = await call(i, b, 'POST', `/holds/${holdId}/pay`, { address: ADDRESS });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const payPath = new URL(r.body.payment.payUrl).pathname;
    let lastError = '';
    for (let attempt = 0; attempt < 200; attempt++) {
      const app = apps[(i + attempt) % 3]!;
      try {
        const res = await fetch(`${app.url}${payPath}/approve`, { method: 'POST', headers: { accept: 'application/json' } });
        if (res.ok) return;
        lastError = `${res.status} ${await res.text()}`;
      } catch {
        /* a dead process: try the next */
      }
      await sleep(50);
    }
    throw new Error(`payment approval failed: ${lastError}`);
  }
});

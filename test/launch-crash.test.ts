/**
 * Crash safety of a launch on the embedded engine: the real server runs as a child process
 * and is killed with SIGKILL at random moments mid-sale, then restarted on the same data
 * directory. Every acknowledged hold must survive, none may be duplicated, the books must
 * balance, nobody may exceed the limit; holds that expire while the server is down are
 * released exactly once after it comes back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type ApiError, scheduleLaunch, sellerWithProduct, signup } from './harness.js';
import { SMTP_URL } from './helpers/mail.js';
import { approve, joinQueue, openHoldPayment, sleep, sleepUntil } from './helpers/launch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ALLOTMENT = 150;
const LIMIT = 4;
const BUYERS = 50;
const KILLS_MID_SALE = 4;

/** A port nothing listens on right now. */
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

/** The real server, as its own process group (tsx starts node as a child: SIGKILL goes to both). */
class ServerProcess {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  output = '';
  starts = 0;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      DATA_DIR: this.dataDir,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: this.url,
      SEED_DEMO: 'false',
      SCRYPT_COST: '1024',
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'admin-password-1',
      RATE_LIMIT_ENABLED: 'false',
      SANDBOX_DUPLICATE_RATE: '0',
      // Sign-up codes go to the tests' SMTP server, where the harness's signup() reads them.
      SMTP_URL,
    };
    const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/server.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.starts++;
    proc.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    // Should the test process die first, take the server down with it (its own group, by id).
    const reap = () => {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(-proc.pid!, 'SIGKILL');
    };
    process.once('exit', reap);
    void this.exited.then(() => process.off('exit', reap));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited at start (${proc.exitCode}):\n${this.output}`);
      try {
        const r = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (r.ok) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not come up:\n${this.output}`);
      await sleep(40);
    }
  }

  /** kill -9, the whole process group; resolves once it is gone. */
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    process.kill(-proc.pid!, 'SIGKILL');
    await this.exited;
    this.proc = null;
    // The node child is in the same group; wait until the port is released.
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(200) }).then(
        () => true,
        () => false,
      );
      if (!up) return;
      await sleep(20);
    }
    throw new Error('server still answering after SIGKILL');
  }
}

interface Ack {
  buyer: number;
  key: string;
  id: string;
  status: number;
}

/** Retries a request through crashes (connection refused/reset) until the server answers; clients come back spread out. */
async function through<T>(send: () => Promise<T>, until: number): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(50 + Math.random() * 750);
    }
  }
}

describe('launch crash safety [sqlite, real server process, kill -9]', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-crash-'));
    server = new ServerProcess(dataDir, await freePort());
    await server.start();
  });
  afterAll(async () => {
    await server?.kill9();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('acknowledged holds survive SIGKILL mid-sale; the books balance; expired holds return exactly once after a restart', async () => {
    const t0 = Date.now();
    const base = server.url;
    const until = Date.now() + 45_000;

    // --- Set-up over HTTP: seller, store, product, buyers, launch (starting shortly). ---
    const { seller, store, product } = await sellerWithProduct(base, { stock: ALLOTMENT + 20 });
    const skuId: string = product.skus[0]!.id;
    const buyers: Client[] = [];
    for (let i = 0; i < BUYERS; i += 10) buyers.push(...(await Promise.all(Array.from({ length: Math.min(10, BUYERS - i) }, () => signup(base)))));
    const launch = await scheduleLaunch(seller, store.id, skuId, {
      allotment: ALLOTMENT,
      perBuyerLimit: LIMIT,
      paymentWindowMs: 60_000,
      startsInMs: 1500,
      admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 3600_000 },
    });
    const tokens = await Promise.all(buyers.map((b) => joinQueue(b, launch.id)));
    await sleepUntil(launch.startsAt);

    // --- The sale: every buyer tries LIMIT + 1 times (one too many), retrying the same key through crashes. ---
    const acks: Ack[] = [];
    const refusals = new Map<string, number>();
    const unexpected: string[] = [];
    let saleOver = false;
    let inFlight = 0;
    const buyerLoop = async (i: number) => {
      const b = buyers[i]!;
      let pass: string | null = null;
      let attempt = 0;
      while (attempt <= LIMIT && Date.now() < until) {
        if (!pass) {
          const st = await through(() => b.get(`/launches/${launch.id}/queue?token=${encodeURIComponent(tokens[i]!)}`), until);
          if (st.status !== 200) unexpected.push(`status ${st.status} ${JSON.stringify(st.body)}`);
          else if (st.body.state === 'admitted') pass = st.body.pass;
          else if (st.body.state === 'sold_out') return;
          if (!pass) await sleep(50);
          continue;
        }
        const key = `crash-b${i}-a${attempt}`;
        inFlight++;
        const r = await through(() => b.post(`/launches/${launch.id}/reservations`, { skuId }, { 'x-admission-pass': pass!, 'idempotency-key': key }), until).finally(() => inFlight--);
        if ((r.status === 201 || r.status === 200) && r.body?.id) {
          acks.push({ buyer: i, key, id: r.body.id, status: r.status });
          attempt++;
        } else {
          const code = (r.body as Partial<ApiError> | undefined)?.error?.code ?? `HTTP ${r.status}`;
          refusals.set(code, (refusals.get(code) ?? 0) + 1);
          if (code === 'LIMIT_REACHED' || code === 'SOLD_OUT') return;
          if (code !== 'LEDGER_UNAVAILABLE') unexpected.push(`reserve ${r.status} ${JSON.stringify(r.body)}`);
        }
        await sleep(60 + Math.random() * 160);
      }
    };
    const clients = Promise.all(buyers.map((_, i) => buyerLoop(i))).then(() => {
      saleOver = true;
    });

    // --- The killer: SIGKILL at random moments while units are still selling, then restart. ---
    const killedAt: number[] = [];
    const inFlightAtKill: number[] = [];
    for (let k = 0; k < KILLS_MID_SALE; k++) {
      // A few holds since the last restart (3–11; the clients' retries arrive in a burst), then a random instant.
      const threshold = (killedAt.at(-1) ?? 0) + 3 + Math.floor(Math.random() * 9);
      while (new Set(acks.map((a) => a.id)).size < threshold && !saleOver) await sleep(2);
      expect(saleOver, `the sale ended before kill ${k + 1}: ${new Set(acks.map((a) => a.id)).size} holds, refusals ${JSON.stringify(Object.fromEntries(refusals))}, ${unexpected.slice(0, 3).join(' | ')}`).toBe(false);
      await sleep(Math.random() * 40);
      killedAt.push(new Set(acks.map((a) => a.id)).size);
      inFlightAtKill.push(inFlight);
      await server.kill9();
      await sleep(Math.random() * 300);
      await server.start();
    }
    await clients;
    expect(unexpected).toEqual([]);
    const ackIds = new Set(acks.map((a) => a.id));
    console.log(`[crash] ${server.starts - 1} restarts; killed at ${killedAt.join(', ')} holds (reservations awaiting an answer: ${inFlightAtKill.join(', ')}); ${ackIds.size} holds acknowledged; refusals ${JSON.stringify(Object.fromEntries(refusals))}`);
    expect(killedAt.every((n) => n < ALLOTMENT)).toBe(true);
    expect(ackIds.size).toBe(ALLOTMENT); // demand (50 × 4) exceeds supply: it sells out
    // One key, one hold: a replayed key got the same id.
    const byKey = new Map<string, string>();
    for (const a of acks) {
      expect(byKey.get(a.key) ?? a.id, `key ${a.key}`).toBe(a.id);
      byKey.set(a.key, a.id);
    }

    // --- The books, as the seller's monitor shows them. ---
    const monitor = async () => {
      const m = await through(() => seller.get(`/launches/${launch.id}/monitor`), until);
      expect(m.status, JSON.stringify(m.body)).toBe(200);
      expect(m.body.allotment).toBe(m.body.available + m.body.held + m.body.sold);
      return m.body as { allotment: number; available: number; held: number; sold: number };
    };
    expect(await monitor()).toMatchObject({ allotment: ALLOTMENT, available: 0, held: ALLOTMENT, sold: 0 });

    // Three holds are paid (sold), two get a pending order whose payment never comes.
    const ackList = [...ackIds];
    const holdOwner = new Map(acks.map((a) => [a.id, buyers[a.buyer]!]));
    const paid = ackList.slice(0, 3);
    for (const id of paid) {
      const pay = await openHoldPayment(holdOwner.get(id)!, id);
      expect((await approve(base, pay.payUrl)).status).toBe(200);
    }
    const unpaidOrders = await Promise.all(ackList.slice(3, 5).map((id) => openHoldPayment(holdOwner.get(id)!, id)));
    const deadline = Date.now() + 10_000;
    while ((await monitor()).sold < 3) {
      if (Date.now() > deadline) throw new Error('payments not applied');
      await sleep(50);
    }
    const before = await monitor();
    expect(before).toMatchObject({ available: 0, held: ALLOTMENT - 3, sold: 3 });

    // --- Kill it; check the ledger on disk. ---
    await server.kill9();
    const file = path.join(dataDir, 'flashmall.sqlite');
    const ledger = (db: SQLite.Database) => {
      const holds = db.prepare('SELECT id, buyer_id, idempotency_key, status, quantity FROM holds WHERE launch_id = ?').all(launch.id) as Array<{ id: string; buyer_id: string; idempotency_key: string; status: string; quantity: number }>;
      const count = (st: string) => holds.filter((h) => h.status === st).reduce((n, h) => n + h.quantity, 0);
      return { holds, held: count('held'), sold: count('paid'), expired: count('expired') };
    };
    {
      const db = new SQLite(file, { readonly: true, fileMustExist: true });
      const l = ledger(db);
      db.close();
      // Every acknowledged hold is there, with its key, once; and nothing else is.
      expect(new Set(l.holds.map((h) => h.id))).toEqual(ackIds);
      for (const h of l.holds) expect(byKey.get(h.idempotency_key), h.idempotency_key).toBe(h.id);
      expect(new Set(l.holds.map((h) => `${h.buyer_id}:${h.idempotency_key}`)).size).toBe(l.holds.length);
      const perBuyer = new Map<string, number>();
      for (const h of l.holds.filter((x) => x.status === 'held' || x.status === 'paid')) perBuyer.set(h.buyer_id, (perBuyer.get(h.buyer_id) ?? 0) + h.quantity);
      expect(Math.max(...perBuyer.values())).toBeLessThanOrEqual(LIMIT);
      expect({ held: l.held, sold: l.sold }).toEqual({ held: before.held, sold: before.sold });
    }

    // --- While it is down, ten holds run out of time (two of them with their pending order). ---
    const expiring = ackList.slice(3, 13);
    {
      const db = new SQLite(file);
      const past = Date.now() - 1000;
      const setHold = db.prepare('UPDATE holds SET expires_at = ? WHERE id = ?');
      for (const id of expiring) setHold.run(past, id);
      const setOrder = db.prepare('UPDATE orders SET payment_deadline_at = ? WHERE id = ?');
      for (const o of unpaidOrders) setOrder.run(past, o.orderId);
      db.close();
    }
    await server.start();
    // Ask at once (the launch loads while the sweeper expires), then until the units are back.
    let after = await monitor();
    const wait = Date.now() + 10_000;
    while (after.available < expiring.length) {
      if (Date.now() > wait) throw new Error(`expired holds not released: ${JSON.stringify(after)}`);
      await sleep(100);
      after = await monitor();
    }
    const expected = { allotment: ALLOTMENT, available: expiring.length, held: before.held - expiring.length, sold: 3 };
    expect(after).toMatchObject(expected);
    await sleep(2500); // two more sweeps: nothing is released twice
    expect(await monitor()).toMatchObject(expected);

    // Another crash and restart: the same books.
    await server.kill9();
    await server.start();
    expect(await monitor()).toMatchObject(expected);
    await sleep(1500);
    expect(await monitor()).toMatchObject(expected);

    // The buyer of an expired hold: the old key still answers with that hold, a new key reserves again.
    const exp = acks.find((a) => a.id === expiring[0])!;
    const b = buyers[exp.buyer]!;
    const pass = (await b.get(`/launches/${launch.id}/queue?token=${encodeURIComponent(tokens[exp.buyer]!)}`)).body.pass as string;
    expect(pass).toEqual(expect.any(String));
    const old = await b.post(`/launches/${launch.id}/reservations`, { skuId }, { 'x-admission-pass': pass, 'idempotency-key': exp.key });
    expect(old.status, JSON.stringify(old.body)).toBe(200);
    expect(old.body).toMatchObject({ id: exp.id, status: 'expired' });
    const fresh = await b.post(`/launches/${launch.id}/reservations`, { skuId }, { 'x-admission-pass': pass, 'idempotency-key': `${exp.key}-again` });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(await monitor()).toMatchObject({ ...expected, available: expected.available - 1, held: expected.held + 1 });

    // --- Final check on disk. ---
    const m = await monitor();
    await server.kill9();
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    const l = ledger(db);
    const orders = db.prepare('SELECT id, status FROM orders WHERE id IN (?, ?)').all(unpaidOrders[0]!.orderId, unpaidOrders[1]!.orderId) as Array<{ status: string }>;
    db.close();
    expect(l.expired).toBe(expiring.length);
    expect({ held: l.held, sold: l.sold }).toEqual({ held: m.held, sold: m.sold });
    expect(m.available + l.held + l.sold).toBe(ALLOTMENT);
    expect(orders.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    console.log(`[crash] whole file part took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
});

/**
 * A launch killed in every phase, for real: the server runs as child processes (one on SQLite,
 * one on PostgreSQL, two in the scale-out mode sharing PostgreSQL and Redis) and is SIGKILLed
 * — in the scale-out mode one process is killed and Redis loses everything of the deployment
 * as well — while buyers register, while they join the pre-queue, at the start (the draw),
 * mid-sale and while buyers pay. Clients retry through the kills with the same keys, as apps
 * do. After every phase and at the end:
 *
 * - every registration and every place in line a buyer was told about is still there;
 * - the draw was recorded once and does not change;
 * - no unit is sold twice, nobody holds more than the limit, every acknowledged hold is in the
 *   ledger, and every key asked again gets the answer it got before.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ADDRESS, Client, ENGINES, sellerWithProduct, signup, type Res, errorOf } from './harness.js';
import { freePort, ServerData, ServerProcess } from './helpers/server-process.js';
import { REDIS_URL } from './helpers/redis.js';
import { approve, sleep, sleepUntil } from './helpers/launch.js';

const MODES = ENGINES.map((e) => e);
const BUYERS = 24;
const LIMIT = 2;
const ALLOTMENTS = [15, 10];

for (const mode of MODES) {
  describe(`a launch killed in every phase [${mode}, real server processes, kill -9${mode === 'scale' ? ' and Redis lost' : ''}]`, () => {
    const data = new ServerData(mode === 'sqlite' ? 'sqlite' : 'postgres');
    const prefix = `fmph:${Math.random().toString(36).slice(2, 8)}:`;
    const procs: ServerProcess[] = [];
    let redis: Redis | null = null;
    afterAll(async () => {
      for (const p of procs) await p.kill9().catch(() => {});
      if (redis) {
        const ks = await redis.keys(`${prefix}*`);
        if (ks.length) await redis.del(...ks);
        redis.disconnect();
      }
      await data.destroy();
    });

    it('registrations, places, the draw, holds and answers all survive; nothing is oversold, nobody passes the limit', async () => {
      await data.init();
      const env: Record<string, string> = mode === 'scale' ? { REDIS_URL, REDIS_PREFIX: prefix, STOCK_RECONCILE_GRACE_MS: '1500', STOCK_RECONCILE_INTERVAL_MS: '300' } : {};
      if (mode === 'scale') redis = new Redis(REDIS_URL);
      for (let i = 0; i < (mode === 'scale' ? 2 : 1); i++) procs.push(new ServerProcess(data, await freePort()));
      await procs[0]!.start(env);
      for (const p of procs.slice(1)) await p.start(env);
      let rr = 0;
      /** Some process that answers (a load balancer's choice); retried while processes are down. */
      const on = (c: Client): Client => {
        const live = procs.filter((p) => p.alive);
        const p = live[rr++ % live.length] ?? procs[0]!;
        return Object.assign(new Client(p.url), { token: c.token, userId: c.userId });
      };
      const through = async <T,>(c: Client, fn: (c: Client) => Promise<Res<T>>, ok: (r: Res<T>) => boolean = (r) => r.status < 500): Promise<Res<T>> => {
        for (let i = 0; ; i++) {
          try {
            const r = await fn(on(c));
            if (ok(r) || i > 300) return r;
          } catch {
            /* a dead process: ask another (or the restarted one) */
          }
          await sleep(40);
        }
      };
      const crash = async (what: string) => {
        const victim = procs[rr % procs.length]!;
        await victim.kill9();
        if (redis) {
          const ks = await redis.keys(`${prefix}*`);
          if (ks.length) await redis.del(...ks);
        }
        await sleep(100);
        await victim.start(env);
        kills.push(what);
      };
      const kills: string[] = [];

      const base = procs[0]!.url;
      const { seller, store, product } = await sellerWithProduct(base, { stock: 30, options: [{ name: 'colour', values: ['black', 'white'] }] });
      const skus = product.skus.map((s) => s.id);
      const buyers: Client[] = [];
      for (let i = 0; i < BUYERS; i += 8) buyers.push(...(await Promise.all(Array.from({ length: 8 }, () => signup(base)))));
      const startsAt = Date.now() + 9000;
      const created = await seller.post(`/stores/${store.id}/launches`, {
        title: 'Phases',
        startsAt,
        endsAt: startsAt + 3600_000,
        registrationRequired: true,
        registrationOpensAt: Date.now() + 200,
        perBuyerLimit: LIMIT,
        paymentWindowMs: 3600_000,
        admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 3600_000 },
        items: skus.map((skuId, i) => ({ skuId, allotment: ALLOTMENTS[i], launchPriceMinor: 999_00 })),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const launchId = created.body.id;
      await sleep(300);

      // Phase 1: registration, killed half-way.
      const registered = new Set<number>();
      const regs = buyers.map(async (b, i) => {
        await sleep(i * 40);
        const r = await through(b, (c) => c.post(`/launches/${launchId}/registrations`));
        if (r.status === 200) registered.add(i);
      });
      await sleep(400);
      await crash('registration');
      await Promise.all(regs);
      expect(registered.size).toBe(BUYERS);
      for (const [i, b] of buyers.entries()) expect((await through(b, (c) => c.get(`/launches/${launchId}`))).body.registered, `buyer ${i}`).toBe(true);

      // Phase 2: the pre-queue, killed half-way.
      const tokens = new Map<number, string>();
      const joins = buyers.map(async (b, i) => {
        await sleep(i * 40);
        const r = await through(b, (c) => c.post(`/launches/${launchId}/queue`, {}));
        if (r.status === 200) tokens.set(i, r.body.queueToken);
      });
      await sleep(400);
      await crash('pre-queue');
      await Promise.all(joins);
      expect(tokens.size).toBe(BUYERS);
      const status = (i: number) => through(buyers[i]!, (c) => c.get(`/launches/${launchId}/queue?token=${encodeURIComponent(tokens.get(i)!)}`));
      for (let i = 0; i < BUYERS; i++) expect((await status(i)).status, `place of buyer ${i}`).toBe(200);

      // Phase 3: the start — the draw — with a kill right at it.
      await sleepUntil(startsAt, 30);
      const firstPolls = Promise.all(buyers.map((_, i) => status(i)));
      await sleep(50);
      await crash('the draw');
      await firstPolls;
      const drawOf = async () => (await through(seller, (c) => c.get(`/launches/${launchId}`))).body.draw as { seed: string } | null;
      let draw = await drawOf();
      for (let k = 0; k < 100 && !draw; k++) {
        await Promise.all(buyers.map((_, i) => status(i)));
        await sleep(50);
        draw = await drawOf();
      }
      expect(draw?.seed).toMatch(/^[0-9a-f]{64}$/);
      const passes = new Map<number, string>();
      for (let k = 0; k < 200 && passes.size < BUYERS; k++) {
        for (let i = 0; i < BUYERS; i++) {
          if (passes.has(i)) continue;
          const st = await status(i);
          expect(st.status, `place of buyer ${i} after the draw`).toBe(200);
          if (st.body.state === 'admitted') passes.set(i, st.body.pass!);
        }
        if (passes.size < BUYERS) await sleep(50);
      }
      expect(passes.size).toBe(BUYERS);

      // Phase 4: the sale, a kill mid-way. Each buyer asks for one more unit than the limit.
      const answers = new Map<string, string>();
      const keys: Array<{ i: number; key: string; sku: string }> = [];
      const reserveOnce = async (i: number, key: string, sku: string): Promise<string> => {
        const r = await through(buyers[i]!, (c) => c.post(`/launches/${launchId}/reservations`, { skuId: sku }, { 'x-admission-pass': passes.get(i)!, 'idempotency-key': key }), (x) => x.status !== 503 && x.status < 500);
        if (r.status === 201 || r.status === 200) return `hold ${r.body.id}`;
        if (r.status === 409) return `refused ${errorOf(r).code}`;
        throw new Error(`${key}: ${r.status} ${JSON.stringify(r.body)}`);
      };
      const sale = buyers.map(async (_, i) => {
        await sleep(Math.random() * 1500);
        for (let k = 0; k <= LIMIT; k++) {
          const key = `phase-key-${i}-${k}`;
          const sku = skus[(i + k) % 2]!;
          keys.push({ i, key, sku });
          answers.set(key, await reserveOnce(i, key, sku));
        }
      });
      await sleep(700);
      await crash('mid-sale');
      await Promise.all(sale);

      // Phase 5: payments, a kill among them.
      const held = [...answers.values()].filter((a) => a.startsWith('hold ')).map((a) => a.slice(5));
      const owner = new Map(keys.map(({ i, key }) => [answers.get(key)!, i]));
      const payments = held.slice(0, 8).map(async (id, k) => {
        await sleep(k * 60);
        const b = buyers[owner.get(`hold ${id}`)!]!;
        const r = await through(b, (c) => c.post(`/holds/${id}/pay`, { address: ADDRESS }), (x) => x.status === 201 || x.status === 409);
        if (r.status === 201) await through(b, async (c) => approve(c.base, r.body.payment.payUrl), (x) => x.status < 500);
      });
      await sleep(250);
      await crash('payments');
      await Promise.all(payments);

      // The end: every key asked again gets the same answer; the ledger's books hold.
      for (const { i, key, sku } of keys) expect(await reserveOnce(i, key, sku), key).toBe(answers.get(key));
      expect((await drawOf())?.seed).toBe(draw!.seed);
      for (let i = 0; i < BUYERS; i++) expect((await status(i)).status).toBe(200);
      const db = data.open();
      const holds = await db.selectFrom('holds').select(['id', 'sku_id', 'buyer_id', 'quantity', 'status']).where('launch_id', '=', launchId).execute();
      for (const [k, sku] of skus.entries()) {
        const n = holds.filter((h) => h.sku_id === sku && (h.status === 'held' || h.status === 'paid')).reduce((s, h) => s + h.quantity, 0);
        expect(n, `SKU ${k}`).toBeLessThanOrEqual(ALLOTMENTS[k]!);
      }
      const units = new Map<string, number>();
      for (const h of holds) if (h.status === 'held' || h.status === 'paid') units.set(h.buyer_id, (units.get(h.buyer_id) ?? 0) + h.quantity);
      expect(Math.max(...units.values())).toBeLessThanOrEqual(LIMIT);
      for (const id of held) expect(holds.some((h) => h.id === id), `acknowledged hold ${id}`).toBe(true);
      // Demand (3 each from 24 buyers) is above the 25 units: the sale sold out exactly.
      expect(held.length).toBe(ALLOTMENTS[0]! + ALLOTMENTS[1]!);
      expect(kills).toEqual(['registration', 'pre-queue', 'the draw', 'mid-sale', 'payments']);
      const places = await db.selectFrom('queue_entries').select('buyer_id').where('launch_id', '=', launchId).execute();
      expect(places).toHaveLength(BUYERS);
    }, 240_000);
  });
}

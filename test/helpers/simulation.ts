/**
 * A seeded, replayable fault simulation of a launch (in the manner of TigerBeetle's VOPR): the
 * real engine parts — stock authority, reservations, settlement, waiting room, ledger — of one
 * or more app "processes", driven step by step by a PRNG that also injects the faults a real
 * deployment meets: a process killed at any step (its writes in flight may still commit, as a
 * database backend finishes a statement after its client died), Redis losing everything, a
 * write stalled for as long as the simulation likes, a commit whose acknowledgement is lost, a
 * write that fails, and clock jumps past every deadline and every grace period.
 *
 * The group commits are flushed by hand (`commitScheduler`), so which requests share a batch,
 * which batch stalls and which process dies first is the seed's choice. After every step the
 * invariants are checked against a small reference model of what clients were told:
 *
 * - the ledger's books equal a recount of its holds, and no SKU is over its allotment;
 * - no buyer holds more than the limit;
 * - every hold a client was told about is in the ledger (nothing acknowledged is lost);
 * - every key answered twice got the same answer, and the ledger holds that answer;
 * - every place in line a client was told about is in the ledger and in the room;
 * - no launch was halted (the live state never disagreed with the ledger);
 * and at the end, once everything is written and settled, every process's books equal the
 * ledger's.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../src/context.js';
import { loadConfig } from '../../src/config.js';
import type { StorageEngine } from '../../src/db/engine.js';
import { ManualClock } from '../../src/shared/clock.js';
import { AppError, isErrorCode, statusOf } from '../../src/shared/errors.js';
import { LaunchEngine } from '../../src/launches/engine.js';
import { LaunchLedger, type AnswerResult, type AnswerWrite, type PlaceWrite } from '../../src/launches/ledger.js';
import { memoryLiveState } from '../../src/launches/live-state.js';
import { redisLiveState } from '../../src/launches/redis-live.js';
import { RedisStockAuthority } from '../../src/launches/redis-authority.js';
import { MemoryStockAuthority, type StockAuthority } from '../../src/launches/stock-authority.js';
import { TokenSigner } from '../../src/launches/tokens.js';
import type { ReserveOutcome } from '../../src/launches/reservations.js';
import type { AnalyticsRecorder } from '../../src/analytics/recorder.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createLaunch } from './ledger.js';

/** mulberry32: a small seeded PRNG (the whole run follows from the seed). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** What a flush does to its batch. */
type Fault = 'ok' | 'fail' | 'lost-ack' | 'stall';

/** A ledger whose writes fail, lose their acknowledgement or stall as the simulation says. */
class FaultyLedger extends LaunchLedger {
  fault: Fault = 'ok';
  dead = false;
  /** Writes running now (not those held at a stall): the simulation waits for these to finish. */
  active = 0;
  constructor(
    engine: StorageEngine,
    private readonly sim: { stall(release: () => Promise<void>): Promise<void> },
  ) {
    super(engine);
  }
  private async faulty<T>(write: () => Promise<T>): Promise<T> {
    const f = this.fault;
    this.fault = 'ok';
    if (this.dead) throw new Error('simulated: the process is dead');
    if (f === 'fail') throw new Error('simulated: the connection broke before the commit');
    if (f === 'stall') {
      let out!: T;
      await this.sim.stall(async () => {
        this.active++;
        try {
          out = await write();
        } finally {
          this.active--;
        }
      });
      return out;
    }
    this.active++;
    try {
      const r = await write();
      if (f === 'lost-ack') throw new Error('simulated: the connection broke after the commit');
      return r;
    } finally {
      this.active--;
    }
  }
  override writeAnswers(items: readonly AnswerWrite[]): Promise<AnswerResult[]> {
    return this.faulty(() => super.writeAnswers(items));
  }
  override writePlaces(ops: readonly PlaceWrite[]): Promise<boolean[]> {
    return this.faulty(() => super.writePlaces(ops));
  }
}

interface Proc {
  n: number;
  engine: LaunchEngine;
  ledger: FaultyLedger;
  authority: StockAuthority;
  alive: boolean;
  redis: Redis[];
  close(): Promise<void>;
}

interface Request {
  kind: 'reserve' | 'join';
  proc: Proc;
  buyer: string;
  key: string;
  sku: string;
  qty: number;
  done: boolean;
  outcome?: ReserveOutcome | { error: { code: string; message: string } } | { joined: true };
}

/** What one run did (printed when it fails, so the seed tells the whole story). */
export interface RunReport {
  seed: number;
  steps: string[];
  faults: Record<string, number>;
  acknowledgedHolds: number;
  acknowledgedRefusals: number;
  acknowledgedPlaces: number;
  rebuilds: number;
}

/** Settings of a simulation run. */
export interface SimOptions {
  engine: StorageEngine;
  variant: 'memory' | 'redis';
  /** Redis connections are made with this (the redis variant). */
  connect?: () => Redis;
  /** The run's Redis key prefix (the redis variant). */
  prefix?: string;
  steps: number;
  buckets?: number;
}

const STOCK_REFUSALS = new Set(['SOLD_OUT', 'NOT_ENOUGH_UNITS', 'LIMIT_REACHED']);
/** Refusals that promise nothing (the key may be used again). */
const RETRYABLE = new Set(['STOCK_REBUILT', 'LEDGER_UNAVAILABLE', 'HOLD_PENDING', 'STOCK_UNAVAILABLE', 'QUEUE_UNAVAILABLE']);

const silentLog = (errors: string[]): FastifyBaseLogger => {
  const log = {
    level: 'error',
    error: (obj: unknown, msg?: string) => {
      const o = obj as { alert?: string; err?: Error } | undefined;
      if (o?.alert) errors.push(`${o.alert}: ${msg ?? ''}`);
    },
    warn: () => {},
    info: () => {},
    debug: () => {},
    trace: () => {},
    fatal: () => {},
    silent: () => {},
    child: () => log,
  };
  return log;
};

/** One simulation run from a seed; throws (with the run's steps) on the first broken invariant. */
export async function simulate(seed: number, o: SimOptions): Promise<RunReport> {
  const r = prng(seed);
  const steps: string[] = [];
  const faults: Record<string, number> = {};
  const alerts: string[] = [];
  const count = (f: string) => (faults[f] = (faults[f] ?? 0) + 1);
  const clock = new ManualClock(1_800_000_000_000 + seed);
  const limit = 2;
  const allotments = [r.int(6) + 1, r.int(4) + 1];
  const { launchId, skuIds } = await createLaunch(o.engine, { allotments, perBuyerLimit: limit, startsAt: clock.now() - 1000, endsAt: clock.now() + 24 * 3600_000 });
  const paymentWindowMs = 600_000;
  const ctx = {
    config: loadConfig({}, { logLevel: 'silent' }),
    engine: o.engine,
    db: o.engine.db,
    clock,
    payments: {} as PaymentProvider,
    log: silentLog(alerts),
    analytics: { record() {} } as unknown as AnalyticsRecorder,
    // Not used by the launch engine's paths.
    broadcast: {} as AppContext['broadcast'],
    attempts: {} as AppContext['attempts'],
    mail: {} as AppContext['mail'],
    orderEvents: {} as AppContext['orderEvents'],
    crash: () => {},
    publicUrl: () => 'http://sim.invalid',
  } satisfies AppContext;
  const signer = new TokenSigner('simulation-secret');
  const buyers = Array.from({ length: 6 }, (_, i) => `buyer-${i}`);
  const stalls: Array<{ proc: Proc; release: () => Promise<void>; resolve: (commit: boolean) => void }> = [];
  const procs: Proc[] = [];
  let procCount = 0;
  let rebuilds = 0;

  const start = async (): Promise<Proc> => {
    const n = ++procCount;
    const proc = {} as Proc;
    const ledger = new FaultyLedger(o.engine, {
      stall: (release) =>
        new Promise<void>((resolve, reject) => {
          stalls.push({
            proc,
            release,
            resolve: (commit) => {
              if (commit) release().then(resolve, reject);
              else reject(new Error('simulated: the stalled write never reached the database'));
            },
          });
        }),
    });
    let authority: StockAuthority;
    let live;
    const conns: Redis[] = [];
    if (o.variant === 'redis') {
      const redis = o.connect!();
      const subscriber = o.connect!();
      conns.push(redis, subscriber);
      authority = new RedisStockAuthority({ redis, ledger, prefix: o.prefix!, buckets: o.buckets ?? 1, now: () => clock.now() });
      live = redisLiveState({ redis, subscriber, prefix: o.prefix!, ledger, now: () => clock.now(), metricsFlushMs: 3600_000 });
    } else {
      authority = new MemoryStockAuthority(ledger);
      live = memoryLiveState(ledger);
    }
    const engine = new LaunchEngine(ctx, authority, signer, { live, ledger, commitScheduler: () => {}, replayWaitMs: 0, reconcileGraceMs: 1000 });
    Object.assign(proc, {
      n,
      engine,
      ledger,
      authority,
      alive: true,
      redis: conns,
      async close() {
        await live.close();
        for (const c of conns) c.disconnect();
      },
    });
    procs.push(proc);
    // A process that comes up while another holds a rebuild's lease waits for it, as a client would retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await engine.get(launchId);
        break;
      } catch (err) {
        if (!(err instanceof AppError) || statusOf(err.code) !== 503 || attempt > 50) throw err;
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    return proc;
  };
  const alive = () => procs.filter((p) => p.alive);
  const kill = async (p: Proc) => {
    p.alive = false;
    p.ledger.dead = true;
    await p.close();
  };

  const requests: Request[] = [];
  /** Answers clients were told, per key (the reference model). */
  const told = new Map<string, { holdId?: string; code?: string }>();
  const keyParams = new Map<string, { buyer: string; sku: string; qty: number }>();
  const placesTold = new Set<string>();
  let keySeq = 0;

  /**
   * Lets the processes run until every request has either settled or waits for a batch (its
   * own, or one with its key stalled), and nothing has moved for a few turns of the event loop.
   */
  const quiesce = async () => {
    const w = (p: Proc) => [p.engine.reservations.writer, p.engine.admission.writer].reduce((n, g) => n + g.waiting + g.inFlight, 0);
    let last = '';
    let still = 0;
    for (let i = 0; i < 1000; i++) {
      const waiting = alive().reduce((n, p) => n + w(p), 0);
      const open = requests.filter((q) => !q.done && q.proc.alive).length;
      // A write on its way to the disk (a WAL sync) is waited for, however long it takes.
      const writing = procs.some((p) => p.ledger.active > 0);
      if (writing) {
        await new Promise((res) => setTimeout(res, 1));
        continue;
      }
      if (open <= waiting && i > 1) return;
      const now = `${requests.filter((q) => q.done).length}/${waiting}`;
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= (o.variant === 'redis' ? 8 : 4)) return;
      await new Promise((res) => (o.variant === 'redis' ? setTimeout(res, 1) : setImmediate(res)));
    }
  };

  const record = (q: Request, outcome: NonNullable<Request['outcome']>) => {
    if (process.env.SIM_DEBUG) console.log(`  [p${q.proc.n}${q.proc.alive ? '' : ' dead'}] ${q.kind} ${q.buyer} ${q.key} →`, JSON.stringify(outcome).slice(0, 160));
    q.done = true;
    q.outcome = outcome;
    if (!q.proc.alive) return; // a dead process answers nobody
    if (q.kind === 'join') {
      if ('joined' in outcome) placesTold.add(q.buyer);
      return;
    }
    const out = outcome as ReserveOutcome;
    let answer: { holdId?: string; code?: string } | null = null;
    if ('hold' in out) answer = { holdId: out.hold.id };
    else if (STOCK_REFUSALS.has(out.error.code)) answer = { code: out.error.code };
    else if (!RETRYABLE.has(out.error.code)) throw new Error(`seed ${seed}: unexpected answer ${out.error.code}: ${out.error.message}`);
    if (!answer) return;
    const k = `${q.buyer}|${q.key}`;
    const before = told.get(k);
    if (before && (before.holdId !== answer.holdId || before.code !== answer.code)) throw new Error(`seed ${seed}: key ${k} was answered ${JSON.stringify(before)}, then ${JSON.stringify(answer)}`);
    told.set(k, answer);
  };

  const reserve = (p: Proc, buyer: string, key: string, sku: string, qty: number) => {
    const q: Request = { kind: 'reserve', proc: p, buyer, key, sku, qty, done: false };
    requests.push(q);
    const pass = signer.sign('pass', { l: launchId, b: buyer, e: clock.now() + 3600_000 });
    p.engine.reserve({ userId: buyer, role: 'buyer' } as never, launchId, pass, sku, qty, key).then(
      (out) => record(q, out),
      (err: Error) => record(q, { error: { code: 'THROWN', message: err.message } }),
    );
  };

  const join = (p: Proc, buyer: string) => {
    const q: Request = { kind: 'join', proc: p, buyer, key: '', sku: '', qty: 0, done: false };
    requests.push(q);
    p.engine.join({ userId: buyer, role: 'buyer' } as never, launchId, {}).then(
      () => record(q, { joined: true }),
      (err: Error) => record(q, { error: { code: err instanceof AppError ? err.code : 'THROWN', message: err.message } }),
    );
  };

  const check = async (where: string) => {
    const fail = (msg: string) => {
      throw new Error(`seed ${seed}, after ${where}: ${msg}\n  steps: ${steps.join(' → ')}`);
    };
    if (alerts.length) fail(`launch halted: ${alerts.join('; ')}`);
    for (const q of requests) if (q.done && q.outcome && 'error' in q.outcome && (isErrorCode(q.outcome.error.code) ? statusOf(q.outcome.error.code) : 500) >= 500 && !RETRYABLE.has(q.outcome.error.code) && q.proc.alive) fail(`a request failed: ${q.outcome.error.code} ${q.outcome.error.message}`);
    const db = o.engine.db;
    const holds = await db.selectFrom('holds').selectAll().where('launch_id', '=', launchId).execute();
    const books = await o.engine.db.selectFrom('launch_items').select(['sku_id', 'allotment', 'held', 'sold']).where('launch_id', '=', launchId).execute();
    for (const b of books) {
      const held = holds.filter((h) => h.sku_id === b.sku_id && h.status === 'held').reduce((n, h) => n + h.quantity, 0);
      const sold = holds.filter((h) => h.sku_id === b.sku_id && h.status === 'paid').reduce((n, h) => n + h.quantity, 0);
      if (held !== b.held || sold !== b.sold) fail(`books of ${b.sku_id} say held ${b.held} sold ${b.sold}, the holds ${held}/${sold}`);
      if (held + sold > b.allotment) fail(`SKU ${b.sku_id} oversold: ${held + sold} of ${b.allotment}`);
    }
    for (const buyer of buyers) {
      const units = holds.filter((h) => h.buyer_id === buyer && (h.status === 'held' || h.status === 'paid')).reduce((n, h) => n + h.quantity, 0);
      if (units > limit) fail(`${buyer} has ${units} units, the limit is ${limit}`);
    }
    const answers = await db.selectFrom('launch_answers').selectAll().where('launch_id', '=', launchId).execute();
    const byKey = new Map(answers.map((a) => [`${a.buyer_id}|${a.idempotency_key}`, a]));
    for (const [k, t] of told) {
      const a = byKey.get(k);
      if (!a) fail(`key ${k} was answered ${JSON.stringify(t)} but the ledger has no answer`);
      if (t.holdId && a!.hold_id !== t.holdId) fail(`key ${k} was given hold ${t.holdId}, the ledger says ${a!.hold_id ?? a!.code}`);
      if (t.code && a!.code !== t.code) fail(`key ${k} was refused ${t.code}, the ledger says ${a!.hold_id ?? a!.code}`);
      if (t.holdId && !holds.some((h) => h.id === t.holdId)) fail(`acknowledged hold ${t.holdId} is not in the ledger`);
    }
    const places = await db.selectFrom('queue_entries').select('buyer_id').where('launch_id', '=', launchId).execute();
    for (const b of placesTold) if (!places.some((p) => p.buyer_id === b)) fail(`${b} was given a place that the ledger does not have`);
  };

  const flush = async (p: Proc, which: 'answers' | 'places') => {
    const writer = which === 'answers' ? p.engine.reservations.writer : p.engine.admission.writer;
    if (writer.waiting === 0) return;
    const f: Fault = r.chance(0.7) ? 'ok' : r.pick(['fail', 'lost-ack', 'stall'] as const);
    if (f !== 'ok') count(f);
    p.ledger.fault = f;
    steps.push(`flush(p${p.n} ${which}${f === 'ok' ? '' : ` ${f}`})`);
    const done = writer.flushNow();
    if (f !== 'stall') await done;
  };

  await start();
  if (o.variant === 'redis') await start();

  for (let step = 0; step < o.steps; step++) {
    const p = r.pick(alive());
    const roll = r.next();
    if (roll < 0.3) {
      const buyer = r.pick(buyers);
      const sku = r.pick(skuIds);
      const qty = r.chance(0.8) ? 1 : 2;
      const key = `k${++keySeq}`;
      keyParams.set(`${buyer}|${key}`, { buyer, sku, qty });
      steps.push(`reserve(p${p.n} ${buyer} ${key} ${sku.slice(0, 4)}×${qty})`);
      reserve(p, buyer, key, sku, qty);
    } else if (roll < 0.4 && keyParams.size) {
      const [k, prm] = r.pick([...keyParams]);
      const key = k.split('|')[1]!;
      steps.push(`retry(p${p.n} ${prm.buyer} ${key})`);
      reserve(p, prm.buyer, key, prm.sku, prm.qty);
    } else if (roll < 0.6) {
      await flush(p, 'answers');
    } else if (roll < 0.64) {
      await flush(p, 'places');
    } else if (roll < 0.69) {
      const buyer = r.pick(buyers);
      steps.push(`join(p${p.n} ${buyer})`);
      join(p, buyer);
    } else if (roll < 0.73 && stalls.length) {
      const s = stalls.splice(r.int(stalls.length), 1)[0]!;
      const commit = r.chance(0.7);
      steps.push(`release-stall(p${s.proc.n} ${commit ? 'commits' : 'never arrives'})`);
      s.resolve(commit);
    } else if (roll < 0.78) {
      // A payment: the ledger first (settle queued before), then the authority.
      const held = await o.engine.db.selectFrom('holds').select(['id', 'launch_id']).where('launch_id', '=', launchId).where('status', '=', 'held').execute();
      if (held.length) {
        const h = r.pick(held);
        steps.push(`pay(${h.id.slice(0, 6)})`);
        await p.engine.state.settleQueue.add(launchId, [h.id], clock.now());
        await o.engine.db.transaction().execute((trx) => p.ledger.endHold(trx, h.id, 'pay', 'order', clock.now()));
        if (r.chance(0.8)) await p.engine.reconcile([launchId]);
      }
    } else if (roll < 0.82) {
      const ms = r.chance(0.5) ? paymentWindowMs + 1 : r.int(30_000);
      clock.advance(ms);
      count('clock-jump');
      steps.push(`clock+${ms}`);
      if (r.chance(0.7)) await p.engine.expireDueHolds();
    } else if (roll < 0.86 && o.variant === 'redis') {
      steps.push('redis-flushall');
      count('redis-flush');
      const c = p.redis[0]!;
      const ks = await c.keys(`${o.prefix}*`);
      if (ks.length) await c.del(...ks);
    } else if (roll < 0.9) {
      steps.push(`reconcile(p${p.n})`);
      await p.engine.reconcile();
      rebuilds += await p.engine.reconcileStock(r.chance(0.5) ? 0 : 1000);
    } else if (roll < 0.93) {
      steps.push(`kill(p${p.n})`);
      count('kill');
      await kill(p);
      if (alive().length === 0 || (o.variant === 'redis' && alive().length < 2)) {
        const q = await start();
        steps.push(`start(p${q.n})`);
      }
    } else if (roll < 0.96 && told.size) {
      const buyer = r.pick(buyers);
      steps.push(`status(p${p.n} ${buyer})`);
      if (placesTold.has(buyer)) {
        const token = signer.sign('queue', { l: launchId, b: buyer, e: clock.now() + 3600_000 });
        try {
          await p.engine.status({ userId: buyer, role: 'buyer' } as never, launchId, token);
        } catch (err) {
          const e = err as { code?: string };
          if (e.code !== 'QUEUE_UNAVAILABLE') throw new Error(`seed ${seed}: ${buyer} was given a place the room does not have (${e.code}): ${steps.join(' → ')}`, { cause: err });
        }
      }
    } else {
      await p.engine.tick();
      steps.push(`tick(p${p.n})`);
    }
    await quiesce();
    await check(steps[steps.length - 1] ?? 'start');
  }

  // The end: every stall released (committing), every batch flushed, everything settled; each
  // live process's books must then equal the ledger's.
  for (const s of stalls.splice(0)) s.resolve(true);
  for (let i = 0; i < 5; i++) {
    for (const p of alive()) {
      p.ledger.fault = 'ok';
      await p.engine.reservations.writer.flushNow();
      await p.engine.admission.writer.flushNow();
    }
    await quiesce();
  }
  await check('the end');
  for (const p of alive()) {
    await p.engine.reconcile();
    rebuilds += await p.engine.reconcileStock(0);
  }
  const ledgerBooks = await o.engine.db.selectFrom('launch_items').select(['sku_id', 'allotment', 'held', 'sold']).where('launch_id', '=', launchId).orderBy('sku_id').execute();
  for (const p of alive()) {
    const counts = await p.authority.counts(launchId);
    const mine = counts.map((c) => ({ sku_id: c.skuId, allotment: c.allotment, held: c.held, sold: c.sold }));
    const want = ledgerBooks.map((b) => ({ sku_id: b.sku_id, allotment: b.allotment, held: b.held, sold: b.sold }));
    if (JSON.stringify(mine) !== JSON.stringify(want)) throw new Error(`seed ${seed}: process ${p.n} books ${JSON.stringify(mine)} differ from the ledger's ${JSON.stringify(want)}\n  steps: ${steps.join(' → ')}`);
  }
  for (const p of procs) if (p.alive) await p.close();
  return {
    seed,
    steps,
    faults,
    acknowledgedHolds: [...told.values()].filter((t) => t.holdId).length,
    acknowledgedRefusals: [...told.values()].filter((t) => t.code).length,
    acknowledgedPlaces: placesTold.size,
    rebuilds,
  };
}

/** A fresh id for a run's Redis prefix. */
export const runPrefix = () => `fmsim:${randomUUID().slice(0, 8)}:`;

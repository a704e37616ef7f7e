/**
 * The launch engine under a seeded fault simulation (test/helpers/simulation.ts): thousands of
 * short runs, each a random mix of reservations, retries with old keys, joins, payments, clock
 * jumps past every deadline, process kills, Redis flushes, and group commits that fail, stall
 * or lose their acknowledgement — on the embedded engine (memory authority, one process at a
 * time) and on the scale-out one (Redis authority and room, two processes), with a real ledger.
 *
 * A failing run names its seed; `SIM_SEED=<seed> npx vitest run test/launch-simulation.test.ts`
 * replays exactly that run (SIM_RUNS changes how many run).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type LedgerFixture } from './helpers/ledger.js';
import { REDIS_URL, redisProblem } from './helpers/redis.js';
import { runPrefix, simulate, type RunReport } from './helpers/simulation.js';

const ONE = process.env.SIM_SEED ? Number(process.env.SIM_SEED) : null;
const RUNS = { memory: Number(process.env.SIM_RUNS ?? 2000), redis: Number(process.env.SIM_RUNS ?? 300) };
const STEPS = 40;

function summary(reports: RunReport[]) {
  const faults: Record<string, number> = {};
  for (const r of reports) for (const [f, n] of Object.entries(r.faults)) faults[f] = (faults[f] ?? 0) + n;
  return {
    runs: reports.length,
    steps: reports.reduce((n, r) => n + r.steps.length, 0),
    holds: reports.reduce((n, r) => n + r.acknowledgedHolds, 0),
    refusals: reports.reduce((n, r) => n + r.acknowledgedRefusals, 0),
    places: reports.reduce((n, r) => n + r.acknowledgedPlaces, 0),
    rebuilds: reports.reduce((n, r) => n + r.rebuilds, 0),
    faults,
  };
}

describe('launch fault simulation [memory authority, SQLite ledger]', () => {
  let fx: LedgerFixture;
  beforeAll(async () => {
    fx = await openLedger('sqlite');
  });
  afterAll(async () => {
    await fx?.close();
  });

  it(`${ONE ?? RUNS.memory} seeded runs of ${STEPS} steps: nothing acknowledged is lost, nothing oversold, no buyer over the limit, every key answered alike`, async () => {
    const seeds = ONE !== null ? [ONE] : Array.from({ length: RUNS.memory }, (_, i) => 1000 + i);
    const reports: RunReport[] = [];
    for (const seed of seeds) reports.push(await simulate(seed, { engine: fx.engine, variant: 'memory', steps: STEPS }));
    const s = summary(reports);
    console.log(`[simulation, memory] ${JSON.stringify(s)}`);
    // The runs did what they are for: they answered, refused, lost acknowledgements and stalled.
    expect(s.holds).toBeGreaterThan(s.runs);
    expect(s.refusals).toBeGreaterThan(0);
    if (ONE === null) expect(Object.keys(s.faults).sort()).toEqual(['clock-jump', 'fail', 'kill', 'lost-ack', 'stall']);
  }, 600_000);
});

describe.runIf(!redisProblem)('launch fault simulation [Redis authority and room, two processes, SQLite ledger]', () => {
  let fx: LedgerFixture;
  const connections: Redis[] = [];
  beforeAll(async () => {
    fx = await openLedger('sqlite');
  });
  afterAll(async () => {
    for (const c of connections) c.disconnect();
    await fx?.close();
  });

  for (const buckets of [1, 3]) {
    it(`${ONE ?? RUNS.redis} seeded runs with ${buckets} stock bucket${buckets > 1 ? 's' : ''}: the same, through Redis flushes and kills of either process`, async () => {
      const seeds = ONE !== null ? [ONE] : Array.from({ length: RUNS.redis }, (_, i) => 5000 + buckets * 10_000 + i);
      const reports: RunReport[] = [];
      const cleaner = new Redis(REDIS_URL);
      connections.push(cleaner);
      for (const seed of seeds) {
        const prefix = runPrefix();
        try {
          reports.push(await simulate(seed, { engine: fx.engine, variant: 'redis', connect: () => new Redis(REDIS_URL), prefix, steps: STEPS, buckets }));
        } finally {
          const ks = await cleaner.keys(`${prefix}*`);
          if (ks.length) await cleaner.del(...ks);
        }
      }
      const s = summary(reports);
      console.log(`[simulation, redis, ${buckets} bucket(s)] ${JSON.stringify(s)}`);
      expect(s.holds).toBeGreaterThan(s.runs);
      expect(s.rebuilds).toBeGreaterThan(0);
      if (ONE === null) expect(Object.keys(s.faults).sort()).toEqual(['clock-jump', 'fail', 'kill', 'lost-ack', 'redis-flush', 'stall']);
    }, 900_000);
  }
});

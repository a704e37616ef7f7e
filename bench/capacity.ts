/**
 * The capacity model of docs/deploy.md, reproduced from measured figures:
 *
 *   npm run bench:flash -- --mode scale --workers 2 --json > scale.json
 *   npm run capacity -- scale.json [embedded.json] [--target 583000] [...]
 *   npm run bench:flash -- --mode scale --json | npm run capacity
 *
 * It reads the benchmark's JSON (the last line that is a JSON object, from each file given or
 * from stdin) and works out, for a target peak of successful reservations (orders) per second:
 * how many app processes (cores), Redis shards and PostgreSQL nodes it takes, and where the
 * bottleneck sits at each step of scaling out. Every figure it starts from is a CPU cost per
 * request measured in the benchmark (CPU seconds, not wall time: it holds whatever else the
 * measuring machine was running), and every assumption is a flag with its default printed.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    /** Peak successful reservations (orders) per second to serve: Alibaba, 11.11.2020. */
    target: { type: 'string', default: '583000' },
    /** Refused attempts (sold out, limit) per successful one at the peak. */
    'refused-per-order': { type: 'string', default: '1' },
    /** Share of the peak that goes to the single hottest launch (one SKU). */
    'hot-share': { type: 'string', default: '0.1' },
    /** Planned utilisation of every core (headroom for bursts and failover). */
    utilization: { type: 'string', default: '0.6' },
    /** Cores of one PostgreSQL (or Citus worker) node. */
    'pg-cores': { type: 'string', default: '64' },
    /** WAL bandwidth one PostgreSQL node sustains, MB/s. */
    'wal-mbps': { type: 'string', default: '800' },
    /** WAL fsyncs per second one PostgreSQL node sustains (NVMe). */
    'pg-fsyncs': { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
  },
});

/** What the model reads of a `bench:flash --json` run (fields a run may leave out are optional). */
interface Bench {
  mode?: string;
  workers?: number;
  cpus?: number;
  reserveRps: number;
  soldOutRps: number;
  reserveHolds?: number;
  /** Answers of the reserve run by status. */
  reserveStatuses?: Record<string, number>;
  /** Microseconds Redis spent per command kind, per reservation. */
  redisUsecPerReserve?: Record<string, number>;
  /** CPU seconds per request of each part. */
  reserveCpuPerRequest: { app: number; redis: number; postgres: number };
  soldOutCpuPerRequest?: { app?: number; redis?: number };
  walSyncsPerHold?: number | null;
  walBytesPerHold?: number | null;
  saleCpuPerPaidOrder?: { app?: number; redis?: number; postgres?: number };
}

function lastJson(text: string): Bench {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{') && l.endsWith('}'));
  if (!lines.length) throw new Error('no benchmark JSON found (run bench:flash with --json, or pass its output)');
  return JSON.parse(lines[lines.length - 1]!) as Bench;
}

async function inputs(): Promise<Bench[]> {
  if (positionals.length) return positionals.map((p) => lastJson(fs.readFileSync(p, 'utf8')));
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return [lastJson(Buffer.concat(chunks).toString('utf8'))];
}

const num = (k: keyof typeof flags) => Number(flags[k]);
const ceil = Math.ceil;
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 1 : 2));

/** What the model needs from one scale-out benchmark run, per request. */
export interface Costs {
  appPerReserve: number;
  appPerSoldOut: number;
  redisPerReserve: number;
  redisPerSoldOut: number;
  /** Share of Redis work per reservation that falls on the launch's shard (the stock script), the rest on rate-limit keys spread everywhere. */
  stockShare: number;
  pgPerHold: number;
  walSyncsPerHold: number;
  walBytesPerHold: number;
  /** CPU per paid order of the whole-sale run: every buyer's join and queue polls, the reservation, the payment and its webhook. */
  funnel: { app: number; redis: number; postgres: number } | null;
}

/** Reads per-request costs from a scale-out run (CPU seconds per request; holds per reservation request). */
export function costsOf(b: Bench): Costs {
  const holdsPerRequest = b.reserveHolds && b.reserveStatuses ? b.reserveHolds / Object.values(b.reserveStatuses).reduce((s, n) => s + n, 0) : 1;
  const usec = b.redisUsecPerReserve ?? {};
  const rateLimit = (usec.incr ?? 0) + (usec.pexpire ?? 0) + (usec.pttl ?? 0);
  const inner = Object.entries(usec)
    .filter(([k]) => !k.startsWith('eval') && !['info', 'incr', 'pexpire', 'pttl'].includes(k))
    .reduce((s, [, v]) => s + v, 0);
  return {
    appPerReserve: b.reserveCpuPerRequest.app,
    appPerSoldOut: b.soldOutCpuPerRequest?.app ?? b.reserveCpuPerRequest.app,
    redisPerReserve: b.reserveCpuPerRequest.redis,
    redisPerSoldOut: b.soldOutCpuPerRequest?.redis ?? 0,
    stockShare: inner + rateLimit > 0 ? inner / (inner + rateLimit) : 0.6,
    pgPerHold: b.reserveCpuPerRequest.postgres / Math.max(holdsPerRequest, 1e-9),
    walSyncsPerHold: b.walSyncsPerHold ?? 0,
    walBytesPerHold: b.walBytesPerHold ?? 0,
    funnel: b.saleCpuPerPaidOrder?.app ? { app: b.saleCpuPerPaidOrder.app, redis: b.saleCpuPerPaidOrder.redis ?? 0, postgres: b.saleCpuPerPaidOrder.postgres ?? 0 } : null,
  };
}

/** The model itself: sizes, and the step-by-step table of where the bottleneck sits. */
export function model(c: Costs, o: { target: number; refused: number; hotShare: number; u: number; pgCores: number; walMBps: number; pgFsyncs: number }) {
  const perOrder = {
    app: c.appPerReserve + o.refused * c.appPerSoldOut,
    redis: c.redisPerReserve + o.refused * c.redisPerSoldOut,
    stock: c.stockShare * c.redisPerReserve, // the launch's shard, per order (refusals answered before Redis mostly)
    pg: c.pgPerHold,
  };
  // Orders/s one unit of each resource carries at the planned utilisation.
  const perAppCore = o.u / perOrder.app;
  const perRedisShard = o.u / perOrder.redis; // a Redis shard is one core for commands
  const perLaunchShard = o.u / perOrder.stock; // one launch, one shard (hash tag): its own ceiling
  const pgNodeCpu = (o.pgCores * o.u) / perOrder.pg;
  const pgNodeWal = c.walBytesPerHold > 0 ? (o.walMBps * 1e6 * o.u) / c.walBytesPerHold : Infinity;
  const pgNodeSync = c.walSyncsPerHold > 0 ? (o.pgFsyncs * o.u) / c.walSyncsPerHold : Infinity;
  const perPgNode = Math.min(pgNodeCpu, pgNodeWal, pgNodeSync);
  const hot = o.target * o.hotShare;
  const sizes = {
    appCores: ceil(o.target / perAppCore),
    redisShards: ceil(o.target / perRedisShard),
    hotLaunchBuckets: ceil(hot / perLaunchShard),
    pgNodes: ceil(o.target / perPgNode),
  };
  const steps = [
    { step: '1. one app core, one Redis, one PostgreSQL', capacity: Math.min(perAppCore, perRedisShard, perPgNode), bottleneck: 'app process (one core)' },
    { step: '2. add app processes (stateless, behind the balancer)', capacity: Math.min(perRedisShard, perPgNode), bottleneck: perRedisShard < perPgNode ? 'the single Redis (one core for commands)' : 'PostgreSQL primary' },
    {
      step: `3. Redis Cluster: launches spread over shards by hash tag`,
      capacity: Math.min(perPgNode, perLaunchShard / o.hotShare),
      bottleneck: perLaunchShard / o.hotShare < perPgNode ? `the hottest launch's shard (it takes ${o.hotShare * 100}% of orders)` : 'PostgreSQL primary',
    },
    { step: `4. stock buckets: the hot SKU over ${sizes.hotLaunchBuckets} shards`, capacity: perPgNode, bottleneck: pgNodeCpu <= Math.min(pgNodeWal, pgNodeSync) ? 'PostgreSQL CPU' : pgNodeWal < pgNodeSync ? 'PostgreSQL WAL bandwidth' : 'PostgreSQL WAL fsyncs' },
    { step: `5. ledger distributed (Citus: holds by id) over ${sizes.pgNodes} nodes`, capacity: o.target, bottleneck: 'none at the target: app cores and shards are bought linearly' },
  ];
  // The whole funnel in the peak second (every order's buyers also joined, polled, paid): the upper bound.
  const funnel = c.funnel
    ? { appCores: ceil((o.target * c.funnel.app) / o.u), redisShards: ceil((o.target * c.funnel.redis) / o.u), pgNodes: ceil((o.target * c.funnel.postgres) / (o.u * o.pgCores)) }
    : null;
  return { perOrder, perAppCore, perRedisShard, perLaunchShard, perPgNode, pgNodeCpu, pgNodeWal, pgNodeSync, sizes, steps, funnel };
}

async function main() {
  const runs = await inputs();
  const scale = runs.find((r) => r.mode === 'scale');
  if (!scale) throw new Error('the model needs a scale-out run (npm run bench:flash -- --mode scale --json)');
  const embedded = runs.find((r) => r.mode !== 'scale');
  const o = { target: num('target'), refused: num('refused-per-order'), hotShare: num('hot-share'), u: num('utilization'), pgCores: num('pg-cores'), walMBps: num('wal-mbps'), pgFsyncs: num('pg-fsyncs') };
  const c = costsOf(scale);
  const m = model(c, o);
  if (flags.json) {
    console.log(JSON.stringify({ assumptions: o, costs: c, ...m }));
    return;
  }
  const us = (x: number) => `${(x * 1e6).toFixed(1)} µs`;
  console.log(`Measured (scale-out, ${scale.workers} app processes on ${scale.cpus} cores): reserve ${fmt(scale.reserveRps)}/s, sold-out ${fmt(scale.soldOutRps)}/s`);
  if (embedded) console.log(`Measured (embedded, one process): reserve ${fmt(embedded.reserveRps)}/s, sold-out ${fmt(embedded.soldOutRps)}/s; app CPU per reservation ${us(embedded.reserveCpuPerRequest?.app ?? NaN)}`);
  console.log(`CPU per reservation: app ${us(c.appPerReserve)}, Redis ${us(c.redisPerReserve)} (${Math.round(c.stockShare * 100)}% on the launch's shard), PostgreSQL ${us(c.pgPerHold)} per hold; per sold-out answer: app ${us(c.appPerSoldOut)}, Redis ${us(c.redisPerSoldOut)}`);
  console.log(`WAL per hold: ${fmt(c.walBytesPerHold)} bytes, ${c.walSyncsPerHold.toFixed(3)} fsyncs (group commit: ${fmt(1 / Math.max(c.walSyncsPerHold, 1e-9))} holds per fsync)`);
  console.log(`Assumptions: target ${fmt(o.target)} orders/s, ${o.refused} refused attempt(s) per order, hottest launch ${o.hotShare * 100}% of orders, ${o.u * 100}% utilisation, PostgreSQL nodes of ${o.pgCores} cores, ${o.walMBps} MB/s WAL, ${fmt(o.pgFsyncs)} fsyncs/s`);
  console.log('');
  console.log('Orders/s one unit carries:');
  console.table({
    'app core (one process)': { 'orders/s': Math.round(m.perAppCore) },
    'Redis shard (all launches + rate limits)': { 'orders/s': Math.round(m.perRedisShard) },
    "one launch's shard (stock script only)": { 'orders/s': Math.round(m.perLaunchShard) },
    'PostgreSQL node: CPU': { 'orders/s': Math.round(m.pgNodeCpu) },
    'PostgreSQL node: WAL bandwidth': { 'orders/s': Number.isFinite(m.pgNodeWal) ? Math.round(m.pgNodeWal) : 'n/a' },
    'PostgreSQL node: WAL fsyncs (at the measured batch size)': { 'orders/s': Number.isFinite(m.pgNodeSync) ? Math.round(m.pgNodeSync) : 'n/a' },
  });
  console.log(`Where the bottleneck moves (orders/s the deployment carries at each step):`);
  console.table(Object.fromEntries(m.steps.map((s) => [s.step, { 'orders/s': Math.round(s.capacity), bottleneck: s.bottleneck }])));
  console.log(`To serve ${fmt(o.target)} orders/s: ${m.sizes.appCores.toLocaleString('en-US')} app processes (one per core), ${m.sizes.redisShards.toLocaleString('en-US')} Redis shards (primaries; plus a replica each), the hottest launch in ${m.sizes.hotLaunchBuckets} stock bucket(s), ${m.sizes.pgNodes} PostgreSQL/Citus node(s) of ${o.pgCores} cores.`);
  if (m.funnel && c.funnel) {
    console.log(
      `Upper bound, the whole funnel of every order inside the peak second (measured per paid order: app ${us(c.funnel.app)}, Redis ${us(c.funnel.redis)}, PostgreSQL ${us(c.funnel.postgres)}): ${fmt(m.funnel.appCores)} app cores, ${fmt(m.funnel.redisShards)} Redis shards, ${fmt(m.funnel.pgNodes)} PostgreSQL node(s) by CPU.`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

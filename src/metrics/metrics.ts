/**
 * The operator's metrics of one app process, in the Prometheus text format (prom-client), served
 * at GET /metrics on the main port (`metricsRoutes`). Every series carries a `process` label
 * (host, pid and, for several apps in one process, a number) so that in scale-out each process's
 * series stand side by side and Prometheus does the sums — the app never adds up other
 * processes' numbers. Counters are this process's since it started; gauges of shared state
 * (waiting-room length in Redis, outbox depths in the database) are the same from every process
 * and say so in their help: aggregate those with max, not sum.
 *
 * Most numbers are read at scrape time from what the parts already count (the launch engine's
 * monitor counters and group-commit stats, the analytics recorder's stats, the notification
 * sender's counts); the rest are observed where they happen: HTTP requests (an onResponse hook),
 * ledger commits (`InstrumentedLaunchLedger`), PostgreSQL queries and Redis commands (wrapped
 * clients), SSE streams (open/close of the stream routes).
 */
import os from 'node:os';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { AnalyticsRecorder } from '../analytics/recorder.js';
import type { LaunchEngine } from '../launches/engine.js';
import type { MailSender } from '../mail/outbox.js';
import type { Notifications } from '../notifications/service.js';

let instances = 0;

/** What the scrape-time collectors read. */
export interface MetricSources {
  launches: LaunchEngine;
  analytics: AnalyticsRecorder;
  notifications: Notifications;
  mail: MailSender;
  now: () => number;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000];

/** The metrics of one app (see the file comment). */
export class AppMetrics {
  readonly registry = new Registry();
  /** This process's value of the `process` label. */
  readonly process: string;
  readonly httpSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly commitSeconds: Histogram<'writer'>;
  readonly commitBatch: Histogram<'writer'>;
  readonly commitFailures: Counter<'writer'>;
  readonly pgSeconds: Histogram<'op'>;
  readonly redisSeconds: Histogram<'command'>;
  readonly sseOpen: Gauge<'stream'>;
  private sources: MetricSources | null = null;

  constructor() {
    const n = ++instances;
    this.process = `${os.hostname()}:${process.pid}${n > 1 ? `#${n}` : ''}`;
    this.registry.setDefaultLabels({ process: this.process });
    // Event-loop lag (nodejs_eventloop_lag_*), memory, GC, handles: prom-client's defaults.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    // Gauges named like counters (the same numbers are there as nodejs_active_handles etc.): promtool refuses the names.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
    const r = [this.registry];
    this.httpSeconds = new Histogram({ name: 'flashmall_http_request_duration_seconds', help: 'HTTP requests by route template and status (its _count is the request rate)', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS, registers: r });
    this.commitSeconds = new Histogram({ name: 'flashmall_ledger_commit_duration_seconds', help: 'Group commits to the launch ledger: time from the batch write starting to its commit (answers: reservations; places: the waiting room)', labelNames: ['writer'], buckets: LATENCY_BUCKETS, registers: r });
    this.commitBatch = new Histogram({ name: 'flashmall_ledger_commit_batch_size', help: 'Records per group commit to the launch ledger', labelNames: ['writer'], buckets: BATCH_BUCKETS, registers: r });
    this.commitFailures = new Counter({ name: 'flashmall_ledger_commit_failures_total', help: 'Group commits to the launch ledger that failed (the ledger was unavailable or the outcome unknown)', labelNames: ['writer'], registers: r });
    this.pgSeconds = new Histogram({ name: 'flashmall_postgres_query_duration_seconds', help: 'PostgreSQL queries of the app (not the analytics thread) by statement kind', labelNames: ['op'], buckets: LATENCY_BUCKETS, registers: r });
    this.redisSeconds = new Histogram({ name: 'flashmall_redis_command_duration_seconds', help: 'Redis commands by name (scripts are evalsha)', labelNames: ['command'], buckets: LATENCY_BUCKETS, registers: r });
    this.sseOpen = new Gauge({ name: 'flashmall_sse_connections', help: 'Server-sent event streams open on this process', labelNames: ['stream'], registers: r });
    this.scrapeTime(r);
  }

  /** Tells the scrape-time collectors where to read (once the app is built). */
  /** The hot path's stage totals (STAGE_TIMING), read at scrape time from the launch engine's timer. */
  private hotStages(): void {
    const src = () => this.sources;
    new Counter({
      name: 'flashmall_hot_path_stage_microseconds_total',
      help: 'Time the hot launch routes spent per stage (STAGE_TIMING=true; zero otherwise), this process',
      labelNames: ['route', 'stage'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [k, v] of src()?.launches.stages.totals ?? []) {
          const [route, stage] = k.split(':') as [string, string];
          this.inc({ route, stage }, v);
        }
      },
    });
    new Counter({
      name: 'flashmall_hot_path_requests_total',
      help: 'Requests answered by the lean handler of the hot launch routes, timed by stage (STAGE_TIMING=true), this process',
      labelNames: ['route'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [route, n] of src()?.launches.stages.requests ?? []) this.inc({ route }, n);
      },
    });
  }

  attach(sources: MetricSources): void {
    this.sources = sources;
    this.hotStages();
  }

  /** In a cluster worker, the text of every worker's metrics (see cluster.ts); null: this process alone. */
  private clusterText: (() => Promise<string>) | null = null;

  /** Serves every cluster worker's series from this worker's /metrics (node:cluster workers on one port). */
  shareWithCluster(text: (() => Promise<string>) | null): void {
    this.clusterText = text;
  }

  /** The exposition text: this process's series, or every cluster worker's (each with its own process label). */
  async text(): Promise<string> {
    return this.clusterText ? this.clusterText() : this.registry.metrics();
  }

  private scrapeTime(r: Registry[]): void {
    const src = () => this.sources;
    const launches = () => [...(src()?.launches.registry.loaded.values() ?? [])];
    new Counter({
      name: 'flashmall_reservation_attempts_total',
      help: 'Reservation attempts this process answered, per launch loaded here',
      labelNames: ['launch'],
      registers: r,
      collect() {
        this.reset();
        for (const l of launches()) this.inc({ launch: l.row.id }, l.metrics.attempts);
      },
    });
    new Counter({
      name: 'flashmall_reservation_outcomes_total',
      help: 'Reservation answers this process gave, by code: HELD for a new hold, else the refusal code (SOLD_OUT, LIMIT_REACHED, ...)',
      labelNames: ['launch', 'code'],
      registers: r,
      collect() {
        this.reset();
        for (const l of launches()) {
          this.inc({ launch: l.row.id, code: 'HELD' }, l.metrics.holds);
          for (const [code, n] of Object.entries(l.metrics.rejections)) this.inc({ launch: l.row.id, code }, n);
        }
      },
    });
    new Counter({
      name: 'flashmall_launch_payments_total',
      help: 'Launch holds this process saw paid (settled to sold)',
      labelNames: ['launch'],
      registers: r,
      collect() {
        this.reset();
        for (const l of launches()) this.inc({ launch: l.row.id }, l.metrics.payments);
      },
    });
    new Counter({
      name: 'flashmall_launch_halts_total',
      help: 'Launches this process halted because their books broke (an invariant violation: the engine logged alert=launch_invariant)',
      registers: r,
      collect() {
        this.reset();
        const s = src();
        if (s) this.inc(s.launches.reservations.halts);
      },
    });
    new Counter({
      name: 'flashmall_admissions_total',
      help: 'Buyers this process admitted from a waiting room (its rate is the admission rate)',
      labelNames: ['launch'],
      registers: r,
      collect() {
        this.reset();
        for (const [launch, n] of src()?.launches.admission.admittedCount ?? []) this.inc({ launch }, n);
      },
    });
    new Gauge({
      name: 'flashmall_waiting_room_length',
      help: 'Buyers waiting in a launch\'s line (pre-queue included). Scale-out: the shared room, the same from every process: aggregate with max',
      labelNames: ['launch'],
      registers: r,
      async collect() {
        this.reset();
        for (const l of launches()) this.set({ launch: l.row.id }, (await l.room.stats(src()!.now())).waiting);
      },
    });
    new Gauge({
      name: 'flashmall_waiting_room_active',
      help: 'Buyers admitted and still holding a valid pass (the active cap counts these). Scale-out: shared, aggregate with max',
      labelNames: ['launch'],
      registers: r,
      async collect() {
        this.reset();
        for (const l of launches()) this.set({ launch: l.row.id }, (await l.room.stats(src()!.now())).active);
      },
    });
    new Gauge({
      name: 'flashmall_group_commit_waiting',
      help: 'Records waiting for the next group commit on this process',
      labelNames: ['writer'],
      registers: r,
      collect() {
        const s = src();
        if (!s) return;
        this.set({ writer: 'answers' }, s.launches.reservations.writer.waiting);
        this.set({ writer: 'places' }, s.launches.admission.writer.waiting);
      },
    });
    new Counter({
      name: 'flashmall_analytics_events_total',
      help: 'Analytics events this process recorded, stored and dropped (dropped: the buffer overflowed while the database was unreachable)',
      labelNames: ['outcome'],
      registers: r,
      collect() {
        this.reset();
        const s = src()?.analytics.stats;
        if (!s) return;
        this.inc({ outcome: 'recorded' }, s.recorded);
        this.inc({ outcome: 'stored' }, s.stored);
        this.inc({ outcome: 'dropped' }, s.dropped);
      },
    });
    new Counter({
      name: 'flashmall_analytics_write_failures_total',
      help: 'Analytics batch writes that failed (kept and tried again)',
      registers: r,
      collect() {
        this.reset();
        const s = src();
        if (s) this.inc(s.analytics.stats.failures);
      },
    });
    new Gauge({
      name: 'flashmall_analytics_backlog_events',
      help: 'Analytics events recorded here and not yet stored',
      registers: r,
      collect() {
        const s = src();
        if (s) this.set(s.analytics.stats.buffered);
      },
    });
    new Gauge({
      name: 'flashmall_notification_outbox_depth',
      help: 'Notification deliveries waiting to be sent, by channel (read from the database: the same from every process, aggregate with max)',
      labelNames: ['channel'],
      registers: r,
      async collect() {
        this.reset();
        const s = src();
        if (!s) return;
        const b = await s.notifications.backlog();
        for (const [channel, n] of Object.entries(b)) this.set({ channel }, n);
        this.set({ channel: 'mail_outbox' }, await s.mail.backlog());
      },
    });
    new Counter({
      name: 'flashmall_notification_deliveries_total',
      help: 'Notification deliveries this process made, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: r,
      collect() {
        this.reset();
        const c = src()?.notifications.counts;
        if (!c) return;
        for (const outcome of ['sent', 'skipped', 'failed'] as const) for (const channel of ['email', 'push'] as const) this.inc({ channel, outcome }, c[outcome][channel]);
      },
    });
  }

  /** Times every request by its route template and status (an onResponse hook: one histogram observation per request). */
  instrumentHttp(app: FastifyInstance): void {
    app.addHook('onRequest', async (req, reply) => {
      const url = req.routeOptions.url;
      if (url?.endsWith('/stream')) {
        this.sseOpen.inc({ stream: url });
        reply.raw.once('close', () => this.sseOpen.dec({ stream: url }));
      }
    });
    app.addHook('onResponse', async (req, reply) => {
      this.httpSeconds.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }

  /** Times one request answered outside Fastify (the lean handler of the hot launch routes). */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  /** Times the app's PostgreSQL queries: every client the pool hands out is wrapped once. */
  instrumentPg(pool: pg.Pool): void {
    const observe = (op: string, start: bigint) => this.pgSeconds.observe({ op }, Number(process.hrtime.bigint() - start) / 1e9);
    const wrap = (client: pg.PoolClient) => {
      const c = client as pg.PoolClient & { fmTimed?: boolean };
      if (c.fmTimed) return;
      c.fmTimed = true;
      const query = c.query.bind(c) as (...args: unknown[]) => unknown;
      (c as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const first = args[0] as string | { text?: string } | undefined;
        const text = typeof first === 'string' ? first : (first?.text ?? '');
        const op = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? 'other';
        const label = ['select', 'insert', 'update', 'delete', 'with', 'begin', 'commit', 'rollback'].includes(op) ? op : 'other';
        const start = process.hrtime.bigint();
        const cb = args.at(-1);
        if (typeof cb === 'function') {
          args[args.length - 1] = (...r: unknown[]) => {
            observe(label, start);
            return (cb as (...x: unknown[]) => unknown)(...r);
          };
          return query(...args);
        }
        const out = query(...args) as { then?: unknown } | undefined;
        if (out && typeof out.then === 'function') {
          (out as Promise<unknown>).then(
            () => observe(label, start),
            () => observe(label, start),
          );
        }
        return out;
      };
    };
    const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => unknown;
    (pool as unknown as { connect: typeof connect }).connect = (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => {
      if (cb) {
        return connect((err, client, done) => {
          if (client) wrap(client);
          cb(err, client, done);
        });
      }
      return (connect() as Promise<pg.PoolClient>).then((client) => {
        wrap(client);
        return client;
      });
    };
  }

  /** Times every command sent on a Redis connection (ioredis: one wrapper around sendCommand; a Cluster's extra arguments pass through). */
  instrumentRedis(redis: Redis): void {
    const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => unknown;
    (redis as unknown as { sendCommand: (...args: unknown[]) => unknown }).sendCommand = (...args: unknown[]) => {
      const command = args[0] as Parameters<Redis['sendCommand']>[0] & { fmTimed?: boolean };
      // A command sent again (a Cluster redirection, the offline queue) is timed once, from its first send.
      if (command.fmTimed) return send(...args);
      command.fmTimed = true;
      const start = process.hrtime.bigint();
      const done = () => this.redisSeconds.observe({ command: command.name }, Number(process.hrtime.bigint() - start) / 1e9);
      command.promise.then(done, done);
      return send(...args);
    };
  }
}

/**
 * Composes Flashmall: opens the storage engine, runs migrations, builds the context and
 * registers each domain's routes under /api/v1. Nothing else happens here.
 *
 * The run mode is chosen here too: with DATABASE_URL=postgres://… and REDIS_URL the process
 * runs scaled out — the stock authority, the waiting rooms, registrations, change signals,
 * monitor counters, the settle queue and the rate-limit counters live in Redis, shared with
 * every other app process; otherwise all of that stays in this process's memory (embedded).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Cluster, Redis } from 'ioredis';
import { isScaleOut, type Config } from './config.js';
import type { AppContext } from './context.js';
import { openEngine, type StorageEngine } from './db/engine.js';
import { migrateToLatest } from './db/migrations.js';
import { getOrCreateSetting } from './db/settings.js';
import { AppError } from './shared/errors.js';
import { frameworkError, installErrorHandling } from './http/errors.js';
import { installAuth } from './http/auth.js';
import { clientErrorHandler, installEdgeChecks } from './http/edge.js';
import { capConnectionsPerAddress, serverTimeoutOptions, uncappedPeer } from './http/connections.js';
import { systemClock, type Clock } from './shared/clock.js';
import { memoryBroadcast, redisBroadcast } from './shared/broadcast.js';
import { MemoryAttemptStore, RedisAttemptStore } from './accounts/throttle.js';
import { MailSender } from './mail/outbox.js';
import { SandboxGateway } from './payments/sandbox.js';
import { accountRoutes } from './accounts/routes.js';
import { storeRoutes } from './stores/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { cartRoutes } from './carts/routes.js';
import { orderRoutes } from './orders/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { adminRoutes } from './admin/routes.js';
import { launchRoutes } from './launches/routes.js';
import { LaunchEngine } from './launches/engine.js';
import { bufferedBody, fastRoutes, type FastRoutes } from './launches/fast-routes.js';
import { MemoryStockAuthority, type StockAuthority } from './launches/stock-authority.js';
import { WaitingRoomLimits } from './launches/limits.js';
import { RedisStockAuthority } from './launches/redis-authority.js';
import { memoryLiveState, type LiveState } from './launches/live-state.js';
import { redisLiveState } from './launches/redis-live.js';
import { TokenSigner } from './launches/tokens.js';
import { returnUnsoldStock } from './launches/service.js';
import { OrderEvents } from './orders/events.js';
import { killingCrashHook, parseCrashPoints } from './shared/crash-points.js';
import { listenToOrders } from './money/sales.js';
import { moneyRoutes } from './money/routes.js';
import { runPayoutBatch } from './money/payouts.js';
import { webRoutes } from './web/static.js';
import { every, startSweeper, type Sweeper } from './jobs.js';
import { retentionJob } from './retention/sweep.js';
import { AnalyticsRecorder } from './analytics/recorder.js';
import { analyticsRoutes } from './analytics/routes.js';
import { regionRoutes } from './regions/routes.js';
import { Notifications } from './notifications/service.js';
import { AppMetrics } from './metrics/metrics.js';
import { InstrumentedLaunchLedger } from './metrics/ledger.js';
import { metricsRoutes, takeScrapeAuthorization } from './metrics/routes.js';
import { notifyOrderMove } from './notifications/orders.js';
import { notificationRoutes } from './notifications/routes.js';

/** What `buildApp` needs: the settings, and what tests swap in. */
export interface BuildOptions {
  config: Config;
  clock?: Clock;
  /** An engine opened by the caller (tests pass one bound to a schema of their own). */
  engine?: StorageEngine;
  /** Run background sweeps and admission ticks on timers (default true; tests drive them by hand). */
  sweep?: boolean;
  /** The stock authority (default: in this process's memory, or Redis in the scale-out mode). */
  authority?: StockAuthority;
}

/** How this process runs: alone (SQLite or PostgreSQL, live state in memory) or as one of many (PostgreSQL + Redis). */
export type RunMode = 'embedded' | 'scale-out';

/** A built app: the HTTP server, the context, the parts tests and the launcher reach into. */
export interface Flashmall {
  app: FastifyInstance;
  ctx: AppContext;
  gateway: SandboxGateway;
  launches: LaunchEngine;
  sweeper: Sweeper;
  mode: RunMode;
  /** This process's metrics (GET /metrics). */
  metrics: AppMetrics;
  /** The lean handler of the hot launch routes (null when FAST_ROUTES is off). */
  fastRoutes: FastRoutes | null;
  /** The Redis connection of the scale-out mode (null when embedded). */
  redis: Redis | null;
  /** Tells the app the URL it is reachable at (after listen, when the port is known). */
  setPublicUrl(url: string): void;
  close(): Promise<void>;
}

/**
 * The Redis connection of the scale-out mode: one server, or a Redis Cluster (REDIS_CLUSTER)
 * whose client routes each command by hash slot. Every multi-key command and script Flashmall
 * sends stays within one hash tag, so the cluster client serves the same code; it is typed as
 * the single-server client for that reason.
 */
export function connectRedis(config: Pick<Config, 'redisUrl' | 'redisCluster'>): Redis {
  if (!config.redisUrl) throw new AppError('CONFIG_INVALID', 'REDIS_URL is not set.');
  if (!config.redisCluster) return new Redis(config.redisUrl, { enableAutoPipelining: true, lazyConnect: true });
  const u = new URL(config.redisUrl);
  const cluster = new Cluster([{ host: u.hostname, port: Number(u.port || 6379) }], {
    enableAutoPipelining: true,
    lazyConnect: true,
    redisOptions: { username: u.username || undefined, password: u.password ? decodeURIComponent(u.password) : undefined, tls: u.protocol === 'rediss:' ? {} : undefined },
  });
  return cluster as unknown as Redis;
}

/**
 * Fastify's form of TRUST_PROXY. A hop count N trusts the socket's peer and the N-1 proxies
 * before it (Express's meaning; Fastify's own number option trusts nobody), so it fits only a
 * server nothing but its proxies can reach — addresses are the safer setting.
 */
function trustProxyOption(t: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return t;
}

/** Builds the app (not yet listening): engine, migrations, context, mode, routes, sweeper. */
export async function buildApp(opts: BuildOptions): Promise<Flashmall> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const engine = opts.engine ?? openEngine({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgPoolSize: config.databasePoolSize });
  await migrateToLatest(engine);
  // Scale-out: PostgreSQL is the ledger, Redis the live state every process shares.
  const mode: RunMode = engine.kind === 'postgres' && isScaleOut(config) ? 'scale-out' : 'embedded';
  const redis = mode === 'scale-out' ? connectRedis(config) : null;
  const subscriber = redis ? redis.duplicate() : null;
  if (redis && subscriber) {
    // Connection trouble is retried by the client; say so once in a while, not on every attempt.
    let lastWarn = 0;
    const warn = (err: Error) => {
      if (Date.now() - lastWarn < 5000) return;
      lastWarn = Date.now();
      console.warn(`flashmall: Redis connection problem (${err.message}); retrying`);
    };
    redis.on('error', warn);
    subscriber.on('error', warn);
    await Promise.all([redis.connect(), subscriber.connect()]);
  }

  // The node:http server: the lean handler of the hottest launch routes in front of Fastify's
  // (launches/fast-routes.ts; bound once the engine exists), Fastify's for everything else.
  let serve: FastRoutes | null = null;
  // A refused connection is logged at most once a minute per address (a flood would otherwise flood the log too).
  const refusedLogged = new Map<string, number>();
  const refusedConnection = (address: string, open: number) => {
    const t = Date.now();
    if ((refusedLogged.get(address) ?? -Infinity) > t - 60_000) return;
    if (refusedLogged.size > 10_000) refusedLogged.clear();
    refusedLogged.set(address, t);
    app.log.warn({ ip: address, open, cap: config.http.connectionsPerAddress }, 'connection refused: too many open from one address');
  };
  let fastifyHandler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const app = Fastify({
    serverFactory: (handler, o) => {
      fastifyHandler = handler;
      // Slow clients are cut at the header and request deadlines (408), and one address holds at
      // most CONNECTIONS_PER_ADDRESS connections (503 beyond): src/http/connections.ts.
      const server = http.createServer({ requireHostHeader: false, ...serverTimeoutOptions(config.http) });
      const capped = capConnectionsPerAddress(
        server,
        { cap: config.http.connectionsPerAddress, uncapped: uncappedPeer(config.trustProxy), onRefused: (address, open) => refusedConnection(address, open) },
        (req, res) => (serve ?? handler)(req, res),
      );
      server.on('request', capped.handler);
      // What Fastify sets on a server it makes itself.
      server.keepAliveTimeout = Number(o.keepAliveTimeout ?? 72_000);
      return server;
    },
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default), so req.ip is the real client.
    trustProxy: trustProxyOption(config.trustProxy),
    // Node's parser refusals (431, bad Content-Length, broken chunks) in the one error shape; a missing Host is checked in edge.ts.
    clientErrorHandler,
    http: { requireHostHeader: false },
    // Requests the router refuses before any handler runs (bad URL encoding, over-long params) get the one error shape too.
    frameworkErrors: frameworkError,
    // Per-request lines only when debugging: at flash-sale rates they would cost more than the work.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });
  // The operator's metrics: one registry per app, series labelled with this process.
  const metrics = new AppMetrics();
  metrics.instrumentHttp(app);
  takeScrapeAuthorization(app);
  if (engine.pgPool) metrics.instrumentPg(engine.pgPool);
  if (redis) metrics.instrumentRedis(redis);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, { strictErrorCodes: config.strictErrorCodes });
  installEdgeChecks(app);
  // A request the lean handler read and handed over gets its body back here.
  app.addHook('preParsing', async (req, _reply, payload) => bufferedBody(req.raw) ?? payload);

  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const webhookSecret = config.sandboxWebhookSecret ?? (await getOrCreateSetting(engine.db, 'sandbox_webhook_secret'));
  const cookieSecret = await getOrCreateSetting(engine.db, 'cookie_secret');
  const gateway = new SandboxGateway({
    db: engine.db,
    clock,
    secret: webhookSecret,
    duplicateRate: config.sandboxDuplicateRate,
    webhookToleranceMs: config.webhookToleranceMs,
    payoutDelayMs: config.sandboxPayoutDelayMs,
    payoutFailureRate: config.sandboxPayoutFailureRate,
    baseUrl: () => publicUrl,
    log: app.log,
  });
  // Batches are written by the analytics thread, on connections of its own to the same database.
  const analytics = new AnalyticsRecorder({
    db: engine.db,
    kind: engine.kind,
    analyticsFile: engine.analyticsFile,
    pgConnection: engine.pgConnection,
    clock,
    secret: await getOrCreateSetting(engine.db, 'analytics_pseudonym_secret'),
    log: app.log,
  });
  analytics.start();
  const broadcast = redis && subscriber ? redisBroadcast({ redis, subscriber, prefix: config.redisPrefix, log: app.log }) : memoryBroadcast();
  const attempts = redis ? new RedisAttemptStore(redis, `${config.redisPrefix}rl:`) : new MemoryAttemptStore(() => clock.now());
  const crash = killingCrashHook(parseCrashPoints(config.crashPoints));
  const mail = new MailSender({ config, db: engine.db, clock, log: app.log, crash });
  const orderEvents = new OrderEvents();
  const ctx: AppContext = { config, engine, db: engine.db, clock, payments: gateway, log: app.log, analytics, broadcast, attempts, mail, orderEvents, crash, publicUrl: () => publicUrl };
  const notifications = new Notifications(ctx, config.notifications);
  ctx.notifications = notifications;
  const now = () => clock.now();
  const ledger = new InstrumentedLaunchLedger(engine, metrics);
  const authority = opts.authority ?? (redis ? new RedisStockAuthority({ redis, ledger, prefix: config.redisPrefix, buckets: config.stockBuckets, now }) : new MemoryStockAuthority(ledger));
  const live: LiveState = redis && subscriber ? redisLiveState({ redis, subscriber, prefix: config.redisPrefix, ledger, now, log: app.log }) : memoryLiveState(ledger);
  const limits = new WaitingRoomLimits(config.rateLimits, now, redis ? { redis, prefix: config.redisPrefix } : null);
  const launches = new LaunchEngine(ctx, authority, new TokenSigner(await getOrCreateSetting(engine.db, 'launch_token_secret')), { live, ledger, limits, reconcileGraceMs: config.stockReconcileGraceMs });
  if (config.fastRoutes && fastifyHandler) serve = fastRoutes({ ctx, engine: launches, observe: (m, r, st, sec) => metrics.observeHttp(m, r, st, sec) }, fastifyHandler);
  // Who acts on order moves: the launch engine settles a launch order's hold inside the move's
  // transaction, the money ledger posts sales and starts return windows inside it, and
  // analytics counts only moves that committed.
  orderEvents.onTransitionInTransaction(async (trx, t) => {
    if (t.order.launch_id && (t.to === 'paid' || t.to === 'cancelled')) {
      await launches.onOrderTransition(trx, t.order.id, t.to === 'paid' ? 'paid' : t.action === 'expire' ? 'expired' : 'cancelled');
    }
  });
  listenToOrders(ctx);
  // Buyers hear of their order's moves, written with the move.
  orderEvents.onTransitionInTransaction((trx, t) => notifyOrderMove(notifications, trx, t));
  orderEvents.onTransitionCommitted((t) => analytics.recordOrder(t.order, t.to));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Flashmall API', version: '1', description:
          'Marketplace, flash-sale launches, orders and payments. Browsers use a session cookie plus x-csrf-token; apps use Bearer tokens. Sign-up finishes with a code mailed to the address. Any text with a NUL or a lone surrogate is refused (400 TEXT_UNSTORABLE); throttled requests answer 429 RATE_LIMITED with Retry-After. Every error is {"error": {"code", "message", "details"}}: the Error schema lists every code (with its status and meaning), each operation the codes it can answer per status; what is refused before any route (HEADERS_TOO_LARGE, REQUEST_TIMEOUT, BAD_HTTP_REQUEST, BAD_TRANSFER_ENCODING, BAD_CONTENT_LENGTH, TOO_MANY_CONNECTIONS, ROUTE_NOT_FOUND) can meet any request.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'fm_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifyFormbody);
  // Scale-out: the counters live in Redis, so a limit holds across every process (createRateLimit uses this store).
  await app.register(fastifyRateLimit, { global: false, ...(redis ? { redis, nameSpace: `${config.redisPrefix}rl:` } : {}) });
  await installAuth(app, ctx, cookieSecret);

  metrics.attach({ launches, analytics, notifications, mail, now });
  metricsRoutes(app, ctx, metrics);
  app.get('/healthz', { schema: { hide: true } }, () => ({ ok: true, engine: engine.kind, mode, pid: process.pid }));
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(async (api) => {
    accountRoutes(api, ctx);
    storeRoutes(api, ctx);
    catalogRoutes(api, ctx);
    cartRoutes(api, ctx);
    orderRoutes(api, ctx);
    await paymentRoutes(api, ctx);
    adminRoutes(api, ctx);
    launchRoutes(api, ctx, launches);
    analyticsRoutes(api, ctx);
    regionRoutes(api, ctx);
    moneyRoutes(api, ctx);
    notificationRoutes(api, ctx, notifications);
  }, { prefix: '/api/v1' });
  await app.register((pay, _opts, done) => {
    gateway.routes(pay);
    done();
  });
  await app.register(webRoutes);

  const sweeper = startSweeper(ctx, gateway, [
    () => launches.expireDueHolds(),
    () => launches.reconcile(),
    every(config.stockReconcileIntervalMs, () => launches.reconcileStock()),
    () => returnUnsoldStock(ctx),
    () => launches.loadActive(),
    every(3600_000, () => launches.pruneAnswers()),
    // Sessions, idempotency keys, webhook signatures and events, outboxes, sign-ups, invitations, lockouts (src/retention).
    retentionJob(ctx),
    () => notifications.sweep(),
    () => mail.deliverDue(),
    // Payouts follow the app's clock (the one their return windows are counted on), not the wall clock.
    ...(config.payoutIntervalMs > 0 ? [every(config.payoutIntervalMs, () => runPayoutBatch(ctx, 'schedule', 'CNY'), () => ctx.clock.now())] : []),
  ]);
  if (opts.sweep === false) await sweeper.stop();
  else launches.start();

  return {
    app,
    ctx,
    gateway,
    launches,
    sweeper,
    mode,
    metrics,
    fastRoutes: serve,
    redis,
    setPublicUrl(url: string) {
      publicUrl = url;
    },
    async close() {
      await sweeper.stop();
      await launches.stop();
      await live.close();
      await analytics.stop();
      await app.close();
      mail.close();
      await engine.close();
      if (subscriber) subscriber.disconnect();
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Every setting Flashmall reads, in one place: parsed from the environment once,
 * validated with Zod, and passed down explicitly (nothing else reads process.env).
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from './shared/errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Which proxies in front of the server are believed about the client's address
 * (X-Forwarded-For): none (the default — the address is the socket's), the last N hops, or
 * the proxies at the given addresses / CIDR ranges (`loopback`, `linklocal`, `uniquelocal` name
 * the usual ranges). "true" (believe anyone) is refused: anyone could then pick their address.
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** True for an IP address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or one of proxy-addr's range names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [addr, bits, ...rest] = entry.split('/');
  const family = isIP(addr ?? '');
  if (family === 0 || rest.length) return false;
  if (bits === undefined) return true;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .trim()
  .transform((v, c): TrustProxy => {
    if (v === '' || v === 'false' || v === 'off' || v === '0' || v === 'no') return false;
    if (/^[1-9]\d{0,1}$/.test(v)) return Number(v);
    const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (v === 'true' || bad.length || entries.length === 0) {
      c.addIssue({ code: 'custom', message: `a hop count (1-99) or a comma-separated list of proxy addresses / CIDR ranges${bad.length ? ` (not one: ${bad.join(', ')})` : ''}; "true" would believe any client` });
      return z.NEVER;
    }
    return entries;
  });

const envSchema = z.object({
  /** Proxies believed about the client's address (X-Forwarded-For); off by default. */
  TRUST_PROXY: trustProxy.default(false),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** Connections per app process to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  /** redis://… or rediss://…: with a postgres:// DATABASE_URL, the scale-out mode. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** REDIS_URL names a node of a Redis Cluster (the client discovers the rest and routes by hash slot). */
  REDIS_CLUSTER: bool.default(false),
  /** Prefix of every Redis key (several deployments, or test runs, can share one Redis). */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - (at most 64)').default('fm:'),
  /** Scale-out: a unit taken in Redis whose hold stays unconfirmed this long makes its launch rebuild from the ledger (liveness only: when stranded units come back, never whether one is sold twice). */
  STOCK_RECONCILE_GRACE_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Scale-out: how often the sweeper reconciles Redis stock with the ledger. */
  STOCK_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  /** Scale-out: stock buckets per launch SKU (spread over Redis Cluster shards; 1 = one shard per launch). Same in every process. */
  STOCK_BUCKETS: z.coerce.number().int().min(1).max(64).default(1),
  /** App processes on this host (node:cluster, sharing the port); more than one needs the scale-out mode. */
  FLASHMALL_WORKERS: z.coerce.number().int().min(1).max(256).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.default(true),
  ADMIN_EMAIL: z.string().email().default('admin@flashmall.local'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  /** scrypt cost parameter N (a power of two); lower only for tests. */
  SCRYPT_COST: z.coerce.number().int().min(1024).max(1 << 20).default(16384),
  SESSION_TTL_MS: z.coerce.number().int().positive().default(14 * 24 * 3600 * 1000),
  /** Time a buyer has to pay an ordinary (non-launch) order before it is cancelled. */
  ORDER_PAYMENT_WINDOW_MS: z.coerce.number().int().positive().default(30 * 60 * 1000),
  /** How often background sweeps (expired orders, webhook retries) run. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  /** Sandbox gateway: chance that a webhook is delivered twice (as real gateways sometimes do). */
  SANDBOX_DUPLICATE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  SANDBOX_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Webhooks older than this (by their signed timestamp) are refused as stale. */
  WEBHOOK_TOLERANCE_MS: z.coerce.number().int().positive().default(5 * 60 * 1000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  RATE_LIMIT_ENABLED: bool.default(true),
  /** Waiting-room rate limits, per minute: per account and per IP, for join, poll and reserve. */
  /** Time the hot path stage by stage (launches/stages.ts; /metrics and bench:flash read it). Off: one branch per stage. */
  STAGE_TIMING: bool.default(false),
  /** The lean handler of reserve, join and standing in front of Fastify (off: Fastify serves them too; the same answers either way). */
  FAST_ROUTES: bool.default(true),
  /** An error code a route does not list in its OpenAPI entry answers 500 INTERNAL (the test suites turn it on); off, it is only logged. */
  STRICT_ERROR_CODES: bool.default(false),
  /** Most places in one launch's waiting room (a bound on what a room holds, in memory or in Redis); joins beyond it get 409 QUEUE_FULL. */
  QUEUE_MAX_PLACES: z.coerce.number().int().min(1).max(100_000_000).default(2_000_000),
  RATE_JOIN_ACCOUNT: z.coerce.number().int().positive().default(20),
  RATE_JOIN_IP: z.coerce.number().int().positive().default(300),
  RATE_POLL_ACCOUNT: z.coerce.number().int().positive().default(240),
  RATE_POLL_IP: z.coerce.number().int().positive().default(20_000),
  RATE_RESERVE_ACCOUNT: z.coerce.number().int().positive().default(60),
  RATE_RESERVE_IP: z.coerce.number().int().positive().default(20_000),
  /** Marketplace money: how long after delivery a sale's money becomes payable to the store (the return window). */
  RETURN_WINDOW_MS: z.coerce.number().int().min(0).max(365 * 24 * 3600 * 1000).default(7 * 24 * 3600 * 1000),
  /** Smallest payout a batch sends (minor units); smaller available balances wait. */
  PAYOUT_MINIMUM_MINOR: z.coerce.number().int().min(1).max(1_000_000_000_00).default(100),
  /** How often the sweeper runs a payout batch on its own (0: only when the operator asks). */
  PAYOUT_INTERVAL_MS: z.coerce.number().int().min(0).max(31 * 24 * 3600 * 1000).default(0),
  /** Refunds and payouts recorded but not sent for this long are sent by the sweeper (a crash left them). */
  MONEY_RESUME_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Sandbox gateway: how long a payout takes to be paid (or to fail). */
  SANDBOX_PAYOUT_DELAY_MS: z.coerce.number().int().min(0).max(24 * 3600 * 1000).default(2000),
  /** Sandbox gateway: chance that a payout fails (the bank refuses it) and its money comes back. */
  SANDBOX_PAYOUT_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  /** Testing only: step boundaries of the money flows where the process SIGKILLs itself (src/shared/crash-points.ts). */
  CRASH_POINTS: z.string().max(500).default(''),
  /** How long a resolved session is trusted from memory before it is looked up again (revocation reaches every process at once regardless). */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** Log-in: failed attempts on one e-mail before it is locked; the lock then doubles with each further failure. */
  LOGIN_FAILURES_BEFORE_LOCK: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  LOGIN_LOCK_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(15 * 60_000),
  /** Log-in: failures are forgotten after this long without one. */
  LOGIN_FAILURE_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /** Log-in: failed attempts from one address (any e-mails) within the window before the address is refused for LOGIN_LOCK_MAX_MS. */
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** Sign-up requests per hour from one address, and for one e-mail address. */
  SIGNUP_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  SIGNUP_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(3),
  /** Sign-up codes tried per minute from one address (each code also dies after 5 wrong tries). */
  SIGNUP_CONFIRM_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Least zxcvbn score (0-4) a new password needs; 3 = "safely unguessable". */
  PASSWORD_MIN_SCORE: z.coerce.number().int().min(0).max(4).default(3),
  /** Where mail goes: smtp:// or smtps:// (user:password@host:port). Unset: mails are written to the log (development). */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).max(200).default('Flashmall <no-reply@flashmall.local>'),
  /** Notifications: e-mails (and, separately, pushes) one user gets per hour at most (urgent ones pass). */
  NOTIFY_MAX_PER_USER_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Notifications: a launch's start reminder goes this long before the start. */
  NOTIFY_REMINDER_LEAD_MS: z.coerce.number().int().min(0).max(7 * 24 * 3600_000).default(10 * 60_000),
  /** Notifications: "your reservation expires soon" goes this long before the deadline. */
  NOTIFY_HOLD_EXPIRING_LEAD_MS: z.coerce.number().int().min(0).max(24 * 3600_000).default(5 * 60_000),
  /** Notifications: "it's your turn" waits this long after the admission (skipped if the buyer reserved meanwhile). */
  NOTIFY_TURN_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(20_000),
  /** Notifications: events per transaction in the batch sweeps (start reminders). */
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Notifications: a SKU at or below this many units makes its store hear "stock low" (once a day). */
  NOTIFY_STOCK_LOW_AT: z.coerce.number().int().min(0).max(1_000_000).default(5),
  /** Notifications: push endpoints at these origins are accepted besides the known push services (comma list; testing, self-hosted services). */
  NOTIFY_PUSH_ORIGINS: z.string().max(2000).default(''),
  /** Notifications: a PEM file of extra certificate authorities trusted for push services (a self-hosted push relay with a private CA; testing). */
  NOTIFY_PUSH_CA_FILE: z.string().max(1000).optional(),
  /** Metrics: with it, GET /metrics answers any address that sends it as a bearer token (without, only loopback). */
  METRICS_TOKEN: z.string().min(16).max(200).optional(),
  /** Ordinary orders: most unpaid orders one buyer may have open, and most units of one SKU across them. */
  ORDER_UNPAID_MAX_PER_BUYER: z.coerce.number().int().min(1).max(1000).default(10),
  ORDER_UNPAID_UNITS_PER_SKU: z.coerce.number().int().min(1).max(10_000).default(20),
  /** HTTP: time a client has to send its request's headers (slow-header connections are closed after it with 408). */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** HTTP: time a client has to send a whole request, body included (0: none; SSE streams are answers, not requests, and are not cut). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** HTTP: open connections one client address may hold to this process; more are answered 503 and closed (0: no cap). */
  CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).default(256),
  /** Retention: how often the sweeper prunes the tables below, and how many rows one delete statement takes. */
  RETENTION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Retention: sessions and tokens are deleted this long after they expired or were revoked. */
  SESSION_RETENTION_MS: z.coerce.number().int().min(0).max(3650 * 86_400_000).default(30 * 86_400_000),
  /** Retention: a checkout's Idempotency-Key (and the answer it replays) is kept this long. */
  IDEMPOTENCY_KEY_RETENTION_MS: z.coerce.number().int().min(3_600_000).max(3650 * 86_400_000).default(86_400_000),
  /** Retention: webhook signatures seen (the replay check); at least twice WEBHOOK_TOLERANCE_MS, beyond which a replay is refused as stale anyway. */
  WEBHOOK_SIGNATURE_RETENTION_MS: z.coerce.number().int().min(1000).max(3650 * 86_400_000).default(86_400_000),
  /** Retention: webhook event ids applied (a provider's redelivery of an older event would be applied again; its moves are conditional on the status). */
  WEBHOOK_EVENT_RETENTION_MS: z.coerce.number().int().min(86_400_000).max(3650 * 86_400_000).default(30 * 86_400_000),
  /** Retention: sandbox gateway webhooks delivered (or given up), and mails sent (or given up). */
  SANDBOX_OUTBOX_RETENTION_MS: z.coerce.number().int().min(0).max(3650 * 86_400_000).default(7 * 86_400_000),
  MAIL_OUTBOX_RETENTION_MS: z.coerce.number().int().min(0).max(3650 * 86_400_000).default(7 * 86_400_000),
  /** Retention: sign-up requests and store invitations are deleted this long after they expired (invitations also after being accepted). */
  SIGNUP_REQUEST_RETENTION_MS: z.coerce.number().int().min(0).max(3650 * 86_400_000).default(86_400_000),
  STORE_INVITATION_RETENTION_MS: z.coerce.number().int().min(0).max(3650 * 86_400_000).default(30 * 86_400_000),
  /** Retention: log-in lockouts shown to the admin (credential stuffing). */
  LOGIN_LOCKOUT_RETENTION_MS: z.coerce.number().int().min(0).max(3650 * 86_400_000).default(30 * 86_400_000),
});

/** How long each pruned table keeps its rows (src/retention). */
export interface RetentionSettings {
  sweepIntervalMs: number;
  batchSize: number;
  sessionsMs: number;
  idempotencyKeysMs: number;
  webhookSignaturesMs: number;
  webhookEventsMs: number;
  sandboxOutboxMs: number;
  mailOutboxMs: number;
  signupRequestsMs: number;
  storeInvitationsMs: number;
  loginLockoutsMs: number;
}

/** Rate limits of one waiting-room route, per minute. */
export interface RouteLimits {
  perAccountPerMinute: number;
  perIpPerMinute: number;
}

/** Every setting, parsed and validated (see `envSchema` for the variables). */
export type Config = {
  trustProxy: TrustProxy;
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  redisCluster: boolean;
  redisPrefix: string;
  stockReconcileGraceMs: number;
  stockReconcileIntervalMs: number;
  stockBuckets: number;
  workers: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  adminEmail: string;
  adminPassword: string | undefined;
  scryptCost: number;
  sessionTtlMs: number;
  orderPaymentWindowMs: number;
  sweepIntervalMs: number;
  sandboxDuplicateRate: number;
  sandboxWebhookSecret: string | undefined;
  webhookToleranceMs: number;
  bodyLimitBytes: number;
  rateLimitEnabled: boolean;
  rateLimits: { join: RouteLimits; poll: RouteLimits; reserve: RouteLimits };
  queueMaxPlaces: number;
  fastRoutes: boolean;
  strictErrorCodes: boolean;
  stageTiming: boolean;
  sessionCacheMs: number;
  loginThrottle: LoginThrottleSettings;
  signupPerIpPerHour: number;
  signupPerEmailPerHour: number;
  signupConfirmPerIpPerMinute: number;
  passwordMinScore: number;
  unpaidOrders: { maxPerBuyer: number; unitsPerSku: number };
  smtpUrl: string | undefined;
  mailFrom: string;
  returnWindowMs: number;
  payoutMinimumMinor: number;
  payoutIntervalMs: number;
  moneyResumeGraceMs: number;
  sandboxPayoutDelayMs: number;
  sandboxPayoutFailureRate: number;
  crashPoints: string;
  notifications: { maxPerUserPerHour: number; reminderLeadMs: number; holdExpiringLeadMs: number; turnDelayMs: number; batchSize: number; stockLowAt: number; pushOrigins: string[]; pushCaFile: string | undefined };
  metricsToken: string | undefined;
  http: { headersTimeoutMs: number; requestTimeoutMs: number; connectionsPerAddress: number };
  retention: RetentionSettings;
};

/** How failed log-ins are slowed down (see LoginThrottle in src/accounts/throttle.ts). */
export interface LoginThrottleSettings {
  failuresBeforeLock: number;
  lockBaseMs: number;
  lockMaxMs: number;
  failureWindowMs: number;
  failuresPerIp: number;
}

/** Reads and validates the environment; throws a readable error listing every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const base: Config = {
    trustProxy: e.TRUST_PROXY,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisCluster: e.REDIS_CLUSTER,
    redisPrefix: e.REDIS_PREFIX,
    stockReconcileGraceMs: e.STOCK_RECONCILE_GRACE_MS,
    stockReconcileIntervalMs: e.STOCK_RECONCILE_INTERVAL_MS,
    stockBuckets: e.STOCK_BUCKETS,
    workers: e.FLASHMALL_WORKERS,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    scryptCost: e.SCRYPT_COST,
    sessionTtlMs: e.SESSION_TTL_MS,
    orderPaymentWindowMs: e.ORDER_PAYMENT_WINDOW_MS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    sandboxDuplicateRate: e.SANDBOX_DUPLICATE_RATE,
    sandboxWebhookSecret: e.SANDBOX_WEBHOOK_SECRET,
    webhookToleranceMs: e.WEBHOOK_TOLERANCE_MS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitEnabled: e.RATE_LIMIT_ENABLED,
    queueMaxPlaces: e.QUEUE_MAX_PLACES,
    fastRoutes: e.FAST_ROUTES,
    strictErrorCodes: e.STRICT_ERROR_CODES,
    stageTiming: e.STAGE_TIMING,
    rateLimits: {
      join: { perAccountPerMinute: e.RATE_JOIN_ACCOUNT, perIpPerMinute: e.RATE_JOIN_IP },
      poll: { perAccountPerMinute: e.RATE_POLL_ACCOUNT, perIpPerMinute: e.RATE_POLL_IP },
      reserve: { perAccountPerMinute: e.RATE_RESERVE_ACCOUNT, perIpPerMinute: e.RATE_RESERVE_IP },
    },
    sessionCacheMs: e.SESSION_CACHE_MS,
    loginThrottle: {
      failuresBeforeLock: e.LOGIN_FAILURES_BEFORE_LOCK,
      lockBaseMs: e.LOGIN_LOCK_BASE_MS,
      lockMaxMs: e.LOGIN_LOCK_MAX_MS,
      failureWindowMs: e.LOGIN_FAILURE_WINDOW_MS,
      failuresPerIp: e.LOGIN_FAILURES_PER_IP,
    },
    signupPerIpPerHour: e.SIGNUP_PER_IP_PER_HOUR,
    signupPerEmailPerHour: e.SIGNUP_PER_EMAIL_PER_HOUR,
    signupConfirmPerIpPerMinute: e.SIGNUP_CONFIRM_PER_IP_PER_MINUTE,
    passwordMinScore: e.PASSWORD_MIN_SCORE,
    unpaidOrders: { maxPerBuyer: e.ORDER_UNPAID_MAX_PER_BUYER, unitsPerSku: e.ORDER_UNPAID_UNITS_PER_SKU },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    returnWindowMs: e.RETURN_WINDOW_MS,
    payoutMinimumMinor: e.PAYOUT_MINIMUM_MINOR,
    payoutIntervalMs: e.PAYOUT_INTERVAL_MS,
    moneyResumeGraceMs: e.MONEY_RESUME_GRACE_MS,
    sandboxPayoutDelayMs: e.SANDBOX_PAYOUT_DELAY_MS,
    sandboxPayoutFailureRate: e.SANDBOX_PAYOUT_FAILURE_RATE,
    crashPoints: e.CRASH_POINTS,
    notifications: {
      maxPerUserPerHour: e.NOTIFY_MAX_PER_USER_PER_HOUR,
      reminderLeadMs: e.NOTIFY_REMINDER_LEAD_MS,
      holdExpiringLeadMs: e.NOTIFY_HOLD_EXPIRING_LEAD_MS,
      turnDelayMs: e.NOTIFY_TURN_DELAY_MS,
      batchSize: e.NOTIFY_BATCH_SIZE,
      stockLowAt: e.NOTIFY_STOCK_LOW_AT,
      pushCaFile: e.NOTIFY_PUSH_CA_FILE,
      pushOrigins: e.NOTIFY_PUSH_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    },
    metricsToken: e.METRICS_TOKEN,
    http: { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, connectionsPerAddress: e.CONNECTIONS_PER_ADDRESS },
    retention: {
      sweepIntervalMs: e.RETENTION_SWEEP_INTERVAL_MS,
      batchSize: e.RETENTION_BATCH_SIZE,
      sessionsMs: e.SESSION_RETENTION_MS,
      idempotencyKeysMs: e.IDEMPOTENCY_KEY_RETENTION_MS,
      webhookSignaturesMs: e.WEBHOOK_SIGNATURE_RETENTION_MS,
      webhookEventsMs: e.WEBHOOK_EVENT_RETENTION_MS,
      sandboxOutboxMs: e.SANDBOX_OUTBOX_RETENTION_MS,
      mailOutboxMs: e.MAIL_OUTBOX_RETENTION_MS,
      signupRequestsMs: e.SIGNUP_REQUEST_RETENTION_MS,
      storeInvitationsMs: e.STORE_INVITATION_RETENTION_MS,
      loginLockoutsMs: e.LOGIN_LOCKOUT_RETENTION_MS,
    },
  };
  const config = { ...base, ...overrides };
  if (config.redisUrl && !isPostgresUrl(config.databaseUrl)) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  REDIS_URL: the scale-out mode needs DATABASE_URL=postgres://… too (every process must share the ledger).');
  }
  if (config.retention.webhookSignaturesMs < 2 * config.webhookToleranceMs) {
    // A delivery is accepted while its timestamp is within the tolerance either side of now, so its signature must outlive twice that.
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  WEBHOOK_SIGNATURE_RETENTION_MS: must be at least twice WEBHOOK_TOLERANCE_MS (a replay inside the tolerance would pass once its signature is forgotten).');
  }
  if (config.workers > 1 && !isScaleOut(config)) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  FLASHMALL_WORKERS: more than one process needs the scale-out mode (DATABASE_URL=postgres://… and REDIS_URL).');
  }
  return config;
}

/** True for a postgres:// (or postgresql://) URL. */
export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Scale-out mode: PostgreSQL is the ledger and Redis holds the live state shared by every process. */
export function isScaleOut(config: Pick<Config, 'databaseUrl' | 'redisUrl'>): boolean {
  return isPostgresUrl(config.databaseUrl) && !!config.redisUrl;
}

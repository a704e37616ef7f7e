/**
 * Test harness: starts a real Flashmall server (listening on a random port) on SQLite, on
 * the local PostgreSQL in a schema of its own, or in the scale-out mode (PostgreSQL schema +
 * the local Redis under a key prefix of its own), and gives tests a small HTTP client.
 * Suites call `forEachEngine` so every HTTP-level test runs unchanged in each variant.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto, { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { buildApp, type Flashmall } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openEngine, type EngineKind } from '../src/db/engine.js';
import type { Clock } from '../src/shared/clock.js';
import type { components, paths } from '../web/src/lib/api.gen.js';
import { REDIS_URL, redisProblem } from './helpers/redis.js';
import { SMTP_URL, signupCode } from './helpers/mail.js';

/** The PostgreSQL the tests use (TEST_DATABASE_URL). */
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgProblem = await postgresReachable();
if (pgProblem && process.env.CI === 'true') {
  throw new Error(`PostgreSQL is required under CI=true but ${PG_URL} is not reachable: ${pgProblem}`);
}
if (pgProblem) {
  console.warn(`[flashmall tests] PostgreSQL half skipped: ${PG_URL} unreachable (${pgProblem}). Start PostgreSQL or set TEST_DATABASE_URL to run it.`);
}

/**
 * A variant the suites run in: an embedded engine ('sqlite', 'postgres': one process, live
 * state in memory) or 'scale' (the scale-out mode: PostgreSQL + Redis).
 */
export type TestEngine = EngineKind | 'scale';

/** The variants this run covers: SQLite always, PostgreSQL when reachable, scale-out when Redis is too (both required under CI). */
export const ENGINES: TestEngine[] = pgProblem ? ['sqlite'] : redisProblem ? ['sqlite', 'postgres'] : ['sqlite', 'postgres', 'scale'];

/** Declares a suite once per variant. */
export function forEachEngine(name: string, body: (engine: TestEngine) => void): void {
  for (const engine of ENGINES) describe(`${name} [${engine}]`, () => body(engine));
}

/** A running test server. */
export interface TestServer {
  url: string;
  fm: Flashmall;
  /** The storage engine ('postgres' in the scale variant). */
  engine: EngineKind;
  /** The variant it was started as. */
  variant: TestEngine;
  /**
   * Scale variant: another app process on the same PostgreSQL schema and Redis prefix (as a
   * second worker would be), with its own caches; closed with this server or by itself.
   */
  peer(): Promise<TestServer>;
  close(): Promise<void>;
}

/** TEST_REDIS_CLUSTER=1: TEST_REDIS_URL names a node of a Redis Cluster (the scale variant then runs on the cluster). */
export const REDIS_CLUSTER = process.env.TEST_REDIS_CLUSTER === '1' || process.env.TEST_REDIS_CLUSTER === 'true';

/** Deletes every Redis key under a prefix (a test server's own), on every master of a cluster. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const { Redis, Cluster } = await import('ioredis');
  const u = new URL(REDIS_URL);
  const client = REDIS_CLUSTER ? new Cluster([{ host: u.hostname, port: Number(u.port || 6379) }]) : new Redis(REDIS_URL);
  try {
    if (REDIS_CLUSTER) await new Promise<void>((resolve) => (client as InstanceType<typeof Cluster>).once('ready', () => resolve()));
    const nodes = REDIS_CLUSTER ? (client as InstanceType<typeof Cluster>).nodes('master') : [client as InstanceType<typeof Redis>];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        // One key per command: in a cluster, keys of different hash slots cannot go together.
        if (keys.length) await Promise.all(keys.map((k) => node.unlink(k)));
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
}

/** Starts a fresh server with an empty database (and, in the scale variant, a Redis key prefix of its own). */
export async function startServer(variant: TestEngine, opts: { config?: Partial<Config>; clock?: Clock; sweep?: boolean } = {}): Promise<TestServer> {
  const engine: EngineKind = variant === 'sqlite' ? 'sqlite' : 'postgres';
  const tag = randomBytes(6).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fm-test-${tag}-`));
  const schema = `t_${tag}`;
  const redisPrefix = `fmt:${tag}:`;
  const base = loadConfig({});
  const config = loadConfig(
    {},
    {
      dataDir,
      databaseUrl: engine === 'postgres' ? PG_URL : undefined,
      // TEST_STOCK_BUCKETS=n runs the scale variant with a launch's stock split into n Redis buckets.
      ...(variant === 'scale' ? { redisUrl: REDIS_URL, redisCluster: REDIS_CLUSTER, redisPrefix, stockBuckets: Number(process.env.TEST_STOCK_BUCKETS ?? 1) } : {}),
      logLevel: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
      seedDemo: false,
      scryptCost: 1024,
      smtpUrl: SMTP_URL,
      // Every test client comes from 127.0.0.1: the per-address limits are the throttling suites' to test.
      signupPerIpPerHour: 1_000_000,
      signupPerEmailPerHour: 1000,
      signupConfirmPerIpPerMinute: 1_000_000,
      loginThrottle: { ...base.loginThrottle, failuresPerIp: 1_000_000 },
      // The race suites open hundreds of connections from that one address at once (test/connections.test.ts sets its own cap).
      http: { ...base.http, connectionsPerAddress: 0 },
      adminPassword: 'admin-password-1',
      // A route that answers an error code its OpenAPI entry does not list answers 500 instead.
      strictErrorCodes: true,
      sandboxDuplicateRate: 0,
      port: 0,
      host: '127.0.0.1',
      ...opts.config,
    },
  );
  if (engine === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const db = openEngine({ databaseUrl: config.databaseUrl, dataDir, pgSchema: engine === 'postgres' ? schema : undefined });
  const fm = await buildApp({ config, engine: db, clock: opts.clock, sweep: opts.sweep ?? false });
  const { ensureAdmin } = await import('../src/accounts/service.js');
  await ensureAdmin(fm.ctx);
  const address = await fm.app.listen({ port: 0, host: '127.0.0.1' });
  fm.setPublicUrl(address);
  const peers: TestServer[] = [];
  const peer = async (): Promise<TestServer> => {
    if (variant !== 'scale') throw new Error('peer(): only the scale variant runs several processes on one database');
    const pfm = await buildApp({ config, engine: openEngine({ databaseUrl: config.databaseUrl, dataDir, pgSchema: schema }), clock: opts.clock, sweep: false });
    const url = await pfm.app.listen({ port: 0, host: '127.0.0.1' });
    pfm.setPublicUrl(url);
    const p: TestServer = { url, fm: pfm, engine, variant, peer, close: () => pfm.close() };
    peers.push(p);
    return p;
  };
  return {
    url: address,
    fm,
    engine,
    variant,
    peer,
    async close() {
      for (const p of peers.splice(0)) await p.close().catch(() => {});
      await fm.close();
      if (variant === 'scale') await dropRedisPrefix(redisPrefix);
      if (engine === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- the client's types, from the OpenAPI document -----------------------------------
//
// The client's methods take the URL as the test writes it (`/orders/${id}/cancel`, with or
// without a query string, with or without the `/api/v1` prefix) and find the route it
// reaches among the generated `paths` (web/src/lib/api.gen.ts, `npm run gen:api-types`): a
// path template's `{param}` matches any one segment. The answer's body is typed as the
// route's success bodies (2xx), so a changed response schema breaks `tsc` where a test reads
// it; an error answer is read through `errorOf`. A URL that is no route of the document (the
// sandbox gateway, a plain `string`) answers `unknown`.

/** HTTP methods of the typed client, as the generated `paths` name them. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A path template as a template-literal type: `/orders/{id}` → `/orders/${string}`. */
type Pattern<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string}${Pattern<B>}` : P;
/** How many `/` a path has (so `{id}` stands for one segment, not several). */
type Slashes<S extends string, N extends unknown[] = []> = S extends `${string}/${infer R}` ? Slashes<R, [...N, 0]> : N['length'];
/** The URL as the document names it: no query string, under `/api/v1` unless it is already under `/api`. */
type DocumentPath<U extends string> = U extends `${infer P}?${string}` ? DocumentPath<P> : U extends `/api/${string}` ? U : `/api/v1${U}`;
/** The route(s) of `paths` that `method url` reaches (an exact path wins over a template). */
export type RouteOf<U extends string, M extends Method> =
  DocumentPath<U> extends infer D extends string
    ? D extends keyof paths
      ? paths[D][M] extends { responses: unknown } ? D : never
      : { [P in Extract<keyof paths, string>]: paths[P][M] extends { responses: unknown } ? (D extends Pattern<P> ? (Slashes<D> extends Slashes<P> ? P : never) : never) : never }[Extract<keyof paths, string>]
    : never;
/** The body of one documented answer: its JSON or its text (CSV), by content type, or nothing. */
type BodyOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;
/** The bodies of an operation's success answers (2xx). */
type SuccessOf<O> = O extends { responses: infer R } ? { [S in keyof R]: `${S & number}` extends `2${string}` ? BodyOf<R[S]> : never }[keyof R] : never;
/** The success body of `method url`: the route's 2xx bodies, or `unknown` if the URL is no documented route. */
export type ResponseOf<U extends string, M extends Method> = [RouteOf<U, M>] extends [never] ? unknown : RouteOf<U, M> extends infer P extends keyof paths ? SuccessOf<paths[P][M]> : unknown;

/** The API's one error shape (`{"error": {"code", "message", "details"}}`), `code` any of the union (src/shared/errors.ts). */
export type ApiError = components['schemas']['Error'];

/** An HTTP answer as the test client returns it: `body` typed as the route's success body. */
export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The error of an answer that should be one; throws (failing the test) if the body is not the
 * error shape. `D` is what the caller expects in `details` (the document says only `unknown`).
 */
export function errorOf<D = Record<string, unknown>>(res: Pick<Res, 'status' | 'body'>): Omit<ApiError['error'], 'details'> & { details: D } {
  const body = res.body as Partial<ApiError> | undefined;
  if (!body || typeof body !== 'object' || !body.error || typeof body.error.code !== 'string') {
    throw new Error(`expected an error answer, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  }
  return body.error as Omit<ApiError['error'], 'details'> & { details: D };
}

/** The body of a text answer (a CSV table, which the document does not describe); throws if it is not text. */
export function textOf(res: Pick<Res, 'status' | 'body'>): string {
  if (typeof res.body !== 'string') throw new Error(`expected a text answer, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  return res.body;
}

/** A minimal API client: bearer token or cookie jar (with CSRF), JSON in and out. */
export class Client {
  token: string | null = null;
  cookies = new Map<string, string>();
  csrf: string | null = null;
  userId: string | null = null;

  constructor(readonly base: string) {}

  /** Any request, its answer typed by the method and the URL like the shorthands below. */
  req<M extends string, U extends string>(method: M, url: U, body?: unknown, headers: Record<string, string> = {}) {
    return this.send<Lowercase<M> extends Method ? ResponseOf<U, Lowercase<M>> : unknown>(method, url, body, headers);
  }

  /** Sends a request; `T` is the body the caller derived for it. */
  private async send<T>(method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] ??= this.csrf;
    const full = url.startsWith('http') ? url : `${this.base}${url.startsWith('/api') || url.startsWith('/sandbox') || url.startsWith('/healthz') ? '' : '/api/v1'}${url}`;
    const res = await fetch(full, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const k = pair!.slice(0, i);
      const v = pair!.slice(i + 1);
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<U extends string>(url: U, headers?: Record<string, string>) {
    return this.send<ResponseOf<U, 'get'>>('GET', url, undefined, headers);
  }
  post<U extends string>(url: U, body?: unknown, headers?: Record<string, string>) {
    return this.send<ResponseOf<U, 'post'>>('POST', url, body ?? {}, headers);
  }
  put<U extends string>(url: U, body?: unknown) {
    return this.send<ResponseOf<U, 'put'>>('PUT', url, body ?? {});
  }
  patch<U extends string>(url: U, body?: unknown) {
    return this.send<ResponseOf<U, 'patch'>>('PATCH', url, body ?? {});
  }
  del<U extends string>(url: U) {
    return this.send<ResponseOf<U, 'delete'>>('DELETE', url, undefined);
  }
}

/** The password every test account signs up with (strong enough for the password policy). */
export const TEST_PASSWORD = 'Quiet-Lantern-Harbor-42';

let counter = 0;
/**
 * Signs up a new account as a person would — the sign-up, the code from the mail the test SMTP
 * server received, the confirmation — and returns a client holding its bearer token (or cookie).
 */
export async function signup(base: string, role: 'buyer' | 'seller' = 'buyer', session: 'token' | 'cookie' = 'token'): Promise<Client> {
  const c = new Client(base);
  const email = `${role}${++counter}-${randomBytes(4).toString('hex')}@test.local`;
  const r = await c.post('/auth/signup', { email, password: TEST_PASSWORD, name: `${role} ${counter}`, role });
  if (r.status !== 202) throw new Error(`signup failed: ${r.status} ${JSON.stringify(r.body)}`);
  const confirmed = await c.post('/auth/signup/confirm', { email, code: await signupCode(email), session });
  if (confirmed.status !== 201) throw new Error(`signup confirmation failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  if (session === 'token') c.token = confirmed.body.token ?? null;
  else c.csrf = confirmed.body.csrfToken ?? null;
  c.userId = confirmed.body.user.id;
  return c;
}

/** Signs up (through the mailed code) with the given e-mail and returns the confirmation's answer. */
export async function signupAs(base: string, email: string, opts: { name?: string; role?: 'buyer' | 'seller'; session?: 'token' | 'cookie'; password?: string } = {}): Promise<Res<ResponseOf<'/auth/signup/confirm', 'post'>>> {
  const c = new Client(base);
  const since = Date.now();
  const r = await c.post('/auth/signup', { email, password: opts.password ?? TEST_PASSWORD, name: opts.name ?? 'Test User', role: opts.role ?? 'buyer' });
  // A refused sign-up: its error answer (the body is typed as the confirmation's, like any answer).
  if (r.status !== 202) return r as Res as Res<ResponseOf<'/auth/signup/confirm', 'post'>>;
  return c.post('/auth/signup/confirm', { email, code: await signupCode(email, since), session: opts.session ?? 'token' });
}

/** Logs the platform admin in. */
export async function admin(base: string): Promise<Client> {
  const c = new Client(base);
  const r = await c.post('/auth/login', { email: 'admin@flashmall.local', password: 'admin-password-1', session: 'token' });
  if (r.status !== 200) throw new Error(`admin login failed: ${r.status}`);
  c.token = r.body.token ?? null;
  c.userId = r.body.user.id;
  return c;
}

/** A valid shipping address: Nanshan District, Shenzhen, Guangdong (by division codes). */
export const ADDRESS = { recipient: 'Li Lei', phone: '+86 138 0000 0000', country: 'CN', provinceCode: '440000', cityCode: '440300', districtCode: '440305', line1: '1 Keyuan Road' };

/** A seller with a store and one published product whose SKUs have the given stock. */
export async function sellerWithProduct(base: string, opts: { stock?: number; priceMinor?: number; options?: Array<{ name: string; values: string[] }>; title?: string } = {}) {
  const seller = await signup(base, 'seller');
  const store = (await seller.post('/stores', { name: `Store ${randomBytes(3).toString('hex')}`, kind: 'marketplace' })).body;
  const created = await seller.post(`/stores/${store.id}/products`, {
    title: opts.title ?? 'Test Phone',
    description: 'A phone for tests',
    priceMinor: opts.priceMinor ?? 1999_00,
    options: opts.options ?? [{ name: 'colour', values: ['black'] }],
  });
  if (created.status !== 201) throw new Error(`product failed: ${JSON.stringify(created.body)}`);
  const product = created.body;
  for (const sku of product.skus) await seller.patch(`/skus/${sku.id}`, { stock: opts.stock ?? 10 });
  await seller.post(`/products/${product.id}/publish`);
  return { seller, store, product: (await seller.get(`/products/${product.id}`)).body };
}

/** Waits until `check` returns a truthy value (polling), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Creates `n` buyer accounts with bearer tokens straight in the database (fast set-up for races). */
export async function bulkBuyers(s: TestServer, n: number): Promise<Client[]> {
  const { openSession } = await import('../src/accounts/service.js');
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    email: `bulk-${randomBytes(6).toString('hex')}-${i}@test.local`,
    name: `Bulk buyer ${i}`,
    password_hash: 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    role: 'buyer' as const,
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await s.fm.ctx.db.insertInto('users').values(rows.slice(i, i + 500)).execute();
  const clients: Client[] = [];
  for (const r of rows) {
    const sess = await openSession(s.fm.ctx, r.id, 'bearer', 'bulk');
    const c = new Client(s.url);
    c.token = sess.token;
    c.userId = r.id;
    clients.push(c);
  }
  return clients;
}

/** A launch as scheduling it answers. */
export type ScheduledLaunch = ResponseOf<'/stores/{storeId}/launches', 'post'>;

/** Schedules a launch of the product's first SKU starting `startsInMs` from now. */
export async function scheduleLaunch(seller: Client, storeId: string, skuId: string, opts: Record<string, unknown> = {}): Promise<ScheduledLaunch> {
  const now = Date.now();
  const r = await seller.post(`/stores/${storeId}/launches`, {
    title: 'Test launch',
    startsAt: now + ((opts.startsInMs as number | undefined) ?? 800),
    endsAt: now + 3600_000,
    perBuyerLimit: 1,
    admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 600_000 },
    items: [{ skuId, allotment: (opts.allotment as number | undefined) ?? 10, launchPriceMinor: 999_00 }],
    ...Object.fromEntries(Object.entries(opts).filter(([k]) => !['startsInMs', 'allotment'].includes(k))),
  });
  if (r.status !== 201) throw new Error(`launch failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * The operator's metrics: GET /metrics is scraped during a real sale (in the scale variant from
 * two app processes selling the same launch) and its counters — attempts, holds, refusals by
 * code, admissions, ledger commits — summed over the processes agree with what the ledger
 * holds; every series carries its process label; promtool accepts the exposition and the alert
 * rules; the endpoint answers loopback, and other addresses only with METRICS_TOKEN.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkBuyers, Client, forEachEngine, sellerWithProduct, startServer, type ApiError, type TestServer } from './harness.js';
import { joinQueue, passOf, reserve, sleep } from './helpers/launch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROMTOOL = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => fs.existsSync(p)) ?? null;
if (!PROMTOOL && process.env.CI === 'true') throw new Error('promtool is required under CI=true (apt-get install prometheus)');
if (!PROMTOOL) console.warn('[flashmall tests] promtool checks skipped: promtool not found (apt-get install prometheus)');

/** One sample of the exposition. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (the sample lines). */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The sum of a metric's samples that match the labels. */
const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) => samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string | null }> {
  const r = await fetch(`${url}/metrics`, { headers });
  return { status: r.status, text: await r.text(), type: r.headers.get('content-type') };
}

forEachEngine('metrics', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { config: { rateLimitEnabled: false } });
  });
  afterAll(() => s.close());

  it('a scrape during a sale: counters summed over the processes agree with the ledger; promtool accepts it', async () => {
    const servers = s.variant === 'scale' ? [s, await s.peer()] : [s];
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 6 });
    const skuId: string = product.skus[0]!.id;
    const created = await seller.post(`/stores/${store.id}/launches`, {
      title: 'Metrics launch',
      startsAt: Date.now() + 600,
      endsAt: Date.now() + 3600_000,
      admission: { ratePerSecond: 100_000, maxActive: 1_000_000, passTtlMs: 600_000 },
      items: [{ skuId, allotment: 6, launchPriceMinor: 999_00 }],
    });
    expect(created.status).toBe(201);
    const launchId: string = created.body.id;
    const buyers = await bulkBuyers(s, 10);
    // Each buyer talks to one process (in scale-out, alternately to the two).
    const at = (i: number) => servers[i % servers.length]!;
    const clients = buyers.map((b, i) => Object.assign(new Client(at(i).url), { token: b.token, userId: b.userId }));
    const tokens = await Promise.all(clients.map((c) => joinQueue(c, launchId)));
    await sleep(Math.max(0, created.body.startsAt - Date.now() + 20));
    for (const x of servers) await x.fm.launches.tick();
    const passes = await Promise.all(clients.map((c, i) => passOf(c, launchId, tokens[i]!)));
    const answers = await Promise.all(clients.map((c, i) => reserve(c, launchId, skuId, passes[i]!, `metrics-key-${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(6);
    // Two more tries: a replay (same key) and a bad pass.
    expect((await reserve(clients[0]!, launchId, skuId, passes[0]!, 'metrics-key-0')).status).toBeLessThan(500);
    expect((await reserve(clients[1]!, launchId, skuId, 'not-a-pass-at-all', 'metrics-key-x')).status).toBe(403);

    const scrapes = await Promise.all(servers.map((x) => scrape(x.url)));
    for (const sc of scrapes) {
      expect(sc.status).toBe(200);
      expect(sc.type).toContain('text/plain');
    }
    const samples = scrapes.flatMap((sc) => parse(sc.text));
    // One process label per process, on every series.
    expect(new Set(samples.map((x) => x.labels.process)).size).toBe(servers.length);
    expect(samples.every((x) => x.labels.process)).toBe(true);

    const db = s.fm.ctx.db;
    const holds = await db.selectFrom('holds').select('id').where('launch_id', '=', launchId).execute();
    const refusals = await db.selectFrom('launch_answers').select(['code']).where('launch_id', '=', launchId).where('code', 'is not', null).execute();
    const L = { launch: launchId };
    expect(sum(samples, 'flashmall_reservation_outcomes_total', { ...L, code: 'HELD' })).toBe(holds.length);
    expect(sum(samples, 'flashmall_reservation_outcomes_total', { ...L, code: 'SOLD_OUT' })).toBe(refusals.filter((r) => r.code === 'SOLD_OUT').length);
    expect(refusals.length).toBe(4);
    expect(sum(samples, 'flashmall_reservation_attempts_total', L)).toBe(12);
    expect(sum(samples, 'flashmall_admissions_total', L)).toBe(10);
    const answered = await db.selectFrom('launch_answers').select('idempotency_key').where('launch_id', '=', launchId).execute();
    // Every answer the ledger holds went through a timed group commit (a batch holds one or more).
    expect(sum(samples, 'flashmall_ledger_commit_batch_size_sum', { writer: 'answers' })).toBeGreaterThanOrEqual(answered.length);
    expect(sum(samples, 'flashmall_ledger_commit_duration_seconds_count', { writer: 'answers' })).toBeGreaterThan(0);
    expect(sum(samples, 'flashmall_ledger_commit_failures_total')).toBe(0);
    expect(sum(samples, 'flashmall_launch_halts_total')).toBe(0);
    expect(sum(samples, 'flashmall_http_request_duration_seconds_count', { route: '/api/v1/launches/:launchId/reservations', status: '201' })).toBe(6);
    // The waiting room is empty (everyone was admitted): shared in scale-out, the same everywhere.
    for (const sc of scrapes) expect(sum(parse(sc.text), 'flashmall_waiting_room_length', L)).toBe(0);
    expect(samples.some((x) => x.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(samples.some((x) => x.name === 'flashmall_notification_outbox_depth' && x.labels.channel === 'email')).toBe(true);
    if (s.engine === 'postgres') expect(sum(samples, 'flashmall_postgres_query_duration_seconds_count')).toBeGreaterThan(0);
    if (s.variant === 'scale') expect(sum(samples, 'flashmall_redis_command_duration_seconds_count', { command: 'evalsha' })).toBeGreaterThan(0);

    if (PROMTOOL) {
      for (const sc of scrapes) {
        const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: sc.text, encoding: 'utf8' });
        expect(check.status, check.stdout + check.stderr).toBe(0);
      }
    }
  });

  it('an open SSE stream is counted while it is open', async () => {
    const { seller, store, product } = await sellerWithProduct(s.url, { stock: 2 });
    const created = await seller.post(`/stores/${store.id}/launches`, { title: 'SSE launch', startsAt: Date.now() + 3600_000, endsAt: Date.now() + 7200_000, items: [{ skuId: product.skus[0]!.id, allotment: 2, launchPriceMinor: 1 }] });
    const ctl = new AbortController();
    const res = await fetch(`${s.url}/api/v1/launches/${created.body.id}/monitor/stream`, { headers: { authorization: `Bearer ${seller.token}` }, signal: ctl.signal });
    expect(res.status).toBe(200);
    const open = () => scrape(s.url).then((sc) => sum(parse(sc.text), 'flashmall_sse_connections', { stream: '/api/v1/launches/:launchId/monitor/stream' }));
    expect(await open()).toBe(1);
    ctl.abort();
    for (let i = 0; i < 50 && (await open()) !== 0; i++) await sleep(20);
    expect(await open()).toBe(0);
  });
});

describe('metrics access', () => {
  let s: TestServer;
  beforeAll(async () => {
    // The proxy on loopback is believed about the client's address: requests it forwards are not local.
    s = await startServer('sqlite', { config: { trustProxy: ['127.0.0.1'], metricsToken: 'metrics-token-for-tests-0123' } });
  });
  afterAll(() => s.close());

  it('answers loopback; other addresses only with the bearer token', async () => {
    expect((await scrape(s.url)).status).toBe(200);
    const far = { 'x-forwarded-for': '203.0.113.7' };
    const refused = await scrape(s.url, far);
    expect(refused.status).toBe(401);
    expect((JSON.parse(refused.text) as ApiError).error.code).toBe('UNAUTHENTICATED');
    expect((await scrape(s.url, { ...far, authorization: 'Bearer metrics-token-for-tests-0124' })).status).toBe(401);
    const ok = await scrape(s.url, { ...far, authorization: 'Bearer metrics-token-for-tests-0123' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('flashmall_http_request_duration_seconds');
  });

  it('without a token, addresses other than loopback are refused', async () => {
    const t = await startServer('sqlite', { config: { trustProxy: ['127.0.0.1'] } });
    try {
      const r = await scrape(t.url, { 'x-forwarded-for': '198.51.100.2', authorization: 'Bearer anything-at-all-here' });
      expect(r.status).toBe(403);
      expect((JSON.parse(r.text) as ApiError).error.code).toBe('METRICS_LOOPBACK_ONLY');
    } finally {
      await t.close();
    }
  });
});

describe('alert rules and dashboard', () => {
  it('promtool accepts the alert rules; every alert the issue asks for is there; the dashboard is valid JSON over these metrics', () => {
    const rules = path.join(ROOT, 'prometheus', 'flashmall-alerts.yml');
    const text = fs.readFileSync(rules, 'utf8');
    for (const alert of ['LaunchInvariantViolated', 'LedgerUnavailable', 'AnalyticsDroppingEvents', 'CommitLatencyHigh']) expect(text).toContain(`alert: ${alert}`);
    if (PROMTOOL) {
      const out = spawnSync(PROMTOOL, ['check', 'rules', rules], { encoding: 'utf8' });
      expect(out.status, out.stdout + out.stderr).toBe(0);
      const tests = path.join(ROOT, 'prometheus', 'flashmall-alerts.test.yml');
      const run = spawnSync(PROMTOOL, ['test', 'rules', tests], { encoding: 'utf8', cwd: path.join(ROOT, 'prometheus') });
      expect(run.status, run.stdout + run.stderr).toBe(0);
    }
    const dash = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'grafana-launch-dashboard.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const exprs = dash.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(8);
    const src = fs.readFileSync(path.join(ROOT, 'src', 'metrics', 'metrics.ts'), 'utf8');
    for (const e of exprs) for (const m of e.matchAll(/flashmall_[a-z_]+/g)) expect(src.includes(m[0].replace(/_(bucket|sum|count)$/, '')), `${m[0]} in the dashboard is a metric the app has`).toBe(true);
  });
});

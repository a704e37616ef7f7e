/**
 * Metrics of several worker processes sharing one port (FLASHMALL_WORKERS=2, scale-out on the
 * local PostgreSQL and Redis, a real server process): whichever worker a scrape reaches, it
 * returns both workers' series, each with its own process label — nothing summed — and promtool
 * accepts the text.
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRedisPrefix, ENGINES } from './harness.js';
import { REDIS_URL } from './helpers/redis.js';
import { freePort, ServerData, ServerProcess } from './helpers/server-process.js';

/** A GET on a new connection each time (a kept-alive one would always reach the same worker). */
function freshGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

const PROMTOOL = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => fs.existsSync(p)) ?? null;

(ENGINES.includes('scale') ? describe : describe.skip)('metrics of cluster workers [scale, two worker processes]', () => {
  const data = new ServerData('postgres');
  const prefix = `fmt:${randomBytes(5).toString('hex')}:`;
  let server: ServerProcess;
  beforeAll(async () => {
    await data.init();
    server = new ServerProcess(data, await freePort());
    await server.start({ FLASHMALL_WORKERS: '2', REDIS_URL, REDIS_PREFIX: prefix });
  });
  afterAll(async () => {
    await server?.kill9();
    await data.destroy();
    await dropRedisPrefix(prefix);
  });

  it('any scrape carries both workers’ series, side by side', async () => {
    // Both workers up (the second may still be starting when the first answers): requests reach either.
    const pids = new Set<number>();
    for (const deadline = Date.now() + 30_000; pids.size < 2 && Date.now() < deadline; ) {
      pids.add((JSON.parse(await freshGet(`${server.url}/healthz`)) as { pid: number }).pid);
      if (pids.size < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(pids.size).toBe(2);
    for (let i = 0; i < 4; i++) {
      const text = await freshGet(`${server.url}/metrics`);
      const processes = new Set([...text.matchAll(/process="([^"]+)"/g)].map((m) => m[1]));
      expect(processes.size).toBe(2);
      for (const pid of pids) expect([...processes].some((p) => p!.endsWith(`:${pid}`))).toBe(true);
      // One family header, every process's series under it.
      expect(text.match(/^# HELP flashmall_http_request_duration_seconds /gm)).toHaveLength(1);
      if (PROMTOOL) {
        const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
        expect(check.status, check.stdout + check.stderr).toBe(0);
      }
    }
  });
});

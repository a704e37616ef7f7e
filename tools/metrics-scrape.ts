/**
 * Prints one scrape of GET /metrics from a throwaway server (SQLite in a temporary directory,
 * demo data, a few requests first), for `.ci/run` to check with `promtool check metrics`:
 * `npx tsx tools/metrics-scrape.ts | promtool check metrics`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/seed/demo.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-scrape-'));
const config = loadConfig({}, { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', scryptCost: 1024 });
const fm = await buildApp({ config, sweep: false });
try {
  await seedDemo(fm.ctx);
  const url = await fm.app.listen({ port: 0, host: '127.0.0.1' });
  fm.setPublicUrl(url);
  for (const p of ['/healthz', '/api/v1/launches', '/api/v1/products?q=lumi', '/api/v1/orders']) await fetch(`${url}${p}`);
  await fm.launches.loadActive();
  process.stdout.write(await (await fetch(`${url}/metrics`)).text());
} finally {
  await fm.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

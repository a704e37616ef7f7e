/**
 * Starts Flashmall: reads settings, builds the app, seeds demo data on first start, listens.
 *
 * `FLASHMALL_WORKERS=N` (or `--workers N`) starts N app processes on this host with
 * node:cluster, sharing the port (scale-out mode only: PostgreSQL + Redis). The primary
 * migrates and seeds once, then forks the workers and serves nothing itself; a worker that
 * dies is started again. Any number of such hosts can run side by side behind a load
 * balancer: they share state only through PostgreSQL and Redis.
 */
import cluster, { type Worker } from 'node:cluster';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { buildApp } from './app.js';
import { ensureAdmin } from './accounts/service.js';
import { seedDemo, DEMO_LOGINS } from './seed/demo.js';
import { openEngine } from './db/engine.js';
import { migrateToLatest } from './db/migrations.js';
import { getOrCreateSetting } from './db/settings.js';
import { systemClock } from './shared/clock.js';
import { memoryBroadcast } from './shared/broadcast.js';
import type { AppContext } from './context.js';
import { clusterMetricsText, servePrimaryMetrics } from './metrics/cluster.js';

/** Settings, with `--workers N` taking precedence over FLASHMALL_WORKERS. */
function settings(): Config {
  const { values } = parseArgs({ options: { workers: { type: 'string' } }, strict: false, allowPositionals: true });
  const env = typeof values.workers === 'string' ? { ...process.env, FLASHMALL_WORKERS: values.workers } : process.env;
  return loadConfig(env);
}

function banner(config: Config, url: string, engineKind: string, mode: string, admin: { email: string; generatedPassword: string | null }, seeded: boolean, workers: number): string {
  const lines = [
    '',
    `  Flashmall is running at ${url}  (engine: ${engineKind}${engineKind === 'sqlite' ? `, data in ${config.dataDir}` : ''}; mode: ${mode}${workers > 1 ? `, ${workers} worker processes` : ''})`,
    `  API docs: ${url}/api/openapi.json`,
  ];
  if (admin.generatedPassword) lines.push(`  Admin: ${admin.email} / ${admin.generatedPassword}   (generated now, shown once; set ADMIN_PASSWORD to choose it)`);
  else lines.push(`  Admin: ${admin.email}`);
  if (config.seedDemo) {
    if (seeded) lines.push('  Demo data created.');
    for (const d of DEMO_LOGINS) lines.push(`  Demo ${d.role}: ${d.email} / ${d.password}`);
  }
  return lines.join('\n') + '\n';
}

/** One process serving (alone, or as a cluster worker: then it neither seeds nor prints the banner). */
async function serve(config: Config, asWorker: boolean): Promise<void> {
  const fm = await buildApp({ config });
  // Several workers share the port: a scrape of any of them returns every worker's series.
  if (asWorker) fm.metrics.shareWithCluster(clusterMetricsText(fm.metrics.registry));
  const admin = asWorker ? { email: config.adminEmail, generatedPassword: null } : await ensureAdmin(fm.ctx);
  const seeded = !asWorker && config.seedDemo ? await seedDemo(fm.ctx) : false;
  const address = await fm.app.listen({ port: config.port, host: config.host });
  const port = Number(new URL(address).port);
  const url = config.publicUrl ?? `http://localhost:${port}`;
  fm.setPublicUrl(url);
  if (!asWorker) console.log(banner(config, url, fm.ctx.engine.kind, fm.mode, admin, seeded, 1));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    fm.app.log.info({ signal }, 'shutting down');
    // Whatever hangs (a stream that never closes, an unreachable database), the process goes.
    setTimeout(() => process.exit(1), 10_000).unref();
    await fm.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // A worker whose primary is gone has nobody to restart it or route to it: it stops too.
  if (asWorker) process.once('disconnect', () => void shutdown('primary gone'));
}

/** The cluster primary: migrates and seeds once, forks the workers, restarts any that die. */
async function primary(config: Config): Promise<void> {
  const engine = openEngine({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgPoolSize: 2 });
  await migrateToLatest(engine);
  const log = { error: (o: unknown, m: string) => console.error(m, o), warn: (o: unknown, m: string) => console.warn(m, o), info: () => {} };
  // The parts of the context seeding needs (no HTTP server, no live state in the primary).
  const ctx = { config, engine, db: engine.db, clock: systemClock, log, analytics: { record() {} }, broadcast: memoryBroadcast(), mail: { kick() {} }, publicUrl: () => config.publicUrl ?? '' } as unknown as AppContext;
  await getOrCreateSetting(engine.db, 'cookie_secret');
  const admin = await ensureAdmin(ctx);
  const seeded = config.seedDemo ? await seedDemo(ctx) : false;
  await engine.close();

  let stopping = false;
  const listening = new Set<number>();
  let announced = false;
  const restarts: number[] = [];
  const fork = (): Worker => cluster.fork();
  cluster.on('listening', (w, address) => {
    listening.add(w.id);
    if (!announced && listening.size >= config.workers) {
      announced = true;
      const url = config.publicUrl ?? `http://localhost:${address.port}`;
      console.log(banner(config, url, 'postgres', 'scale-out', admin, seeded, config.workers));
    }
  });
  cluster.on('exit', (w, code, signal) => {
    listening.delete(w.id);
    if (stopping) return;
    // Restart at once, but slow down when workers keep dying (a bad setting, a dead database).
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    const delay = restarts.length > 5 ? Math.min(30_000, 1000 * 2 ** (restarts.length - 5)) : 0;
    console.error(`flashmall: worker ${w.process.pid} exited (${signal ?? code}); starting another${delay ? ` in ${delay} ms` : ''}`);
    setTimeout(fork, delay);
  });
  servePrimaryMetrics();
  for (let i = 0; i < config.workers; i++) fork();

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(0);
    let left = workers.length;
    for (const w of workers) {
      w.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      w.process.kill(signal);
    }
    setTimeout(() => process.exit(0), 15_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function main() {
  const config = settings();
  if (cluster.isWorker) return serve(config, true);
  if (config.workers > 1) return primary(config);
  return serve(config, false);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

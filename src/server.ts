/** Starts Flashmall: reads settings, builds the app, seeds demo data on first start, listens. */
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { ensureAdmin } from './accounts/service.js';
import { seedDemo, DEMO_LOGINS } from './seed/demo.js';

async function main() {
  const config = loadConfig();
  const fm = await buildApp({ config });
  const admin = await ensureAdmin(fm.ctx);
  const seeded = config.seedDemo ? await seedDemo(fm.ctx) : false;
  const address = await fm.app.listen({ port: config.port, host: config.host });
  const port = Number(new URL(address).port);
  const url = config.publicUrl ?? `http://localhost:${port}`;
  fm.setPublicUrl(url);

  const lines = [
    '',
    `  Flashmall is running at ${url}  (engine: ${fm.ctx.engine.kind}${fm.ctx.engine.kind === 'sqlite' ? `, data in ${config.dataDir}` : ''})`,
    `  API docs: ${url}/api/openapi.json`,
  ];
  if (admin.generatedPassword) lines.push(`  Admin: ${admin.email} / ${admin.generatedPassword}   (generated now, shown once; set ADMIN_PASSWORD to choose it)`);
  else lines.push(`  Admin: ${admin.email}`);
  if (config.seedDemo) {
    if (seeded) lines.push('  Demo data created.');
    for (const d of DEMO_LOGINS) lines.push(`  Demo ${d.role}: ${d.email} / ${d.password}`);
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = async (signal: string) => {
    fm.app.log.info({ signal }, 'shutting down');
    await fm.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * A fresh database of either engine for a migration test (a temporary SQLite directory, or a
 * PostgreSQL schema of its own), with a Kysely migrator over the app's migrations: a test
 * migrates to some point, writes rows as they were stored then, and migrates on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator } from 'kysely';
import { PG_URL } from '../harness.js';
import { openEngine, type EngineKind, type StorageEngine } from '../../src/db/engine.js';
import { migrationsFor } from '../../src/db/migrations.js';

export interface MigrationEngine {
  engine: StorageEngine;
  migrator: Migrator;
  /** A random tag for unique names in this database. */
  tag: string;
  /** Closes the engine and removes the directory or schema. */
  close(): Promise<void>;
}

async function onPg(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function migrationEngine(kind: EngineKind, name: string): Promise<MigrationEngine> {
  const tag = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fm-${name}-${tag}-`));
  const schema = `${name}_${tag}`;
  if (kind === 'postgres') await onPg(`CREATE SCHEMA ${schema}`);
  const engine = openEngine({ databaseUrl: kind === 'postgres' ? PG_URL : undefined, dataDir, pgSchema: kind === 'postgres' ? schema : undefined });
  const migrator = new Migrator({ db: engine.db, provider: { getMigrations: () => Promise.resolve(migrationsFor(kind)) }, ...(engine.pgSchema ? { migrationTableSchema: engine.pgSchema } : {}) });
  return {
    engine,
    migrator,
    tag,
    async close() {
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (kind === 'postgres') await onPg(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

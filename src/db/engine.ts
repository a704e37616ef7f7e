/**
 * The storage-engine seam: SQLite (embedded default, files under DATA_DIR, WAL) or
 * PostgreSQL (when DATABASE_URL is set). Everything above this file speaks Kysely to one
 * `Database` type; the few statements that must differ per engine live in `dialect.ts`.
 * Transactions opened through `db` run their after-commit work (`after-commit.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { trackCommits } from './after-commit.js';
import { WalCheckpointer } from './checkpointer.js';

/** The two storage engines. */
export type EngineKind = 'sqlite' | 'postgres';

/** An open database plus what the rest of the app needs to know about its engine. */
export interface StorageEngine {
  kind: EngineKind;
  db: Kysely<Database>;
  /** The raw better-sqlite3 handle on the embedded engine (used by the group-commit ledger). */
  sqlite: SQLite.Database | null;
  /** The raw pg pool on PostgreSQL. */
  pgPool: pg.Pool | null;
  /** The PostgreSQL schema in use when not the default (tests). */
  pgSchema: string | null;
  /** PostgreSQL: how to open another connection to the same database and schema (the analytics thread's). */
  pgConnection: PgConnection | null;
  /**
   * SQLite: the analytics database file, attached to `sqlite` as `analytics` (its tables are
   * read there by their plain names; the analytics thread writes them on a connection of its
   * own). Null on PostgreSQL.
   */
  analyticsFile: string | null;
  /** SQLite: the thread that checkpoints the store's WAL off the event loop (checkpointer.ts). */
  checkpointer: WalCheckpointer | null;
  close(): Promise<void>;
}

/** A PostgreSQL connection's settings, as `pg` takes them (plain data: they cross to threads). */
export interface PgConnection {
  connectionString: string;
  /** Server options, such as the schema's `-c search_path=…`. */
  options: string | null;
}

// int8 (bigint) columns hold epoch milliseconds and money: they fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Where the database is and how to connect to it. */
export interface OpenEngineOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves in a schema of their own). */
  pgSchema?: string;
  pgPoolSize?: number;
}

/**
 * The schema a PostgreSQL URL selects with `?options=-c search_path=<schema>` (how a
 * deployment or a test points a process at a schema of its own), or null.
 */
export function schemaOfUrl(url: string): string | null {
  try {
    const options = new URL(url).searchParams.get('options') ?? '';
    const m = /(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options);
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

/** Most prepared statements kept per SQLite connection (the app's queries are a few hundred shapes). */
const PREPARED_CACHE = 2000;

/**
 * Keeps the statements a SQLite connection prepared, by SQL text: Kysely prepares every query
 * it runs, and preparing costs more than running a small one. A statement is reusable with other
 * parameters (better-sqlite3 re-prepares it by itself should the schema change); one being
 * iterated (a streamed query) is not handed out twice meanwhile.
 */
function cachePrepared(db: SQLite.Database): SQLite.Database {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, SQLite.Statement>();
  db.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const st = prepare(source);
    if (!hit) {
      if (cache.size >= PREPARED_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(source, st);
    }
    return st;
  }) as typeof db.prepare;
  return db;
}

/** Opens the engine chosen by the settings: PostgreSQL when a postgres:// URL is given, else SQLite. */
export function openEngine(opts: OpenEngineOptions): StorageEngine {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const pgSchema = opts.pgSchema ?? schemaOfUrl(opts.databaseUrl) ?? undefined;
    const pgConnection: PgConnection = { connectionString: opts.databaseUrl, options: pgSchema ? `-c search_path=${pgSchema}` : null };
    const pool = new pg.Pool({
      connectionString: pgConnection.connectionString,
      max: opts.pgPoolSize ?? 20,
      ...(pgConnection.options ? { options: pgConnection.options } : {}),
    });
    const db = trackCommits(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
    return { kind: 'postgres', db, sqlite: null, pgPool: pool, pgSchema: pgSchema ?? null, pgConnection, analyticsFile: null, checkpointer: null, close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'flashmall.sqlite');
  const sqlite = cachePrepared(new SQLite(file));
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged (holds and orders must survive power loss).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Analytics live in a file of their own: their batches are written by a thread of their own
  // (analytics/writer-thread.ts) without taking this file's write lock from the store's
  // transactions. Dashboards read them here, attached.
  const analyticsFile = path.join(opts.dataDir, 'flashmall-analytics.sqlite');
  sqlite.prepare('ATTACH DATABASE ? AS analytics').run(analyticsFile);
  sqlite.pragma('analytics.journal_mode = WAL');
  sqlite.pragma('analytics.synchronous = FULL');
  const db = trackCommits(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }));
  const checkpointer = new WalCheckpointer(sqlite, file, (err) => process.emitWarning(err));
  const close = async () => {
    await checkpointer.close();
    await db.destroy();
  };
  return { kind: 'sqlite', db, sqlite, pgPool: null, pgSchema: null, pgConnection: null, analyticsFile, checkpointer, close };
}

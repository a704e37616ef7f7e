/** Migration 006_analytics_own_file: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/**
 * SQLite: the analytics tables move to the analytics file (attached as `analytics` by the
 * engine), where the analytics writer thread writes them without holding the store's write
 * lock. Same tables, same keys, rows copied; plain names still find them. PostgreSQL: nothing
 * to do (its writers are separate connections already).
 */
export function analyticsOwnFileMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (kind !== 'sqlite') return;
      const objects = await sql<{ type: 'table' | 'index'; name: string; sql: string }>`
        SELECT type, name, sql FROM main.sqlite_master
        WHERE substr(tbl_name, 1, 10) = 'analytics_' AND sql IS NOT NULL ORDER BY type = 'index', name`.execute(db);
      const tables = objects.rows.filter((o) => o.type === 'table');
      for (const t of tables) {
        // Left over by an earlier try that stopped between the two files' commits: the rows are still in main.
        await sql`DROP TABLE IF EXISTS analytics.${sql.id(t.name)}`.execute(db);
        await sql.raw(t.sql.replace(/^CREATE TABLE\s+/i, 'CREATE TABLE analytics.')).execute(db);
        await sql`INSERT INTO analytics.${sql.id(t.name)} SELECT * FROM main.${sql.id(t.name)}`.execute(db);
      }
      for (const i of objects.rows.filter((o) => o.type === 'index')) await sql.raw(i.sql.replace(/^CREATE (UNIQUE )?INDEX\s+/i, 'CREATE $1INDEX analytics.')).execute(db);
      for (const t of tables) await sql`DROP TABLE main.${sql.id(t.name)}`.execute(db);
    },
  };
}

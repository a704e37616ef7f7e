/**
 * A fingerprint of everything in the database: every table of the test's own schema (found
 * by asking the engine, so tables added later are covered too), each row JSON-encoded, rows
 * sorted, the lot hashed per table. Two equal snapshots mean nothing was written.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestServer } from '../harness.js';

/** The names of every table in the server's database (its own schema on PostgreSQL). */
export async function tableNames(s: TestServer): Promise<string[]> {
  const { db, kind, pgSchema } = s.fm.ctx.engine;
  const rows =
    kind === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows
      : (
          await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema = ${pgSchema ?? sql`current_schema()`}`.execute(db)
        ).rows;
  // Analytics tables are left out: they log attempts (a refused reservation is an event) and are
  // written in the background by the recorder's flush, so they move without any state changing.
  return rows.map((r) => r.name).filter((n) => !n.startsWith('analytics_')).sort();
}

/**
 * Columns the background mail and notification delivery moves on its own (a mail or a
 * notification queued before the snapshot may be sent during it): the snapshot still sees every
 * mail and notification queued, never its delivery.
 */
const DELIVERY_COLUMNS: Record<string, string[]> = { mail_outbox: ['sent_at', 'attempts', 'next_attempt_at'], notification_deliveries: ['status', 'reason', 'attempts', 'next_attempt_at', 'sent_at'] };

/** Rows a background delivery adds (a notification handed to the mail outbox: it carries a notification's Message-ID). */
const deliveryRow = (table: string, r: Record<string, unknown>) => table === 'mail_outbox' && typeof r.headers_json === 'string' && r.headers_json.includes('.email@flashmall>');

/** Table name → hash of its sorted rows. */
export async function dbSnapshot(s: TestServer, tables?: string[]): Promise<Record<string, string>> {
  const { db } = s.fm.ctx.engine;
  const out: Record<string, string> = {};
  for (const t of tables ?? (await tableNames(s))) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(db);
    const skip = DELIVERY_COLUMNS[t] ?? [];
    const lines = rows
      .filter((r) => !deliveryRow(t, r))
      .map((r) => JSON.stringify(skip.length ? Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k))) : r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
    out[t] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

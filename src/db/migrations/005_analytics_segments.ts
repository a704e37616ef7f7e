/** Migration 005_analytics_segments: frozen, never edited once applied (see ../migrations.ts). */
import { gzipSync } from 'node:zlib';
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/** Events per segment when 005 converts an existing log (the recorder's batch size when 005 was written). */
const SEGMENT_CONVERT_BATCH = 25_000;

/** The tables 005 reads and writes, as they were then (bigint columns may come back as strings). */
interface SegmentsMigrationDb {
  analytics_events: {
    id: number | string;
    at: number | string;
    type: string;
    store_id: string;
    product_id: string | null;
    sku_id: string | null;
    launch_id: string | null;
    order_id: string | null;
    buyer: string | null;
    device: string;
    channel: string;
    region: string | null;
    units: number | string;
    amount_minor: number | string;
    currency: string | null;
    reason: string | null;
    wait_ms: number | string | null;
    since_start_ms: number | string | null;
  };
  analytics_event_segments: { first_at: number; last_at: number; events: number; format: number; body: Buffer };
}

/** The text columns of a segment body (format 1), in order. */
const TEXT_COLUMNS = ['type', 'store_id', 'product_id', 'sku_id', 'launch_id', 'order_id', 'buyer', 'device', 'channel', 'region', 'currency', 'reason'] as const;
/** Its number columns besides `at`, in order. */
const NUMBER_COLUMNS = ['units', 'amount_minor', 'wait_ms', 'since_start_ms'] as const;

/**
 * One segment row of format 1, as the analytics code read and wrote it when 005 was written
 * (`analytics/segments.ts` must keep reading it): `{ format: 1, n, base, strings, columns }`,
 * gzip'd, where `base` is the smallest `at`, the `at` column holds offsets from it, each text
 * column holds indexes into `strings` (-1 for null) and each number column its numbers (or
 * null). No batch id: 008 adds the column, and older segments have none.
 */
function segmentOf(rows: ReadonlyArray<SegmentsMigrationDb['analytics_events']>): SegmentsMigrationDb['analytics_event_segments'] {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (v: string | null) => {
    if (v === null) return -1;
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = strings.push(v) - 1));
    return id;
  };
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const at = rows.map((r) => Number(r.at));
  const base = at.length ? at.reduce((a, b) => Math.min(a, b)) : 0;
  const columns: Record<string, Array<number | null>> = { at: at.map((t) => t - base) };
  for (const c of TEXT_COLUMNS) columns[c] = rows.map((r) => idOf(r[c]));
  for (const c of NUMBER_COLUMNS) columns[c] = rows.map((r) => num(r[c]));
  const json = JSON.stringify({ format: 1, n: rows.length, base, strings, columns });
  return { first_at: base, last_at: at.length ? at.reduce((a, b) => Math.max(a, b)) : 0, events: rows.length, format: 1, body: gzipSync(json, { level: 1 }) };
}

/**
 * The raw event log becomes segments (see `analytics/segments.ts`): one row per flushed batch,
 * its events column by column, gzip'd. Existing events are converted in their order, in
 * segments of up to 25,000; then the row-per-event table goes.
 */
export function analyticsSegmentsMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<SegmentsMigrationDb>) {
      await db.schema
        .createTable('analytics_event_segments')
        .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('first_at', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'bigint', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('format', 'integer', (c) => c.notNull())
        .addColumn('body', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
      // Bodies are compressed already: PostgreSQL stores them out of line as they are.
      if (kind === 'postgres') await sql`ALTER TABLE analytics_event_segments ALTER COLUMN body SET STORAGE EXTERNAL`.execute(db);
      for (let after = 0; ; ) {
        const rows = await db.selectFrom('analytics_events').selectAll().where('id', '>', after).orderBy('id').limit(SEGMENT_CONVERT_BATCH).execute();
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1]!.id);
        await db.insertInto('analytics_event_segments').values(segmentOf(rows)).execute();
      }
      await db.schema.dropTable('analytics_events').execute();
    },
  };
}

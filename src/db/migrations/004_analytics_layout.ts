/** Migration 004_analytics_layout: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';
import { ROLLUP_COLUMNS, ROLLUP_KEYS_003 } from './003_analytics.js';

/** The sales rollup's key from 004 on: the bucket before the SKU. */
const SALES_PK_004 = ['store_id', 'grain', 'bucket_start', 'sku_id', 'launch_id', 'currency'];

/** The platform's store-wide series from 004 on: only the rows of no SKU, by bucket (partial index). */
async function createSalesAllIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('analytics_sales_all').on('analytics_sales').columns(['grain', 'bucket_start']).where(sql.ref('sku_id'), '=', sql.lit('')).execute();
}

/**
 * Rollups laid out for the flush's writes. A batch's new rows are recent buckets: with the
 * bucket before the SKU in the sales key, they land at the ends of a few (store, grain) ranges
 * instead of at the end of each SKU's, so a flush dirties hundreds of index pages instead of
 * thousands (every dirty page is written to the WAL at commit). The platform's SKU-ordered
 * index goes for the same reason: the platform's store-wide series reads a partial index of
 * the rows of no SKU (appended in bucket order too); its SKU table and SKU series read each
 * store's key range (see `queries.ts`), or on PostgreSQL a covering index of the day rows. On SQLite the small-row rollups also become WITHOUT
 * ROWID tables: an upsert is one search of the key's B-tree instead of the key index and then
 * the table. (Sketches, whose rows are kilobytes, stay in a rowid table.) On PostgreSQL the
 * text key columns compare as bytes (COLLATE "C"). Rows are kept.
 */
export function analyticsLayoutMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        // Keys compare as bytes (ids are ASCII): a database's own collation (C.UTF-8,
        // en_US.UTF-8, …) compares text through the locale library, at every index step.
        for (const [table, { pk }] of Object.entries(ROLLUP_KEYS_003)) {
          const textKeys = pk.filter((c) => !['day', 'bucket_start', 'second', 'bucket'].includes(c));
          await sql`ALTER TABLE ${sql.table(table)} ${sql.join(textKeys.map((c) => sql`ALTER COLUMN ${sql.ref(c)} TYPE text COLLATE "C"`))}`.execute(db);
        }
        await sql`ALTER TABLE analytics_sales DROP CONSTRAINT analytics_sales_pk`.execute(db);
        await sql`ALTER TABLE analytics_sales ADD CONSTRAINT analytics_sales_pk PRIMARY KEY (${sql.join(SALES_PK_004.map((c) => sql.ref(c)))})`.execute(db);
        await db.schema.dropIndex('analytics_sales_platform').execute();
        await createSalesAllIndex(db);
        // The platform's SKU table over whole days, read without the table: its day rows lie
        // among the minute and hour rows, and over a quarter the planner scans the whole table
        // rather than visit them one by one. (SQLite reads each store's key range instead.)
        await sql`CREATE INDEX analytics_sales_sku_days ON analytics_sales (bucket_start)
          INCLUDE (store_id, sku_id, launch_id, currency, orders, units, revenue_minor, refunded_units, refunded_minor)
          WHERE grain = 'day' AND sku_id > ''`.execute(db);
        return;
      }
      for (const [table, keys] of Object.entries(ROLLUP_KEYS_003)) {
        if (table === 'analytics_buyer_sketches') continue;
        const old = `${table}_003`;
        await db.schema.alterTable(table).renameTo(old).execute();
        for (const index of Object.keys(keys.indexes ?? {})) await db.schema.dropIndex(index).execute();
        const pk = table === 'analytics_sales' ? SALES_PK_004 : keys.pk;
        await ROLLUP_COLUMNS[table]!(db, table, kind).addPrimaryKeyConstraint(`${table}_pk`, pk).modifyEnd(sql`without rowid`).execute();
        await sql`INSERT INTO ${sql.table(table)} SELECT * FROM ${sql.table(old)}`.execute(db);
        await db.schema.dropTable(old).execute();
        if (table === 'analytics_sales') await createSalesAllIndex(db);
        else for (const [index, columns] of Object.entries(keys.indexes ?? {})) await db.schema.createIndex(index).on(table).columns(columns).execute();
      }
    },
  };
}

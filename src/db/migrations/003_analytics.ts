/** Migration 003_analytics: frozen, never edited once applied (see ../migrations.ts). */
import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/** A rollup table's columns (no key yet): what `analyticsMigration` made and `analyticsLayoutMigration` rebuilds. */
type RollupTable = (db: Kysely<unknown>, name: string, kind: EngineKind) => CreateTableBuilder<string, string>;

const counter = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/** The rollup tables, their columns as 003 made them (the keys are each migration's own). */
export const ROLLUP_COLUMNS: Record<string, RollupTable> = {
  analytics_sales: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('grain', 'text', (c) => c.notNull())
      .addColumn('sku_id', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('views', 'bigint', counter)
      .addColumn('orders', 'bigint', counter)
      .addColumn('units', 'bigint', counter)
      .addColumn('revenue_minor', 'bigint', counter)
      .addColumn('refunds', 'bigint', counter)
      .addColumn('refunded_units', 'bigint', counter)
      .addColumn('refunded_minor', 'bigint', counter)
      .addColumn('shipped', 'bigint', counter)
      .addColumn('delivered', 'bigint', counter),
  analytics_regions: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('day', 'bigint', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('orders', 'bigint', counter)
      .addColumn('units', 'bigint', counter)
      .addColumn('revenue_minor', 'bigint', counter),
  analytics_devices: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('day', 'bigint', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('transactions', 'bigint', counter)
      .addColumn('units', 'bigint', counter),
  analytics_buyer_sketches: (db, name, kind) =>
    db.schema
      .createTable(name)
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text', (c) => c.notNull())
      .addColumn('day', 'bigint', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('sketch', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull()),
  analytics_funnel_buyers: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('buyer', 'text', (c) => c.notNull()),
  analytics_launch_counters: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', counter),
  analytics_sellout: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('second', 'bigint', (c) => c.notNull())
      .addColumn('held_units', 'bigint', counter)
      .addColumn('paid_units', 'bigint', counter)
      .addColumn('released_units', 'bigint', counter),
  analytics_waits: (db, name) =>
    db.schema
      .createTable(name)
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('admitted', 'bigint', counter),
};

/** The keys 003 gave the rollups, and their secondary indexes. */
export const ROLLUP_KEYS_003: Record<string, { pk: string[]; indexes?: Record<string, string[]> }> = {
  analytics_sales: { pk: ['store_id', 'grain', 'sku_id', 'bucket_start', 'launch_id', 'currency'], indexes: { analytics_sales_platform: ['grain', 'sku_id', 'bucket_start'] } },
  analytics_regions: { pk: ['store_id', 'day', 'region', 'launch_id', 'currency'], indexes: { analytics_regions_day: ['day'] } },
  analytics_devices: { pk: ['store_id', 'day', 'device', 'launch_id'], indexes: { analytics_devices_day: ['day'] } },
  analytics_buyer_sketches: { pk: ['scope', 'scope_id', 'day', 'device'] },
  analytics_funnel_buyers: { pk: ['launch_id', 'step', 'buyer'] },
  analytics_launch_counters: { pk: ['launch_id', 'metric'] },
  analytics_sellout: { pk: ['launch_id', 'second'] },
  analytics_waits: { pk: ['launch_id', 'bucket'] },
};

/** Seller analytics: the raw event log and the rollups the flush keeps in step with it. */
export function analyticsMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('analytics_events')
        .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('sku_id', 'text')
        .addColumn('launch_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('buyer', 'text')
        .addColumn('device', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('region', 'text')
        .addColumn('units', 'integer', counter)
        .addColumn('amount_minor', 'bigint', counter)
        .addColumn('currency', 'text')
        .addColumn('reason', 'text')
        .addColumn('wait_ms', 'bigint')
        .addColumn('since_start_ms', 'bigint')
        .execute();
      for (const [table, { pk, indexes }] of Object.entries(ROLLUP_KEYS_003)) {
        await ROLLUP_COLUMNS[table]!(db, table, kind).addPrimaryKeyConstraint(`${table}_pk`, pk).execute();
        for (const [index, columns] of Object.entries(indexes ?? {})) await db.schema.createIndex(index).on(table).columns(columns).execute();
      }
    },
  };
}

/** Migration 002_launches: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';

export const launchesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('launches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('registration_required', 'integer', (c) => c.notNull())
      .addColumn('registration_opens_at', 'bigint')
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('per_buyer_limit', 'integer', (c) => c.notNull())
      .addColumn('payment_window_ms', 'bigint', (c) => c.notNull())
      .addColumn('admission_rate_per_sec', 'integer', (c) => c.notNull())
      .addColumn('max_active', 'integer', (c) => c.notNull())
      .addColumn('pass_ttl_ms', 'bigint', (c) => c.notNull())
      .addColumn('pow_difficulty', 'integer', (c) => c.notNull())
      .addColumn('paused', 'integer', (c) => c.notNull())
      .addColumn('shuffle_seed', 'text')
      .addColumn('shuffled_at', 'bigint')
      .addColumn('prequeue_count', 'integer')
      .addColumn('stock_returned_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('launches_store').on('launches').columns(['store_id', 'starts_at']).execute();
    await db.schema.createIndex('launches_time').on('launches').columns(['ends_at', 'starts_at']).execute();

    await db.schema
      .createTable('launch_items')
      .addColumn('launch_id', 'text', (c) => c.notNull().references('launches.id'))
      .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
      .addColumn('allotment', 'integer', (c) => c.notNull().check(sql`allotment > 0`))
      .addColumn('price_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('launch_items_pk', ['launch_id', 'sku_id'])
      .execute();

    await db.schema
      .createTable('launch_registrations')
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('buyer_id', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('launch_registrations_pk', ['launch_id', 'buyer_id'])
      .execute();

    await db.schema
      .createTable('queue_entries')
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('buyer_id', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'bigint', (c) => c.notNull())
      .addColumn('prequeue', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer')
      .addColumn('admitted_at', 'bigint')
      .addPrimaryKeyConstraint('queue_entries_pk', ['launch_id', 'buyer_id'])
      .execute();

    await db.schema
      .createTable('holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('launch_id', 'text', (c) => c.notNull())
      .addColumn('sku_id', 'text', (c) => c.notNull())
      .addColumn('buyer_id', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('price_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('holds_idempotency', ['launch_id', 'buyer_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('holds_due').on('holds').columns(['status', 'expires_at']).execute();
    await db.schema.createIndex('holds_buyer').on('holds').columns(['buyer_id', 'created_at']).execute();
    await db.schema.createIndex('holds_order').on('holds').column('order_id').execute();
  },
};

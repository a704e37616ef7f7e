/**
 * One set of migrations for both engines, run at start. Engine-specific DDL (full-text
 * search) is chosen by the engine kind inside the migration, nowhere else.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Migrator, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { EngineKind, StorageEngine } from './engine.js';
import { FUNNEL_STEPS, type StoredEvent } from '../analytics/events.js';
import { encodeSegment } from '../analytics/segments.js';
import { columnsOf } from '../analytics/columns.js';
import { productSearchColumns, type OptionWithTexts } from '../catalog/search.js';

function coreMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('stores')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('logo_url', 'text')
        .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('verified_at', 'bigint')
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('store_members')
        .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('store_members_pk', ['store_id', 'user_id'])
        .execute();
      await db.schema.createIndex('store_members_user').on('store_members').column('user_id').execute();

      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('images_json', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('price_min_minor', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('products_store').on('products').columns(['store_id', 'created_at']).execute();
      await db.schema.createIndex('products_status_price').on('products').columns(['status', 'price_min_minor']).execute();
      await db.schema.createIndex('products_status_created').on('products').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('skus')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('price_minor', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('stock', 'integer', (c) => c.notNull().check(sql`stock >= 0`))
        .addColumn('images_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('skus_product_code', ['product_id', 'code'])
        .execute();

      await db.schema
        .createTable('cart_items')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cart_items_pk', ['user_id', 'sku_id'])
        .execute();

      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_payment_id', 'text', (c) => c.notNull())
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('order_ids_json', 'text', (c) => c.notNull())
        .addColumn('pay_url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('payments_provider_ref', ['provider', 'provider_payment_id'])
        .execute();

      await db.schema
        .createTable('orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
        .addColumn('checkout_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('address_json', 'text', (c) => c.notNull())
        .addColumn('payment_deadline_at', 'bigint', (c) => c.notNull())
        .addColumn('payment_id', 'text', (c) => c.references('payments.id'))
        .addColumn('carrier', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('refund_reason', 'text')
        .addColumn('status_before_refund', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('launch_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orders_buyer').on('orders').columns(['buyer_id', 'created_at']).execute();
      await db.schema.createIndex('orders_store').on('orders').columns(['store_id', 'created_at']).execute();
      await db.schema.createIndex('orders_status_deadline').on('orders').columns(['status', 'payment_deadline_at']).execute();
      await db.schema.createIndex('orders_payment').on('orders').column('payment_id').execute();

      await db.schema
        .createTable('order_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('sku_id', 'text', (c) => c.notNull().references('skus.id'))
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_items_order').on('order_items').column('order_id').execute();

      await db.schema
        .createTable('order_events')
        .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_events_order').on('order_events').column('order_id').execute();

      await db.schema
        .createTable('refunds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('provider_refund_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('refunds_payment_order', ['payment_id', 'order_id'])
        .execute();

      await db.schema
        .createTable('webhook_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_signatures')
        .addColumn('signature', 'text', (c) => c.primaryKey())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sandbox_payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_reference', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('return_url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_at', 'bigint')
        .execute();

      await db.schema
        .createTable('sandbox_webhook_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .addColumn('duplicates_left', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sandbox_outbox_due').on('sandbox_webhook_outbox').column('next_attempt_at').execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'user_id', 'key'])
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      // Full-text search over product title and description: the one engine-specific piece.
      if (kind === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE product_fts USING fts5(product_id UNINDEXED, title, description, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
        await sql`CREATE TRIGGER products_fts_ins AFTER INSERT ON products BEGIN
          INSERT INTO product_fts(product_id, title, description) VALUES (new.id, new.title, new.description); END`.execute(db);
        await sql`CREATE TRIGGER products_fts_upd AFTER UPDATE OF title, description ON products BEGIN
          DELETE FROM product_fts WHERE product_id = old.id;
          INSERT INTO product_fts(product_id, title, description) VALUES (new.id, new.title, new.description); END`.execute(db);
        await sql`CREATE TRIGGER products_fts_del AFTER DELETE ON products BEGIN
          DELETE FROM product_fts WHERE product_id = old.id; END`.execute(db);
      } else {
        await sql`ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
          (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED`.execute(db);
        await sql`CREATE INDEX products_search ON products USING GIN (search_vector)`.execute(db);
      }
    },
  };
}

const launchesMigration: Migration = {
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

/** A rollup table's columns (no key yet): what `analyticsMigration` made and `analyticsLayoutMigration` rebuilds. */
type RollupTable = (db: Kysely<unknown>, name: string, kind: EngineKind) => CreateTableBuilder<string, string>;

const counter = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/** The rollup tables, their columns as 003 made them (the keys are each migration's own). */
const ROLLUP_COLUMNS: Record<string, RollupTable> = {
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
const ROLLUP_KEYS_003: Record<string, { pk: string[]; indexes?: Record<string, string[]> }> = {
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
function analyticsMigration(kind: EngineKind): Migration {
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
function analyticsLayoutMigration(kind: EngineKind): Migration {
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

/** Events per segment when 005 converts an existing log (the recorder's batch size when 005 was written). */
const SEGMENT_CONVERT_BATCH = 25_000;

/** The tables 005 reads and writes, as they were then (bigint columns may come back as strings). */
interface SegmentsMigrationDb {
  analytics_events: {
    id: number | string;
    at: number | string;
    type: StoredEvent['type'];
    store_id: string;
    product_id: string | null;
    sku_id: string | null;
    launch_id: string | null;
    order_id: string | null;
    buyer: string | null;
    device: StoredEvent['device'];
    channel: StoredEvent['channel'];
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

/**
 * The raw event log becomes segments (see `analytics/segments.ts`): one row per flushed batch,
 * its events column by column, gzip'd. Existing events are converted in their order, in
 * segments of up to 25,000; then the row-per-event table goes.
 */
function analyticsSegmentsMigration(kind: EngineKind): Migration {
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
        const events = rows.map(
          (r): StoredEvent => ({
            at: Number(r.at),
            type: r.type,
            store_id: r.store_id,
            product_id: r.product_id,
            sku_id: r.sku_id,
            launch_id: r.launch_id,
            order_id: r.order_id,
            buyer: r.buyer,
            device: r.device,
            channel: r.channel,
            region: r.region,
            units: Number(r.units),
            amount_minor: Number(r.amount_minor),
            currency: r.currency,
            reason: r.reason,
            wait_ms: r.wait_ms === null ? null : Number(r.wait_ms),
            since_start_ms: r.since_start_ms === null ? null : Number(r.since_start_ms),
          }),
        );
        const { batch_id: _batch, ...segment } = await encodeSegment(columnsOf(events)); // 008 adds batch ids
        await db.insertInto('analytics_event_segments').values(segment).execute();
      }
      await db.schema.dropTable('analytics_events').execute();
    },
  };
}

/**
 * SQLite: the analytics tables move to the analytics file (attached as `analytics` by the
 * engine), where the analytics writer thread writes them without holding the store's write
 * lock. Same tables, same keys, rows copied; plain names still find them. PostgreSQL: nothing
 * to do (its writers are separate connections already).
 */
function analyticsOwnFileMigration(kind: EngineKind): Migration {
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

/**
 * Launch-funnel membership as one row per (launch, buyer) with a bitmask of the steps reached,
 * instead of one row per (launch, step, buyer): a buyer's register, queue, admission, hold and
 * payment mostly arrive in one batch, so a flush writes one row where it wrote three or four.
 * Rows are converted (each step's bit set once); the old table goes. Run again after a stop
 * part-way, it finds the conversion done or starts it over.
 */
function analyticsLaunchBuyersMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One transaction (PostgreSQL's migrations run in one already; SQLite's do not).
      const atomically = (fn: (trx: Kysely<unknown>) => Promise<void>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
      await atomically(async (trx) => {
        const schema = kind === 'sqlite' ? trx.schema.withSchema('analytics') : trx.schema;
        const tables = kind === 'sqlite'
          ? (await sql<{ name: string }>`SELECT name FROM analytics.sqlite_master WHERE type = 'table'`.execute(trx)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(trx)).rows.map((r) => r.name);
        if (!tables.includes('analytics_funnel_buyers')) return;
        await schema.dropTable('analytics_launch_buyers').ifExists().execute();
        const key = kind === 'postgres' ? sql`text COLLATE "C"` : sql`text`;
        let create = schema
          .createTable('analytics_launch_buyers')
          .addColumn('launch_id', key, (c) => c.notNull())
          .addColumn('buyer', key, (c) => c.notNull())
          .addColumn('steps', 'integer', (c) => c.notNull())
          .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('analytics_launch_buyers_pk', ['launch_id', 'buyer']);
        if (kind === 'sqlite') create = create.modifyEnd(sql`without rowid`);
        await create.execute();
        const bit = sql.join(
          FUNNEL_STEPS.map((s, i) => sql`WHEN ${sql.lit(s.step)} THEN ${sql.lit(1 << i)}`),
          sql` `,
        );
        await sql`INSERT INTO analytics_launch_buyers (launch_id, buyer, steps, added)
          SELECT launch_id, buyer, SUM(CASE step ${bit} ELSE 0 END), 0 FROM analytics_funnel_buyers GROUP BY launch_id, buyer`.execute(trx);
        await sql`DROP TABLE analytics_funnel_buyers`.execute(trx);
      });
    },
  };
}

/**
 * Log segments name the recorder's batch they hold (unique): when a commit's answer is lost (a
 * broken connection, a thread that died after committing), the batch written again is found
 * already stored and skipped, so no event is counted twice. Older segments have none.
 */
function analyticsBatchIdsMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite: in the analytics file (an index is named in its schema, its table is not).
      const at = kind === 'sqlite' ? 'analytics.' : '';
      await sql.raw(`ALTER TABLE ${at}analytics_event_segments ADD COLUMN batch_id text`).execute(db);
      await sql.raw(`CREATE UNIQUE INDEX ${at}analytics_event_segments_batch ON analytics_event_segments (batch_id)`).execute(db);
    },
  };
}

/**
 * The launch ledger defends its own invariants (migration 009), whatever code writes to it:
 *
 * - `launch_items` keep the books of each launch SKU (`held`, `sold`), maintained by triggers on
 *   `holds` and checked by a constraint: `held + sold <= allotment`, so no statement can sell a
 *   unit twice;
 * - `launch_buyers` count each buyer's units (held or paid) under a constraint `units <=
 *   unit_limit` (the launch's per-buyer limit, copied at the buyer's first hold);
 * - holds are never deleted, and their launch, SKU, buyer and quantity never change;
 * - `launch_answers`: every answer given to an idempotency key (a hold or a refusal code, with
 *   the SKU and quantity asked for), one row per (launch, buyer, key) — the arbiter of "the same
 *   key gets the same answer";
 * - `launch_fences`: the generation (epoch) of the stock authority's state and of the waiting
 *   room; a hold or a place is written only if the epoch it was decided in is still current,
 *   checked in the writing transaction (holds carry theirs in `holds.epoch`).
 *
 * Existing launches are counted into the new books first, then the triggers are created.
 */
function launchLedgerMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const run = (...stmts: string[]) => stmts.reduce((p, s) => p.then(() => sql.raw(s).execute(db)).then(() => undefined), Promise.resolve());
      if (kind === 'sqlite') {
        await run(
          `ALTER TABLE launch_items ADD COLUMN held integer NOT NULL DEFAULT 0 CHECK (held >= 0)`,
          `ALTER TABLE launch_items ADD COLUMN sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0 AND held + sold <= allotment)`,
        );
      } else {
        await run(`ALTER TABLE launch_items ADD COLUMN held integer NOT NULL DEFAULT 0, ADD COLUMN sold integer NOT NULL DEFAULT 0`);
      }
      await run(
        `UPDATE launch_items SET
           held = COALESCE((SELECT SUM(h.quantity) FROM holds h WHERE h.launch_id = launch_items.launch_id AND h.sku_id = launch_items.sku_id AND h.status = 'held'), 0),
           sold = COALESCE((SELECT SUM(h.quantity) FROM holds h WHERE h.launch_id = launch_items.launch_id AND h.sku_id = launch_items.sku_id AND h.status = 'paid'), 0)`,
      );
      if (kind === 'postgres') await run(`ALTER TABLE launch_items ADD CONSTRAINT launch_items_books CHECK (held >= 0 AND sold >= 0 AND held + sold <= allotment)`);

      await run(
        `CREATE TABLE launch_buyers (
           launch_id text NOT NULL, buyer_id text NOT NULL, units integer NOT NULL, unit_limit integer NOT NULL,
           CONSTRAINT launch_buyers_limit CHECK (units >= 0 AND units <= unit_limit),
           PRIMARY KEY (launch_id, buyer_id))`,
        // A buyer already past a limit before this ledger existed keeps what they have (and can take no more).
        `INSERT INTO launch_buyers (launch_id, buyer_id, units, unit_limit)
           SELECT h.launch_id, h.buyer_id, SUM(h.quantity), MAX(l.per_buyer_limit) FROM holds h JOIN launches l ON l.id = h.launch_id
           WHERE h.status IN ('held', 'paid') GROUP BY h.launch_id, h.buyer_id`,
        `UPDATE launch_buyers SET unit_limit = units WHERE units > unit_limit`,
        `CREATE TABLE launch_answers (
           launch_id text NOT NULL, buyer_id text NOT NULL, idempotency_key text NOT NULL,
           sku_id text NOT NULL, quantity integer NOT NULL, hold_id text, code text, answered_at bigint NOT NULL,
           CONSTRAINT launch_answers_one CHECK ((hold_id IS NULL) <> (code IS NULL)),
           PRIMARY KEY (launch_id, buyer_id, idempotency_key))`,
        `INSERT INTO launch_answers (launch_id, buyer_id, idempotency_key, sku_id, quantity, hold_id, code, answered_at)
           SELECT launch_id, buyer_id, idempotency_key, sku_id, quantity, id, NULL, created_at FROM holds`,
        `CREATE TABLE launch_fences (launch_id text PRIMARY KEY, stock_epoch integer NOT NULL, room_epoch integer NOT NULL)`,
        `INSERT INTO launch_fences (launch_id, stock_epoch, room_epoch) SELECT id, 1, 1 FROM launches`,
        `ALTER TABLE holds ADD COLUMN epoch integer NOT NULL DEFAULT 0`,
      );
      // The key's one answer is launch_answers' primary key now: the holds' own unique index on it
      // is dropped (one index less to write per hold). SQLite cannot drop a table constraint, so
      // the table is rebuilt (before any trigger exists on it).
      if (kind === 'postgres') await run(`ALTER TABLE holds DROP CONSTRAINT holds_idempotency`);
      else {
        await run(
          `CREATE TABLE holds_next (
             id text PRIMARY KEY, launch_id text NOT NULL, sku_id text NOT NULL, buyer_id text NOT NULL, quantity integer NOT NULL,
             price_minor bigint NOT NULL, currency text NOT NULL, status text NOT NULL, idempotency_key text NOT NULL,
             expires_at bigint NOT NULL, order_id text, created_at bigint NOT NULL, updated_at bigint NOT NULL, epoch integer NOT NULL DEFAULT 0)`,
          `INSERT INTO holds_next SELECT id, launch_id, sku_id, buyer_id, quantity, price_minor, currency, status, idempotency_key, expires_at, order_id, created_at, updated_at, epoch FROM holds`,
          `DROP TABLE holds`,
          `ALTER TABLE holds_next RENAME TO holds`,
          `CREATE INDEX holds_due ON holds (status, expires_at)`,
          `CREATE INDEX holds_buyer ON holds (buyer_id, created_at)`,
          `CREATE INDEX holds_order ON holds (order_id)`,
        );
      }

      if (kind === 'sqlite') {
        await run(
          `CREATE TRIGGER holds_books_insert AFTER INSERT ON holds BEGIN
             SELECT RAISE(ABORT, 'holds: SKU not in its launch') WHERE NOT EXISTS (SELECT 1 FROM launch_items WHERE launch_id = NEW.launch_id AND sku_id = NEW.sku_id);
             UPDATE launch_items SET held = held + (NEW.status = 'held') * NEW.quantity, sold = sold + (NEW.status = 'paid') * NEW.quantity
               WHERE launch_id = NEW.launch_id AND sku_id = NEW.sku_id;
             INSERT INTO launch_buyers (launch_id, buyer_id, units, unit_limit)
               SELECT NEW.launch_id, NEW.buyer_id, NEW.quantity * (NEW.status IN ('held', 'paid')), per_buyer_limit FROM launches WHERE id = NEW.launch_id
               ON CONFLICT (launch_id, buyer_id) DO UPDATE SET units = units + excluded.units;
           END`,
          `CREATE TRIGGER holds_immutable BEFORE UPDATE OF id, launch_id, sku_id, buyer_id, quantity, idempotency_key, epoch ON holds
             WHEN NEW.id IS NOT OLD.id OR NEW.launch_id IS NOT OLD.launch_id OR NEW.sku_id IS NOT OLD.sku_id OR NEW.buyer_id IS NOT OLD.buyer_id
               OR NEW.quantity IS NOT OLD.quantity OR NEW.idempotency_key IS NOT OLD.idempotency_key OR NEW.epoch IS NOT OLD.epoch
           BEGIN SELECT RAISE(ABORT, 'holds: only status, expiry and order change'); END`,
          `CREATE TRIGGER holds_books_update AFTER UPDATE OF status ON holds WHEN NEW.status IS NOT OLD.status BEGIN
             UPDATE launch_items SET
                 held = held - (OLD.status = 'held') * OLD.quantity + (NEW.status = 'held') * NEW.quantity,
                 sold = sold - (OLD.status = 'paid') * OLD.quantity + (NEW.status = 'paid') * NEW.quantity
               WHERE launch_id = NEW.launch_id AND sku_id = NEW.sku_id;
             UPDATE launch_buyers SET units = units - OLD.quantity * (OLD.status IN ('held', 'paid')) + NEW.quantity * (NEW.status IN ('held', 'paid'))
               WHERE launch_id = NEW.launch_id AND buyer_id = NEW.buyer_id;
           END`,
          `CREATE TRIGGER holds_append_only BEFORE DELETE ON holds BEGIN SELECT RAISE(ABORT, 'holds: the ledger is append-only'); END`,
        );
      } else {
        // Statement-level triggers: one batch of holds moves each SKU's books once. Rows are
        // locked in (launch, sku) then (launch, buyer) order, as every writer does, so
        // concurrent batches never deadlock.
        await run(
          `CREATE FUNCTION holds_books_insert() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE r record; n integer;
           BEGIN
             FOR r IN SELECT launch_id, sku_id, SUM(CASE WHEN status = 'held' THEN quantity ELSE 0 END) AS h, SUM(CASE WHEN status = 'paid' THEN quantity ELSE 0 END) AS s
                      FROM new_rows GROUP BY launch_id, sku_id ORDER BY launch_id, sku_id LOOP
               UPDATE launch_items SET held = held + r.h, sold = sold + r.s WHERE launch_id = r.launch_id AND sku_id = r.sku_id;
               GET DIAGNOSTICS n = ROW_COUNT;
               IF n <> 1 THEN RAISE EXCEPTION 'holds: SKU % not in launch %', r.sku_id, r.launch_id USING ERRCODE = 'check_violation'; END IF;
             END LOOP;
             FOR r IN SELECT n.launch_id, n.buyer_id, SUM(CASE WHEN n.status IN ('held', 'paid') THEN n.quantity ELSE 0 END) AS u, MAX(l.per_buyer_limit) AS lim
                      FROM new_rows n JOIN launches l ON l.id = n.launch_id GROUP BY n.launch_id, n.buyer_id ORDER BY n.launch_id, n.buyer_id LOOP
               INSERT INTO launch_buyers (launch_id, buyer_id, units, unit_limit) VALUES (r.launch_id, r.buyer_id, r.u, r.lim)
                 ON CONFLICT (launch_id, buyer_id) DO UPDATE SET units = launch_buyers.units + excluded.units;
             END LOOP;
             RETURN NULL;
           END $$`,
          `CREATE TRIGGER holds_books_insert AFTER INSERT ON holds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holds_books_insert()`,
          `CREATE FUNCTION holds_books_update() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE r record;
           BEGIN
             IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.launch_id <> o.launch_id OR n.sku_id <> o.sku_id OR n.buyer_id <> o.buyer_id
                          OR n.quantity <> o.quantity OR n.idempotency_key <> o.idempotency_key OR n.epoch <> o.epoch)
                OR (SELECT COUNT(*) FROM old_rows) <> (SELECT COUNT(*) FROM old_rows o JOIN new_rows n ON n.id = o.id) THEN
               RAISE EXCEPTION 'holds: only status, expiry and order change' USING ERRCODE = 'check_violation';
             END IF;
             FOR r IN SELECT n.launch_id, n.sku_id,
                        SUM((CASE WHEN n.status = 'held' THEN n.quantity ELSE 0 END) - (CASE WHEN o.status = 'held' THEN o.quantity ELSE 0 END)) AS h,
                        SUM((CASE WHEN n.status = 'paid' THEN n.quantity ELSE 0 END) - (CASE WHEN o.status = 'paid' THEN o.quantity ELSE 0 END)) AS s
                      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.status <> o.status
                      GROUP BY n.launch_id, n.sku_id ORDER BY n.launch_id, n.sku_id LOOP
               UPDATE launch_items SET held = held + r.h, sold = sold + r.s WHERE launch_id = r.launch_id AND sku_id = r.sku_id;
             END LOOP;
             FOR r IN SELECT n.launch_id, n.buyer_id,
                        SUM((CASE WHEN n.status IN ('held', 'paid') THEN n.quantity ELSE 0 END) - (CASE WHEN o.status IN ('held', 'paid') THEN o.quantity ELSE 0 END)) AS u
                      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.status <> o.status
                      GROUP BY n.launch_id, n.buyer_id ORDER BY n.launch_id, n.buyer_id LOOP
               UPDATE launch_buyers SET units = units + r.u WHERE launch_id = r.launch_id AND buyer_id = r.buyer_id;
             END LOOP;
             RETURN NULL;
           END $$`,
          `CREATE TRIGGER holds_books_update AFTER UPDATE ON holds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holds_books_update()`,
          `CREATE FUNCTION holds_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'holds: the ledger is append-only' USING ERRCODE = 'check_violation'; END $$`,
          `CREATE TRIGGER holds_append_only BEFORE DELETE OR TRUNCATE ON holds FOR EACH STATEMENT EXECUTE FUNCTION holds_append_only()`,
        );
      }
    },
  };
}

/** Auto-increment id column on either engine. */
function serialId(kind: EngineKind) {
  return (t: CreateTableBuilder<string, string>) =>
    t.addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()));
}

/**
 * Refunds become resumable steps: each has a status (requested → sent → confirmed | failed,
 * payments/state-machine.ts) and a step log (refund_events). An order may be refunded in
 * parts, so the one-refund-per-order constraint goes; only the automatic refund of money
 * that arrived for an order that could not take it stays unique per payment and order.
 * Existing refunds: those that reached the provider are `sent`, the others `requested`
 * (the sweep sends them, idempotent by their id).
 */
function refundStepsMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('refunds_next')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('provider_refund_id', 'text')
        .addColumn('failure_reason', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO refunds_next (id, payment_id, order_id, kind, amount_minor, currency, reason, status, provider_refund_id, failure_reason, created_at, updated_at)
        SELECT r.id, r.payment_id, r.order_id,
          CASE WHEN r.reason IN ('payment arrived after the order was cancelled', 'order was paid by another payment') THEN 'unpayable' ELSE 'order' END,
          r.amount_minor, p.currency, r.reason,
          CASE WHEN r.provider_refund_id IS NULL THEN 'requested' ELSE 'sent' END,
          r.provider_refund_id, NULL, r.created_at, r.created_at
        FROM refunds r JOIN payments p ON p.id = r.payment_id`.execute(db);
      await db.schema.dropTable('refunds').execute();
      await sql`ALTER TABLE refunds_next RENAME TO refunds`.execute(db);
      await sql`CREATE UNIQUE INDEX refunds_unpayable ON refunds (payment_id, order_id) WHERE kind = 'unpayable'`.execute(db);
      await db.schema.createIndex('refunds_status').on('refunds').columns(['status', 'updated_at']).execute();
      await db.schema.createIndex('refunds_order').on('refunds').column('order_id').execute();
      await db.schema.createIndex('refunds_payment').on('refunds').column('payment_id').execute();

      await serialId(kind)(db.schema.createTable('refund_events'))
        .addColumn('refund_id', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('refund_events_refund').on('refund_events').column('refund_id').execute();
    },
  };
}

/**
 * Mail and e-mail confirmation: an outbox of mails to send (written in the transaction that
 * decides to send them, delivered after commit and by the sweeper), sign-ups that wait for the
 * code mailed to their address, and store invitations that wait for the invitee to accept.
 */
const mailAndInvitationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['sent_at', 'next_attempt_at']).execute();
    await db.schema
      .createTable('signup_requests')
      .addColumn('email', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('store_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('accepted_at', 'bigint')
      .execute();
    await db.schema.createIndex('store_invitations_store').on('store_invitations').columns(['store_id', 'email']).execute();
  },
};

/** The products columns 006 reads and writes, as they were then. */
interface CatalogI18nMigrationDb {
  products: { id: string; title: string; description: string; options_json: string; search_title: string; search_body: string };
}

/**
 * Catalog content in every locale, and search that works for Chinese: products, stores and
 * launches get a `texts_json` column (per-locale title/name and description, next to the
 * primary text they always had); products get `search_title` and `search_body`, the
 * segmented text of every locale (catalog/search.ts), which the full-text index now reads
 * instead of the raw title and description — Chinese has no spaces, so the raw text gave
 * the index no words to find. Existing products are indexed here once.
 */
function catalogI18nMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<CatalogI18nMigrationDb>) {
      await db.schema.alterTable('products').addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      await db.schema.alterTable('products').addColumn('search_title', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('products').addColumn('search_body', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('stores').addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      await db.schema.alterTable('launches').addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      const rows = await db.selectFrom('products').select(['id', 'title', 'description', 'options_json']).execute();
      for (const r of rows) {
        const cols = productSearchColumns({ title: r.title, description: r.description, texts: {}, options: JSON.parse(r.options_json) as OptionWithTexts[] });
        await db.updateTable('products').set(cols).where('id', '=', r.id).execute();
      }
      if (kind === 'sqlite') {
        await sql`DROP TRIGGER products_fts_ins`.execute(db);
        await sql`DROP TRIGGER products_fts_upd`.execute(db);
        await sql`DROP TRIGGER products_fts_del`.execute(db);
        await sql`DELETE FROM product_fts`.execute(db);
        await sql`INSERT INTO product_fts(product_id, title, description) SELECT id, search_title, search_body FROM products`.execute(db);
        await sql`CREATE TRIGGER products_fts_ins AFTER INSERT ON products BEGIN
          INSERT INTO product_fts(product_id, title, description) VALUES (new.id, new.search_title, new.search_body); END`.execute(db);
        await sql`CREATE TRIGGER products_fts_upd AFTER UPDATE OF search_title, search_body ON products BEGIN
          DELETE FROM product_fts WHERE product_id = old.id;
          INSERT INTO product_fts(product_id, title, description) VALUES (new.id, new.search_title, new.search_body); END`.execute(db);
        await sql`CREATE TRIGGER products_fts_del AFTER DELETE ON products BEGIN
          DELETE FROM product_fts WHERE product_id = old.id; END`.execute(db);
      } else {
        await sql`ALTER TABLE products DROP COLUMN search_vector`.execute(db);
        await sql`ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
          (setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_body), 'B')) STORED`.execute(db);
        await sql`CREATE INDEX products_search ON products USING GIN (search_vector)`.execute(db);
      }
    },
  };
}

/** The table the commission migration fills, as it was then. */
interface CommissionRulesMigrationDb {
  commission_rules: {
    id: string;
    store_kind: string | null;
    category: string | null;
    launch_id: string | null;
    rate_bps: number;
    effective_from: number;
    note: string | null;
    created_by: string;
    created_at: number;
  };
}

/**
 * Commission: products get an optional category, and the operator's rules live in
 * commission_rules (never edited; a later rule of the same scope takes over from its
 * effective time). The platform starts with 5 % for marketplace shops and 3 % for flagship
 * stores, effective since the beginning.
 */
const commissionRulesMigration: Migration = {
  async up(db: Kysely<CommissionRulesMigrationDb>) {
    await db.schema.alterTable('products').addColumn('category', 'text').execute();
    await db.schema
      .createTable('commission_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('store_kind', 'text')
      .addColumn('category', 'text')
      .addColumn('launch_id', 'text')
      .addColumn('rate_bps', 'integer', (c) => c.notNull().check(sql`rate_bps >= 0 AND rate_bps <= 10000`))
      .addColumn('effective_from', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('commission_rules_scope').on('commission_rules').columns(['launch_id', 'category', 'store_kind', 'effective_from']).execute();
    await db
      .insertInto('commission_rules')
      .values([
        { id: '00000000-0000-7000-8000-000000000001', store_kind: 'marketplace', category: null, launch_id: null, rate_bps: 500, effective_from: 0, note: 'platform default', created_by: 'system', created_at: 0 },
        { id: '00000000-0000-7000-8000-000000000002', store_kind: 'flagship', category: null, launch_id: null, rate_bps: 300, effective_from: 0, note: 'platform default', created_by: 'system', created_at: 0 },
      ])
      .execute();
  },
};

/**
 * The money ledger: accounts, postings and transfers (each transfer moves a positive amount
 * from one account to another, so every entry balances by its very shape), immutable — the
 * database refuses any UPDATE or DELETE of a posting or transfer — and the release times of
 * paid orders' money (delivery plus the return window).
 */
function moneyLedgerMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ledger_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ledger_postings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ref', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('refund_id', 'text')
        .addColumn('payout_id', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('detail_json', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_postings_order').on('ledger_postings').column('order_id').execute();
      await serialId(kind)(db.schema.createTable('ledger_transfers'))
        .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
        .addColumn('debit_account', 'text', (c) => c.notNull().references('ledger_accounts.id'))
        .addColumn('credit_account', 'text', (c) => c.notNull().references('ledger_accounts.id'))
        .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('ledger_transfers_two_accounts', sql`debit_account <> credit_account`)
        .execute();
      await db.schema.createIndex('ledger_transfers_debit').on('ledger_transfers').columns(['debit_account', 'at']).execute();
      await db.schema.createIndex('ledger_transfers_credit').on('ledger_transfers').columns(['credit_account', 'at']).execute();
      await db.schema.createIndex('ledger_transfers_store').on('ledger_transfers').columns(['store_id', 'at']).execute();
      await db.schema.createIndex('ledger_transfers_order').on('ledger_transfers').column('order_id').execute();
      await db.schema
        .createTable('money_releases')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint', (c) => c.notNull())
        .addColumn('available_at', 'bigint', (c) => c.notNull())
        .execute();
      // Immutable entries: the database itself refuses to change or remove a posting or transfer.
      for (const table of ['ledger_postings', 'ledger_transfers']) {
        if (kind === 'sqlite') {
          await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable'); END`).execute(db);
          await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable'); END`).execute(db);
        } else {
          await sql.raw(`CREATE OR REPLACE FUNCTION ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger entries are immutable'; END $$`).execute(db);
          await sql.raw(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_immutable()`).execute(db);
        }
      }
    },
  };
}

/** Payouts to stores through the payment provider, their batches and step log, and the sandbox gateway's payout books. */
function payoutsMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('payout_batches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('payouts', 'integer', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('payouts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('batch_id', 'text')
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_payout_id', 'text')
        .addColumn('failure_reason', 'text')
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payouts_store').on('payouts').columns(['store_id', 'created_at']).execute();
      await db.schema.createIndex('payouts_status').on('payouts').columns(['status', 'updated_at']).execute();
      await serialId(kind)(db.schema.createTable('payout_events'))
        .addColumn('payout_id', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payout_events_payout').on('payout_events').column('payout_id').execute();
      await db.schema
        .createTable('sandbox_payouts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_reference', 'text', (c) => c.notNull().unique())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('will_fail', 'integer', (c) => c.notNull())
        .addColumn('failure_reason', 'text')
        .addColumn('settles_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_at', 'bigint')
        .execute();
      await db.schema.createIndex('sandbox_payouts_due').on('sandbox_payouts').columns(['status', 'settles_at']).execute();
    },
  };
}

/** The launches columns the draw-commitments migration reads and writes, as they were then. */
interface DrawCommitmentsMigrationDb {
  launches: { id: string; shuffle_seed: string | null; state: string; draw_secret: string | null; draw_commitment: string | null; draw_committed_at: number | null };
}

/**
 * The verifiable draw (docs/draw.md): a launch's committed seed and its commitment, the frozen
 * entrant list's hash, arrival numbers of pre-queue places, and the frozen list itself.
 * Launches not drawn yet get their seed and commitment now (committed at migration time, which
 * the draw page shows); pre-queue places already taken get arrival numbers in the order the
 * draw used before (join time, then buyer id).
 */
function drawCommitmentsMigration(): Migration {
  return {
    async up(db: Kysely<DrawCommitmentsMigrationDb>) {
      for (const col of ['draw_commitment', 'draw_secret', 'draw_entrants_hash']) await db.schema.alterTable('launches').addColumn(col, 'text').execute();
      await db.schema.alterTable('launches').addColumn('draw_committed_at', 'bigint').execute();
      await db.schema.alterTable('queue_entries').addColumn('arrival', 'integer').execute();
      await db.schema
        .createTable('draw_entrants')
        .addColumn('launch_id', 'text', (c) => c.notNull().references('launches.id'))
        .addColumn('arrival', 'integer', (c) => c.notNull())
        .addColumn('ticket', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('draw_entrants_pk', ['launch_id', 'arrival'])
        .addUniqueConstraint('draw_entrants_position', ['launch_id', 'position'])
        .execute();
      const now = Date.now();
      const undrawn = await db.selectFrom('launches').select('id').where('shuffle_seed', 'is', null).where('state', '=', 'scheduled').execute();
      for (const { id } of undrawn) {
        const seed = randomBytes(32);
        await db.updateTable('launches').set({ draw_secret: seed.toString('hex'), draw_commitment: createHash('sha256').update(seed).digest('hex'), draw_committed_at: now }).where('id', '=', id).execute();
      }
      await sql`UPDATE queue_entries SET arrival = (
        SELECT COUNT(*) FROM queue_entries q2 WHERE q2.launch_id = queue_entries.launch_id AND q2.seq IS NULL
          AND (q2.joined_at < queue_entries.joined_at OR (q2.joined_at = queue_entries.joined_at AND q2.buyer_id <= queue_entries.buyer_id)))
        WHERE seq IS NULL`.execute(db);
    },
  };
}

/**
 * Notifications (src/notifications/): one row per event for a user (the in-app inbox, unique by
 * its event key), one delivery per channel (e-mail, Web Push) with its own lifecycle, per-user
 * preferences, push subscriptions, and the progress of reminder batches. Mail keeps extra
 * headers (Message-ID, List-Unsubscribe).
 */
function notificationsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull().unique())
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('read_at', 'bigint')
        .execute();
      await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();
      await db.schema
        .createTable('notification_deliveries')
        .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addPrimaryKeyConstraint('notification_deliveries_pk', ['notification_id', 'channel'])
        .execute();
      await db.schema.createIndex('notification_deliveries_due').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('notification_deliveries_user').on('notification_deliveries').columns(['user_id', 'channel', 'sent_at']).execute();
      await db.schema
        .createTable('notification_preferences')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('email_enabled', 'integer', (c) => c.notNull())
        .addColumn('push_enabled', 'integer', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('muted_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('push_subscriptions')
        .addColumn('endpoint', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('p256dh', 'text', (c) => c.notNull())
        .addColumn('auth', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('push_subscriptions_user').on('push_subscriptions').column('user_id').execute();
      await db.schema
        .createTable('notification_batches')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('cursor', 'text', (c) => c.notNull())
        .addColumn('done_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('mail_outbox').addColumn('headers_json', 'text').execute();
    },
  };
}

/**
 * Retention (src/retention): an index on the time column each pruned table is swept by, and
 * the log-in lockouts the admin sees (accounts/lockouts.ts).
 */
function retentionMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
      await db.schema.createIndex('sessions_revoked').on('sessions').column('revoked_at').execute();
      await db.schema.createIndex('webhook_signatures_received').on('webhook_signatures').column('received_at').execute();
      await db.schema.createIndex('webhook_events_received').on('webhook_events').column('received_at').execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
      await db.schema.createIndex('sandbox_outbox_delivered').on('sandbox_webhook_outbox').column('delivered_at').execute();
      await db.schema.createIndex('signup_requests_expires').on('signup_requests').column('expires_at').execute();
      await db.schema.createIndex('store_invitations_expires').on('store_invitations').column('expires_at').execute();
      await db.schema
        .createTable('login_lockouts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('account', 'text')
        .addColumn('user_id', 'text')
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('lock_ms', 'bigint', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_lockouts_at').on('login_lockouts').column('at').execute();
    },
  };
}

/** All migrations in order; later issues append here, never edit an applied one. */
export function migrationsFor(kind: EngineKind): Record<string, Migration> {
  return {
    '001_core': coreMigration(kind),
    '002_launches': launchesMigration,
    '003_analytics': analyticsMigration(kind),
    '004_analytics_layout': analyticsLayoutMigration(kind),
    '005_analytics_segments': analyticsSegmentsMigration(kind),
    '006_analytics_own_file': analyticsOwnFileMigration(kind),
    '007_analytics_launch_buyers': analyticsLaunchBuyersMigration(kind),
    '008_analytics_batch_ids': analyticsBatchIdsMigration(kind),
    '009_launch_ledger': launchLedgerMigration(kind),
    '010_mail_signup_invitations': mailAndInvitationsMigration,
    '020_catalog_i18n': catalogI18nMigration(kind),
    '030_refund_steps': refundStepsMigration(kind),
    '031_commission_rules': commissionRulesMigration,
    '032_money_ledger': moneyLedgerMigration(kind),
    '033_payouts': payoutsMigration(kind),
    '040_draw_commitments': drawCommitmentsMigration(),
    '041_notifications': notificationsMigration(),
    '042_retention_and_lockouts': retentionMigration(),
  };
}

/** Brings the database up to date; throws with the failing migration's error. */
export async function migrateToLatest(engine: StorageEngine): Promise<void> {
  const migrations = migrationsFor(engine.kind);
  const migrator = new Migrator({
    db: engine.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(engine.pgSchema ? { migrationTableSchema: engine.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

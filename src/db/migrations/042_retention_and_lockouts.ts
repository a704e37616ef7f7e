/** Migration 042_retention_and_lockouts: frozen, never edited once applied (see ../migrations.ts). */
import { type Kysely, type Migration } from 'kysely';

/**
 * Retention (src/retention): an index on the time column each pruned table is swept by, and
 * the log-in lockouts the admin sees (accounts/lockouts.ts).
 */
export function retentionMigration(): Migration {
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

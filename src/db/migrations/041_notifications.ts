/** Migration 041_notifications: frozen, never edited once applied (see ../migrations.ts). */
import { type Kysely, type Migration } from 'kysely';

/**
 * Notifications (src/notifications/): one row per event for a user (the in-app inbox, unique by
 * its event key), one delivery per channel (e-mail, Web Push) with its own lifecycle, per-user
 * preferences, push subscriptions, and the progress of reminder batches. Mail keeps extra
 * headers (Message-ID, List-Unsubscribe).
 */
export function notificationsMigration(): Migration {
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

/** Migration 030_refund_steps: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';
import { serialId } from './kit.js';

/**
 * Refunds become resumable steps: each has a status (requested → sent → confirmed | failed,
 * payments/state-machine.ts) and a step log (refund_events). An order may be refunded in
 * parts, so the one-refund-per-order constraint goes; only the automatic refund of money
 * that arrived for an order that could not take it stays unique per payment and order.
 * Existing refunds: those that reached the provider are `sent`, the others `requested`
 * (the sweep sends them, idempotent by their id).
 */
export function refundStepsMigration(kind: EngineKind): Migration {
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

/** Migration 033_payouts: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';
import { serialId } from './kit.js';

/** Payouts to stores through the payment provider, their batches and step log, and the sandbox gateway's payout books. */
export function payoutsMigration(kind: EngineKind): Migration {
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

/** Migration 032_money_ledger: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';
import { serialId } from './kit.js';

/**
 * The money ledger: accounts, postings and transfers (each transfer moves a positive amount
 * from one account to another, so every entry balances by its very shape), immutable — the
 * database refuses any UPDATE or DELETE of a posting or transfer — and the release times of
 * paid orders' money (delivery plus the return window).
 */
export function moneyLedgerMigration(kind: EngineKind): Migration {
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

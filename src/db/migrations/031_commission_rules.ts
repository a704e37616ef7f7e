/** Migration 031_commission_rules: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';

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
export const commissionRulesMigration: Migration = {
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

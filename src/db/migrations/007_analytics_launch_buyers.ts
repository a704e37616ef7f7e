/** Migration 007_analytics_launch_buyers: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/** The funnel's steps in bit order, as 007 stored them (`analytics/events.ts` must keep this order). */
const FUNNEL_STEPS_007 = ['registered', 'queued', 'admitted', 'held', 'paid'] as const;

/**
 * Launch-funnel membership as one row per (launch, buyer) with a bitmask of the steps reached,
 * instead of one row per (launch, step, buyer): a buyer's register, queue, admission, hold and
 * payment mostly arrive in one batch, so a flush writes one row where it wrote three or four.
 * Rows are converted (each step's bit set once); the old table goes. Run again after a stop
 * part-way, it finds the conversion done or starts it over.
 */
export function analyticsLaunchBuyersMigration(kind: EngineKind): Migration {
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
          FUNNEL_STEPS_007.map((step, i) => sql`WHEN ${sql.lit(step)} THEN ${sql.lit(1 << i)}`),
          sql` `,
        );
        await sql`INSERT INTO analytics_launch_buyers (launch_id, buyer, steps, added)
          SELECT launch_id, buyer, SUM(CASE step ${bit} ELSE 0 END), 0 FROM analytics_funnel_buyers GROUP BY launch_id, buyer`.execute(trx);
        await sql`DROP TABLE analytics_funnel_buyers`.execute(trx);
      });
    },
  };
}

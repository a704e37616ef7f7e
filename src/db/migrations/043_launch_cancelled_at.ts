/** Migration 043_launch_cancelled_at: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A launch's `state` ('scheduled' until cancelled, 'cancelled' after, and still 'scheduled'
 * once it had ended) becomes what it meant: `cancelled_at`, null unless the seller called the
 * launch off. Its phases (scheduled, registration, live, sold out, ended) were always derived
 * from the times. A cancelled launch gets the time its stock went back, which cancelling set.
 */
export const launchCancelledAtMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('launches').addColumn('cancelled_at', 'bigint').execute();
    await sql`UPDATE launches SET cancelled_at = COALESCE(stock_returned_at, updated_at) WHERE state = 'cancelled'`.execute(db);
    await db.schema.alterTable('launches').dropColumn('state').execute();
  },
};

/**
 * The schema's history, run at start: one set of migrations for both engines, each in a file
 * of its own under `migrations/`, named by its order. Engine-specific DDL (full-text search,
 * triggers) is chosen by the engine kind inside the migration, nowhere else.
 *
 * A migration is frozen once written: it is never edited (a change is a new migration), and
 * it imports nothing from the application, only Kysely, Node and the engine kind. A data
 * migration carries its own copy of the code it needs (005 its segment encoder, 007 the
 * funnel's step order, 020 the search index text), so changing the application later cannot
 * change what an old migration does on a database that has not run it yet.
 */
import { Migrator, type Migration } from 'kysely';
import type { EngineKind, StorageEngine } from './engine.js';
import { coreMigration } from './migrations/001_core.js';
import { launchesMigration } from './migrations/002_launches.js';
import { analyticsMigration } from './migrations/003_analytics.js';
import { analyticsLayoutMigration } from './migrations/004_analytics_layout.js';
import { analyticsSegmentsMigration } from './migrations/005_analytics_segments.js';
import { analyticsOwnFileMigration } from './migrations/006_analytics_own_file.js';
import { analyticsLaunchBuyersMigration } from './migrations/007_analytics_launch_buyers.js';
import { analyticsBatchIdsMigration } from './migrations/008_analytics_batch_ids.js';
import { launchLedgerMigration } from './migrations/009_launch_ledger.js';
import { mailAndInvitationsMigration } from './migrations/010_mail_signup_invitations.js';
import { catalogI18nMigration } from './migrations/020_catalog_i18n.js';
import { refundStepsMigration } from './migrations/030_refund_steps.js';
import { commissionRulesMigration } from './migrations/031_commission_rules.js';
import { moneyLedgerMigration } from './migrations/032_money_ledger.js';
import { payoutsMigration } from './migrations/033_payouts.js';
import { drawCommitmentsMigration } from './migrations/040_draw_commitments.js';
import { notificationsMigration } from './migrations/041_notifications.js';
import { retentionMigration } from './migrations/042_retention_and_lockouts.js';
import { launchCancelledAtMigration } from './migrations/043_launch_cancelled_at.js';

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
    '043_launch_cancelled_at': launchCancelledAtMigration,
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

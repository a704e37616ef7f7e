/** Migration 008_analytics_batch_ids: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/**
 * Log segments name the recorder's batch they hold (unique): when a commit's answer is lost (a
 * broken connection, a thread that died after committing), the batch written again is found
 * already stored and skipped, so no event is counted twice. Older segments have none.
 */
export function analyticsBatchIdsMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite: in the analytics file (an index is named in its schema, its table is not).
      const at = kind === 'sqlite' ? 'analytics.' : '';
      await sql.raw(`ALTER TABLE ${at}analytics_event_segments ADD COLUMN batch_id text`).execute(db);
      await sql.raw(`CREATE UNIQUE INDEX ${at}analytics_event_segments_batch ON analytics_event_segments (batch_id)`).execute(db);
    },
  };
}

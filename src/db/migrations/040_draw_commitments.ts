/** Migration 040_draw_commitments: frozen, never edited once applied (see ../migrations.ts). */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

/** The launches columns the draw-commitments migration reads and writes, as they were then. */
interface DrawCommitmentsMigrationDb {
  launches: { id: string; shuffle_seed: string | null; state: string; draw_secret: string | null; draw_commitment: string | null; draw_committed_at: number | null };
}

/**
 * The verifiable draw (docs/draw.md): a launch's committed seed and its commitment, the frozen
 * entrant list's hash, arrival numbers of pre-queue places, and the frozen list itself.
 * Launches not drawn yet get their seed and commitment now (committed at migration time, which
 * the draw page shows); pre-queue places already taken get arrival numbers in the order the
 * draw used before (join time, then buyer id).
 */
export function drawCommitmentsMigration(): Migration {
  return {
    async up(db: Kysely<DrawCommitmentsMigrationDb>) {
      for (const col of ['draw_commitment', 'draw_secret', 'draw_entrants_hash']) await db.schema.alterTable('launches').addColumn(col, 'text').execute();
      await db.schema.alterTable('launches').addColumn('draw_committed_at', 'bigint').execute();
      await db.schema.alterTable('queue_entries').addColumn('arrival', 'integer').execute();
      await db.schema
        .createTable('draw_entrants')
        .addColumn('launch_id', 'text', (c) => c.notNull().references('launches.id'))
        .addColumn('arrival', 'integer', (c) => c.notNull())
        .addColumn('ticket', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('draw_entrants_pk', ['launch_id', 'arrival'])
        .addUniqueConstraint('draw_entrants_position', ['launch_id', 'position'])
        .execute();
      const now = Date.now();
      const undrawn = await db.selectFrom('launches').select('id').where('shuffle_seed', 'is', null).where('state', '=', 'scheduled').execute();
      for (const { id } of undrawn) {
        const seed = randomBytes(32);
        await db.updateTable('launches').set({ draw_secret: seed.toString('hex'), draw_commitment: createHash('sha256').update(seed).digest('hex'), draw_committed_at: now }).where('id', '=', id).execute();
      }
      await sql`UPDATE queue_entries SET arrival = (
        SELECT COUNT(*) FROM queue_entries q2 WHERE q2.launch_id = queue_entries.launch_id AND q2.seq IS NULL
          AND (q2.joined_at < queue_entries.joined_at OR (q2.joined_at = queue_entries.joined_at AND q2.buyer_id <= queue_entries.buyer_id)))
        WHERE seq IS NULL`.execute(db);
    },
  };
}

/**
 * Migration 043 (a launch's `state` becomes `cancelled_at`) on a database that already has
 * launches, on SQLite and PostgreSQL: a cancelled launch keeps being cancelled (from the time
 * its stock went back), a running one and an ended one are not, and the phases read the same.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { ENGINES } from './harness.js';
import type { EngineKind } from '../src/db/engine.js';
import type { Launch } from '../src/db/schema.js';
import { phaseOf } from '../src/launches/admission.js';
import { migrationEngine, type MigrationEngine } from './helpers/migration-engine.js';

const kinds = ENGINES.filter((e): e is EngineKind => e !== 'scale');

/** The rows the test writes, as they were stored at 042 (`state` instead of `cancelled_at`). */
interface TablesAt042 {
  users: { id: string; email: string; name: string; password_hash: string; role: string; created_at: number };
  stores: { id: string; slug: string; name: string; kind: string; description: string; owner_id: string; created_at: number };
  launches: Omit<Launch, 'cancelled_at' | 'texts_json'> & { state: string };
}

for (const kind of kinds) {
  describe(`migration 043_launch_cancelled_at on existing launches [${kind}]`, () => {
    let m: MigrationEngine | null = null;
    afterEach(async () => {
      await m?.close();
      m = null;
    });

    it('a cancelled launch stays cancelled, a running and an ended one are not', async () => {
      m = await migrationEngine(kind, 'mig43');
      expect((await m.migrator.migrateTo('042_retention_and_lockouts')).error).toBeUndefined();
      const db = m.engine.db as unknown as Kysely<TablesAt042>;
      const userId = randomUUID();
      const storeId = randomUUID();
      await db.insertInto('users').values({ id: userId, email: `m-${m.tag}@test.local`, name: 'M', password_hash: 'x', role: 'seller', created_at: 1 }).execute();
      await db.insertInto('stores').values({ id: storeId, slug: `s-${m.tag}`, name: 'Store', kind: 'marketplace', description: '', owner_id: userId, created_at: 1 }).execute();
      const now = Date.now();
      const launch = (state: string, startsAt: number, endsAt: number, stockReturnedAt: number | null, updatedAt: number) => ({
        id: randomUUID(), store_id: storeId, title: 'L', description: '', state, registration_required: 0, registration_opens_at: null, starts_at: startsAt, ends_at: endsAt,
        per_buyer_limit: 1, payment_window_ms: 60_000, admission_rate_per_sec: 10, max_active: 10, pass_ttl_ms: 60_000, pow_difficulty: 0, paused: 0, shuffle_seed: null,
        draw_commitment: null, draw_secret: null, draw_committed_at: null, draw_entrants_hash: null, shuffled_at: null, prequeue_count: null, stock_returned_at: stockReturnedAt, created_at: 1, updated_at: updatedAt,
      });
      const cancelled = launch('cancelled', now + 3_600_000, now + 7_200_000, now - 5_000, now - 1_000);
      const cancelledBefore = launch('cancelled', now - 7_200_000, now + 3_600_000, null, now - 9_000); // no stock return recorded
      const running = launch('scheduled', now - 60_000, now + 3_600_000, null, 1);
      const ended = launch('scheduled', now - 7_200_000, now - 3_600_000, now - 3_500_000, 1);
      await db.insertInto('launches').values([cancelled, cancelledBefore, running, ended]).execute();

      const { error, results } = await m.migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(results?.map((r) => r.migrationName)).toContain('043_launch_cancelled_at');

      const rows = await m.engine.db.selectFrom('launches').selectAll().execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(rows[0]).not.toHaveProperty('state');
      expect(Number(byId.get(cancelled.id)!.cancelled_at)).toBe(now - 5_000);
      expect(Number(byId.get(cancelledBefore.id)!.cancelled_at)).toBe(now - 9_000);
      expect(byId.get(running.id)!.cancelled_at).toBeNull();
      expect(byId.get(ended.id)!.cancelled_at).toBeNull();
      const phase = (id: string) => {
        const r = byId.get(id)!;
        return phaseOf({ ...r, cancelled_at: r.cancelled_at === null ? null : Number(r.cancelled_at), starts_at: Number(r.starts_at), ends_at: Number(r.ends_at), registration_opens_at: null }, now, null);
      };
      expect([phase(cancelled.id), phase(cancelledBefore.id), phase(running.id), phase(ended.id)]).toEqual(['cancelled', 'cancelled', 'live', 'ended']);
    });
  });
}

/**
 * Migrations 004 (the rollups' write layout), 005 (the log as segments), 006 (SQLite: the
 * analytics tables in a file of their own), 007 (funnel membership as step masks) and 008
 * (batch ids on log segments) on a database that already holds analytics: every
 * rollup row survives unchanged, the new keys are in place (SQLite: WITHOUT ROWID tables in the
 * analytics file; PostgreSQL: byte-order keys), every raw event is in the segments in its
 * order, and the flush still adds into existing rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, PG_URL } from './harness.js';
import { openEngine, type EngineKind, type StorageEngine } from '../src/db/engine.js';
import { migrationsFor } from '../src/db/migrations.js';
import { batchOf, computeDeltas, writeEvents, writeRollups } from '../src/analytics/rollups.js';
import { columnsOf } from '../src/analytics/columns.js';
import { allEvents } from '../src/analytics/segments.js';
import { genWorld, historyArb } from './helpers/analytics.js';
import { funnelStepOf, stepBit, type FunnelStep, type StoredEvent } from '../src/analytics/events.js';
import type { Database } from '../src/db/schema.js';

const ROLLUPS = ['analytics_sales', 'analytics_regions', 'analytics_devices', 'analytics_buyer_sketches', 'analytics_launch_counters', 'analytics_sellout', 'analytics_waits'] as const;

/** Every row of a table, as comparable strings, sorted. */
async function rowsOf(db: Kysely<Database>, table: (typeof ROLLUPS)[number]): Promise<string[]> {
  const rows = await db.selectFrom(table).selectAll().execute();
  return rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : String(v)]))).sort();
}

const kinds = ENGINES.filter((e): e is EngineKind => e !== 'scale');

/** The tables of the 003 layout that later migrations convert and drop (a row per event; a row per funnel step). */
interface TablesAt003 {
  analytics_events: StoredEvent;
  analytics_funnel_buyers: { launch_id: string; step: string; buyer: string };
}

for (const kind of kinds) {
  describe(`migrations 004 to 008 (analytics layout, log segments, own file, launch buyers, batch ids) [${kind}]`, () => {
    let engine: StorageEngine | null = null;
    let cleanup: () => Promise<void> = async () => {};
    afterEach(async () => {
      await engine?.close();
      await cleanup();
    });

    it('keeps every rollup row and raw event, puts the new keys in place, and upserts still add', async () => {
      const tag = randomBytes(4).toString('hex');
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fm-mig-${tag}-`));
      const schema = `mig_${tag}`;
      if (kind === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`CREATE SCHEMA ${schema}`);
        await c.end();
      }
      cleanup = async () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (kind !== 'postgres') return;
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      };
      engine = openEngine({ databaseUrl: kind === 'postgres' ? PG_URL : undefined, dataDir, pgSchema: kind === 'postgres' ? schema : undefined });
      const migrations = migrationsFor(kind);
      const migrator = new Migrator({ db: engine.db, provider: { getMigrations: () => Promise.resolve(migrations) }, ...(engine.pgSchema ? { migrationTableSchema: engine.pgSchema } : {}) });
      expect((await migrator.migrateTo('003_analytics')).error).toBeUndefined();

      // A history written with the 003 layout: a row per raw event, and the rollups.
      const w = genWorld(['store-a', 'store-b'], Date.UTC(2025, 3, 8) + 7_919);
      const events = fc.sample(historyArb(w), { numRuns: 30, seed: 4 }).flat();
      // Funnel membership as 003 kept it: a row per (launch, step, buyer).
      const funnelRows = new Map<string, { launch_id: string; step: string; buyer: string }>();
      for (const e of events) {
        const step = funnelStepOf(e.type);
        if (step && e.launch_id && e.buyer) funnelRows.set(`${e.launch_id} ${step} ${e.buyer}`, { launch_id: e.launch_id, step, buyer: e.buyer });
      }
      await engine.db.transaction().execute(async (trx) => {
        for (let i = 0; i < events.length; i += 500) await (trx as unknown as Kysely<TablesAt003>).insertInto('analytics_events').values(events.slice(i, i + 500)).execute();
        await writeRollups(trx, kind, { ...computeDeltas(columnsOf(events), true), launchBuyers: [] });
        const rows = [...funnelRows.values()];
        for (let i = 0; i < rows.length; i += 500) await (trx as unknown as Kysely<TablesAt003>).insertInto('analytics_funnel_buyers').values(rows.slice(i, i + 500)).execute();
      });
      const before = Object.fromEntries(await Promise.all(ROLLUPS.map(async (t) => [t, await rowsOf(engine!.db, t)] as const)));
      expect(before.analytics_sales!.length).toBeGreaterThan(0);
      expect(funnelRows.size).toBeGreaterThan(0);

      const { error, results } = await migrator.migrateTo('008_analytics_batch_ids');
      expect(error).toBeUndefined();
      // The analytics migrations (later ones, of other domains, run too and must succeed).
      expect(results?.every((r) => r.status === 'Success')).toBe(true);
      expect(results?.filter((r) => r.migrationName < '009').map((r) => [r.migrationName, r.status])).toEqual([
        ['004_analytics_layout', 'Success'],
        ['005_analytics_segments', 'Success'],
        ['006_analytics_own_file', 'Success'],
        ['007_analytics_launch_buyers', 'Success'],
        ['008_analytics_batch_ids', 'Success'],
      ]);
      for (const t of ROLLUPS) expect(await rowsOf(engine.db, t), t).toEqual(before[t]);
      // 007: one row per (launch, buyer), each step the buyer reached one bit; the old table is gone.
      const masks = new Map<string, number>();
      for (const r of funnelRows.values()) masks.set(`${r.launch_id} ${r.buyer}`, (masks.get(`${r.launch_id} ${r.buyer}`) ?? 0) | stepBit(r.step as FunnelStep));
      const converted = await engine.db.selectFrom('analytics_launch_buyers').select(['launch_id', 'buyer', 'steps']).execute();
      expect(new Map(converted.map((r) => [`${r.launch_id} ${r.buyer}`, Number(r.steps)]))).toEqual(masks);
      expect(converted).toHaveLength(masks.size);
      await expect((engine.db as unknown as Kysely<TablesAt003>).selectFrom('analytics_funnel_buyers').selectAll().execute()).rejects.toThrow();
      // 005: the log is in segments of at most 25,000, in order, field for field; the old table is gone.
      expect(await allEvents(engine.db)).toEqual(events);
      const segments = await engine.db.selectFrom('analytics_event_segments').select(['events', 'first_at', 'last_at']).orderBy('id').execute();
      expect(segments.reduce((n, s) => n + Number(s.events), 0)).toBe(events.length);
      expect(Math.min(...segments.map((s) => Number(s.first_at)))).toBe(Math.min(...events.map((e) => e.at)));
      await expect((engine.db as unknown as Kysely<TablesAt003>).selectFrom('analytics_events').selectAll().execute()).rejects.toThrow();

      if (kind === 'sqlite') {
        // 006: the analytics tables are in the analytics file (attached), none are left in the store's.
        const left = await sql<{ name: string }>`SELECT name FROM main.sqlite_master WHERE name LIKE 'analytics%'`.execute(engine.db);
        expect(left.rows).toEqual([]);
        const tables = await sql<{ name: string; sql: string }>`SELECT name, sql FROM analytics.sqlite_master WHERE type = 'table' AND name LIKE 'analytics_%'`.execute(engine.db);
        expect(tables.rows.map((r) => r.name).sort()).toEqual([...ROLLUPS, 'analytics_launch_buyers', 'analytics_event_segments'].sort());
        const withoutRowid = tables.rows.filter((r) => /without rowid\s*$/i.test(r.sql)).map((r) => r.name).sort();
        expect(withoutRowid).toEqual([...ROLLUPS.filter((t) => t !== 'analytics_buyer_sketches'), 'analytics_launch_buyers'].sort());
        const pk = await sql<{ name: string }>`SELECT name FROM pragma_index_info((SELECT name FROM pragma_index_list('analytics_sales') WHERE origin = 'pk')) ORDER BY seqno`.execute(engine.db);
        expect(pk.rows.map((r) => r.name)).toEqual(['store_id', 'grain', 'bucket_start', 'sku_id', 'launch_id', 'currency']);
      } else {
        const pk = await sql<{ attname: string }>`
          SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
          WHERE i.indrelid = 'analytics_sales'::regclass AND i.indisprimary ORDER BY k.n`.execute(engine.db);
        expect(pk.rows.map((r) => r.attname)).toEqual(['store_id', 'grain', 'bucket_start', 'sku_id', 'launch_id', 'currency']);
        const collations = await sql<{ attname: string; collname: string }>`
          SELECT a.attname, c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation
          WHERE a.attrelid = 'analytics_launch_buyers'::regclass AND a.attnum > 0 AND a.attcollation <> 0 ORDER BY a.attnum`.execute(engine.db);
        expect(collations.rows).toEqual(['launch_id', 'buyer'].map((attname) => ({ attname, collname: 'C' })));
      }

      // The same history again: every sales counter doubles (the upserts find the migrated rows).
      const sumsOf = async () => (await sql<{ units: string; views: string }>`SELECT sum(units) AS units, sum(views) AS views FROM analytics_sales`.execute(engine!.db)).rows[0]!;
      const once = await sumsOf();
      const buyerCounts = async () => (await engine!.db.selectFrom('analytics_launch_counters').select(['launch_id', 'metric', 'value']).where('metric', 'like', 'buyers:%').orderBy('launch_id').orderBy('metric').execute()).map((r) => `${r.launch_id} ${r.metric} ${Number(r.value)}`);
      const buyersBefore = await buyerCounts();
      const batch = await batchOf(columnsOf(events));
      await engine.db.transaction().execute((trx) => writeEvents(trx, kind, batch));
      expect(await allEvents(engine.db)).toEqual([...events, ...events]);
      const twice = await sumsOf();
      expect([Number(twice.units), Number(twice.views)]).toEqual([2 * Number(once.units), 2 * Number(once.views)]);
      // ... while funnel buyers, every one known from the converted rows, are not counted again.
      expect(await buyerCounts()).toEqual(buyersBefore);
      expect(await rowsOf(engine.db, 'analytics_sales')).toHaveLength(before.analytics_sales!.length);
    });
  });
}

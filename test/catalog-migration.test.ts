/**
 * Migration 020 (catalog texts per locale, search for Chinese) on a database that already
 * has products: they keep their texts, gain empty per-locale ones, and are found afterwards —
 * a Chinese title written before the migration included, by a word inside it — on SQLite and
 * PostgreSQL; a product written after it is indexed by the same rules.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { ENGINES } from './harness.js';
import type { EngineKind } from '../src/db/engine.js';
import { migrationEngine, type MigrationEngine } from './helpers/migration-engine.js';
import { searchProducts } from '../src/catalog/service.js';
import type { AppContext } from '../src/context.js';

const kinds = ENGINES.filter((e): e is EngineKind => e !== 'scale');

/** The tables the test writes and reads, as they are around migration 020 (the columns 020 adds optional). */
interface TablesAt020 {
  users: { id: string; email: string; name: string; password_hash: string; role: string; created_at: number };
  stores: { id: string; slug: string; name: string; kind: string; description: string; logo_url: string | null; verified: number; verified_at: number | null; owner_id: string; created_at: number; texts_json?: string };
  products: {
    id: string;
    store_id: string;
    title: string;
    description: string;
    status: string;
    options_json: string;
    images_json: string;
    currency: string;
    price_min_minor: number;
    created_at: number;
    updated_at: number;
    texts_json?: string;
    search_title?: string;
    search_body?: string;
  };
}

for (const kind of kinds) {
  describe(`migration 020_catalog_i18n on existing products [${kind}]`, () => {
    let m: MigrationEngine | null = null;
    afterEach(async () => {
      await m?.close();
      m = null;
    });

    it('indexes the products that were there, Chinese titles included', async () => {
      m = await migrationEngine(kind, 'mig20');
      const { engine, migrator, tag } = m;
      expect((await migrator.migrateTo('008_analytics_batch_ids')).error).toBeUndefined();

      // As products were stored before: one title and description, no per-locale texts.
      const db = engine.db as unknown as Kysely<TablesAt020>;
      const userId = randomUUID();
      const storeId = randomUUID();
      await db.insertInto('users').values({ id: userId, email: `m-${tag}@test.local`, name: 'M', password_hash: 'x', role: 'seller', created_at: 1 }).execute();
      await db.insertInto('stores').values({ id: storeId, slug: `s-${tag}`, name: 'Old Store', kind: 'marketplace', description: '', logo_url: null, verified: 0, verified_at: null, owner_id: userId, created_at: 1 }).execute();
      const product = (title: string, description: string, options: unknown[] = []) => ({ id: randomUUID(), store_id: storeId, title, description, status: 'published', options_json: JSON.stringify(options), images_json: '[]', currency: 'CNY', price_min_minor: 100, created_at: 1, updated_at: 1 });
      const earbuds = product('无线降噪耳机', '主动降噪', [{ name: 'colour', values: ['黑色'] }]);
      const phone = product('Lumi 15 Pro', 'Flagship phone');
      await db.insertInto('products').values([earbuds, phone]).execute();

      const { error, results } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(results?.map((r) => r.migrationName)).toContain('020_catalog_i18n');

      const ctx = { db: engine.db, engine } as unknown as AppContext;
      const find = async (q: string) => (await searchProducts(ctx, { q, limit: 10 })).items.map((i) => i.id);
      expect(await find('耳机')).toEqual([earbuds.id]);
      expect(await find('黑色')).toEqual([earbuds.id]);
      expect(await find('lumi pro')).toEqual([phone.id]);
      const row = await db.selectFrom('products').select(['title', 'texts_json']).where('id', '=', earbuds.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ title: '无线降噪耳机', texts_json: '{}' });
      expect((await db.selectFrom('stores').select('texts_json').where('id', '=', storeId).executeTakeFirstOrThrow()).texts_json).toBe('{}');

      // Written after the migration, by the same rules (the index follows the search columns).
      const later = product('快充充电器', 'GaN');
      await db.insertInto('products').values({ ...later, ...(await import('../src/catalog/search.js')).productSearchColumns({ title: later.title, description: later.description, texts: {}, options: [] }) }).execute();
      expect(await find('充电器')).toEqual([later.id]);
    });
  });
}

/**
 * A real launch ledger without a server: a migrated SQLite file (or a PostgreSQL schema of its
 * own) and launches written straight into its tables, for the suites that drive the ledger,
 * the stock authorities and the waiting room directly (conformance, fault simulation).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { openEngine, type EngineKind, type StorageEngine } from '../../src/db/engine.js';
import { migrateToLatest } from '../../src/db/migrations.js';
import { LaunchLedger } from '../../src/launches/ledger.js';
import type { Hold } from '../../src/db/schema.js';

/** An open ledger and how to throw it away. */
export interface LedgerFixture {
  engine: StorageEngine;
  ledger: LaunchLedger;
  close(): Promise<void>;
}

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Opens a fresh, migrated ledger on the given engine. */
export async function openLedger(kind: EngineKind): Promise<LedgerFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-ledger-'));
  const schema = `l_${randomBytes(6).toString('hex')}`;
  if (kind === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const engine = openEngine({ databaseUrl: kind === 'postgres' ? PG_URL : undefined, dataDir, pgSchema: kind === 'postgres' ? schema : undefined, pgPoolSize: 8 });
  await migrateToLatest(engine);
  return {
    engine,
    ledger: new LaunchLedger(engine),
    async close() {
      await engine.close();
      if (kind === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A launch written into the ledger's tables (a store, its products and SKUs, the launch, its items and fences). */
export async function createLaunch(engine: StorageEngine, opts: { allotments: number[]; perBuyerLimit?: number; startsAt?: number; endsAt?: number }): Promise<{ launchId: string; storeId: string; skuIds: string[] }> {
  const db = engine.db;
  const now = Date.now();
  const userId = randomUUID();
  const storeId = randomUUID();
  const productId = randomUUID();
  const launchId = randomUUID();
  const skuIds = opts.allotments.map(() => randomUUID());
  await db.insertInto('users').values({ id: userId, email: `${userId}@ledger.test`, name: 'Owner', password_hash: 'x', role: 'seller', created_at: now }).execute();
  await db.insertInto('stores').values({ id: storeId, slug: `s-${storeId.slice(0, 8)}`, name: 'Ledger store', kind: 'marketplace', description: '', logo_url: null, verified: 0, verified_at: null, owner_id: userId, created_at: now }).execute();
  await db.insertInto('products').values({ id: productId, store_id: storeId, title: 'Phone', description: '', status: 'published', options_json: '[]', images_json: '[]', currency: 'CNY', price_min_minor: 100, created_at: now, updated_at: now }).execute();
  for (const [i, id] of skuIds.entries()) {
    await db.insertInto('skus').values({ id, product_id: productId, store_id: storeId, code: `SKU-${i}`, options_json: '{}', price_minor: 100, currency: 'CNY', stock: 0, images_json: '[]', created_at: now, updated_at: now }).execute();
  }
  await db
    .insertInto('launches')
    .values({
      id: launchId, store_id: storeId, title: 'Launch', description: '', cancelled_at: null, registration_required: 0, registration_opens_at: null,
      starts_at: opts.startsAt ?? now - 1000, ends_at: opts.endsAt ?? now + 3600_000, per_buyer_limit: opts.perBuyerLimit ?? 2, payment_window_ms: 600_000,
      admission_rate_per_sec: 1000, max_active: 100_000, pass_ttl_ms: 600_000, pow_difficulty: 0, paused: 0, shuffle_seed: null, shuffled_at: null,
      prequeue_count: null, stock_returned_at: null, created_at: now, updated_at: now,
    })
    .execute();
  await db.insertInto('launch_items').values(skuIds.map((sku_id, i) => ({ launch_id: launchId, sku_id, allotment: opts.allotments[i]!, price_minor: 99, currency: 'CNY' }))).execute();
  await db.insertInto('launch_fences').values({ launch_id: launchId, stock_epoch: 1, room_epoch: 1 }).execute();
  return { launchId, storeId, skuIds };
}

/** A hold row as the reservation path writes it. */
export function holdRow(launchId: string, skuId: string, buyerId: string, key: string, epoch: number, opts: { id?: string; quantity?: number; now?: number } = {}): Hold {
  const now = opts.now ?? Date.now();
  return { id: opts.id ?? randomUUID(), launch_id: launchId, sku_id: skuId, buyer_id: buyerId, quantity: opts.quantity ?? 1, price_minor: 99, currency: 'CNY', status: 'held', idempotency_key: key, expires_at: now + 600_000, order_id: null, created_at: now, updated_at: now, epoch };
}

/**
 * The recorder when writes fail: every batch of a flush that cannot be written stays buffered
 * (none half-written, none lost), and once the database takes writes again the next flush
 * stores each event exactly once — the rollups then equal a recount of the raw log. This goes
 * through the analytics thread, two batches in flight at a time.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, sellerWithProduct, startServer, type TestServer } from './harness.js';
import { AnalyticsRecorder } from '../src/analytics/recorder.js';
import type { AnalyticsInput, StoredEvent } from '../src/analytics/events.js';
import type { EventColumns } from '../src/analytics/columns.js';
import { AnalyticsThread, type BatchWriter } from '../src/analytics/writer.js';
import { salesSeries } from '../src/analytics/queries.js';
import { systemClock } from '../src/shared/clock.js';
import { genWorld, historyArb, rawEvents, recountSales } from './helpers/analytics.js';

/** A stored event as a caller records it (its buyer given as a user id, its device in the request meta). */
function inputOf(e: StoredEvent): AnalyticsInput {
  return {
    type: e.type,
    at: e.at,
    storeId: e.store_id,
    productId: e.product_id,
    skuId: e.sku_id,
    launchId: e.launch_id,
    orderId: e.order_id,
    buyerId: e.buyer,
    units: e.units,
    amountMinor: e.amount_minor,
    currency: e.currency,
    region: e.region,
    reason: e.reason,
    waitMs: e.wait_ms,
    launchStartsAt: e.since_start_ms === null ? null : e.at - e.since_start_ms,
    meta: { deviceClass: e.device, channel: e.channel },
  };
}

forEachEngine('the analytics recorder when writes fail', (engine) => {
  let s: TestServer;
  let stores: string[];
  beforeAll(async () => {
    s = await startServer(engine);
    stores = [];
    for (let i = 0; i < 2; i++) stores.push((await sellerWithProduct(s.url)).store.id);
  });
  afterAll(() => s?.close());

  it('keeps every batch it could not write and stores each event once when writes work again', async () => {
    const db = s.fm.ctx.db;
    const e = s.fm.ctx.engine;
    const w = genWorld(stores, Date.UTC(2025, 5, 2) + 7_919);
    const history = fc.sample(historyArb(w), { numRuns: 12, seed: 11 }).flat();
    const rec = new AnalyticsRecorder({ db, kind: e.kind, analyticsFile: e.analyticsFile, pgConnection: e.pgConnection, clock: systemClock, secret: 'recorder-test-secret', batchSize: 9 });
    const table = e.kind === 'sqlite' ? sql`analytics.analytics_waits` : sql`analytics_waits`;

    // Every batch's transaction writes the waiting-time rollup: without its table, none commits.
    await sql`ALTER TABLE ${table} RENAME TO analytics_waits_away`.execute(db);
    try {
      for (const x of history) rec.record(inputOf(x));
      await rec.flush();
      expect(rec.stats).toMatchObject({ recorded: history.length, stored: 0, buffered: history.length, waiting: history.length, dropped: 0 });
      expect(rec.stats.failures).toBeGreaterThan(0);
    } finally {
      const away = e.kind === 'sqlite' ? sql`analytics.analytics_waits_away` : sql`analytics_waits_away`;
      await sql`ALTER TABLE ${away} RENAME TO analytics_waits`.execute(db);
    }

    await rec.flush();
    await rec.stop();
    expect(rec.stats).toMatchObject({ recorded: history.length, stored: history.length, buffered: 0, waiting: 0, dropped: 0 });
    const raw = (await rawEvents(db)).filter((x) => stores.includes(x.store_id));
    expect(raw).toHaveLength(history.length);
    expect(raw.map((x) => [x.type, x.at, x.order_id, x.sku_id, x.units]).sort()).toEqual(history.map((x) => [x.type, x.at, x.order_id, x.sku_id, x.units]).sort());
    const f = { from: w.base - 86_400_000, to: w.base + 30 * 86_400_000, bucket: 'day' as const, limit: 100 };
    for (const storeId of stores) expect(await salesSeries(db, { kind: 'store', storeId }, f)).toEqual(recountSales(raw, { kind: 'store', storeId }, f));
    // Funnel buyers are counted once each, however often their batch was tried.
    for (const l of w.launches) {
      const queued = new Set(raw.filter((x) => x.launch_id === l.id && x.type === 'queue_joined').map((x) => x.buyer)).size;
      const row = await db.selectFrom('analytics_launch_counters').select('value').where('launch_id', '=', l.id).where('metric', '=', 'buyers:queued').executeTakeFirst();
      expect(Number(row?.value ?? 0)).toBe(queued);
    }
  });

  it('stores a batch once when the answer to its commit was lost and the batch is written again', async () => {
    const db = s.fm.ctx.db;
    const e = s.fm.ctx.engine;
    const own: string[] = [];
    for (let i = 0; i < 2; i++) own.push((await sellerWithProduct(s.url)).store.id);
    const w = genWorld(own, Date.UTC(2025, 6, 3) + 7_919);
    const history = fc.sample(historyArb(w), { numRuns: 12, seed: 29 }).flat();
    // The real analytics thread commits; then, for the first three batches, the answer is lost.
    const thread = new AnalyticsThread(e.kind === 'sqlite' ? { kind: 'sqlite', file: e.analyticsFile! } : { kind: 'postgres', ...e.pgConnection! });
    let lost = 0;
    const writer: BatchWriter = {
      depth: thread.depth,
      write: async (c) => {
        await thread.write(c);
        if (lost++ < 3) throw Object.assign(new Error('Connection terminated unexpectedly (after COMMIT)'), { code: 'ECONNRESET' });
      },
      close: () => thread.close(),
    };
    const rec = new AnalyticsRecorder({ db, kind: e.kind, clock: systemClock, secret: 'recorder-test-secret', batchSize: 9, writer });
    for (const x of history) rec.record(inputOf(x));
    await rec.flush();
    expect(rec.stats.failures).toBeGreaterThan(0);
    for (let i = 0; i < 5 && rec.stats.buffered > 0; i++) await rec.flush();
    await rec.stop();
    expect(rec.stats).toMatchObject({ recorded: history.length, stored: history.length, buffered: 0, dropped: 0 });
    // Every event once in the log, and every figure equal to a recount of it.
    const raw = (await rawEvents(db)).filter((x) => own.includes(x.store_id));
    expect(raw).toHaveLength(history.length);
    const f = { from: w.base - 86_400_000, to: w.base + 30 * 86_400_000, bucket: 'day' as const, limit: 100 };
    for (const storeId of own) expect(await salesSeries(db, { kind: 'store', storeId }, f)).toEqual(recountSales(raw, { kind: 'store', storeId }, f));
  });
});

describe('the analytics recorder keeps its writer busy', () => {
  it('hands over a batch sealed while another is being written (up to the writer\'s depth), and flush waits for every one', async () => {
    const calls: Array<{ n: number; done: () => void }> = [];
    const writer: BatchWriter = {
      depth: 2,
      write: (c: EventColumns) => new Promise<void>((resolve) => calls.push({ n: c.n, done: resolve })),
      close: async () => {},
    };
    const rec = new AnalyticsRecorder({ db: null as never, kind: 'sqlite', clock: systemClock, secret: 's', batchSize: 5, writer });
    const view = (i: number): AnalyticsInput => ({ type: 'product_viewed', at: Date.UTC(2025, 0, 1) + i, storeId: 'store-a', productId: 'p', currency: 'CNY' });
    for (let i = 0; i < 12; i++) rec.record(view(i));
    // Two batches of five sealed while recording, both handed over before either is written.
    await Promise.resolve();
    expect(calls.map((c) => c.n)).toEqual([5, 5]);
    expect(rec.stats).toMatchObject({ buffered: 12, waiting: 2 });

    let flushed = false;
    const flush = rec.flush().then(() => (flushed = true));
    await new Promise((r) => setImmediate(r));
    expect(calls).toHaveLength(2); // the writer is full: the last two events wait
    calls[0]!.done();
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.n)).toEqual([5, 5, 2]); // ... and go as soon as a place frees
    calls[1]!.done();
    await new Promise((r) => setImmediate(r));
    expect(flushed).toBe(false);
    calls[2]!.done();
    await flush;
    expect(rec.stats).toMatchObject({ recorded: 12, stored: 12, buffered: 0, waiting: 0, flushes: 3 });
  });
});

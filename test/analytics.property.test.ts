/**
 * The rollups never lie: on random event histories (orders with several lines, refunds,
 * launches with funnels and sell-outs, views from every device), written in random batch
 * sizes, every dashboard figure equals a brute-force recount from the raw event log — for
 * one store and platform-wide, under random date ranges, buckets, launch and SKU filters.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, sellerWithProduct, startServer, type TestServer } from './harness.js';
import { AnalyticsRecorder } from '../src/analytics/recorder.js';
import { deviceMix, funnels, launchFunnel, salesSeries, selloutCurve, skuTable, topRegions, waitingTimes, type Scope } from '../src/analytics/queries.js';
import { systemClock } from '../src/shared/clock.js';
import { computeDeltas, type Deltas } from '../src/analytics/rollups.js';
import { decodeSegment, encodeSegment } from '../src/analytics/segments.js';
import { ColumnsBuilder, columnsOf } from '../src/analytics/columns.js';
import type { StoredEvent } from '../src/analytics/events.js';
import { anchoredFilterArb, filterArb, genWorld, historyArb, rawEvents, recountDevices, recountFunnel, recountRegions, recountSales, recountSellout, recountSkus, recountWaiting } from './helpers/analytics.js';

forEachEngine('analytics rollups equal a recount of the raw events', (engine) => {
  let s: TestServer;
  let stores: Array<{ id: string; skuId: string; productId: string }>;
  beforeAll(async () => {
    s = await startServer(engine);
    stores = [];
    for (let i = 0; i < 2; i++) {
      const { store, product } = await sellerWithProduct(s.url);
      stores.push({ id: store.id, skuId: product.skus[0]!.id, productId: product.id });
    }
  });
  afterAll(() => s?.close());

  it('every dashboard figure, on random histories, batch sizes and filters', async () => {
    const db = s.fm.ctx.db;
    const base = Date.UTC(2025, 3, 8, 0, 0, 0) + 7_919; // not aligned to any bucket
    const world = fc.constant(null).map(() => genWorld(stores.map((x) => x.id), base + Math.floor(Math.random() * 40) * 86_400_000));
    // Filters: random ones, and ones whose edges fall just before or after the history's events.
    const arb = world.chain((w) =>
      historyArb(w).chain((events) =>
        fc.tuple(fc.constant(w), fc.constant(events), fc.array(fc.oneof(filterArb(w), anchoredFilterArb(events), anchoredFilterArb(events)), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 25 }), fc.boolean()),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([w, events, filters, batchSize, rawHandle]) => {
        for (const l of w.launches) {
          const exists = await db.selectFrom('launches').select('id').where('id', '=', l.id).executeTakeFirst();
          if (exists) continue;
          const now = Date.now();
          await db.insertInto('launches').values({ id: l.id, store_id: l.storeId, title: `Launch ${l.id.slice(0, 4)}`, description: '', cancelled_at: null, registration_required: 0, registration_opens_at: null, starts_at: l.startsAt, ends_at: l.startsAt + 86_400_000, per_buyer_limit: 2, payment_window_ms: 900_000, admission_rate_per_sec: 100, max_active: 100, pass_ttl_ms: 60_000, pow_difficulty: 0, paused: 0, shuffle_seed: null, shuffled_at: null, prequeue_count: null, stock_returned_at: null, created_at: now, updated_at: now }).execute();
          await db.insertInto('launch_items').values({ launch_id: l.id, sku_id: stores.find((x) => x.id === l.storeId)!.skuId, allotment: 4, price_minor: 99_900, currency: 'CNY' }).execute();
        }
        // The world's SKUs in the catalog (a platform view of one SKU reads its store's rows).
        const now = Date.now();
        await db
          .insertInto('skus')
          .values(w.skus.map((k) => ({ id: k.id, product_id: stores.find((x) => x.id === k.storeId)!.productId, store_id: k.storeId, code: `P-${k.id.slice(0, 8)}`, options_json: '{}', price_minor: 1000, currency: k.currency, stock: 0, images_json: '[]', created_at: now, updated_at: now })))
          .execute();
        // Both write paths: the analytics thread (raw driver, prepared statements, unnest()) and plain Kysely in this thread.
        const rec = new AnalyticsRecorder({ db, kind: s.engine, analyticsFile: rawHandle ? s.fm.ctx.engine.analyticsFile : null, pgConnection: rawHandle ? s.fm.ctx.engine.pgConnection : null, clock: systemClock, secret: 'property-test-secret', batchSize });
        await rec.writeStored(events);
        await rec.stop();
        const raw = await rawEvents(db);
        const scopes: Scope[] = [{ kind: 'store', storeId: w.stores[0]! }, { kind: 'platform' }];
        for (const f of filters) {
          for (const scope of scopes) {
            const ctx = JSON.stringify({ scope, f });
            expect(await salesSeries(db, scope, f), `sales ${ctx}`).toEqual(recountSales(raw, scope, f));
            const skus = (await skuTable(db, scope, f)).map(({ skuId, storeId, currency, orders, units, revenueMinor, refundedUnits, refundedMinor }) => ({ skuId, storeId, currency, orders, units, revenueMinor, refundedUnits, refundedMinor }));
            expect(skus, `skus ${ctx}`).toEqual(recountSkus(raw, scope, f));
            expect(await deviceMix(db, scope, f), `devices ${ctx}`).toEqual(recountDevices(raw, scope, f));
            expect(await topRegions(db, scope, f), `regions ${ctx}`).toEqual(recountRegions(raw, scope, f));
            const got = await funnels(db, scope, f);
            const launchRows = await db.selectFrom('launches').select(['id', 'store_id', 'title', 'starts_at', 'ends_at']).where('id', 'in', got.map((g) => g.launchId).concat([randomUUID()])).execute();
            expect(got, `funnels ${ctx}`).toEqual(got.map((g) => recountFunnel(raw, launchRows.find((l) => l.id === g.launchId)!)));
          }
        }
        for (const l of w.launches) {
          const row = await db.selectFrom('launches').select(['id', 'store_id', 'title', 'starts_at', 'ends_at']).where('id', '=', l.id).executeTakeFirstOrThrow();
          expect(await launchFunnel(db, l.id)).toEqual(recountFunnel(raw, row));
          expect(await selloutCurve(db, l.id)).toEqual(recountSellout(raw, l.id, l.startsAt, 4, 3600));
          expect(await selloutCurve(db, l.id, 10)).toEqual(recountSellout(raw, l.id, l.startsAt, 4, 10));
          expect(await waitingTimes(db, l.id)).toEqual(recountWaiting(raw, l.id));
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});

describe('the fold over columns', () => {
  /** The deltas' table columns only (the fold's bookkeeping on its rows names batch-local string ids). */
  const rowsOf = (d: Deltas) => ({
    ...d,
    sales: d.sales.map(({ lastPaid: _p, lastRefund: _r, ...row }: Deltas['sales'][number] & { lastPaid?: number; lastRefund?: number }) => row),
    regions: d.regions.map(({ lastPaid: _p, ...row }: Deltas['regions'][number] & { lastPaid?: number }) => row),
    devices: d.devices.map(({ lastPaid: _p, ...row }: Deltas['devices'][number] & { lastPaid?: number }) => row),
  });
  it('gives the same deltas whichever batch the events come in (a spelling of "none" or "unknown" lands on one key)', () => {
    const world = fc.constant(null).map(() => genWorld(['store-a', 'store-b'], Date.UTC(2025, 3, 8) + 7_919));
    fc.assert(
      fc.property(
        world.chain((w) => historyArb(w)),
        (events) => {
          // '' for "no launch / SKU / currency" and 'unknown' for "no region" are the same keys as null.
          const spelled = events.map((e, i) => (i % 2 === 0 ? { ...e, launch_id: e.launch_id ?? '', sku_id: e.sku_id ?? '', currency: e.currency ?? '', region: e.region ?? 'unknown' } : e));
          expect(rowsOf(computeDeltas(columnsOf(spelled)))).toEqual(rowsOf(computeDeltas(columnsOf(events))));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('log segments', () => {
  /** Any text a field may hold: ids, codes, and strings with quotes, escapes, newlines or any Unicode. */
  const text = fc.oneof(fc.uuid(), fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'null', '"', '\\', '\n\t', '\u2028'));
  const nullableText = fc.option(text, { nil: null });
  const num = fc.oneof(fc.integer(), fc.integer({ min: -1e15, max: 1e15 }));
  const event = fc.record({
    at: fc.integer({ min: 0, max: 4e12 }),
    type: fc.constantFrom('product_viewed', 'order_paid', 'hold_created', 'admitted'),
    store_id: text,
    product_id: nullableText,
    sku_id: nullableText,
    launch_id: nullableText,
    order_id: nullableText,
    buyer: nullableText,
    device: fc.constantFrom('phone', 'tablet', 'desktop', 'tv', 'unknown'),
    channel: fc.constantFrom('web', 'app', 'unknown'),
    region: nullableText,
    units: num,
    amount_minor: num,
    currency: nullableText,
    reason: nullableText,
    wait_ms: fc.option(num, { nil: null }),
    since_start_ms: fc.option(num, { nil: null }),
  }) as fc.Arbitrary<StoredEvent>;

  it('give back every event, field for field and in order, from columns that grew past their capacity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), async (events, slice) => {
        const b = new ColumnsBuilder(slice); // a capacity the events outgrow
        for (const e of events) b.add(e);
        const row = await encodeSegment(b.finish());
        expect(row.events).toBe(events.length);
        if (events.length > 0) expect([row.first_at, row.last_at]).toEqual([Math.min(...events.map((e) => e.at)), Math.max(...events.map((e) => e.at))]);
        expect(decodeSegment(row.body)).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a body of a format this version cannot read', () => {
    const body = gzipSync(JSON.stringify({ format: 2, n: 0, base: 0, strings: [], columns: {} }));
    expect(() => decodeSegment(body)).toThrow(/format 2/);
  });
});

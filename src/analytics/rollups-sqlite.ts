/**
 * The SQLite write path on the raw better-sqlite3 handle (`StorageEngine.sqlite`): one
 * synchronous transaction (the batch's log segment, then single-row upserts of the rollups) of
 * statements prepared once per handle, so no SQL text
 * is compiled per batch (a multi-row statement must be parsed again for every batch, and a
 * prepared single row is the cheapest insert better-sqlite3 has). Rows come sorted by key
 * (`computeDeltas`): each index page is visited once per batch, and rows created together
 * stay together on disk.
 */
import type SQLite from 'better-sqlite3';
import { countNewSteps, LAUNCH_BUYERS_MERGE, launchCounters, SALES_ADDS, type Deltas } from './rollups.js';
import type { SegmentRow } from './segments.js';
import { BuyerSketch } from './sketch.js';

/** The raw better-sqlite3 handle behind the Kysely instance (`StorageEngine.sqlite`). */
export type SqliteHandle = SQLite.Database;

/** The fixed-shape statements of the write path, prepared once per handle. */
interface Statements {
  segment: SQLite.Statement;
  sales: SQLite.Statement;
  regions: SQLite.Statement;
  devices: SQLite.Statement;
  sketchGet: SQLite.Statement;
  sketchPut: SQLite.Statement;
  launchBuyers: SQLite.Statement;
  counter: SQLite.Statement;
  sellout: SQLite.Statement;
  waits: SQLite.Statement;
}

interface Writer {
  s: Statements;
  write: SQLite.Transaction<(segment: SegmentRow, d: Deltas) => void>;
}

const writers = new WeakMap<SqliteHandle, Writer>();

/** The least page cache (KiB) of a connection that writes analytics. */
const MIN_CACHE_KIB = 131_072;

/** `INSERT … VALUES (?, …)` for one row, with the conflict clause of the Kysely path. */
function oneRow(table: string, keys: readonly string[], values: readonly string[], conflict: 'add' | 'replace' | 'nothing' | 'none'): string {
  const cols = [...keys, ...values];
  let tail = '';
  if (conflict === 'add') tail = ` ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  else if (conflict === 'replace') tail = ` ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  else if (conflict === 'nothing') tail = ` ON CONFLICT (${keys.join(', ')}) DO NOTHING`;
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})${tail}`;
}

function writerOf(h: SqliteHandle): Writer {
  let w = writers.get(h);
  if (w) return w;
  // A batch's rollup rows land at the ends of thousands of per-SKU ranges of the indexes (the
  // same pages batch after batch): a page cache below that working set evicts them mid-batch,
  // to read them again and write them out more than once. SQLite's default is 2 MB.
  const cache = Number(h.pragma('cache_size', { simple: true }));
  const cacheKib = cache < 0 ? -cache : (cache * Number(h.pragma('page_size', { simple: true }))) / 1024;
  if (cacheKib < MIN_CACHE_KIB) h.pragma(`cache_size = -${MIN_CACHE_KIB}`);
  const s: Statements = {
    segment: h.prepare('INSERT INTO analytics_event_segments (first_at, last_at, events, format, body, batch_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING'),
    sales: h.prepare(oneRow('analytics_sales', ['store_id', 'grain', 'sku_id', 'bucket_start', 'launch_id', 'currency'], SALES_ADDS, 'add')),
    regions: h.prepare(oneRow('analytics_regions', ['store_id', 'day', 'region', 'launch_id', 'currency'], ['orders', 'units', 'revenue_minor'], 'add')),
    devices: h.prepare(oneRow('analytics_devices', ['store_id', 'day', 'device', 'launch_id'], ['transactions', 'units'], 'add')),
    sketchGet: h.prepare('SELECT sketch FROM analytics_buyer_sketches WHERE scope = ? AND scope_id = ? AND day = ? AND device = ?').pluck(),
    sketchPut: h.prepare(oneRow('analytics_buyer_sketches', ['scope', 'scope_id', 'day', 'device'], ['sketch'], 'replace')),
    launchBuyers: h
      .prepare(
        'INSERT INTO analytics_launch_buyers (launch_id, buyer, steps, added) VALUES (?, ?, ?, ?) ' +
          `ON CONFLICT (launch_id, buyer) DO UPDATE SET ${LAUNCH_BUYERS_MERGE.set} WHERE ${LAUNCH_BUYERS_MERGE.where} RETURNING added`,
      )
      .pluck(),
    counter: h.prepare(oneRow('analytics_launch_counters', ['launch_id', 'metric'], ['value'], 'add')),
    sellout: h.prepare(oneRow('analytics_sellout', ['launch_id', 'second'], ['held_units', 'paid_units', 'released_units'], 'add')),
    waits: h.prepare(oneRow('analytics_waits', ['launch_id', 'bucket'], ['admitted'], 'add')),
  };
  w = { s, write: h.transaction((segment: SegmentRow, d: Deltas) => writeAll(s, segment, d)) };
  writers.set(h, w);
  return w;
}


function writeAll(s: Statements, g: SegmentRow, d: Deltas): void {
  // Stored already (a retry after a commit whose answer was lost): nothing more to add.
  if (s.segment.run(g.first_at, g.last_at, g.events, g.format, g.body, g.batch_id).changes === 0) return;
  for (const r of d.sales) s.sales.run(r.store_id, r.grain, r.sku_id, r.bucket_start, r.launch_id, r.currency, r.views, r.orders, r.units, r.revenue_minor, r.refunds, r.refunded_units, r.refunded_minor, r.shipped, r.delivered);
  for (const r of d.regions) s.regions.run(r.store_id, r.day, r.region, r.launch_id, r.currency, r.orders, r.units, r.revenue_minor);
  for (const r of d.devices) s.devices.run(r.store_id, r.day, r.device, r.launch_id, r.transactions, r.units);
  for (const k of d.sketches) {
    const stored = s.sketchGet.get(k.scope, k.scope_id, k.day, k.device) as Uint8Array | undefined;
    s.sketchPut.run(k.scope, k.scope_id, k.day, k.device, BuyerSketch.withHashes(stored, k.hashes));
  }
  const counters = launchCounters(d);
  for (const b of d.launchBuyers) {
    const added = s.launchBuyers.get(b.launch_id, b.buyer, b.steps, b.steps) as number | undefined;
    if (added !== undefined) countNewSteps(counters, b.launch_id, added);
  }
  for (const c of counters.values()) s.counter.run(c.launch_id, c.metric, c.value);
  for (const r of d.sellout) s.sellout.run(r.launch_id, r.second, r.held_units, r.paid_units, r.released_units);
  for (const r of d.waits) s.waits.run(r.launch_id, r.bucket, r.admitted);
}

/**
 * Writes a batch (its log segment and its deltas) in one immediate transaction on the handle.
 * The caller holds Kysely's connection (`db.connection()`), so no Kysely transaction is open
 * on the handle meanwhile; being synchronous, nothing else runs inside this one either.
 */
export function writeEventsSqlite(h: SqliteHandle, segment: SegmentRow, d: Deltas): void {
  if (segment.events === 0) return;
  if (h.inTransaction) throw new Error('analytics: the SQLite connection is inside another transaction');
  writerOf(h).write.immediate(segment, d);
}

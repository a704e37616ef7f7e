/**
 * The PostgreSQL write path on a client of the analytics thread's pool: the batch's log segment
 * (one bytea, sent in binary; a batch stored already stops here), then every rollup but the
 * sketches in one statement, each rollup an upsert over `unnest()` of array parameters that are
 * serialized here as array literals (the driver does no work per element). The parameters are built ahead
 * (`preparePg`), so the analytics thread can build the next batch's while the server writes this one.
 * Rows come sorted by key (`computeDeltas`), so concurrent flushes lock them in one order.
 * Sketches are created if missing, locked, merged in memory and written back; buyers new to a
 * funnel step are counted by the server in the same statement that records their steps.
 */
import type pg from 'pg';
import { FUNNEL_STEPS } from './events.js';
import { LAUNCH_BUYERS_MERGE, SALES_ADDS, type Deltas } from './rollups.js';
import type { SegmentRow } from './segments.js';
import { BuyerSketch } from './sketch.js';

/** The raw pg pool behind the Kysely instance (`StorageEngine.pgPool`). */
export type PgPool = pg.Pool;

/** One batch, ready to write: its log segment and the array literals of its rollups. */
export interface PgBatch {
  events: number;
  segment: SegmentRow;
  sales: string[];
  regions: string[];
  devices: string[];
  sketches: Deltas['sketches'];
  sketchKeys: string[];
  launchBuyers: string[];
  counters: string[];
  sellout: string[];
  waits: string[];
}

const QUOTE_SPECIAL = /["\\]/;

/** One element of a text[] literal: always quoted (so '' and 'NULL' stay strings). */
function quoted(v: string): string {
  return QUOTE_SPECIAL.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
}

/** A text[] literal: joined in one step when no element needs escaping (ids, codes), else element by element. */
function textArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  let plain = true;
  for (let i = 0; i < values.length && plain; i++) plain = !QUOTE_SPECIAL.test(values[i]!);
  if (plain) return '{"' + values.join('","') + '"}';
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = quoted(values[i]!);
  return '{' + parts.join(',') + '}';
}

type Kind = 'text' | 'bigint' | 'integer';

/**
 * The array literals of some columns of rows (text[] elements quoted, bigint[] as integers,
 * which every counter and key here is): one string per column.
 */
function columnsOf<T>(rows: readonly T[], columns: ReadonlyArray<readonly [keyof T, Kind]>): string[] {
  const out = new Array<string>(columns.length);
  const values = new Array<unknown>(rows.length);
  for (let j = 0; j < columns.length; j++) {
    const [c, kind] = columns[j]!;
    for (let i = 0; i < rows.length; i++) values[i] = rows[i]![c];
    out[j] = kind === 'text' ? textArray(values as string[]) : '{' + values.join(',') + '}';
  }
  return out;
}

const SALES_COLUMNS = [
  ['store_id', 'text'],
  ['grain', 'text'],
  ['sku_id', 'text'],
  ['bucket_start', 'bigint'],
  ['launch_id', 'text'],
  ['currency', 'text'],
  ...SALES_ADDS.map((c) => [c, 'bigint'] as const),
] as const satisfies ReadonlyArray<readonly [keyof Deltas['sales'][number], Kind]>;
const REGION_COLUMNS = [['store_id', 'text'], ['day', 'bigint'], ['region', 'text'], ['launch_id', 'text'], ['currency', 'text'], ['orders', 'bigint'], ['units', 'bigint'], ['revenue_minor', 'bigint']] as const satisfies ReadonlyArray<readonly [keyof Deltas['regions'][number], Kind]>;
const DEVICE_COLUMNS = [['store_id', 'text'], ['day', 'bigint'], ['device', 'text'], ['launch_id', 'text'], ['transactions', 'bigint'], ['units', 'bigint']] as const satisfies ReadonlyArray<readonly [keyof Deltas['devices'][number], Kind]>;
const SKETCH_KEY_COLUMNS = [['scope', 'text'], ['scope_id', 'text'], ['day', 'bigint'], ['device', 'text']] as const satisfies ReadonlyArray<readonly [keyof Deltas['sketches'][number], Kind]>;
const LAUNCH_BUYER_COLUMNS = [['launch_id', 'text'], ['buyer', 'text'], ['steps', 'integer']] as const satisfies ReadonlyArray<readonly [keyof Deltas['launchBuyers'][number], Kind]>;
const COUNTER_COLUMNS = [['launch_id', 'text'], ['metric', 'text'], ['value', 'bigint']] as const satisfies ReadonlyArray<readonly [keyof Deltas['counters'][number], Kind]>;
const SELLOUT_COLUMNS = [['launch_id', 'text'], ['second', 'bigint'], ['held_units', 'bigint'], ['paid_units', 'bigint'], ['released_units', 'bigint']] as const satisfies ReadonlyArray<readonly [keyof Deltas['sellout'][number], Kind]>;
const WAIT_COLUMNS = [['launch_id', 'text'], ['bucket', 'bigint'], ['admitted', 'bigint']] as const satisfies ReadonlyArray<readonly [keyof Deltas['waits'][number], Kind]>;

/**
 * The sales rows' array literals, in `SALES_COLUMNS` order: the batch's largest list, read in
 * one pass with each field named (plain property loads), instead of column by column.
 */
function salesColumns(rows: Deltas['sales']): string[] {
  const n = rows.length;
  const store = new Array<string>(n), grain = new Array<string>(n), sku = new Array<string>(n), launch = new Array<string>(n), currency = new Array<string>(n);
  const nums = SALES_NUMBER_FIELDS.map(() => new Float64Array(n));
  const [bucket, views, orders, units, revenue, refunds, refundedUnits, refundedMinor, shipped, delivered] = nums as [Float64Array, ...Float64Array[]];
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    store[i] = r.store_id;
    grain[i] = r.grain;
    sku[i] = r.sku_id;
    launch[i] = r.launch_id;
    currency[i] = r.currency;
    bucket[i] = r.bucket_start;
    views![i] = r.views;
    orders![i] = r.orders;
    units![i] = r.units;
    revenue![i] = r.revenue_minor;
    refunds![i] = r.refunds;
    refundedUnits![i] = r.refunded_units;
    refundedMinor![i] = r.refunded_minor;
    shipped![i] = r.shipped;
    delivered![i] = r.delivered;
  }
  const ints = (a: Float64Array) => '{' + a.join(',') + '}';
  return [textArray(store), textArray(grain), textArray(sku), ints(bucket), textArray(launch), textArray(currency), ...nums.slice(1).map(ints)];
}
/** The number fields of a sales row, in `SALES_COLUMNS` order. */
const SALES_NUMBER_FIELDS = ['bucket_start', ...SALES_ADDS] as const;

/** Builds everything a batch's write sends (pure CPU work, done ahead of the write). */
export function preparePg(segment: SegmentRow, d: Deltas): PgBatch {
  return {
    events: segment.events,
    segment,
    sales: salesColumns(d.sales),
    regions: columnsOf(d.regions, REGION_COLUMNS),
    devices: columnsOf(d.devices, DEVICE_COLUMNS),
    sketches: d.sketches,
    sketchKeys: columnsOf(d.sketches, SKETCH_KEY_COLUMNS),
    launchBuyers: columnsOf(d.launchBuyers, LAUNCH_BUYER_COLUMNS),
    counters: columnsOf(d.counters, COUNTER_COLUMNS),
    sellout: columnsOf(d.sellout, SELLOUT_COLUMNS),
    waits: columnsOf(d.waits, WAIT_COLUMNS),
  };
}

/**
 * `INSERT … SELECT * FROM unnest($n::t[], …) ON CONFLICT (keys) DO UPDATE SET c = table.c + excluded.c`,
 * its parameters numbered from `first`.
 */
function upsertAddSql(table: string, columns: ReadonlyArray<readonly [string, Kind]>, keys: number, first: number): string {
  const names = columns.map(([c]) => c);
  const adds = names.slice(keys);
  return (
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${columns.map(([, k], i) => `$${first + i}::${k}[]`).join(', ')}) ` +
    `ON CONFLICT (${names.slice(0, keys).join(', ')}) DO UPDATE SET ${adds.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`
  );
}

/**
 * Every rollup but the sketches in one statement (data-modifying CTEs, each run once): one
 * round trip instead of one per table. New funnel buyers are counted where they are added; the
 * batch's own launch counters are added with them. Parameters: sales, regions, devices,
 * sell-out, waits, funnel, counters columns, in that order (`rollupValues`).
 */
function rollupsSql(): string {
  let n = 1;
  const next = (columns: readonly unknown[]) => {
    const first = n;
    n += columns.length;
    return first;
  };
  const sales = upsertAddSql('analytics_sales', SALES_COLUMNS, 6, next(SALES_COLUMNS));
  const regions = upsertAddSql('analytics_regions', REGION_COLUMNS, 5, next(REGION_COLUMNS));
  const devices = upsertAddSql('analytics_devices', DEVICE_COLUMNS, 4, next(DEVICE_COLUMNS));
  const sellout = upsertAddSql('analytics_sellout', SELLOUT_COLUMNS, 2, next(SELLOUT_COLUMNS));
  const waits = upsertAddSql('analytics_waits', WAIT_COLUMNS, 2, next(WAIT_COLUMNS));
  const f = next(LAUNCH_BUYER_COLUMNS);
  const c = next(COUNTER_COLUMNS);
  return (
    `WITH sales AS (${sales}), regions AS (${regions}), devices AS (${devices}), sellout AS (${sellout}), waits AS (${waits}), ` +
    `added AS (INSERT INTO analytics_launch_buyers (launch_id, buyer, steps, added) SELECT l, b, s, s FROM unnest($${f}::text[], $${f + 1}::text[], $${f + 2}::integer[]) AS u(l, b, s) ` +
    `ON CONFLICT (launch_id, buyer) DO UPDATE SET ${LAUNCH_BUYERS_MERGE.set} WHERE ${LAUNCH_BUYERS_MERGE.where} RETURNING launch_id, added), ` +
    `deltas AS (SELECT launch_id, metric, value FROM unnest($${c}::text[], $${c + 1}::text[], $${c + 2}::bigint[]) AS d(launch_id, metric, value) ` +
    `UNION ALL SELECT a.launch_id, 'buyers:' || s.step, count(*) FROM added a JOIN (VALUES ${STEP_BITS}) AS s(bit, step) ON a.added & s.bit <> 0 GROUP BY a.launch_id, s.step) ` +
    'INSERT INTO analytics_launch_counters (launch_id, metric, value) SELECT launch_id, metric, sum(value) FROM deltas GROUP BY launch_id, metric ORDER BY launch_id, metric ' +
    'ON CONFLICT (launch_id, metric) DO UPDATE SET value = analytics_launch_counters.value + excluded.value'
  );
}

/** The funnel steps and their bits, as a VALUES list. */
const STEP_BITS = FUNNEL_STEPS.map((s, i) => `(${1 << i}, '${s.step}')`).join(', ');

/** The columns of a log segment, as `SQL.segment` inserts them. */
const SEGMENT_COLUMNS = ['first_at', 'last_at', 'events', 'format', 'body', 'batch_id'] as const;

/** The parameters of `rollupsSql` (the segment's body a Buffer: the driver sends it in binary). */
function rollupValues(b: PgBatch): unknown[] {
  return [...b.sales, ...b.regions, ...b.devices, ...b.sellout, ...b.waits, ...b.launchBuyers, ...b.counters];
}

const SQL = {
  // Nothing returned: the batch is stored already (written again after a commit whose answer was lost).
  segment: `INSERT INTO analytics_event_segments (${SEGMENT_COLUMNS.join(', ')}) VALUES (${SEGMENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (batch_id) DO NOTHING RETURNING id`,
  rollups: rollupsSql(),
  sketchCreate:
    'INSERT INTO analytics_buyer_sketches (scope, scope_id, day, device, sketch) SELECT k.scope, k.scope_id, k.day, k.device, $5::bytea ' +
    'FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS k(scope, scope_id, day, device) ON CONFLICT (scope, scope_id, day, device) DO NOTHING',
  sketchLock:
    'SELECT s.scope, s.scope_id, s.day, s.device, s.sketch FROM analytics_buyer_sketches s ' +
    'JOIN unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS k(scope, scope_id, day, device) USING (scope, scope_id, day, device) ' +
    'ORDER BY s.scope, s.scope_id, s.day, s.device FOR UPDATE OF s',
  sketchPut:
    'INSERT INTO analytics_buyer_sketches (scope, scope_id, day, device, sketch) SELECT k.scope, k.scope_id, k.day, k.device, decode(k.hex, \'hex\') ' +
    'FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS k(scope, scope_id, day, device, hex) ' +
    'ON CONFLICT (scope, scope_id, day, device) DO UPDATE SET sketch = excluded.sketch',
};

const K = '\u0001';

/** Merges the batch's buyers into the stored sketches: created if missing, locked, merged, written back. */
async function mergeSketches(client: pg.PoolClient, b: PgBatch): Promise<void> {
  if (b.sketches.length === 0) return;
  await client.query({ name: 'fm_analytics_sketch_create', text: SQL.sketchCreate, values: [...b.sketchKeys, new BuyerSketch().encode()] });
  const locked = await client.query<{ scope: string; scope_id: string; day: number; device: string; sketch: Buffer }>({ name: 'fm_analytics_sketch_lock', text: SQL.sketchLock, values: b.sketchKeys });
  const stored = new Map(locked.rows.map((r) => [r.scope + K + r.scope_id + K + Number(r.day) + K + r.device, r.sketch]));
  const hex = b.sketches.map((s) => BuyerSketch.withHashes(stored.get(s.scope + K + s.scope_id + K + s.day + K + s.device), s.hashes).toString('hex'));
  await client.query({ name: 'fm_analytics_sketch_put', text: SQL.sketchPut, values: [...b.sketchKeys, textArray(hex)] });
}

/**
 * Writes a prepared batch in one transaction on a pool client: its log segment first (a batch
 * stored already adds nothing more), then the rollups.
 */
export async function writeEventsPg(pool: PgPool, b: PgBatch): Promise<void> {
  if (b.events === 0) return;
  const client = await pool.connect();
  let done = false;
  try {
    await client.query('BEGIN');
    const segment = await client.query({ name: 'fm_analytics_segment', text: SQL.segment, values: SEGMENT_COLUMNS.map((c) => b.segment[c]) });
    if (segment.rowCount === 1) {
      await client.query({ name: 'fm_analytics_rollups', text: SQL.rollups, values: rollupValues(b) });
      await mergeSketches(client, b);
    }
    await client.query('COMMIT');
    done = true;
  } finally {
    if (done) client.release();
    else {
      // A client whose rollback fails is broken: dropped from the pool, not reused.
      const broken = await client.query('ROLLBACK').then(
        () => undefined,
        (err: Error) => err,
      );
      client.release(broken);
    }
  }
}

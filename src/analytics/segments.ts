/**
 * The raw event log, kept as segments: each flushed batch is one row of
 * `analytics_event_segments` whose body is the batch's events, column by column, as gzip'd
 * JSON. Per event that is about 22 bytes instead of a 17-column row (about 160 bytes, plus its
 * key), and one insert per batch instead of one per event: the log costs the flush little, and
 * a segment can be read with nothing but gunzip and a JSON parser.
 *
 * Body (format 1): `{ format: 1, n, base, strings, columns }`. `base` is the smallest `at`;
 * the `at` column holds offsets from it. Every text column holds indexes into `strings` (-1
 * for null); every number column holds the numbers (or null). Events keep their order.
 *
 * `readEvents` gives the log back as events (the brute-force recounts of the tests, exports,
 * rebuilding rollups); the rollups never read it.
 */
import { gunzipSync, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StoredEvent } from './events.js';
import { eventsOf, NUMBER_COLUMNS, TEXT_COLUMNS, type EventColumns } from './columns.js';

/** The body format this code writes (and the only one it reads so far). */
export const SEGMENT_FORMAT = 1;

type TextColumn = (typeof TEXT_COLUMNS)[number];
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/** A segment row ready to insert (its body compressed). */
export interface SegmentRow {
  first_at: number;
  last_at: number;
  events: number;
  format: number;
  body: Buffer;
  /** The batch it holds (see `EventColumns.id`). */
  batch_id: string;
}

interface Body {
  format: number;
  n: number;
  base: number;
  strings: string[];
  columns: Record<'at' | TextColumn | NumberColumn, Array<number | null>>;
}

const gzipAsync = promisify(gzip);
/** The fastest deflate level, with its largest hash memory (about a tenth faster here for the same size). */
const GZIP = { level: 1, memLevel: 9 } as const;

/** A number column's JSON array: NaN (how columns hold null) written as null. */
function numbersJson(a: Float64Array): string {
  const s = '[' + a.join(',') + ']';
  return s.includes('NaN') ? s.replace(/NaN/g, 'null') : s;
}

/** A batch's segment body as JSON (uncompressed), and its time span. */
export function segmentJson(c: EventColumns): { json: string; first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < c.n; i++) {
    const t = c.at[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const base = c.n > 0 ? first : 0;
  const at = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) at[i] = c.at[i]! - base;
  const columns = [`"at":${numbersJson(at)}`];
  TEXT_COLUMNS.forEach((name, k) => columns.push(`"${name}":[${c.text[k]!.join(',')}]`));
  NUMBER_COLUMNS.forEach((name, k) => columns.push(`"${name}":${numbersJson(c.numbers[k]!)}`));
  const json = `{"format":${SEGMENT_FORMAT},"n":${c.n},"base":${base},"strings":${JSON.stringify(c.strings)},"columns":{${columns.join(',')}}}`;
  return { json, first: base, last: c.n > 0 ? last : 0 };
}

/** A batch's segment row, its body gzip'd (in zlib's thread pool). */
export async function encodeSegment(c: EventColumns): Promise<SegmentRow> {
  const { json, first, last } = segmentJson(c);
  return { first_at: first, last_at: last, events: c.n, format: SEGMENT_FORMAT, body: await gzipAsync(json, GZIP), batch_id: c.id };
}

/** The events of a segment body, in their order; throws on a body this code cannot read. */
export function decodeSegment(body: Uint8Array): StoredEvent[] {
  const b = JSON.parse(gunzipSync(body).toString('utf8')) as Body;
  if (b.format !== SEGMENT_FORMAT) throw new Error(`analytics: segment format ${String(b.format)} is not readable by this version`);
  const { n, base, strings, columns } = b;
  const numbers = (c: ReadonlyArray<number | null>) => Float64Array.from(c, (v) => v ?? NaN);
  return eventsOf({
    id: '',
    n,
    at: Float64Array.from(columns.at, (v) => base + v!),
    text: TEXT_COLUMNS.map((c) => Int32Array.from(columns[c], (v) => v ?? -1)),
    numbers: NUMBER_COLUMNS.map((c) => numbers(columns[c])),
    strings,
  });
}

/** Which part of the log to read: events at or after `from` and before `to` (ms). */
export interface EventRange {
  from?: number;
  to?: number;
}

/**
 * The raw events, segment by segment in the order they were written (each yielded array is
 * one segment's events within the range).
 */
export async function* readEvents(db: Kysely<Database>, range: EventRange = {}): AsyncGenerator<StoredEvent[]> {
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  let after = 0;
  for (;;) {
    let q = db.selectFrom('analytics_event_segments').select(['id', 'body']).where('id', '>', after);
    if (Number.isFinite(from)) q = q.where('last_at', '>=', from);
    if (Number.isFinite(to)) q = q.where('first_at', '<', to);
    const rows = await q.orderBy('id').limit(16).execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      after = Number(r.id);
      const events = decodeSegment(r.body);
      yield Number.isFinite(from) || Number.isFinite(to) ? events.filter((e) => e.at >= from && e.at < to) : events;
    }
  }
}

/** Every raw event in the range, in log order (for small logs: tests, tools). */
export async function allEvents(db: Kysely<Database>, range: EventRange = {}): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const events of readEvents(db, range)) for (const e of events) out.push(e);
  return out;
}

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

/** The body format this code writes (and the only one it reads so far). */
export const SEGMENT_FORMAT = 1;

/** The text columns of an event, as stored in a segment. */
const TEXT_COLUMNS = ['type', 'store_id', 'product_id', 'sku_id', 'launch_id', 'order_id', 'buyer', 'device', 'channel', 'region', 'currency', 'reason'] as const;
/** The number columns of an event (besides `at`). */
const NUMBER_COLUMNS = ['units', 'amount_minor', 'wait_ms', 'since_start_ms'] as const;

type TextColumn = (typeof TEXT_COLUMNS)[number];
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/** A segment row ready to insert (its body compressed). */
export interface SegmentRow {
  first_at: number;
  last_at: number;
  events: number;
  format: number;
  body: Buffer;
}

interface Body {
  format: number;
  n: number;
  base: number;
  strings: string[];
  columns: Record<'at' | TextColumn | NumberColumn, Array<number | null>>;
}

const gzipAsync = promisify(gzip);

/** A number column's JSON array: NaN (how the encoder holds null) written as null. */
function numbersJson(a: Float64Array, n: number): string {
  const s = '[' + a.subarray(0, n).join(',') + ']';
  return s.includes('NaN') ? s.replace(/NaN/g, 'null') : s;
}

/**
 * Builds one segment from events given in one or more slices (`add`), in order, into typed
 * columns sized for the batch (no per-event garbage); `finish` writes the JSON from them and
 * compresses it off the main thread (zlib's thread pool).
 */
export class SegmentEncoder {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private n = 0;
  private at: Float64Array;
  private text: Int32Array[];
  private numbers: Float64Array[];
  private first = Infinity;
  private last = -Infinity;

  /** `capacity`: the events expected (the columns grow past it if need be). */
  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.at = new Float64Array(cap);
    this.text = TEXT_COLUMNS.map(() => new Int32Array(cap));
    this.numbers = NUMBER_COLUMNS.map(() => new Float64Array(cap));
  }

  /** Adds `events[from, to)`. */
  add(events: readonly StoredEvent[], from = 0, to = events.length): void {
    this.reserve(this.n + (to - from));
    const { at, text: t, numbers: num } = this;
    let j = this.n;
    // Fields named one by one (not looked up by a column name): each read stays a plain property load.
    for (let i = from; i < to; i++, j++) {
      const e = events[i]!;
      at[j] = e.at;
      if (e.at < this.first) this.first = e.at;
      if (e.at > this.last) this.last = e.at;
      t[0]![j] = this.id(e.type);
      t[1]![j] = this.id(e.store_id);
      t[2]![j] = this.id(e.product_id);
      t[3]![j] = this.id(e.sku_id);
      t[4]![j] = this.id(e.launch_id);
      t[5]![j] = this.id(e.order_id);
      t[6]![j] = this.id(e.buyer);
      t[7]![j] = this.id(e.device);
      t[8]![j] = this.id(e.channel);
      t[9]![j] = this.id(e.region);
      t[10]![j] = this.id(e.currency);
      t[11]![j] = this.id(e.reason);
      num[0]![j] = e.units;
      num[1]![j] = e.amount_minor;
      num[2]![j] = e.wait_ms ?? NaN;
      num[3]![j] = e.since_start_ms ?? NaN;
    }
    this.n = j;
  }

  /** A string's index in the segment's dictionary (-1 for null). */
  private id(v: string | null): number {
    if (v === null) return -1;
    let id = this.ids.get(v);
    if (id === undefined) {
      this.ids.set(v, (id = this.strings.length));
      this.strings.push(v);
    }
    return id;
  }

  /** Room for `n` events. */
  private reserve(n: number): void {
    if (n <= this.at.length) return;
    const cap = Math.max(n, this.at.length * 2);
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (cap: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.at = grow(this.at, (c) => new Float64Array(c));
    this.text = this.text.map((a) => grow(a, (c) => new Int32Array(c)));
    this.numbers = this.numbers.map((a) => grow(a, (c) => new Float64Array(c)));
  }

  /** The events added so far. */
  get size(): number {
    return this.n;
  }

  /** The segment's row, its body gzip'd. */
  async finish(): Promise<SegmentRow> {
    const n = this.n;
    const base = n > 0 ? this.first : 0;
    const at = this.at.subarray(0, n);
    for (let i = 0; i < n; i++) at[i] = at[i]! - base;
    const columns = [`"at":${numbersJson(at, n)}`];
    TEXT_COLUMNS.forEach((c, k) => columns.push(`"${c}":[${this.text[k]!.subarray(0, n).join(',')}]`));
    NUMBER_COLUMNS.forEach((c, k) => columns.push(`"${c}":${numbersJson(this.numbers[k]!, n)}`));
    const json = `{"format":${SEGMENT_FORMAT},"n":${n},"base":${base},"strings":${JSON.stringify(this.strings)},"columns":{${columns.join(',')}}}`;
    return { first_at: base, last_at: n > 0 ? this.last : 0, events: n, format: SEGMENT_FORMAT, body: await gzipAsync(json, { level: 1 }) };
  }
}

/** One segment's row of events. */
export function encodeSegment(events: readonly StoredEvent[]): Promise<SegmentRow> {
  const enc = new SegmentEncoder(events.length);
  enc.add(events);
  return enc.finish();
}

/** The events of a segment body, in their order; throws on a body this code cannot read. */
export function decodeSegment(body: Uint8Array): StoredEvent[] {
  const b = JSON.parse(gunzipSync(body).toString('utf8')) as Body;
  if (b.format !== SEGMENT_FORMAT) throw new Error(`analytics: segment format ${String(b.format)} is not readable by this version`);
  const { n, base, strings, columns } = b;
  const text = (c: TextColumn, i: number): string | null => {
    const id = columns[c][i];
    return id === null || id === undefined || id < 0 ? null : strings[id]!;
  };
  const num = (c: NumberColumn, i: number): number | null => columns[c][i] ?? null;
  const out = new Array<StoredEvent>(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      at: base + columns.at[i]!,
      type: text('type', i) as StoredEvent['type'],
      store_id: text('store_id', i)!,
      product_id: text('product_id', i),
      sku_id: text('sku_id', i),
      launch_id: text('launch_id', i),
      order_id: text('order_id', i),
      buyer: text('buyer', i),
      device: text('device', i) as StoredEvent['device'],
      channel: text('channel', i) as StoredEvent['channel'],
      region: text('region', i),
      units: num('units', i) ?? 0,
      amount_minor: num('amount_minor', i) ?? 0,
      currency: text('currency', i),
      reason: text('reason', i),
      wait_ms: num('wait_ms', i),
      since_start_ms: num('since_start_ms', i),
    };
  }
  return out;
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

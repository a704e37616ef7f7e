/**
 * A batch of analytics events held column by column: one typed array per field, text fields
 * as indexes into the batch's own string dictionary. This is how events travel from the
 * recorder to the analytics thread (typed arrays cross threads as plain memory), how the fold
 * reads them (no object per event), and, joined as JSON, the body of a log segment.
 */
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from './events.js';

/** The text fields of an event, in column order. */
export const TEXT_COLUMNS = ['type', 'store_id', 'product_id', 'sku_id', 'launch_id', 'order_id', 'buyer', 'device', 'channel', 'region', 'currency', 'reason'] as const;
/** The number fields of an event besides `at`, in column order (null held as NaN). */
export const NUMBER_COLUMNS = ['units', 'amount_minor', 'wait_ms', 'since_start_ms'] as const;

/** Index of each text column in `EventColumns.text`. */
export const T = { type: 0, store: 1, product: 2, sku: 3, launch: 4, order: 5, buyer: 6, device: 7, channel: 8, region: 9, currency: 10, reason: 11 } as const;
/** Index of each number column in `EventColumns.numbers`. */
export const N = { units: 0, amount: 1, waitMs: 2, sinceStartMs: 3 } as const;

/**
 * Events column by column. Text columns hold indexes into `strings` (-1 for null); number
 * columns hold the numbers (NaN for null). Every array has exactly `n` entries.
 */
export interface EventColumns {
  /** The batch's id: its write is idempotent (a batch written twice is stored once). */
  id: string;
  n: number;
  at: Float64Array;
  text: Int32Array[];
  numbers: Float64Array[];
  strings: string[];
}

/** Appends events to columns sized as they grow, interning their strings; `finish` gives the batch. */
export class ColumnsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private n = 0;
  private at: Float64Array;
  private text: Int32Array[];
  private numbers: Float64Array[];
  private readonly lastValue: Array<string | null> = TEXT_COLUMNS.map(() => null);
  private readonly lastId = new Int32Array(TEXT_COLUMNS.length).fill(-1);

  /** `capacity`: the events expected (the columns grow past it if need be). */
  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.at = new Float64Array(cap);
    this.text = TEXT_COLUMNS.map(() => new Int32Array(cap));
    this.numbers = NUMBER_COLUMNS.map(() => new Float64Array(cap));
  }

  /** The events added so far. */
  get size(): number {
    return this.n;
  }

  /**
   * Appends one event given field by field (the recorder's hot path: no object per event).
   * `waitMs` and `sinceStartMs` take null for "none".
   */
  push(
    at: number,
    type: string,
    store: string,
    product: string | null,
    sku: string | null,
    launch: string | null,
    order: string | null,
    buyer: string | null,
    device: string,
    channel: string,
    region: string | null,
    currency: string | null,
    reason: string | null,
    units: number,
    amountMinor: number,
    waitMs: number | null,
    sinceStartMs: number | null,
  ): void {
    const j = this.n;
    if (j === this.at.length) this.grow(j * 2);
    this.at[j] = at;
    const t = this.text;
    t[0]![j] = this.idIn(0, type);
    t[1]![j] = this.idIn(1, store);
    t[2]![j] = this.idIn(2, product);
    t[3]![j] = this.idIn(3, sku);
    t[4]![j] = this.idIn(4, launch);
    t[5]![j] = this.idIn(5, order);
    t[6]![j] = this.idIn(6, buyer);
    t[7]![j] = this.idIn(7, device);
    t[8]![j] = this.idIn(8, channel);
    t[9]![j] = this.idIn(9, region);
    t[10]![j] = this.idIn(10, currency);
    t[11]![j] = this.idIn(11, reason);
    const num = this.numbers;
    num[0]![j] = units;
    num[1]![j] = amountMinor;
    num[2]![j] = waitMs ?? NaN;
    num[3]![j] = sinceStartMs ?? NaN;
    this.n = j + 1;
  }

  /** Appends a complete event. */
  add(e: StoredEvent): void {
    this.push(e.at, e.type, e.store_id, e.product_id, e.sku_id, e.launch_id, e.order_id, e.buyer, e.device, e.channel, e.region, e.currency, e.reason, e.units, e.amount_minor, e.wait_ms, e.since_start_ms);
  }

  /** The batch, named `id`: every column trimmed to the events added (the builder is not to be used after). */
  finish(id: string = randomUUID()): EventColumns {
    const n = this.n;
    return { id, n, at: this.at.slice(0, n), text: this.text.map((c) => c.slice(0, n)), numbers: this.numbers.map((c) => c.slice(0, n)), strings: this.strings };
  }

  /**
   * A string's index in the dictionary, for column `col`: the column's last value is checked
   * first (consecutive events mostly share a type, store, device, currency …).
   */
  private idIn(col: number, v: string | null): number {
    if (v === this.lastValue[col]) return this.lastId[col]!;
    const id = this.id(v);
    this.lastValue[col] = v;
    this.lastId[col] = id;
    return id;
  }

  /** A string's index in the dictionary (-1 for null). */
  private id(v: string | null): number {
    if (v === null) return -1;
    let id = this.ids.get(v);
    if (id === undefined) {
      this.ids.set(v, (id = this.strings.length));
      this.strings.push(v);
    }
    return id;
  }

  private grow(cap: number): void {
    const grow = <A extends Float64Array | Int32Array>(a: A, make: (cap: number) => A): A => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.at = grow(this.at, (c) => new Float64Array(c));
    this.text = this.text.map((a) => grow(a, (c) => new Int32Array(c)));
    this.numbers = this.numbers.map((a) => grow(a, (c) => new Float64Array(c)));
  }
}

/** Complete events as one batch of columns (a new batch id). */
export function columnsOf(events: readonly StoredEvent[], from = 0, to = events.length): EventColumns {
  const b = new ColumnsBuilder(to - from);
  for (let i = from; i < to; i++) b.add(events[i]!);
  return b.finish();
}

/** The events of a batch as objects, in order. */
export function eventsOf(c: EventColumns): StoredEvent[] {
  const s = c.strings;
  const text = (col: number, i: number): string | null => {
    const id = c.text[col]![i]!;
    return id < 0 ? null : s[id]!;
  };
  const num = (col: number, i: number): number | null => {
    const v = c.numbers[col]![i]!;
    return Number.isNaN(v) ? null : v;
  };
  const out = new Array<StoredEvent>(c.n);
  for (let i = 0; i < c.n; i++) {
    out[i] = {
      at: c.at[i]!,
      type: text(T.type, i) as StoredEvent['type'],
      store_id: text(T.store, i)!,
      product_id: text(T.product, i),
      sku_id: text(T.sku, i),
      launch_id: text(T.launch, i),
      order_id: text(T.order, i),
      buyer: text(T.buyer, i),
      device: text(T.device, i) as StoredEvent['device'],
      channel: text(T.channel, i) as StoredEvent['channel'],
      region: text(T.region, i),
      units: num(N.units, i) ?? 0,
      amount_minor: num(N.amount, i) ?? 0,
      currency: text(T.currency, i),
      reason: text(T.reason, i),
      wait_ms: num(N.waitMs, i),
      since_start_ms: num(N.sinceStartMs, i),
    };
  }
  return out;
}

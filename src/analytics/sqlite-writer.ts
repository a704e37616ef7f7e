/**
 * The recorder's side of the analytics writer thread (`sqlite-writer-thread.ts`): sends a
 * prepared batch, resolves when it is committed, rejects with the thread's error. The thread
 * starts on the first write; if it dies, the writes in flight reject (the recorder keeps their
 * events for the next flush) and the next write starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { SALES_ADDS, type Deltas } from './rollups.js';
import type { SegmentRow } from './segments.js';

/**
 * A batch's deltas as sent to the thread: the two big lists (sales and funnel rows) packed into
 * typed arrays over one string dictionary, which cross threads as plain memory copies (row
 * objects are serialized field by field); the small lists as they are.
 */
export interface PackedDeltas extends Omit<Deltas, 'sales' | 'funnel'> {
  strings: string[];
  /** Per sales row: store, grain, SKU, launch, currency (indexes into `strings`). */
  salesKeys: Int32Array<ArrayBuffer>;
  /** Per sales row: the bucket start, then the counters in `SALES_ADDS` order. */
  salesNumbers: Float64Array<ArrayBuffer>;
  /** Per funnel row: launch, step, buyer (indexes into `strings`). */
  funnel: Int32Array<ArrayBuffer>;
}

const SALES_NUMBERS = 1 + SALES_ADDS.length;

/** Packs deltas for the thread (see `PackedDeltas`). */
export function packDeltas(d: Deltas): PackedDeltas {
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const id = (v: string): number => {
    let i = ids.get(v);
    if (i === undefined) {
      ids.set(v, (i = strings.length));
      strings.push(v);
    }
    return i;
  };
  const salesKeys = new Int32Array(d.sales.length * 5);
  const salesNumbers = new Float64Array(d.sales.length * SALES_NUMBERS);
  for (let i = 0, k = 0, n = 0; i < d.sales.length; i++) {
    const r = d.sales[i]!;
    salesKeys[k++] = id(r.store_id);
    salesKeys[k++] = id(r.grain);
    salesKeys[k++] = id(r.sku_id);
    salesKeys[k++] = id(r.launch_id);
    salesKeys[k++] = id(r.currency);
    salesNumbers[n++] = r.bucket_start;
    salesNumbers[n++] = r.views;
    salesNumbers[n++] = r.orders;
    salesNumbers[n++] = r.units;
    salesNumbers[n++] = r.revenue_minor;
    salesNumbers[n++] = r.refunds;
    salesNumbers[n++] = r.refunded_units;
    salesNumbers[n++] = r.refunded_minor;
    salesNumbers[n++] = r.shipped;
    salesNumbers[n++] = r.delivered;
  }
  const funnel = new Int32Array(d.funnel.length * 3);
  for (let i = 0, k = 0; i < d.funnel.length; i++) {
    const f = d.funnel[i]!;
    funnel[k++] = id(f.launch_id);
    funnel[k++] = id(f.step);
    funnel[k++] = id(f.buyer);
  }
  const { sales: _sales, funnel: _funnel, ...rest } = d;
  return { ...rest, strings, salesKeys, salesNumbers, funnel };
}

/** The deltas back from their packed form (in the thread). */
export function unpackDeltas(p: PackedDeltas): Deltas {
  const { strings: str, salesKeys: sk, salesNumbers: sn, funnel: fk, ...rest } = p;
  const sales: Deltas['sales'] = new Array(sk.length / 5);
  for (let i = 0, k = 0, n = 0; i < sales.length; i++) {
    sales[i] = {
      store_id: str[sk[k++]!]!,
      grain: str[sk[k++]!]!,
      sku_id: str[sk[k++]!]!,
      launch_id: str[sk[k++]!]!,
      currency: str[sk[k++]!]!,
      bucket_start: sn[n++]!,
      views: sn[n++]!,
      orders: sn[n++]!,
      units: sn[n++]!,
      revenue_minor: sn[n++]!,
      refunds: sn[n++]!,
      refunded_units: sn[n++]!,
      refunded_minor: sn[n++]!,
      shipped: sn[n++]!,
      delivered: sn[n++]!,
    };
  }
  const funnel: Deltas['funnel'] = new Array(fk.length / 3);
  for (let i = 0, k = 0; i < funnel.length; i++) funnel[i] = { launch_id: str[fk[k++]!]!, step: str[fk[k++]!]!, buyer: str[fk[k++]!]! };
  return { ...rest, sales, funnel };
}

/** A batch to write. */
export interface WriterRequest {
  id: number;
  segment: SegmentRow;
  deltas: PackedDeltas;
}

/** The thread's answer to one request. */
export interface WriterReply {
  id: number;
  error: { message: string; code: string | null } | null;
}

/**
 * The thread's entry, as this module is running: the TypeScript source under tsx and the test
 * runner (the thread registers tsx first), the compiled file otherwise.
 */
function entry(): { code: string } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = JSON.stringify(new URL(`./sqlite-writer-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url).href);
  return { code: fromSource ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${url}); })` : `import(${url})` };
}

/** Writes analytics batches on a thread of its own (one per recorder). */
export class SqliteWriter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { worker: Worker; resolve(): void; reject(err: Error): void }>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly file: string) {}

  /** Writes a batch in one transaction of the thread; resolves once committed. */
  write(segment: SegmentRow, deltas: Deltas): Promise<void> {
    const w = this.worker ?? this.spawn();
    const id = this.nextId++;
    const written = new Promise<void>((resolve, reject) => {
      this.pending.set(id, { worker: w, resolve, reject });
      // Referenced while a write is in flight: the process does not exit under it.
      w.ref();
      const packed = packDeltas(deltas);
      w.postMessage({ id, segment, deltas: packed } satisfies WriterRequest, [packed.salesKeys.buffer, packed.salesNumbers.buffer, packed.funnel.buffer]);
    });
    this.inFlight.add(written);
    const settled = () => void this.inFlight.delete(written);
    written.then(settled, settled);
    return written;
  }

  /** Stops the thread once the writes sent before are answered. */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    await Promise.allSettled([...this.inFlight]);
    if (this.worker !== w) return;
    this.worker = null;
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    w.ref(); // the process waits for the thread to close its database
    w.postMessage('close');
    await exited;
  }

  private spawn(): Worker {
    const w = new Worker(entry().code, { eval: true, workerData: { file: this.file } });
    this.worker = w;
    w.unref();
    w.on('message', (m: WriterReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
      else p.resolve();
    });
    // The thread's writes in flight fail with it (a later thread's are not its).
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.pending) {
        if (p.worker !== w) continue;
        this.pending.delete(id);
        p.reject(err);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`analytics writer thread exited (code ${code})`)));
    return w;
  }
}

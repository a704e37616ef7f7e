/**
 * How the recorder's batches reach the database: `AnalyticsThread` sends them to the analytics
 * thread (`writer-thread.ts`), which folds, encodes and writes them on a connection of its own;
 * `KyselyWriter` does the same on the recorder's own Kysely instance, in this thread (any
 * engine, no raw driver needed: the portable path, and the tests' check of the fast one).
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EngineKind } from '../db/engine.js';
import type { EventColumns } from './columns.js';
import { batchOf, writeEvents } from './rollups.js';

/** The analytics thread's young generation (V8's own default is a few MB). */
const YOUNG_GENERATION_MB = 48;

/** Writes batches of events with their rollups, each in one transaction, in the order given. */
export interface BatchWriter {
  /** Batches sent ahead while earlier ones are written (their folds overlap those writes). */
  readonly depth: number;
  /** Resolves once the batch and its rollups are committed; rejects with the database's error. */
  write(c: EventColumns): Promise<void>;
  /** Stops once the writes sent before are answered. */
  close(): Promise<void>;
}

/** The database the analytics thread writes: the SQLite analytics file, or PostgreSQL. */
export type WriterTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; connectionString: string; options: string | null };

/** A batch to write. */
export interface WriterRequest {
  id: number;
  columns: EventColumns;
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
function entry(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = JSON.stringify(new URL(`./writer-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url).href);
  return fromSource ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${url}); })` : `import(${url})`;
}

/**
 * Writes batches on the analytics thread (one per recorder, started on the first write). If
 * the thread dies, the writes in flight reject (the recorder keeps their events for the next
 * flush) and the next write starts a new one.
 */
export class AnalyticsThread implements BatchWriter {
  /** SQLite: one batch being written, the next being folded; PostgreSQL: two being written, the next being folded. */
  readonly depth: number;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { worker: Worker; resolve(): void; reject(err: Error): void }>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly target: WriterTarget) {
    this.depth = target.kind === 'postgres' ? 3 : 2;
  }

  write(c: EventColumns): Promise<void> {
    const w = this.worker ?? this.spawn();
    const id = this.nextId++;
    const written = new Promise<void>((resolve, reject) => {
      this.pending.set(id, { worker: w, resolve, reject });
      // Referenced while a write is in flight: the process does not exit under it.
      w.ref();
      // Copied, not transferred: the recorder keeps the batch until it is committed.
      w.postMessage({ id, columns: c } satisfies WriterRequest);
    });
    this.inFlight.add(written);
    const settled = () => void this.inFlight.delete(written);
    written.then(settled, settled);
    return written;
  }

  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    await Promise.allSettled([...this.inFlight]);
    if (this.worker !== w) return;
    this.worker = null;
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    w.ref(); // the process waits for the thread to close its connection
    w.postMessage('close');
    await exited;
  }

  private spawn(): Worker {
    // A young generation larger than V8's default: a batch's fold makes tens of thousands of
    // short-lived rows, which then die in fewer, cheaper scavenges.
    const w = new Worker(entry(), { eval: true, workerData: this.target, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
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
    w.on('exit', (code) => fail(new Error(`analytics thread exited (code ${code})`)));
    return w;
  }
}

/** Writes batches in this thread, through Kysely, one at a time. */
export class KyselyWriter implements BatchWriter {
  readonly depth = 1;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: EngineKind,
  ) {}
  async write(c: EventColumns): Promise<void> {
    if (c.n === 0) return;
    const batch = await batchOf(c);
    await this.db.transaction().execute((trx) => writeEvents(trx, this.kind, batch));
  }
  async close(): Promise<void> {}
}

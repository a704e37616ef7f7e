/**
 * The recorder's side of the analytics writer thread (`sqlite-writer-thread.ts`): sends a
 * prepared batch, resolves when it is committed, rejects with the thread's error. The thread
 * starts on the first write; if it dies, the writes in flight reject (the recorder keeps their
 * events for the next flush) and the next write starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { Deltas } from './rollups.js';
import type { SegmentRow } from './segments.js';

/** A batch to write. */
export interface WriterRequest {
  id: number;
  segment: SegmentRow;
  deltas: Deltas;
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
      w.postMessage({ id, segment, deltas } satisfies WriterRequest);
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

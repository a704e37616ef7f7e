/**
 * WAL checkpoints of the store's SQLite file on a thread of their own.
 *
 * In WAL mode every commit appends pages to the WAL, and a checkpoint copies them back into
 * the database file and syncs it. By default SQLite runs that checkpoint inside whichever
 * commit takes the WAL past 1,000 pages — on the connection that committed, so on the event
 * loop: at launch rates that was every dozen batches of answers, each one copying 4 MB and
 * waiting for the disk while no request was served. Here a thread with a connection of its own
 * runs PASSIVE checkpoints (they never wait for, nor block, the store's writers and readers)
 * every CHECKPOINT_EVERY_MS, and the store's connection checkpoints by itself only past
 * FALLBACK_PAGES (a bound on the WAL should the thread fall behind) — or, if the thread is
 * gone, at SQLite's default again.
 *
 * Durability does not depend on the thread: a commit is durable by its own sync (FULL, or the
 * hot writes' WAL sync), and a checkpoint syncs the WAL before it copies anything out of it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the thread checkpoints. */
const CHECKPOINT_EVERY_MS = 50;
/** WAL pages past which the store's connection checkpoints itself (the thread fell behind). */
const FALLBACK_PAGES = 16_384;
/** SQLite's own default, back in force when the thread is gone. */
const DEFAULT_PAGES = 1_000;

/** The thread: plain CommonJS (an eval'd worker), its own connection to the same file. */
const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.checkpointed > 0) parentPort.postMessage({ frames: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Checkpoints one SQLite file off the event loop (see the file comment). */
export class WalCheckpointer {
  private worker: Worker | null;
  /** Checkpoint runs that moved frames, and the frames they moved (tests and monitoring). */
  readonly stats = { runs: 0, frames: 0, errors: 0 };

  constructor(
    private readonly db: SQLite.Database,
    file: string,
    private readonly onError: (err: Error) => void = () => {},
  ) {
    this.db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    const w = new Worker(THREAD, { eval: true, workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), file, everyMs: CHECKPOINT_EVERY_MS } });
    this.worker = w;
    w.unref();
    w.on('message', (m: { frames?: number; error?: string }) => {
      if (m.error !== undefined) {
        this.stats.errors++;
        this.onError(new Error(`WAL checkpoint failed: ${m.error}`));
      } else {
        this.stats.runs++;
        this.stats.frames += m.frames ?? 0;
      }
    });
    const gone = (err?: Error) => {
      if (this.worker !== w) return;
      this.worker = null;
      // The store's connection checkpoints for itself again.
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
      if (err) this.onError(err);
    };
    w.on('error', gone);
    w.on('exit', () => gone());
  }

  /** Whether the thread is running. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Stops the thread (its connection closed) before the store's connection closes. */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    w.ref(); // the process waits for the thread to close its connection (else a closing process may end first)
    w.postMessage('close');
    await exited;
  }
}

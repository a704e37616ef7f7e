/**
 * The analytics thread: owns a connection of its own (SQLite: the analytics file; PostgreSQL:
 * one pooled connection) and, for each batch of event columns it is sent, folds the rollup
 * deltas, encodes the log segment and writes both in one transaction, then replies. Batches
 * are written in the order they arrive; the next one is folded as soon as it arrives, while
 * the one before is still being written (on PostgreSQL the server works meanwhile). The
 * recorder's thread — the server's — only records.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { EventColumns } from './columns.js';
import { batchOf, type Batch } from './rollups.js';
import { preparePg, writeEventsPg, type PgBatch } from './rollups-pg.js';
import { writeEventsSqlite } from './rollups-sqlite.js';
import type { WriterReply, WriterRequest, WriterTarget } from './writer.js';

const target = workerData as WriterTarget;
const port = parentPort!;

/** Where batches go: prepares one (pure CPU work) and writes one prepared. */
interface Sink {
  prepare(c: EventColumns): Promise<Batch | PgBatch>;
  write(b: Batch | PgBatch): Promise<void> | void;
  close(): Promise<void> | void;
}

function sqliteSink(file: string): Sink {
  const h = new SQLite(file);
  h.pragma('journal_mode = WAL');
  h.pragma('synchronous = FULL');
  h.pragma('busy_timeout = 5000');
  return {
    prepare: (c) => batchOf(c),
    write: (b) => writeEventsSqlite(h, (b as Batch).segment, (b as Batch).deltas),
    close: () => void h.close(),
  };
}

function postgresSink(connectionString: string, options: string | null): Sink {
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString, max: 1, ...(options ? { options } : {}) });
  // An idle connection that breaks is dropped by the pool; the next write opens another.
  pool.on('error', () => undefined);
  return {
    prepare: async (c) => {
      const b = await batchOf(c);
      return preparePg(b.segment, b.deltas);
    },
    write: (b) => writeEventsPg(pool, b as PgBatch),
    close: () => pool.end(),
  };
}

const sink = target.kind === 'sqlite' ? sqliteSink(target.file) : postgresSink(target.connectionString, target.options);

/** The write before the latest (each waits for it: batches commit in arrival order). */
let last: Promise<unknown> = Promise.resolve();

port.on('message', (m: WriterRequest | 'close') => {
  if (m === 'close') {
    void last.then(async () => {
      await sink.close();
      port.close();
    });
    return;
  }
  const ready = sink.prepare(m.columns); // the fold runs now, while the write before is in flight
  ready.catch(() => undefined); // seen below
  const done = last.then(() => ready).then((b) => sink.write(b));
  last = done.catch(() => undefined);
  done.then(
    () => port.postMessage({ id: m.id, error: null } satisfies WriterReply),
    (err: unknown) => {
      const e = err as { message?: unknown; code?: unknown };
      port.postMessage({ id: m.id, error: { message: String(e?.message ?? err), code: typeof e?.code === 'string' ? e.code : null } } satisfies WriterReply);
    },
  );
});

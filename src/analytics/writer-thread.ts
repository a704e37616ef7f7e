/**
 * The analytics thread: owns connections of its own (SQLite: one to the analytics file;
 * PostgreSQL: a pool of two) and, for each batch of event columns it is sent, folds the rollup
 * deltas, encodes the log segment and writes both in one transaction, then replies. Each batch
 * is folded as soon as it arrives, while earlier ones are still being written; writes start in
 * arrival order, one at a time on SQLite, two at a time on PostgreSQL. The recorder's thread —
 * the server's — only records.
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

/** Where batches go: prepares one (pure CPU work, giving a `B`) and writes one prepared. */
interface Sink<B> {
  /** Batches written at once. */
  concurrency: number;
  prepare(c: EventColumns): Promise<B>;
  write(b: B): Promise<void> | void;
  close(): Promise<void> | void;
}

function sqliteSink(file: string): Sink<Batch> {
  const h = new SQLite(file);
  h.pragma('journal_mode = WAL');
  h.pragma('synchronous = FULL');
  h.pragma('busy_timeout = 5000');
  return {
    concurrency: 1, // one writer
    prepare: (c) => batchOf(c),
    write: (b) => writeEventsSqlite(h, b.segment, b.deltas),
    close: () => void h.close(),
  };
}

function postgresSink(connectionString: string, options: string | null): Sink<PgBatch> {
  const pool = new pg.Pool({ connectionString, max: PG_CONCURRENCY, ...(options ? { options } : {}) });
  // An idle connection that breaks is dropped by the pool; the next write opens another.
  pool.on('error', () => undefined);
  return {
    concurrency: PG_CONCURRENCY,
    prepare: async (c) => {
      const b = await batchOf(c);
      return preparePg(b.segment, b.deltas);
    },
    write: (b) => writeEventsPg(pool, b),
    close: () => pool.end(),
  };
}

/**
 * PostgreSQL: batches written at once, each in its own transaction on its own connection (the
 * server works on one while the other commits or waits on the network; on several cores, on
 * both at once). Their rows are sorted the same way, so they lock shared rows in one order.
 */
const PG_CONCURRENCY = 2;

/** Answers the recorder's requests with `sink`: each batch prepared on arrival, written in turn. */
function serve<B>(sink: Sink<B>): void {
  /** Writes running, and the starts waiting for a place (in arrival order). */
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (running < sink.concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  /** The latest batch's start: each batch starts after the one before it (in arrival order). */
  let started: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();

  port.on('message', (m: WriterRequest | 'close') => {
    if (m === 'close') {
      void Promise.allSettled([...inFlight]).then(async () => {
        await sink.close();
        port.close();
      });
      return;
    }
    const ready = sink.prepare(m.columns); // the fold runs now, while earlier batches are written
    ready.catch(() => undefined); // seen below
    const start = started.then(acquire);
    started = start;
    const done = start.then(() => ready.then((b) => sink.write(b)).finally(release));
    inFlight.add(done);
    void done
      .then(
        () => port.postMessage({ id: m.id, error: null } satisfies WriterReply),
        (err: unknown) => {
          const e = err as { message?: unknown; code?: unknown };
          port.postMessage({ id: m.id, error: { message: String(e?.message ?? err), code: typeof e?.code === 'string' ? e.code : null } } satisfies WriterReply);
        },
      )
      .finally(() => inFlight.delete(done));
  });
}

if (target.kind === 'sqlite') serve(sqliteSink(target.file));
else serve(postgresSink(target.connectionString, target.options));

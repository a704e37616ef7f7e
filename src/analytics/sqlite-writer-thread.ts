/**
 * The analytics writer thread (SQLite): owns a connection to the analytics file and writes
 * each batch it is sent (log segment and rollup deltas) in one transaction, then replies. The
 * recorder's thread meanwhile records, folds and encodes the next batch; the store's own
 * database file and its write lock are never touched here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { writeEventsSqlite } from './rollups-sqlite.js';
import { unpackDeltas, type WriterReply, type WriterRequest } from './sqlite-writer.js';

const { file } = workerData as { file: string };
const h = new SQLite(file);
h.pragma('journal_mode = WAL');
h.pragma('synchronous = FULL');
h.pragma('busy_timeout = 5000');

const port = parentPort!;
port.on('message', (m: WriterRequest | 'close') => {
  if (m === 'close') {
    h.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    writeEventsSqlite(h, m.segment, unpackDeltas(m.deltas));
    reply = { id: m.id, error: null };
  } catch (err) {
    const e = err as { message?: unknown; code?: unknown };
    reply = { id: m.id, error: { message: String(e?.message ?? err), code: typeof e?.code === 'string' ? e.code : null } };
  }
  port.postMessage(reply);
});

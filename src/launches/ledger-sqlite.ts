/**
 * The launch ledger's hot writes on SQLite (ledger.ts holds the rest and the PostgreSQL ones):
 * a batch of answers (holds and refusals) or of places in line, as prepared statements in one
 * transaction on the store's connection — and durable before anyone is told, without the
 * event loop waiting for the disk.
 *
 * Durability: the store's connection runs with synchronous=FULL (every commit fsyncs the WAL
 * before returning). For these batches it switches to NORMAL around the transaction — the
 * commit writes the WAL but does not sync it — and then syncs the WAL file itself through
 * libuv's thread pool (`fdatasync`), answering the batch only once that sync is done. The WAL
 * file is the same inode for as long as the connection is open, and a sync that starts after a
 * commit covers it, so an acknowledged answer is exactly as durable as under FULL, while the
 * event loop keeps serving requests during the sync. Syncs are coalesced: one in flight, the
 * next one queued for every commit that came after it started.
 */
import fs from 'node:fs/promises';
import type SQLite from 'better-sqlite3';
import type { Hold } from '../db/schema.js';

/** The columns of a hold row, in the order the insert binds them. */
export const HOLD_COLUMNS = ['id', 'launch_id', 'sku_id', 'buyer_id', 'quantity', 'price_minor', 'currency', 'status', 'idempotency_key', 'expires_at', 'order_id', 'created_at', 'updated_at', 'epoch'] as const;

/** One answer as the statements bind it (the ledger flattens AnswerWrite into this). */
export interface AnswerRow {
  launchId: string;
  buyerId: string;
  key: string;
  epoch: number;
  skuId: string;
  quantity: number;
  at: number;
  holdId: string | null;
  code: string | null;
  hold: Hold | null;
}

/** One change to a line (a join, an admission, a requeue, a registration). */
export interface PlaceRow {
  kind: 'join' | 'admit' | 'requeue' | 'register';
  launchId: string;
  buyerId: string;
  /** Room generation (registrations have none). */
  epoch: number | null;
  joinedAt?: number;
  prequeue?: boolean;
  /** The pre-queue arrival number (the draw's receipt), or null after the start. */
  arrival?: number | null;
  seq?: number | null;
  admittedAt?: number | null;
  at?: number;
}

/** What the SQLite statements made of an answer: written, stale, the key answered already (null), or refused by the books. */
export type SqliteAnswerStatus = 'written' | 'stale' | 'refused' | null;

const isRefusal = (err: unknown) => {
  const code = (err as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_TRIGGER';
};

/**
 * The WAL could not be synced: the batch is committed but may not survive a power loss, so
 * nobody may be told it is done (and nothing needs undoing: a retry of its key finds it).
 */
export class NotDurable extends Error {
  constructor(override readonly cause: unknown) {
    super(`the WAL could not be synced: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** The prepared hot writes on one SQLite connection (see the file comment). A deferred transaction: its first write locks only the store's file, never the attached analytics one. */
export class SqliteHotWrites {
  private readonly normal: SQLite.Statement;
  private readonly full: SQLite.Statement;
  private readonly answers: (rows: readonly AnswerRow[]) => SqliteAnswerStatus[];
  private readonly places: (rows: readonly PlaceRow[]) => boolean[];
  private wal: fs.FileHandle | null = null;
  private syncing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly db: SQLite.Database,
    private readonly file: string,
  ) {
    this.normal = db.prepare('PRAGMA synchronous = NORMAL');
    this.full = db.prepare('PRAGMA synchronous = FULL');
    const stockEpoch = db.prepare<[string], { stock_epoch: number }>('SELECT stock_epoch FROM launch_fences WHERE launch_id = ?');
    const roomEpoch = db.prepare<[string], { room_epoch: number }>('SELECT room_epoch FROM launch_fences WHERE launch_id = ?');
    const insertAnswer = db.prepare('INSERT INTO launch_answers (launch_id, buyer_id, idempotency_key, sku_id, quantity, hold_id, code, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const deleteAnswer = db.prepare('DELETE FROM launch_answers WHERE launch_id = ? AND buyer_id = ? AND idempotency_key = ?');
    const insertHold = db.prepare(`INSERT INTO holds (${HOLD_COLUMNS.join(', ')}) VALUES (${HOLD_COLUMNS.map(() => '?').join(', ')})`);
    const join = db.prepare('INSERT INTO queue_entries (launch_id, buyer_id, joined_at, prequeue, seq, admitted_at, arrival) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (launch_id, buyer_id) DO NOTHING');
    const register = db.prepare('INSERT INTO launch_registrations (launch_id, buyer_id, registered_at) VALUES (?, ?, ?) ON CONFLICT (launch_id, buyer_id) DO NOTHING');
    const admit = db.prepare('UPDATE queue_entries SET admitted_at = ? WHERE launch_id = ? AND buyer_id = ?');
    const requeue = db.prepare('UPDATE queue_entries SET admitted_at = NULL, seq = ? WHERE launch_id = ? AND buyer_id = ?');

    this.answers = db.transaction((rows: readonly AnswerRow[]) => {
      const out = new Array<SqliteAnswerStatus>(rows.length);
      const epochs = new Map<string, number | undefined>();
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        let e = epochs.get(r.launchId);
        if (e === undefined && !epochs.has(r.launchId)) epochs.set(r.launchId, (e = stockEpoch.get(r.launchId)?.stock_epoch));
        if (e !== r.epoch) {
          out[i] = 'stale';
          continue;
        }
        if (insertAnswer.run(r.launchId, r.buyerId, r.key, r.skuId, r.quantity, r.holdId, r.code, r.at).changes === 0) {
          out[i] = null;
          continue;
        }
        if (r.hold) {
          const h = r.hold;
          try {
            insertHold.run(h.id, h.launch_id, h.sku_id, h.buyer_id, h.quantity, h.price_minor, h.currency, h.status, h.idempotency_key, h.expires_at, h.order_id, h.created_at, h.updated_at, h.epoch);
          } catch (err) {
            if (!isRefusal(err)) throw err;
            // The statement alone was undone (the transaction goes on): take its answer back too.
            deleteAnswer.run(r.launchId, r.buyerId, r.key);
            out[i] = 'refused';
            continue;
          }
        }
        out[i] = 'written';
      }
      return out;
    });

    this.places = (rows: readonly PlaceRow[]) => {
      const epochs = new Map<string, number | undefined>();
      return rows.map((r) => {
        if (r.kind === 'register') {
          register.run(r.launchId, r.buyerId, r.at);
          return true;
        }
        let e = epochs.get(r.launchId);
        if (e === undefined && !epochs.has(r.launchId)) epochs.set(r.launchId, (e = roomEpoch.get(r.launchId)?.room_epoch));
        if (e !== r.epoch) return false;
        if (r.kind === 'join') join.run(r.launchId, r.buyerId, r.joinedAt, r.prequeue ? 1 : 0, r.seq ?? null, r.admittedAt ?? null, r.arrival ?? null);
        else if (r.kind === 'admit') admit.run(r.at, r.launchId, r.buyerId);
        else requeue.run(r.seq, r.launchId, r.buyerId);
        return true;
      });
    };
  }

  /** Writes answers in one transaction (the caller holds the connection); durable once `durable()` resolves. */
  writeAnswers(rows: readonly AnswerRow[]): SqliteAnswerStatus[] {
    return this.unsynced(() => this.answers(rows));
  }

  /**
   * Writes places inside a transaction the caller has open on this connection (what else must
   * commit with them — the notifications they cause — is the caller's); durable once the caller
   * committed and `durable()` resolved.
   */
  writePlacesInTransaction(rows: readonly PlaceRow[]): boolean[] {
    return this.places(rows);
  }

  /** Runs work whose commits do not sync the WAL (sync them with `durable()`); the connection is back to FULL afterwards. */
  unsynced<T>(fn: () => T): T {
    this.normal.run();
    try {
      return fn();
    } finally {
      this.full.run();
    }
  }

  /** The same for asynchronous work (a Kysely transaction on this connection, which the caller holds). */
  async unsyncedAsync<T>(fn: () => Promise<T>): Promise<T> {
    this.normal.run();
    try {
      return await fn();
    } finally {
      this.full.run();
    }
  }

  /** Resolves once a WAL sync that started after every commit so far has finished. */
  durable(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.syncing) return (this.syncing = this.sync());
    const queued = this.syncing.then(() => {
      if (this.queued === queued) this.queued = null;
      return (this.syncing = this.sync());
    });
    return (this.queued = queued);
  }

  private async sync(): Promise<void> {
    try {
      this.wal ??= await fs.open(`${this.file}-wal`, 'r');
      await this.wal.datasync();
    } catch (err) {
      throw new NotDurable(err);
    } finally {
      this.syncing = null;
    }
  }

  /** Closes the WAL handle. */
  async close(): Promise<void> {
    await this.wal?.close().catch(() => {});
    this.wal = null;
  }
}

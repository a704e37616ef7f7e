/**
 * Work that must wait until a transaction has committed (analytics, notifications): it runs
 * once the transaction it was registered in commits, and never when that transaction rolls
 * back. Every transaction opened through the storage engine's `db.transaction()` keeps such a
 * list (`trackCommits`, applied by `openEngine`); outside a transaction the work runs at once,
 * since each statement there commits on its own.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

const pending = new WeakMap<object, Array<() => void>>();

/**
 * Runs `fn` after the transaction `db` belongs to has committed (at once when `db` is not a
 * transaction). Throws for a transaction that was not opened through a tracked Kysely: work
 * registered there would silently never run.
 */
export function afterCommit(db: Kysely<Database> | Transaction<Database>, fn: () => void): void {
  if (!db.isTransaction) {
    fn();
    return;
  }
  const list = pending.get(db);
  if (!list) throw new Error('afterCommit: this transaction was not opened through the storage engine (trackCommits)');
  list.push(fn);
}

/**
 * Makes every `db.transaction().execute(cb)` of this Kysely keep an after-commit list for the
 * transaction it hands `cb`, and run it once the commit succeeded. A failing callback never
 * fails the caller (the transaction is committed by then): it is reported to `onError`.
 */
export function trackCommits(db: Kysely<Database>, onError: (err: unknown) => void = (err) => console.error('after-commit work failed', err)): Kysely<Database> {
  const open = db.transaction.bind(db);
  db.transaction = () => {
    const builder = open();
    const execute = builder.execute.bind(builder);
    builder.execute = async <T>(cb: (trx: Transaction<Database>) => Promise<T>): Promise<T> => {
      let list: Array<() => void> = [];
      const result = await execute(async (trx) => {
        list = [];
        pending.set(trx, list);
        return cb(trx);
      });
      for (const fn of list) {
        try {
          fn();
        } catch (err) {
          onError(err);
        }
      }
      return result;
    };
    return builder;
  };
  return db;
}

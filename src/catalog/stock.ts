/**
 * Ordinary (non-launch) stock, taken and returned inside the caller's transaction with
 * conditional updates, so concurrent checkouts can never take the same unit twice.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Tx = Transaction<Database> | Kysely<Database>;

/** Takes `quantity` units if that many are on hand; false (and nothing changed) otherwise. */
export async function takeStock(trx: Tx, skuId: string, quantity: number, now: number): Promise<boolean> {
  const res = await trx
    .updateTable('skus')
    .set({ stock: sql<number>`stock - ${quantity}`, updated_at: now })
    .where('id', '=', skuId)
    .where('stock', '>=', quantity)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Puts units back on hand (a cancelled or expired order). */
export async function returnStock(trx: Tx, skuId: string, quantity: number, now: number): Promise<void> {
  await trx
    .updateTable('skus')
    .set({ stock: sql<number>`stock + ${quantity}`, updated_at: now })
    .where('id', '=', skuId)
    .execute();
}

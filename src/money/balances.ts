/**
 * A store's balance in each currency: everything the ledger says the platform owes it
 * (credits − debits of its account), of which the part that is payable now — money of orders
 * whose return window has passed, and what is not tied to an order (payouts, returned payouts)
 * — and the part still waiting (pending). Refunds of an order count where its sale counts,
 * so a refund after a payout makes the payable balance negative: it is carried forward and
 * taken from the next sales.
 */
import { sql } from 'kysely';
import type { Tx } from '../orders/service.js';

/** One currency's balance of one store. */
export interface StoreBalance {
  currency: string;
  balanceMinor: number;
  availableMinor: number;
  pendingMinor: number;
  /** Payouts requested or sent, not yet paid (already out of the balance). */
  inPayoutMinor: number;
  /** When the next pending sale becomes payable (null: none waiting). */
  nextReleaseAt: number | null;
}

/** The store's balances at `now`, per currency (only currencies it has money in). */
export async function storeBalances(db: Tx, storeId: string, now: number): Promise<StoreBalance[]> {
  const signed = sql<number>`CASE WHEN t.credit_account = 'store:' || t.store_id || ':' || t.currency THEN t.amount_minor ELSE -t.amount_minor END`;
  const rows = await db
    .selectFrom('ledger_transfers as t')
    .leftJoin('money_releases as r', 'r.order_id', 't.order_id')
    .select([
      't.currency',
      sql<number>`SUM(${signed})`.as('balance'),
      sql<number>`SUM(CASE WHEN t.order_id IS NULL OR r.available_at <= ${now} THEN ${signed} ELSE 0 END)`.as('available'),
    ])
    .where('t.store_id', '=', storeId)
    .groupBy('t.currency')
    .orderBy('t.currency')
    .execute();
  const inPayout = await db
    .selectFrom('payouts')
    .select(['currency', (eb) => eb.fn.sum<number>('amount_minor').as('n')])
    .where('store_id', '=', storeId)
    .where('status', 'in', ['requested', 'sent'])
    .groupBy('currency')
    .execute();
  const next = await db
    .selectFrom('money_releases')
    .select(['currency', (eb) => eb.fn.min<number>('available_at').as('at')])
    .where('store_id', '=', storeId)
    .where('available_at', '>', now)
    .groupBy('currency')
    .execute();
  return rows.map((r) => {
    const balanceMinor = Number(r.balance);
    const availableMinor = Number(r.available);
    const pendingMinor = balanceMinor - availableMinor;
    const at = next.find((n) => n.currency === r.currency)?.at;
    return {
      currency: r.currency,
      balanceMinor,
      availableMinor,
      pendingMinor,
      inPayoutMinor: Number(inPayout.find((x) => x.currency === r.currency)?.n ?? 0),
      nextReleaseAt: pendingMinor !== 0 && at !== undefined && at !== null ? Number(at) : null,
    };
  });
}

/** One currency's balance of one store (zeros when it has none). */
export async function storeBalance(db: Tx, storeId: string, currency: string, now: number): Promise<StoreBalance> {
  return (await storeBalances(db, storeId, now)).find((b) => b.currency === currency) ?? { currency, balanceMinor: 0, availableMinor: 0, pendingMinor: 0, inPayoutMinor: 0, nextReleaseAt: null };
}

/**
 * The money ledger (double entry, TigerBeetle-style). Every entry is a transfer: a positive
 * amount in integer minor units leaves one account (debit) and enters another (credit), in one
 * currency. A posting is a set of transfers written together, once: its `ref` names what
 * caused it and is unique, so posting the same event again writes nothing. An entry that does
 * not balance cannot even be expressed, and `post` asserts the rest (positive safe-integer
 * amounts, two different accounts of the posting's currency, known kinds) before writing.
 * Entries are immutable: the database refuses any UPDATE or DELETE of them (migration 032).
 * This file is the only writer of ledger_accounts, ledger_postings and ledger_transfers.
 *
 * Accounts (balances are credits − debits, except clearing, an asset: debits − credits):
 *   platform:clearing:CUR          money the platform holds at the provider
 *   store:<id>:CUR                 what the platform owes a store (may go negative)
 *   platform:revenue:CUR           commission earned
 *   platform:refunds_payable:CUR   refunds decided, not yet confirmed sent
 *   platform:payouts_in_transit:CUR payouts requested, not yet paid (or returned)
 */
import { sql } from 'kysely';
import type { LedgerAccountKind } from '../db/schema.js';
import type { Tx } from '../orders/service.js';
import { newId } from '../shared/ids.js';

/** What a transfer is, as statements show it. */
export const TRANSFER_KINDS = ['sale', 'commission', 'refund', 'commission_refund', 'refund_sent', 'unpayable_payment', 'payout', 'payout_sent', 'payout_returned'] as const;
/** One kind of transfer. */
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Account ids. */
export const accounts = {
  store: (storeId: string, currency: string) => `store:${storeId}:${currency}`,
  clearing: (currency: string) => `platform:clearing:${currency}`,
  revenue: (currency: string) => `platform:revenue:${currency}`,
  refundsPayable: (currency: string) => `platform:refunds_payable:${currency}`,
  inTransit: (currency: string) => `platform:payouts_in_transit:${currency}`,
};

/** The kind, store and currency an account id names (throws for one that is not an account). */
export function parseAccount(id: string): { kind: LedgerAccountKind; storeId: string | null; currency: string } {
  const m = /^(?:store:([0-9a-f-]{36})|platform:(clearing|revenue|refunds_payable|payouts_in_transit)):([A-Z]{3})$/.exec(id);
  if (!m) throw new Error(`ledger: "${id}" is not an account`);
  return m[1] ? { kind: 'store', storeId: m[1], currency: m[3]! } : { kind: m[2] as LedgerAccountKind, storeId: null, currency: m[3]! };
}

/** One transfer of a posting. */
export interface Transfer {
  debit: string;
  credit: string;
  amountMinor: number;
  kind: TransferKind;
}

/** A posting: the transfers one event causes, written together once. */
export interface Posting {
  /** Unique: what caused it (`order_paid:<orderId>` …). */
  ref: string;
  kind: string;
  currency: string;
  at: number;
  storeId?: string | null;
  orderId?: string | null;
  refundId?: string | null;
  payoutId?: string | null;
  detail?: unknown;
  transfers: Transfer[];
}

/** Checks a posting before it is written; throws on the first thing wrong (a bug of the caller). */
export function assertPosting(p: Posting): void {
  if (!/^[A-Z]{3}$/.test(p.currency)) throw new Error(`ledger: posting ${p.ref} has no valid currency`);
  if (!p.ref || p.ref.length > 200) throw new Error('ledger: a posting needs a ref');
  for (const t of p.transfers) {
    if (!Number.isSafeInteger(t.amountMinor) || t.amountMinor <= 0) throw new Error(`ledger: ${p.ref}: ${t.kind} amount ${t.amountMinor} is not a positive whole number of minor units`);
    if (t.debit === t.credit) throw new Error(`ledger: ${p.ref}: ${t.kind} moves money from ${t.debit} to itself`);
    if (!(TRANSFER_KINDS as readonly string[]).includes(t.kind)) throw new Error(`ledger: ${p.ref}: unknown transfer kind ${t.kind}`);
    const d = parseAccount(t.debit);
    const c = parseAccount(t.credit);
    if (d.currency !== p.currency || c.currency !== p.currency) throw new Error(`ledger: ${p.ref}: ${t.kind} mixes currencies`);
    if (d.storeId && c.storeId) throw new Error(`ledger: ${p.ref}: a transfer between two stores`);
  }
}

/**
 * Writes a posting inside `trx` — unless one with the same ref exists (then nothing, and
 * false). Zero amounts are left out (a free item moves no money); the posting is still
 * recorded, so the event counts as posted.
 */
export async function post(trx: Tx, posting: Posting): Promise<boolean> {
  const p = { ...posting, transfers: posting.transfers.filter((t) => t.amountMinor !== 0) };
  assertPosting(p);
  const id = newId();
  const res = await trx
    .insertInto('ledger_postings')
    .values({
      id,
      ref: p.ref,
      kind: p.kind,
      store_id: p.storeId ?? null,
      order_id: p.orderId ?? null,
      refund_id: p.refundId ?? null,
      payout_id: p.payoutId ?? null,
      currency: p.currency,
      detail_json: JSON.stringify(p.detail ?? {}),
      at: p.at,
    })
    .onConflict((oc) => oc.column('ref').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  if (p.transfers.length === 0) return true;
  const ids = [...new Set(p.transfers.flatMap((t) => [t.debit, t.credit]))];
  await trx
    .insertInto('ledger_accounts')
    .values(ids.map((a) => ({ id: a, ...pick(parseAccount(a)), created_at: p.at })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await trx
    .insertInto('ledger_transfers')
    .values(
      p.transfers.map((t) => ({
        posting_id: id,
        debit_account: t.debit,
        credit_account: t.credit,
        amount_minor: t.amountMinor,
        currency: p.currency,
        kind: t.kind,
        // A transfer names the store whose account it touches (statements read by it).
        store_id: parseAccount(t.debit).storeId ?? parseAccount(t.credit).storeId,
        order_id: p.orderId ?? null,
        at: p.at,
      })),
    )
    .execute();
  return true;
}

const pick = (a: ReturnType<typeof parseAccount>) => ({ kind: a.kind, store_id: a.storeId, currency: a.currency });

/** An account's balance (credits − debits) from its transfers before `before` (all, when omitted). */
export async function balanceOf(db: Tx, account: string, before?: number): Promise<number> {
  let q = db
    .selectFrom('ledger_transfers')
    .select(sql<number>`COALESCE(SUM(CASE WHEN credit_account = ${account} THEN amount_minor ELSE -amount_minor END), 0)`.as('b'))
    .where((eb) => eb.or([eb('credit_account', '=', account), eb('debit_account', '=', account)]));
  if (before !== undefined) q = q.where('at', '<', before);
  return Number((await q.executeTakeFirstOrThrow()).b);
}

/** Every account's balance (credits − debits) in one currency: the trial balance, which sums to zero. */
export async function trialBalance(db: Tx, currency: string, before?: number): Promise<Map<string, number>> {
  let credits = db.selectFrom('ledger_transfers').select(['credit_account as account', sql<number>`SUM(amount_minor)`.as('n')]).where('currency', '=', currency).groupBy('credit_account');
  let debits = db.selectFrom('ledger_transfers').select(['debit_account as account', sql<number>`SUM(amount_minor)`.as('n')]).where('currency', '=', currency).groupBy('debit_account');
  if (before !== undefined) {
    credits = credits.where('at', '<', before);
    debits = debits.where('at', '<', before);
  }
  const out = new Map<string, number>();
  for (const r of await credits.execute()) out.set(r.account, (out.get(r.account) ?? 0) + Number(r.n));
  for (const r of await debits.execute()) out.set(r.account, (out.get(r.account) ?? 0) - Number(r.n));
  return out;
}

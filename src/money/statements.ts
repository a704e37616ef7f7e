/**
 * Statements, read from the ledger only. A store's statement for a period: opening balance,
 * what the period brought (sales, commission, refunds, commission given back, payouts,
 * payouts returned), closing balance — asserted to equal opening plus the period's lines —
 * the balance at the end of each day (the console's chart), and the lines themselves. The
 * operator's view: the same per store over the whole platform, platform revenue, and the
 * platform's own accounts, asserted to add up (what clearing holds is what the platform owes
 * the stores and the buyers plus what it earned and what is in transit).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Tx } from '../orders/service.js';
import { storeLabels } from '../stores/service.js';
import { accounts, type TransferKind } from './ledger.js';
import { storeBalances } from './balances.js';

export const DAY_MS = 86_400_000;
/** Most days a statement spans, and most lines it lists (its totals always cover the whole period). */
export const MAX_PERIOD_DAYS = 400;
export const MAX_STATEMENT_LINES = 5000;

/** A period's totals of one store, by what moved (each a positive amount). */
export interface PeriodTotals {
  salesMinor: number;
  salesCount: number;
  commissionMinor: number;
  refundsMinor: number;
  refundsCount: number;
  commissionRefundedMinor: number;
  payoutsMinor: number;
  payoutsReturnedMinor: number;
}

/** The net change of a store's balance the totals make. */
export const netOf = (t: PeriodTotals) => t.salesMinor - t.commissionMinor - t.refundsMinor + t.commissionRefundedMinor - t.payoutsMinor + t.payoutsReturnedMinor;

function totalsFrom(rows: Array<{ kind: string; n: number | string; c: number | string }>): PeriodTotals {
  const of = (k: TransferKind) => rows.find((r) => r.kind === k);
  const n = (k: TransferKind) => Number(of(k)?.n ?? 0);
  return {
    salesMinor: n('sale'),
    salesCount: Number(of('sale')?.c ?? 0),
    commissionMinor: n('commission'),
    refundsMinor: n('refund'),
    refundsCount: Number(of('refund')?.c ?? 0),
    commissionRefundedMinor: n('commission_refund'),
    payoutsMinor: n('payout'),
    payoutsReturnedMinor: n('payout_returned'),
  };
}

/** One line of a statement: a transfer in or out of the store's account. */
export interface StatementLine {
  at: number;
  kind: string;
  /** Signed: what it did to the balance. */
  amountMinor: number;
  balanceAfterMinor: number;
  orderId: string | null;
  refundId: string | null;
  payoutId: string | null;
}

/** A store's statement for one currency and period [from, to). */
export interface Statement {
  storeId: string;
  currency: string;
  from: number;
  to: number;
  openingBalanceMinor: number;
  closingBalanceMinor: number;
  totals: PeriodTotals;
  /** Balance at the end of each UTC day of the period. */
  days: Array<{ day: number; closingMinor: number }>;
  lines: StatementLine[];
  linesTruncated: boolean;
  /** Now: the whole balance, what is payable, what waits for its return window, what is being paid out. */
  balance: { balanceMinor: number; availableMinor: number; pendingMinor: number; inPayoutMinor: number; nextReleaseAt: number | null };
}

const signedFor = (account: string) => sql<number>`CASE WHEN t.credit_account = ${account} THEN t.amount_minor ELSE -t.amount_minor END`;

async function balanceBefore(db: Tx, account: string, storeId: string, before: number): Promise<number> {
  const r = await db
    .selectFrom('ledger_transfers as t')
    .select(sql<number>`COALESCE(SUM(${signedFor(account)}), 0)`.as('b'))
    .where('t.store_id', '=', storeId)
    .where((eb) => eb.or([eb('t.credit_account', '=', account), eb('t.debit_account', '=', account)]))
    .where('t.at', '<', before)
    .executeTakeFirstOrThrow();
  return Number(r.b);
}

/** A store's statement, asserting that it adds up. */
export async function storeStatement(db: Tx, q: { storeId: string; currency: string; from: number; to: number; now: number }): Promise<Statement> {
  const account = accounts.store(q.storeId, q.currency);
  const inAccount = (eb: ExpressionBuilder<{ t: Database['ledger_transfers'] }, 't'>) => eb.or([eb('t.credit_account', '=', account), eb('t.debit_account', '=', account)]);
  const opening = await balanceBefore(db, account, q.storeId, q.from);
  const totals = totalsFrom(
    await db
      .selectFrom('ledger_transfers as t')
      .select(['t.kind', sql<number>`SUM(t.amount_minor)`.as('n'), sql<number>`COUNT(DISTINCT t.order_id)`.as('c')])
      .where('t.store_id', '=', q.storeId)
      .where(inAccount)
      .where('t.at', '>=', q.from)
      .where('t.at', '<', q.to)
      .groupBy('t.kind')
      .execute(),
  );
  const closing = await balanceBefore(db, account, q.storeId, q.to);
  // The books must agree with themselves: opening + what the period brought = closing.
  if (opening + netOf(totals) !== closing) throw new Error(`statement of ${account}: ${opening} + ${netOf(totals)} ≠ ${closing}`);

  const daily = await db
    .selectFrom('ledger_transfers as t')
    .select([sql<number>`t.at / ${sql.lit(DAY_MS)}`.as('d'), sql<number>`SUM(${signedFor(account)})`.as('n')])
    .where('t.store_id', '=', q.storeId)
    .where(inAccount)
    .where('t.at', '>=', q.from)
    .where('t.at', '<', q.to)
    .groupBy(sql`t.at / ${sql.lit(DAY_MS)}`)
    .execute();
  const byDay = new Map(daily.map((r) => [Math.floor(Number(r.d)), Number(r.n)]));
  const days: Statement['days'] = [];
  let running = opening;
  for (let d = Math.floor(q.from / DAY_MS); d * DAY_MS < q.to; d++) {
    running += byDay.get(d) ?? 0;
    days.push({ day: d * DAY_MS, closingMinor: running });
  }

  const rows = await db
    .selectFrom('ledger_transfers as t')
    .innerJoin('ledger_postings as p', 'p.id', 't.posting_id')
    .select(['t.id', 't.at', 't.kind', 't.amount_minor', 't.credit_account', 't.order_id', 'p.refund_id', 'p.payout_id'])
    .where('t.store_id', '=', q.storeId)
    .where(inAccount)
    .where('t.at', '>=', q.from)
    .where('t.at', '<', q.to)
    .orderBy('t.at')
    .orderBy('t.id')
    .limit(MAX_STATEMENT_LINES + 1)
    .execute();
  let bal = opening;
  const lines = rows.slice(0, MAX_STATEMENT_LINES).map((r) => {
    const amountMinor = r.credit_account === account ? Number(r.amount_minor) : -Number(r.amount_minor);
    bal += amountMinor;
    return { at: Number(r.at), kind: r.kind, amountMinor, balanceAfterMinor: bal, orderId: r.order_id, refundId: r.refund_id, payoutId: r.payout_id };
  });
  const now = (await storeBalances(db, q.storeId, q.now)).find((b) => b.currency === q.currency);
  return {
    storeId: q.storeId,
    currency: q.currency,
    from: q.from,
    to: q.to,
    openingBalanceMinor: opening,
    closingBalanceMinor: closing,
    totals,
    days,
    lines,
    linesTruncated: rows.length > MAX_STATEMENT_LINES,
    balance: now ? { balanceMinor: now.balanceMinor, availableMinor: now.availableMinor, pendingMinor: now.pendingMinor, inPayoutMinor: now.inPayoutMinor, nextReleaseAt: now.nextReleaseAt } : { balanceMinor: 0, availableMinor: 0, pendingMinor: 0, inPayoutMinor: 0, nextReleaseAt: null },
  };
}

/** One store's row of the operator's view. */
export interface OverviewStore extends PeriodTotals {
  storeId: string;
  name: string;
  kind: 'marketplace' | 'flagship';
  openingBalanceMinor: number;
  closingBalanceMinor: number;
  availableMinor: number;
  pendingMinor: number;
}

/** The operator's view of one currency and period over every store. */
export interface Overview {
  currency: string;
  from: number;
  to: number;
  stores: OverviewStore[];
  /** Sums of the store rows. */
  totals: PeriodTotals & { openingBalanceMinor: number; closingBalanceMinor: number };
  platform: {
    /** Commission earned in the period, net of commission given back. */
    revenueMinor: number;
    /** Balances at the end of the period. */
    revenueBalanceMinor: number;
    clearingMinor: number;
    refundsPayableMinor: number;
    payoutsInTransitMinor: number;
  };
}

/** Balances (credits − debits) of every account in a currency before `before`. */
async function balancesBefore(db: Tx, currency: string, before: number): Promise<Map<string, number>> {
  const credits = await db.selectFrom('ledger_transfers').select(['credit_account as a', sql<number>`SUM(amount_minor)`.as('n')]).where('currency', '=', currency).where('at', '<', before).groupBy('credit_account').execute();
  const debits = await db.selectFrom('ledger_transfers').select(['debit_account as a', sql<number>`SUM(amount_minor)`.as('n')]).where('currency', '=', currency).where('at', '<', before).groupBy('debit_account').execute();
  const out = new Map<string, number>();
  for (const r of credits) out.set(r.a, (out.get(r.a) ?? 0) + Number(r.n));
  for (const r of debits) out.set(r.a, (out.get(r.a) ?? 0) - Number(r.n));
  return out;
}

/** The operator's view, asserting that the store rows and the platform's accounts add up to the ledger. */
export async function platformOverview(db: Tx, q: { currency: string; from: number; to: number; now: number }): Promise<Overview> {
  const opening = await balancesBefore(db, q.currency, q.from);
  const closing = await balancesBefore(db, q.currency, q.to);
  const period = await db
    .selectFrom('ledger_transfers as t')
    .select(['t.store_id', 't.kind', sql<number>`SUM(t.amount_minor)`.as('n'), sql<number>`COUNT(DISTINCT t.order_id)`.as('c')])
    .where('t.currency', '=', q.currency)
    .where('t.store_id', 'is not', null)
    .where('t.at', '>=', q.from)
    .where('t.at', '<', q.to)
    .groupBy(['t.store_id', 't.kind'])
    .execute();
  const storeIds = [...new Set([...[...closing.keys(), ...opening.keys()].filter((a) => a.startsWith('store:')).map((a) => a.split(':')[1]!), ...period.map((r) => r.store_id!)])].sort();
  const labels = await storeLabels(db, storeIds);
  const stores: OverviewStore[] = [];
  for (const id of storeIds) {
    const acct = accounts.store(id, q.currency);
    const totals = totalsFrom(period.filter((r) => r.store_id === id));
    const o = opening.get(acct) ?? 0;
    const c = closing.get(acct) ?? 0;
    if (o + netOf(totals) !== c) throw new Error(`overview of ${acct}: ${o} + ${netOf(totals)} ≠ ${c}`);
    const now = (await storeBalances(db, id, q.now)).find((b) => b.currency === q.currency);
    const label = labels.get(id);
    stores.push({ storeId: id, name: label?.name ?? id, kind: label?.kind ?? 'marketplace', openingBalanceMinor: o, closingBalanceMinor: c, availableMinor: now?.availableMinor ?? 0, pendingMinor: now?.pendingMinor ?? 0, ...totals });
  }
  const sum = (k: keyof OverviewStore) => stores.reduce((s, r) => s + (r[k] as number), 0);
  const totals = {
    salesMinor: sum('salesMinor'),
    salesCount: sum('salesCount'),
    commissionMinor: sum('commissionMinor'),
    refundsMinor: sum('refundsMinor'),
    refundsCount: sum('refundsCount'),
    commissionRefundedMinor: sum('commissionRefundedMinor'),
    payoutsMinor: sum('payoutsMinor'),
    payoutsReturnedMinor: sum('payoutsReturnedMinor'),
    openingBalanceMinor: sum('openingBalanceMinor'),
    closingBalanceMinor: sum('closingBalanceMinor'),
  };
  const revenueOpen = opening.get(accounts.revenue(q.currency)) ?? 0;
  const revenueClose = closing.get(accounts.revenue(q.currency)) ?? 0;
  const platform = {
    revenueMinor: revenueClose - revenueOpen,
    revenueBalanceMinor: revenueClose,
    // Clearing is an asset: its balance is debits − credits.
    clearingMinor: 0 - (closing.get(accounts.clearing(q.currency)) ?? 0),
    refundsPayableMinor: closing.get(accounts.refundsPayable(q.currency)) ?? 0,
    payoutsInTransitMinor: closing.get(accounts.inTransit(q.currency)) ?? 0,
  };
  // Every commission moves between a store and revenue, so the period's revenue is the stores' net commission.
  if (platform.revenueMinor !== totals.commissionMinor - totals.commissionRefundedMinor) throw new Error(`overview: revenue ${platform.revenueMinor} ≠ net commission ${totals.commissionMinor - totals.commissionRefundedMinor}`);
  // The trial balance: what clearing holds is owed to stores and buyers, earned, or on its way out.
  if (platform.clearingMinor !== totals.closingBalanceMinor + platform.revenueBalanceMinor + platform.refundsPayableMinor + platform.payoutsInTransitMinor) {
    throw new Error(`overview: clearing ${platform.clearingMinor} ≠ stores + revenue + refunds payable + in transit`);
  }
  return { currency: q.currency, from: q.from, to: q.to, stores, totals, platform };
}

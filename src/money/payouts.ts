/**
 * Payouts: the store's payable balance paid out through the payment provider, one store at a
 * time or in a batch over every store (the operator, or the schedule PAYOUT_INTERVAL_MS).
 * Each payout is a resumable flow (state-machine.ts): it is recorded as `requested` — in the
 * same transaction that moves its amount from the store's balance to payouts in transit, with
 * the store's account locked so two payouts never spend one balance — and only then is the
 * provider asked, with the payout's id as its idempotency key. The provider's webhook says
 * paid (the money leaves clearing) or failed (the money comes back to the store's balance).
 * The sweep sends whatever a crash left `requested`. The only writer of payouts,
 * payout_events and payout_batches.
 */
import type { AppContext } from '../context.js';
import type { Payout, PayoutStatus } from '../db/schema.js';
import { lockForUpdate } from '../db/dialect.js';
import { AppError, refusesForGood } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { assertStoreAccess } from '../stores/service.js';
import { newId } from '../shared/ids.js';
import { nextOf } from '../shared/lifecycle.js';
import type { Tx } from '../orders/service.js';
import type { PaymentEvent } from '../payments/provider.js';
import { accounts, post } from './ledger.js';
import { storeBalance } from './balances.js';
import { PAYOUT_TRANSITIONS, type PayoutAction } from './state-machine.js';

/** A payout as the API shows it. */
export interface PayoutView {
  id: string;
  batchId: string | null;
  storeId: string;
  amountMinor: number;
  currency: string;
  status: PayoutStatus;
  failureReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The API's view of a payout row. */
export const toPayoutView = (p: Payout): PayoutView => ({
  id: p.id,
  batchId: p.batch_id,
  storeId: p.store_id,
  amountMinor: p.amount_minor,
  currency: p.currency,
  status: p.status,
  failureReason: p.failure_reason,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
});

/** Moves a payout conditional on the status read, logs the step, and posts what the move means for the money. */
async function movePayout(ctx: AppContext, trx: Tx, payout: Payout, action: PayoutAction, patch: Partial<Payout> = {}, note: string | null = null): Promise<Payout> {
  const to = nextOf('payout', PAYOUT_TRANSITIONS, payout.status, action, 'provider');
  const now = ctx.clock.now();
  const set = { ...patch, status: to, updated_at: now };
  const res = await trx.updateTable('payouts').set(set).where('id', '=', payout.id).where('status', '=', payout.status).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('PAYOUT_CHANGED', 'The payout changed meanwhile.');
  await trx.insertInto('payout_events').values({ payout_id: payout.id, from_status: payout.status, to_status: to, actor: 'provider', note, at: now }).execute();
  const cur = payout.currency;
  const base = { currency: cur, at: now, storeId: payout.store_id, payoutId: payout.id };
  if (to === 'paid') {
    await post(trx, { ...base, ref: `payout_paid:${payout.id}`, kind: 'payout_paid', transfers: [{ debit: accounts.inTransit(cur), credit: accounts.clearing(cur), amountMinor: payout.amount_minor, kind: 'payout_sent' }] });
  } else if (to === 'failed') {
    await post(trx, { ...base, ref: `payout_failed:${payout.id}`, kind: 'payout_failed', transfers: [{ debit: accounts.inTransit(cur), credit: accounts.store(payout.store_id, cur), amountMinor: payout.amount_minor, kind: 'payout_returned' }] });
  }
  return { ...payout, ...set };
}

/**
 * Records one payout of the store's payable balance (or `amountMinor` of it) inside `trx`,
 * with the store's account locked; null when less than `minimumMinor` is payable.
 */
async function recordPayout(
  ctx: AppContext,
  trx: Tx,
  q: { storeId: string; currency: string; amountMinor?: number | undefined; minimumMinor: number; by: string; batchId: string | null },
): Promise<Payout | null> {
  const account = accounts.store(q.storeId, q.currency);
  const locked = await lockForUpdate(ctx.engine.kind, trx.selectFrom('ledger_accounts').select('id').where('id', '=', account)).executeTakeFirst();
  if (!locked) return null;
  const now = ctx.clock.now();
  const { availableMinor } = await storeBalance(trx, q.storeId, q.currency, now);
  const amount = q.amountMinor ?? availableMinor;
  if (q.amountMinor !== undefined && q.amountMinor > availableMinor) {
    throw new AppError('AMOUNT_EXCEEDS_AVAILABLE', `Only ${Math.max(0, availableMinor)} (minor units) is payable now.`, { availableMinor });
  }
  if (amount < q.minimumMinor || amount <= 0) return null;
  const row: Payout = {
    id: newId(),
    batch_id: q.batchId,
    store_id: q.storeId,
    amount_minor: amount,
    currency: q.currency,
    status: 'requested',
    provider: ctx.payments.name,
    provider_payout_id: null,
    failure_reason: null,
    requested_by: q.by,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('payouts').values(row).execute();
  await trx.insertInto('payout_events').values({ payout_id: row.id, from_status: null, to_status: 'requested', actor: q.by, note: null, at: now }).execute();
  await post(trx, {
    ref: `payout_requested:${row.id}`,
    kind: 'payout_requested',
    currency: q.currency,
    at: now,
    storeId: q.storeId,
    payoutId: row.id,
    transfers: [{ debit: account, credit: accounts.inTransit(q.currency), amountMinor: amount, kind: 'payout' }],
  });
  ctx.crash('payout.before_commit');
  return row;
}

/**
 * Asks the provider to pay a `requested` payout (idempotent by its id) and records the answer:
 * `sent`, or `failed` (money back) when it refuses for good. A transient failure leaves it
 * `requested` for the sweep. Safe to run again, from any process, at any time.
 */
export async function sendPayout(ctx: AppContext, payoutId: string): Promise<void> {
  const payout = await ctx.db.selectFrom('payouts').selectAll().where('id', '=', payoutId).executeTakeFirst();
  if (!payout || payout.status !== 'requested') return;
  ctx.crash('payout.before_provider');
  let providerPayoutId: string;
  try {
    ({ providerPayoutId } = await ctx.payments.createPayout({ reference: payout.id, amountMinor: payout.amount_minor, currency: payout.currency, destination: payout.store_id }));
  } catch (err) {
    if (!refusesForGood(err)) throw err;
    await ctx.db.transaction().execute(async (trx) => {
      const fresh = await trx.selectFrom('payouts').selectAll().where('id', '=', payoutId).executeTakeFirstOrThrow();
      if (fresh.status === 'requested') await movePayout(ctx, trx, fresh, 'fail', { failure_reason: err.code }, err.message);
    });
    return;
  }
  ctx.crash('payout.after_provider');
  await ctx.db.transaction().execute(async (trx) => {
    // Locked: the provider's webhook may be settling it at this very moment.
    const fresh = await lockForUpdate(ctx.engine.kind, trx.selectFrom('payouts').selectAll().where('id', '=', payoutId)).executeTakeFirstOrThrow();
    if (fresh.status === 'requested') await movePayout(ctx, trx, fresh, 'send', { provider_payout_id: providerPayoutId });
  });
}

async function sendPayoutLogged(ctx: AppContext, payoutId: string): Promise<void> {
  try {
    await sendPayout(ctx, payoutId);
  } catch (err) {
    ctx.log.warn({ err, payoutId }, 'payout not sent yet; the sweep will send it');
  }
}

/** The provider's webhook on a payout: paid (money leaves clearing) or failed (money back to the store). Applied once. */
export async function applyPayoutEvent(ctx: AppContext, trx: Tx, e: Extract<PaymentEvent, { type: 'payout.paid' | 'payout.failed' }>): Promise<void> {
  const payout = await lockForUpdate(ctx.engine.kind, trx.selectFrom('payouts').selectAll().where('id', '=', e.payoutReference).where('provider', '=', ctx.payments.name)).executeTakeFirst();
  if (!payout) throw new AppError('UNKNOWN_PAYOUT', 'No payout matches this event.');
  if (payout.provider_payout_id && payout.provider_payout_id !== e.providerPayoutId) throw new AppError('PAYOUT_MISMATCH', 'The event names another provider payout.');
  if (e.amountMinor !== payout.amount_minor || e.currency !== payout.currency) throw new AppError('AMOUNT_MISMATCH', 'The event amount does not match the payout.');
  if (payout.status === 'paid' || payout.status === 'failed') return;
  if (e.type === 'payout.paid') await movePayout(ctx, trx, payout, 'pay', { provider_payout_id: e.providerPayoutId });
  else await movePayout(ctx, trx, payout, 'fail', { provider_payout_id: e.providerPayoutId, failure_reason: e.failureReason ?? 'FAILED' }, 'the provider could not pay it');
}

/** The store owner (or the admin) pays out the store's payable balance, or part of it. */
export async function requestPayout(ctx: AppContext, p: Principal, storeId: string, input: { currency: string; amountMinor?: number | undefined }): Promise<PayoutView> {
  await assertStoreAccess(ctx, p, storeId, 'owner');
  const minimumMinor = input.amountMinor === undefined ? ctx.config.payoutMinimumMinor : 1;
  const payout = await ctx.db.transaction().execute((trx) => recordPayout(ctx, trx, { storeId, currency: input.currency, amountMinor: input.amountMinor, minimumMinor, by: `${p.role}:${p.userId}`, batchId: null }));
  if (!payout) throw new AppError('NOTHING_TO_PAY_OUT', `Less than ${ctx.config.payoutMinimumMinor} (minor units) is payable now.`);
  await sendPayoutLogged(ctx, payout.id);
  return toPayoutView((await ctx.db.selectFrom('payouts').selectAll().where('id', '=', payout.id).executeTakeFirstOrThrow()));
}

/** A payout batch as the API shows it. */
export interface BatchView {
  id: string;
  currency: string;
  payouts: PayoutView[];
  totalMinor: number;
  createdAt: number;
}

/**
 * Pays every store whose payable balance reaches `minimumMinor`: one payout per store, each
 * recorded in a transaction of its own (a crash mid-batch leaves every recorded payout to the
 * sweep and every other store's balance untouched for the next batch), then sent.
 */
export async function runPayoutBatch(ctx: AppContext, by: string, currency: string, minimumMinor = ctx.config.payoutMinimumMinor): Promise<BatchView> {
  const now = ctx.clock.now();
  const batchId = newId();
  const stores = await ctx.db.selectFrom('ledger_accounts').select('store_id').where('kind', '=', 'store').where('currency', '=', currency).orderBy('store_id').execute();
  const made: Payout[] = [];
  for (const { store_id } of stores) {
    const payout = await ctx.db.transaction().execute((trx) => recordPayout(ctx, trx, { storeId: store_id!, currency, minimumMinor, by, batchId }));
    if (payout) made.push(payout);
  }
  const total = made.reduce((s, p) => s + p.amount_minor, 0);
  await ctx.db.insertInto('payout_batches').values({ id: batchId, created_by: by, currency, payouts: made.length, total_minor: total, created_at: now }).execute();
  for (const p of made) await sendPayoutLogged(ctx, p.id);
  const rows = made.length ? await ctx.db.selectFrom('payouts').selectAll().where('batch_id', '=', batchId).orderBy('store_id').execute() : [];
  return { id: batchId, currency, payouts: rows.map(toPayoutView), totalMinor: total, createdAt: now };
}

/** Sweep: sends every payout a crash left `requested` (older than MONEY_RESUME_GRACE_MS). */
export async function resumePayouts(ctx: AppContext): Promise<void> {
  const before = ctx.clock.now() - ctx.config.moneyResumeGraceMs;
  const due = await ctx.db.selectFrom('payouts').select('id').where('status', '=', 'requested').where('updated_at', '<=', before).orderBy('updated_at').limit(50).execute();
  for (const r of due) await sendPayoutLogged(ctx, r.id);
}

/** Payouts, newest first: one store's (members), or every store's (admin). */
export async function listPayouts(ctx: AppContext, q: { storeId?: string | undefined; status?: PayoutStatus | undefined; before?: string | undefined; limit: number }): Promise<{ payouts: PayoutView[]; nextCursor: string | null }> {
  let query = ctx.db.selectFrom('payouts').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.storeId) query = query.where('store_id', '=', q.storeId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return { payouts: page.map(toPayoutView), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

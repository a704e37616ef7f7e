/**
 * HTTP routes of the marketplace's money: a store's balance, statement (JSON or CSV), payouts
 * and commission quote (members see their own store's; only the owner — or the admin — asks
 * for a payout), and the operator's view across stores, payout batches and commission rules
 * (admin).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { errorsOf } from '../http/errors.js';
import { requireRole, requireUser } from '../http/auth.js';
import { Id, PageQuery, typed } from '../http/typed.js';
import { assertStoreAccess } from '../stores/service.js';
import { CATEGORIES } from '../catalog/service.js';
import { toCsv, type CsvColumn } from '../analytics/csv.js';
import { storeBalances } from './balances.js';
import { addRule, listRules, quote } from './commission.js';
import { listPayouts, requestPayout, runPayoutBatch } from './payouts.js';
import { DAY_MS, MAX_PERIOD_DAYS, platformOverview, storeStatement, type OverviewStore, type StatementLine } from './statements.js';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as CNY').default('CNY');
const Time = z.coerce.number().int().min(0).max(8_640_000_000_000);
const Format = z.enum(['json', 'csv']).optional().describe('csv: the lines as CSV (also chosen by Accept: text/csv)');
const PeriodQuery = z.object({
  currency: Currency,
  from: Time.optional().describe('start of the period (ms, inclusive); default: 30 days before `to`'),
  to: Time.optional().describe('end of the period (ms, exclusive); default: now'),
  format: Format,
});
const Totals = {
  salesMinor: z.number(),
  salesCount: z.number(),
  commissionMinor: z.number(),
  refundsMinor: z.number(),
  refundsCount: z.number(),
  commissionRefundedMinor: z.number(),
  payoutsMinor: z.number(),
  payoutsReturnedMinor: z.number(),
};
const BalanceOut = z.object({
  currency: z.string(),
  balanceMinor: z.number().describe('everything owed to the store (negative: the store owes the platform, carried forward)'),
  availableMinor: z.number().describe('payable now: sales past their return window, less refunds and payouts'),
  pendingMinor: z.number().describe('waiting for delivery plus the return window'),
  inPayoutMinor: z.number(),
  nextReleaseAt: z.number().nullable(),
});
const StatementOut = z
  .object({
    storeId: z.string(),
    currency: z.string(),
    from: z.number(),
    to: z.number(),
    openingBalanceMinor: z.number(),
    closingBalanceMinor: z.number(),
    totals: z.object(Totals),
    days: z.array(z.object({ day: z.number(), closingMinor: z.number() })),
    lines: z.array(z.object({ at: z.number(), kind: z.string(), amountMinor: z.number(), balanceAfterMinor: z.number(), orderId: z.string().nullable(), refundId: z.string().nullable(), payoutId: z.string().nullable() })),
    linesTruncated: z.boolean(),
    balance: BalanceOut.omit({ currency: true }),
  })
  .meta({ id: 'Statement' });
const PayoutOut = z
  .object({ id: z.string(), batchId: z.string().nullable(), storeId: z.string(), amountMinor: z.number(), currency: z.string(), status: z.enum(['requested', 'sent', 'paid', 'failed']), failureReason: z.string().nullable(), createdAt: z.number(), updatedAt: z.number() })
  .meta({ id: 'Payout' });
const PayoutList = z.object({ payouts: z.array(PayoutOut), nextCursor: z.string().nullable() });
const PayoutListQuery = z.object({ status: z.enum(['requested', 'sent', 'paid', 'failed']).optional(), cursor: Id.optional(), limit: PageQuery.limit });
const RuleOut = z
  .object({ id: z.string(), storeKind: z.enum(['marketplace', 'flagship']).nullable(), category: z.string().nullable(), launchId: z.string().nullable(), rateBps: z.number(), effectiveFrom: z.number(), note: z.string().nullable(), createdBy: z.string(), createdAt: z.number() })
  .meta({ id: 'CommissionRule' });
const OverviewOut = z
  .object({
    currency: z.string(),
    from: z.number(),
    to: z.number(),
    stores: z.array(z.object({ storeId: z.string(), name: z.string(), kind: z.enum(['marketplace', 'flagship']), openingBalanceMinor: z.number(), closingBalanceMinor: z.number(), availableMinor: z.number(), pendingMinor: z.number(), ...Totals })),
    totals: z.object({ ...Totals, openingBalanceMinor: z.number(), closingBalanceMinor: z.number() }),
    platform: z.object({ revenueMinor: z.number(), revenueBalanceMinor: z.number(), clearingMinor: z.number(), refundsPayableMinor: z.number(), payoutsInTransitMinor: z.number() }),
  })
  .meta({ id: 'MoneyOverview' });
const StoreParams = z.object({ storeId: Id });

/** The period asked for, checked: from before to, at most MAX_PERIOD_DAYS long. */
function period(ctx: AppContext, q: { from?: number | undefined; to?: number | undefined }): { from: number; to: number } {
  const to = q.to ?? ctx.clock.now() + 1;
  const from = q.from ?? to - 30 * DAY_MS;
  if (from >= to) throw new AppError('BAD_RANGE', '`from` must be before `to`.');
  if (to - from > MAX_PERIOD_DAYS * DAY_MS) throw new AppError('RANGE_TOO_LONG', `A statement covers at most ${MAX_PERIOD_DAYS} days.`);
  return { from, to };
}

function wantsCsv(req: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/i.test(req.headers.accept ?? '');
}

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).header('cache-control', 'no-store').send(csv);
}

const iso = (ms: number) => new Date(ms).toISOString();
const lineCsv: Array<CsvColumn<StatementLine>> = [
  { header: 'at', value: (l) => iso(l.at) },
  { header: 'kind', value: (l) => l.kind },
  { header: 'amount_minor', value: (l) => l.amountMinor },
  { header: 'balance_after_minor', value: (l) => l.balanceAfterMinor },
  { header: 'order_id', value: (l) => l.orderId },
  { header: 'refund_id', value: (l) => l.refundId },
  { header: 'payout_id', value: (l) => l.payoutId },
];
const storeCsv: Array<CsvColumn<OverviewStore>> = [
  { header: 'store_id', value: (s) => s.storeId },
  { header: 'store', value: (s) => s.name },
  { header: 'kind', value: (s) => s.kind },
  { header: 'opening_minor', value: (s) => s.openingBalanceMinor },
  { header: 'sales_minor', value: (s) => s.salesMinor },
  { header: 'commission_minor', value: (s) => s.commissionMinor },
  { header: 'refunds_minor', value: (s) => s.refundsMinor },
  { header: 'commission_refunded_minor', value: (s) => s.commissionRefundedMinor },
  { header: 'payouts_minor', value: (s) => s.payoutsMinor },
  { header: 'payouts_returned_minor', value: (s) => s.payoutsReturnedMinor },
  { header: 'closing_minor', value: (s) => s.closingBalanceMinor },
  { header: 'available_minor', value: (s) => s.availableMinor },
  { header: 'pending_minor', value: (s) => s.pendingMinor },
];

/** Registers the money routes. */
export function moneyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.get('/stores/:storeId/balance', {
    schema: { tags: ['money'], summary: "The store's balance per currency: payable now, waiting for the return window, being paid out (store members)", params: StoreParams, response: { 200: z.object({ balances: z.array(BalanceOut) }), ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req) => {
    await assertStoreAccess(ctx, requireUser(req), req.params.storeId);
    return { balances: await storeBalances(ctx.db, req.params.storeId, ctx.clock.now()) };
  });

  r.get('/stores/:storeId/statement', {
    schema: {
      tags: ['money'],
      summary: "The store's statement for a period: opening and closing balance, sales, commission, refunds, payouts, the balance each day and every line (store members). Add ?format=csv for the lines as CSV.",
      params: StoreParams,
      querystring: PeriodQuery,
      response: { 200: StatementOut, ...errorsOf('BAD_RANGE', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'RANGE_TOO_LONG') },
    },
  }, async (req, reply) => {
    await assertStoreAccess(ctx, requireUser(req), req.params.storeId);
    const { from, to } = period(ctx, req.query);
    const st = await storeStatement(ctx.db, { storeId: req.params.storeId, currency: req.query.currency, from, to, now: ctx.clock.now() });
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, `statement-${req.params.storeId.slice(0, 8)}-${iso(from).slice(0, 10)}-${iso(to - 1).slice(0, 10)}`, toCsv(lineCsv, st.lines));
    return st;
  });

  r.get('/stores/:storeId/payouts', {
    schema: { tags: ['money'], summary: "The store's payouts, newest first (store members)", params: StoreParams, querystring: PayoutListQuery, response: { 200: PayoutList, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req) => {
    await assertStoreAccess(ctx, requireUser(req), req.params.storeId);
    return listPayouts(ctx, { storeId: req.params.storeId, status: req.query.status, before: req.query.cursor, limit: req.query.limit });
  });

  r.post('/stores/:storeId/payouts', {
    schema: {
      tags: ['money'],
      summary: "Pay out the store's payable balance, or part of it, through the payment provider (the store's owner or the admin)",
      params: StoreParams,
      body: z.object({ currency: Currency, amountMinor: z.number().int().min(1).max(1_000_000_000_00).optional() }).nullish().describe('optional: no body pays out all that is payable, in CNY'),
      response: { 201: PayoutOut, ...errorsOf('ACTION_NOT_ALLOWED', 'AMOUNT_EXCEEDS_AVAILABLE', 'ILLEGAL_TRANSITION', 'NOTHING_TO_PAY_OUT', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'PAYOUT_AMOUNT_INVALID', 'PAYOUT_CHANGED', 'PAYOUT_REFERENCE_REUSED') },
    },
  }, async (req, reply) => {
    const payout = await requestPayout(ctx, requireUser(req), req.params.storeId, { currency: req.body?.currency ?? 'CNY', amountMinor: req.body?.amountMinor });
    reply.code(201);
    return payout;
  });

  r.get('/stores/:storeId/commission', {
    schema: {
      tags: ['money'],
      summary: 'The commission the store will be charged on these SKUs at a moment (default now): shown before a launch is scheduled (store members)',
      params: StoreParams,
      querystring: z.object({
        skuIds: z
          .string()
          .max(20 * 37)
          .transform((s) => s.split(',').filter(Boolean))
          .pipe(z.array(Id).min(1).max(20))
          .describe('comma-separated SKU ids'),
        at: Time.optional(),
        launchId: Id.optional(),
        priceMinor: z.coerce.number().int().min(0).max(1_000_000_000_00).optional().describe('the price to quote on (default: each SKU’s price)'),
      }),
      response: {
        200: z.object({
          storeKind: z.enum(['marketplace', 'flagship']),
          at: z.number(),
          items: z.array(z.object({ skuId: z.string(), category: z.string().nullable(), rateBps: z.number(), ruleId: z.string().nullable(), commissionPerUnitMinor: z.number(), upcoming: z.array(z.object({ rateBps: z.number(), effectiveFrom: z.number() })) })),
        }),
        ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'SKU_NOT_IN_STORE'),
      },
    },
  }, async (req) => {
    const store = await assertStoreAccess(ctx, requireUser(req), req.params.storeId);
    const at = req.query.at ?? ctx.clock.now();
    const skus = await ctx.db
      .selectFrom('skus')
      .innerJoin('products', 'products.id', 'skus.product_id')
      .select(['skus.id', 'skus.price_minor', 'skus.store_id', 'products.category'])
      .where('skus.id', 'in', req.query.skuIds)
      .execute();
    const mine = req.query.skuIds.map((id) => skus.find((s) => s.id === id && s.store_id === store.id));
    if (mine.some((s) => !s)) throw new AppError('SKU_NOT_IN_STORE', "Some SKUs are not this store's.");
    const items = await quote(ctx.db, { storeKind: store.kind, at, launchId: req.query.launchId ?? null, items: mine.map((s) => ({ skuId: s!.id, category: s!.category, priceMinor: req.query.priceMinor ?? s!.price_minor })) });
    return { storeKind: store.kind, at, items };
  });

  r.get('/admin/money/overview', {
    schema: {
      tags: ['money', 'admin'],
      summary: "The operator's view: every store's period and balances, platform revenue and the platform's accounts, all from the ledger (admin). Add ?format=csv for the store rows as CSV.",
      querystring: PeriodQuery,
      response: { 200: OverviewOut, ...errorsOf('BAD_RANGE', 'RANGE_TOO_LONG', 'ROLE_REQUIRED') },
    },
  }, async (req, reply) => {
    requireRole(req, 'admin');
    const { from, to } = period(ctx, req.query);
    const o = await platformOverview(ctx.db, { currency: req.query.currency, from, to, now: ctx.clock.now() });
    if (wantsCsv(req, req.query.format)) return sendCsv(reply, `money-${iso(from).slice(0, 10)}-${iso(to - 1).slice(0, 10)}`, toCsv(storeCsv, o.stores));
    return o;
  });

  r.get('/admin/payouts', {
    schema: { tags: ['money', 'admin'], summary: 'Every payout, newest first (admin)', querystring: PayoutListQuery, response: { 200: PayoutList, ...errorsOf('ROLE_REQUIRED') } },
  }, async (req) => {
    requireRole(req, 'admin');
    return listPayouts(ctx, { status: req.query.status, before: req.query.cursor, limit: req.query.limit });
  });

  r.post('/admin/payouts/batches', {
    schema: {
      tags: ['money', 'admin'],
      summary: 'Pay out every store whose payable balance reaches the minimum: one payout per store (admin)',
      body: z.object({ currency: Currency, minimumMinor: z.number().int().min(1).max(1_000_000_000_00).optional() }).nullish().describe('optional: no body pays out CNY balances from PAYOUT_MINIMUM_MINOR'),
      response: { 201: z.object({ id: z.string(), currency: z.string(), payouts: z.array(PayoutOut), totalMinor: z.number(), createdAt: z.number() }), ...errorsOf('ACTION_NOT_ALLOWED', 'AMOUNT_EXCEEDS_AVAILABLE', 'ILLEGAL_TRANSITION', 'PAYOUT_AMOUNT_INVALID', 'PAYOUT_CHANGED', 'PAYOUT_REFERENCE_REUSED', 'ROLE_REQUIRED') },
    },
  }, async (req, reply) => {
    const p = requireRole(req, 'admin');
    const batch = await runPayoutBatch(ctx, `admin:${p.userId}`, req.body?.currency ?? 'CNY', req.body?.minimumMinor);
    reply.code(201);
    return batch;
  });

  r.get('/admin/commission-rules', {
    schema: { tags: ['money', 'admin'], summary: 'Every commission rule, newest first (admin)', response: { 200: z.object({ rules: z.array(RuleOut) }), ...errorsOf('ROLE_REQUIRED') } },
  }, async (req) => {
    requireRole(req, 'admin');
    return { rules: await listRules(ctx) };
  });

  r.post('/admin/commission-rules', {
    schema: {
      tags: ['money', 'admin'],
      summary: 'Add a commission rule: a rate per store kind, optionally for one category or launch, from now or later — never earlier (admin)',
      body: z.object({
        storeKind: z.enum(['marketplace', 'flagship']).optional(),
        category: z.enum(CATEGORIES).optional(),
        launchId: Id.optional(),
        rateBps: z.number().int().min(0).max(10_000).describe('basis points: 100 = 1 %'),
        effectiveFrom: z.number().int().min(0).max(8_640_000_000_000).optional().describe('ms; default: now'),
        note: z.string().trim().max(200).optional(),
      }),
      response: { 201: RuleOut, ...errorsOf('EFFECTIVE_IN_PAST', 'KIND_MISMATCH', 'ROLE_REQUIRED', 'UNKNOWN_LAUNCH') },
    },
  }, async (req, reply) => {
    const p = requireRole(req, 'admin');
    const rule = await addRule(ctx, `admin:${p.userId}`, req.body);
    reply.code(201);
    return rule;
  });
}

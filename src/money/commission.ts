/**
 * Commission rules, set by the operator: a rate in basis points per store kind, optionally
 * narrowed to a product category or to one launch, effective from a moment on. Rules are
 * never edited or removed and never start in the past, so the rate a sale was charged stays
 * what it was; a new rule takes over from its effective time. For a sale at time t, the most
 * specific rule effective at t applies (launch, then category, then store kind; among rules of
 * the same scope, the latest effective one). The only writer of commission_rules.
 */
import type { AppContext } from '../context.js';
import type { CommissionRule } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Tx } from '../orders/service.js';

/** Store kinds, as the stores domain has them. */
export type StoreKind = 'marketplace' | 'flagship';

/** A rule as the API shows it. */
export interface CommissionRuleView {
  id: string;
  storeKind: StoreKind | null;
  category: string | null;
  launchId: string | null;
  rateBps: number;
  effectiveFrom: number;
  note: string | null;
  createdBy: string;
  createdAt: number;
}

/** The API's view of a rule. */
export const toRuleView = (r: CommissionRule): CommissionRuleView => ({
  id: r.id,
  storeKind: r.store_kind,
  category: r.category,
  launchId: r.launch_id,
  rateBps: r.rate_bps,
  effectiveFrom: r.effective_from,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The rate that applies to one sale line, and the rule it comes from (null: no rule, 0 %). */
export interface AppliedRate {
  rateBps: number;
  ruleId: string | null;
}

/** How specific a rule is: a launch rule beats a category rule, which beats a store-kind rule. */
const specificity = (r: CommissionRule) => (r.launch_id ? 4 : 0) + (r.category ? 2 : 0) + (r.store_kind ? 1 : 0);

/** The rule of `rules` that applies to a sale of `category` at a store of `storeKind` in `launchId` at `at`. */
export function pickRule(rules: readonly CommissionRule[], q: { storeKind: StoreKind; category: string | null; launchId: string | null; at: number }): CommissionRule | null {
  let best: CommissionRule | null = null;
  for (const r of rules) {
    if (r.effective_from > q.at) continue;
    if (r.launch_id !== null && r.launch_id !== q.launchId) continue;
    if (r.category !== null && r.category !== q.category) continue;
    if (r.store_kind !== null && r.store_kind !== q.storeKind) continue;
    if (!best) best = r;
    else {
      const a = specificity(r);
      const b = specificity(best);
      if (a > b || (a === b && (r.effective_from > best.effective_from || (r.effective_from === best.effective_from && r.created_at > best.created_at)))) best = r;
    }
  }
  return best;
}

/** The rules that may apply to sales of these categories at a store of `storeKind` (in `launchId`) up to `at`. */
export async function candidateRules(db: Tx, q: { storeKind: StoreKind; launchId: string | null; at: number }): Promise<CommissionRule[]> {
  return db
    .selectFrom('commission_rules')
    .selectAll()
    .where('effective_from', '<=', q.at)
    .where((eb) => eb.or([eb('store_kind', 'is', null), eb('store_kind', '=', q.storeKind)]))
    .where((eb) => (q.launchId ? eb.or([eb('launch_id', 'is', null), eb('launch_id', '=', q.launchId)]) : eb('launch_id', 'is', null)))
    .execute();
}

/** Commission on `amountMinor` at `rateBps`, rounded half up to a whole minor unit. */
export function commissionOf(amountMinor: number, rateBps: number): number {
  return Number((BigInt(amountMinor) * BigInt(rateBps) + 5000n) / 10000n);
}

/** Every rule, newest first (operator). */
export async function listRules(ctx: AppContext, limit = 200): Promise<CommissionRuleView[]> {
  const rows = await ctx.db.selectFrom('commission_rules').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRuleView);
}

/** Adds a rule (operator). It starts now or later, never earlier: the past keeps its rates. */
export async function addRule(
  ctx: AppContext,
  by: string,
  input: { storeKind?: StoreKind | undefined; category?: string | undefined; launchId?: string | undefined; rateBps: number; effectiveFrom?: number | undefined; note?: string | undefined },
): Promise<CommissionRuleView> {
  const now = ctx.clock.now();
  const effectiveFrom = input.effectiveFrom ?? now;
  if (effectiveFrom < now) throw new AppError('EFFECTIVE_IN_PAST', 'A commission rule cannot start in the past: sales already made keep the rate they were charged.');
  let storeKind = input.storeKind ?? null;
  if (input.launchId) {
    const launch = await ctx.db.selectFrom('launches').innerJoin('stores', 'stores.id', 'launches.store_id').select(['stores.kind']).where('launches.id', '=', input.launchId).executeTakeFirst();
    if (!launch) throw new AppError('UNKNOWN_LAUNCH', 'No launch has this id.');
    if (storeKind && storeKind !== launch.kind) throw new AppError('KIND_MISMATCH', "The launch's store is not of this kind.");
    storeKind = null;
  }
  const row: CommissionRule = {
    id: newId(),
    store_kind: storeKind,
    category: input.category ?? null,
    launch_id: input.launchId ?? null,
    rate_bps: input.rateBps,
    effective_from: effectiveFrom,
    note: input.note ?? null,
    created_by: by,
    created_at: now,
  };
  await ctx.db.insertInto('commission_rules').values(row).execute();
  return toRuleView(row);
}

/** What a store will be charged on given SKUs at `at` (shown to the seller before scheduling a launch). */
export async function quote(
  db: Tx,
  q: { storeKind: StoreKind; at: number; launchId: string | null; items: Array<{ skuId: string; category: string | null; priceMinor: number }> },
): Promise<Array<{ skuId: string; category: string | null; rateBps: number; ruleId: string | null; commissionPerUnitMinor: number; upcoming: Array<{ rateBps: number; effectiveFrom: number }> }>> {
  const rules = await candidateRules(db, { storeKind: q.storeKind, launchId: q.launchId, at: Number.MAX_SAFE_INTEGER });
  return q.items.map((it) => {
    const r = pickRule(rules, { storeKind: q.storeKind, category: it.category, launchId: q.launchId, at: q.at });
    const rateBps = r?.rate_bps ?? 0;
    // Rules announced for later that would change this line's rate.
    const upcoming = [...new Set(rules.filter((x) => x.effective_from > q.at).map((x) => x.effective_from))]
      .sort((a, b) => a - b)
      .map((t) => ({ t, r: pickRule(rules, { storeKind: q.storeKind, category: it.category, launchId: q.launchId, at: t }) }))
      .filter((x) => (x.r?.rate_bps ?? 0) !== rateBps)
      .map((x) => ({ rateBps: x.r?.rate_bps ?? 0, effectiveFrom: x.t }));
    return { skuId: it.skuId, category: it.category, rateBps, ruleId: r?.id ?? null, commissionPerUnitMinor: commissionOf(it.priceMinor, rateBps), upcoming };
  });
}

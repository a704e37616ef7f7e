/**
 * Launch management around the engine: scheduling (with every setting validated and the
 * allotment moved out of ordinary stock), reading, pausing and resuming, cancelling, paying
 * a hold (it becomes an order), and returning unsold units after the end.
 */
import type { AppContext } from '../context.js';
import type { Hold, Launch, LaunchItemsTable } from '../db/schema.js';
import type { Insertable } from 'kysely';
import { AppError, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { assertStoreAccess, isStoreMember } from '../stores/service.js';
import { returnStock, takeStock } from '../catalog/stock.js';
import { newId } from '../shared/ids.js';
import { startPayment, type PaymentView } from '../payments/service.js';
import { createOrder, toOrderView, type Address, type OrderView } from '../orders/service.js';
import { phaseOf, type LaunchEngine, type LaunchPhase } from './engine.js';
import { optionLabels, type ProductOption } from '../catalog/service.js';
import type { Locale } from '../shared/locales.js';
import { mergeTexts, parseTexts, pickText, type LocalizedTexts } from '../shared/texts.js';
import { drawCommitment, newDrawSeed } from './draw.js';

/** Limits on launch settings (TigerBeetle style: a bound on everything). */
export const LAUNCH_LIMITS = {
  maxItems: 20,
  maxAllotment: 10_000_000,
  maxPerBuyer: 100,
  minPaymentWindowMs: 60_000,
  maxPaymentWindowMs: 24 * 3600_000,
  maxAdmissionRate: 100_000,
  maxActive: 1_000_000,
  minPassTtlMs: 10_000,
  maxPassTtlMs: 3600_000,
  maxPowDifficulty: 24,
  maxDurationMs: 30 * 24 * 3600_000,
} as const;

export interface NewLaunchInput {
  title: string;
  description: string;
  /** Per-locale title and description (the primary ones are the fallback). */
  texts?: LocalizedTexts<'title' | 'description'> | undefined;
  startsAt: number;
  endsAt: number;
  registrationRequired: boolean;
  registrationOpensAt?: number | undefined;
  perBuyerLimit: number;
  paymentWindowMs: number;
  admission: { ratePerSecond: number; maxActive: number; passTtlMs: number };
  powDifficulty: number;
  items: Array<{ skuId: string; allotment: number; launchPriceMinor: number }>;
}

export interface LaunchView {
  id: string;
  storeId: string;
  storeName: string;
  storeVerified: boolean;
  /** In the locale asked for, else the primary texts. */
  title: string;
  description: string;
  texts: LocalizedTexts<'title' | 'description'>;
  phase: LaunchPhase;
  paused: boolean;
  startsAt: number;
  endsAt: number;
  registrationRequired: boolean;
  registrationOpensAt: number | null;
  perBuyerLimit: number;
  paymentWindowMs: number;
  admission: { ratePerSecond: number; maxActive: number; passTtlMs: number };
  powDifficulty: number;
  draw: { seed: string; at: number; prequeueCount: number; entrantsHash: string | null } | null;
  /** SHA-256 of the draw's seed, published from scheduling on (null for launches scheduled before commitments existed). */
  drawCommitment: string | null;
  items: Array<{ skuId: string; productId: string; title: string; options: Record<string, string>; optionLabels: Record<string, string>; image: string | null; allotment: number; available: number; launchPriceMinor: number; regularPriceMinor: number; currency: string }>;
  registeredCount: number;
  /** Whether the signed-in caller is registered (a single launch read by a signed-in user; null otherwise). */
  registered: boolean | null;
  serverTime: number;
}

function validate(input: NewLaunchInput, now: number): void {
  const L = LAUNCH_LIMITS;
  if (input.startsAt <= now) throw new AppError('STARTS_IN_PAST', 'startsAt must be in the future.');
  if (input.endsAt <= input.startsAt) throw new AppError('ENDS_BEFORE_START', 'endsAt must be after startsAt.');
  if (input.endsAt - input.startsAt > L.maxDurationMs) throw new AppError('TOO_LONG', 'A launch may last at most 30 days.');
  if (input.registrationOpensAt !== undefined && input.registrationOpensAt >= input.startsAt) throw new AppError('REGISTRATION_AFTER_START', 'registrationOpensAt must be before startsAt.');
  if (input.registrationRequired && input.registrationOpensAt === undefined) throw new AppError('REGISTRATION_WINDOW_MISSING', 'A launch that requires registration needs registrationOpensAt.');
  if (new Set(input.items.map((i) => i.skuId)).size !== input.items.length) throw new AppError('DUPLICATE_SKU', 'Each SKU may appear once in a launch.');
}

/** Schedules a launch; its allotment leaves ordinary stock in the same transaction. */
export async function createLaunch(ctx: AppContext, p: Principal, storeId: string, input: NewLaunchInput): Promise<string> {
  await assertStoreAccess(ctx, p, storeId);
  const now = ctx.clock.now();
  validate(input, now);
  const skus = await ctx.db.selectFrom('skus').innerJoin('products', 'products.id', 'skus.product_id').select(['skus.id', 'skus.store_id', 'skus.currency', 'products.status']).where('skus.id', 'in', input.items.map((i) => i.skuId)).execute();
  for (const it of input.items) {
    const sku = skus.find((s) => s.id === it.skuId);
    if (!sku || sku.store_id !== storeId) throw new AppError('SKU_NOT_IN_STORE', `SKU ${it.skuId} is not one of this store's SKUs.`);
  }
  const id = newId();
  // The draw's seed is made now and only its commitment published; the draw reveals it (docs/draw.md).
  const drawSeed = newDrawSeed();
  const row: Launch = {
    id,
    store_id: storeId,
    title: input.title,
    description: input.description,
    texts_json: JSON.stringify(mergeTexts({}, input.texts)),
    cancelled_at: null,
    registration_required: input.registrationRequired ? 1 : 0,
    registration_opens_at: input.registrationOpensAt ?? null,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    per_buyer_limit: input.perBuyerLimit,
    payment_window_ms: input.paymentWindowMs,
    admission_rate_per_sec: input.admission.ratePerSecond,
    max_active: input.admission.maxActive,
    pass_ttl_ms: input.admission.passTtlMs,
    pow_difficulty: input.powDifficulty,
    paused: 0,
    shuffle_seed: null,
    shuffled_at: null,
    prequeue_count: null,
    draw_commitment: drawCommitment(drawSeed),
    draw_secret: drawSeed,
    draw_committed_at: now,
    draw_entrants_hash: null,
    stock_returned_at: null,
    created_at: now,
    updated_at: now,
  };
  const items: Array<Insertable<LaunchItemsTable>> = input.items.map((i) => ({ launch_id: id, sku_id: i.skuId, allotment: i.allotment, price_minor: i.launchPriceMinor, currency: skus.find((s) => s.id === i.skuId)!.currency }));
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('launches').values(row).execute();
    await trx.insertInto('launch_items').values(items).execute();
    await trx.insertInto('launch_fences').values({ launch_id: id, stock_epoch: 1, room_epoch: 1 }).execute();
    const short: string[] = [];
    for (const it of [...items].sort((a, b) => (a.sku_id < b.sku_id ? -1 : 1))) {
      if (!(await takeStock(trx, it.sku_id, it.allotment, now))) short.push(it.sku_id);
    }
    if (short.length) throw new AppError('INSUFFICIENT_STOCK', 'The allotment is larger than the stock on hand for some SKUs.', { skuIds: short });
  });
  return id;
}

async function loadRow(ctx: AppContext, launchId: string): Promise<Launch> {
  const row = await ctx.db.selectFrom('launches').selectAll().where('id', '=', launchId).executeTakeFirst();
  if (!row) throw notFound('Launch');
  return row;
}

/** The public view of a launch (anyone), with live availability from the engine; texts in `locale`. */
export async function getLaunch(ctx: AppContext, engine: LaunchEngine, launchId: string, viewerId?: string | null, locale: Locale | null = null): Promise<LaunchView> {
  const row = await loadRow(ctx, launchId);
  const [view] = await toViews(ctx, engine, [row], locale);
  if (!viewerId) return view!;
  const live = row.cancelled_at === null && ctx.clock.now() < row.ends_at;
  const registered = live
    ? await engine.registeredBuyer(launchId, viewerId)
    : !!(await ctx.db.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', launchId).where('buyer_id', '=', viewerId).executeTakeFirst());
  return { ...view!, registered };
}

async function toViews(ctx: AppContext, engine: LaunchEngine, rows: Launch[], locale: Locale | null = null): Promise<LaunchView[]> {
  if (rows.length === 0) return [];
  const now = ctx.clock.now();
  const ids = rows.map((r) => r.id);
  const items = await ctx.db
    .selectFrom('launch_items')
    .innerJoin('skus', 'skus.id', 'launch_items.sku_id')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select(['launch_items.launch_id', 'launch_items.sku_id', 'launch_items.allotment', 'launch_items.price_minor', 'launch_items.currency', 'skus.price_minor as regular_price', 'skus.options_json', 'skus.images_json', 'products.id as product_id', 'products.title', 'products.texts_json as product_texts', 'products.options_json as product_options', 'products.images_json as product_images'])
    .where('launch_items.launch_id', 'in', ids)
    .execute();
  const stores = await ctx.db.selectFrom('stores').select(['id', 'name', 'verified', 'texts_json']).where('id', 'in', [...new Set(rows.map((r) => r.store_id))]).execute();
  const out: LaunchView[] = [];
  for (const r of rows) {
    const live = r.cancelled_at === null && now < r.ends_at;
    const counts = live ? await engine.counts(r.id) : null;
    const regs = live ? null : await ctx.db.selectFrom('launch_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('launch_id', '=', r.id).executeTakeFirst();
    const registeredCount = live ? await engine.registeredCount(r.id) : Number(regs?.n ?? 0);
    const mine = items.filter((i) => i.launch_id === r.id);
    const available = counts ? counts.reduce((s, c) => s + c.available, 0) : 0;
    const store = stores.find((s) => s.id === r.store_id)!;
    const texts = parseTexts<'title' | 'description'>(r.texts_json);
    out.push({
      id: r.id,
      storeId: r.store_id,
      storeName: pickText(parseTexts<'name'>(store.texts_json), 'name', locale, store.name),
      storeVerified: store.verified === 1,
      title: pickText(texts, 'title', locale, r.title),
      description: pickText(texts, 'description', locale, r.description),
      texts,
      phase: phaseOf(r, now, counts ? available : null),
      paused: r.paused === 1,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      registrationRequired: r.registration_required === 1,
      registrationOpensAt: r.registration_opens_at,
      perBuyerLimit: r.per_buyer_limit,
      paymentWindowMs: r.payment_window_ms,
      admission: { ratePerSecond: r.admission_rate_per_sec, maxActive: r.max_active, passTtlMs: r.pass_ttl_ms },
      powDifficulty: r.pow_difficulty,
      draw: r.shuffle_seed ? { seed: r.shuffle_seed, at: r.shuffled_at!, prequeueCount: r.prequeue_count ?? 0, entrantsHash: r.draw_entrants_hash } : null,
      drawCommitment: r.draw_commitment,
      items: mine.map((i) => ({
        skuId: i.sku_id,
        productId: i.product_id,
        title: pickText(parseTexts<'title'>(i.product_texts), 'title', locale, i.title),
        options: JSON.parse(i.options_json) as Record<string, string>,
        optionLabels: optionLabels(JSON.parse(i.product_options) as ProductOption[], JSON.parse(i.options_json) as Record<string, string>, locale),
        image: (JSON.parse(i.images_json) as string[])[0] ?? (JSON.parse(i.product_images) as string[])[0] ?? null,
        allotment: i.allotment,
        available: counts?.find((c) => c.skuId === i.sku_id)?.available ?? 0,
        launchPriceMinor: i.price_minor,
        regularPriceMinor: i.regular_price,
        currency: i.currency,
      })),
      registeredCount,
      registered: null,
      serverTime: now,
    });
  }
  return out;
}

/** Launches for the storefront (upcoming and live first) or for one store's console. */
export async function listLaunches(ctx: AppContext, engine: LaunchEngine, q: { storeId?: string | undefined; productId?: string | undefined; include: 'current' | 'all'; limit: number; locale?: Locale | null }): Promise<LaunchView[]> {
  const now = ctx.clock.now();
  let query = ctx.db.selectFrom('launches').selectAll().orderBy('starts_at').limit(q.limit);
  if (q.storeId) query = query.where('store_id', '=', q.storeId);
  if (q.productId) query = query.where('id', 'in', ctx.db.selectFrom('launch_items').innerJoin('skus', 'skus.id', 'launch_items.sku_id').select('launch_items.launch_id').where('skus.product_id', '=', q.productId));
  if (q.include === 'current') query = query.where('cancelled_at', 'is', null).where('ends_at', '>', now);
  return toViews(ctx, engine, await query.execute(), q.locale ?? null);
}

/** Pause or resume a launch (members of its store); buyers keep their places. */
export async function setPaused(ctx: AppContext, engine: LaunchEngine, p: Principal, launchId: string, paused: boolean): Promise<LaunchView> {
  const row = await loadRow(ctx, launchId);
  await assertStoreAccess(ctx, p, row.store_id);
  const phase = phaseOf(row, ctx.clock.now(), null);
  if (phase === 'ended' || phase === 'cancelled') throw new AppError('LAUNCH_ENDED', 'This launch is over.');
  if (row.paused === (paused ? 1 : 0)) throw new AppError(paused ? 'ALREADY_PAUSED' : 'NOT_PAUSED', paused ? 'The launch is already paused.' : 'The launch is not paused.');
  await ctx.db.updateTable('launches').set({ paused: paused ? 1 : 0, updated_at: ctx.clock.now() }).where('id', '=', launchId).execute();
  await engine.refresh(launchId);
  return getLaunch(ctx, engine, launchId);
}

/** Calls off a launch before it starts; the allotment goes back to ordinary stock. */
export async function cancelLaunch(ctx: AppContext, engine: LaunchEngine, p: Principal, launchId: string): Promise<LaunchView> {
  const row = await loadRow(ctx, launchId);
  await assertStoreAccess(ctx, p, row.store_id);
  const now = ctx.clock.now();
  if (row.cancelled_at !== null) throw new AppError('LAUNCH_CANCELLED', 'This launch is already cancelled.');
  if (now >= row.starts_at) throw new AppError('LAUNCH_STARTED', 'A launch that has started cannot be cancelled; pause it instead.');
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('launches').set({ cancelled_at: now, stock_returned_at: now, updated_at: now }).where('id', '=', launchId).where('cancelled_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('LAUNCH_CHANGED', 'The launch changed meanwhile.');
    const items = await trx.selectFrom('launch_items').selectAll().where('launch_id', '=', launchId).execute();
    for (const it of items) await returnStock(trx, it.sku_id, it.allotment, now);
  });
  await engine.refresh(launchId);
  return getLaunch(ctx, engine, launchId);
}

/** After a launch ends and no hold is pending, its unsold units go back to ordinary stock (once). */
export async function returnUnsoldStock(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const ended = await ctx.db.selectFrom('launches').selectAll().where('cancelled_at', 'is', null).where('ends_at', '<=', now).where('stock_returned_at', 'is', null).limit(20).execute();
  let n = 0;
  for (const l of ended) {
    const pending = await ctx.db.selectFrom('holds').select('id').where('launch_id', '=', l.id).where('status', '=', 'held').limit(1).executeTakeFirst();
    if (pending) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('launches').set({ stock_returned_at: now, updated_at: now }).where('id', '=', l.id).where('stock_returned_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      const items = await trx.selectFrom('launch_items').selectAll().where('launch_id', '=', l.id).execute();
      for (const it of items) {
        const sold = await trx.selectFrom('holds').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.val(0)).as('n')).where('launch_id', '=', l.id).where('sku_id', '=', it.sku_id).where('status', '=', 'paid').executeTakeFirstOrThrow();
        const unsold = it.allotment - Number(sold.n);
        if (unsold > 0) await returnStock(trx, it.sku_id, unsold, now);
      }
      n++;
    });
  }
  return n;
}

export interface HoldView {
  id: string;
  launchId: string;
  skuId: string;
  quantity: number;
  priceMinor: number;
  currency: string;
  status: Hold['status'];
  expiresAt: number;
  orderId: string | null;
  createdAt: number;
}

export const toHoldView = (h: Hold): HoldView => ({
  id: h.id,
  launchId: h.launch_id,
  skuId: h.sku_id,
  quantity: h.quantity,
  priceMinor: h.price_minor,
  currency: h.currency,
  status: h.status,
  expiresAt: h.expires_at,
  orderId: h.order_id,
  createdAt: h.created_at,
});

export async function listHolds(ctx: AppContext, p: Principal, launchId?: string): Promise<HoldView[]> {
  let q = ctx.db.selectFrom('holds').selectAll().where('buyer_id', '=', p.userId).orderBy('created_at', 'desc').limit(100);
  if (launchId) q = q.where('launch_id', '=', launchId);
  return (await q.execute()).map(toHoldView);
}

/**
 * Pays a hold: the hold becomes a pending order (same deadline) and a payment is opened
 * for it (its pay page on `origin`, where the buyer reached us). Calling it again reuses the
 * order. An expired hold cannot be paid.
 */
export async function payHold(ctx: AppContext, p: Principal, holdId: string, address: Address, origin?: string, idempotencyKey?: string): Promise<{ hold: HoldView; order: OrderView; payment: PaymentView }> {
  const now = ctx.clock.now();
  const orderId = await ctx.db.transaction().execute(async (trx) => {
    const hold = await trx.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    if (!hold || hold.buyer_id !== p.userId) throw notFound('Reservation');
    if (hold.status !== 'held' || hold.expires_at <= now) throw new AppError('HOLD_NOT_PAYABLE', hold.status === 'paid' ? 'This reservation is already paid.' : 'This reservation has expired.');
    if (hold.order_id) return hold.order_id;
    const launch = await trx.selectFrom('launches').select(['store_id', 'title']).where('id', '=', hold.launch_id).executeTakeFirstOrThrow();
    const sku = await trx.selectFrom('skus').innerJoin('products', 'products.id', 'skus.product_id').select(['skus.product_id', 'skus.options_json', 'products.title']).where('skus.id', '=', hold.sku_id).executeTakeFirstOrThrow();
    const id = newId();
    const claimed = await trx.updateTable('holds').set({ order_id: id, updated_at: now }).where('id', '=', holdId).where('status', '=', 'held').where('order_id', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('HOLD_CHANGED', 'The reservation changed meanwhile; reload it.');
    await createOrder(ctx, trx, {
      id,
      buyerId: p.userId,
      storeId: launch.store_id,
      checkoutId: id,
      currency: hold.currency,
      address,
      paymentDeadlineAt: hold.expires_at,
      launchId: hold.launch_id,
      actorLabel: `buyer:${p.userId}`,
      note: `from launch "${launch.title}"`,
      lines: [{ skuId: hold.sku_id, productId: sku.product_id, title: sku.title, optionsJson: sku.options_json, unitPriceMinor: hold.price_minor, quantity: hold.quantity }],
    });
    return id;
  });
  const payment = await startPayment(ctx, p, [orderId], origin, idempotencyKey);
  const hold = await ctx.db.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirstOrThrow();
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  return { hold: toHoldView(hold), order: (await toOrderView(ctx.db, [order]))[0]!, payment };
}

/** Store members may watch a launch's monitor; others get 404 for launches of stores not theirs. */
export async function assertLaunchMember(ctx: AppContext, p: Principal, launchId: string): Promise<Launch> {
  const row = await loadRow(ctx, launchId);
  if (!(await isStoreMember(ctx, p, row.store_id))) throw notFound('Launch');
  return row;
}

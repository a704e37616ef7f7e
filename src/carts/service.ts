/**
 * Carts and checkout. One cart holds items from any number of stores; checkout turns the
 * chosen items into one order per store in a single transaction that takes stock with
 * conditional updates, so concurrent checkouts can never oversell and a failed checkout
 * changes nothing. The transaction first claims the buyer's cart rows (locked on PostgreSQL;
 * SQLite has one writer), so a double tap on "Place order" makes one set of orders: the
 * later checkouts find the cart emptied and answer CART_EMPTY.
 */
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database, Order } from '../db/schema.js';
import { lockForUpdate } from '../db/dialect.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { newId } from '../shared/ids.js';
import { idempotent, type StoredAnswer } from '../shared/idempotency.js';
import { takeStock } from '../catalog/stock.js';
import { createOrder, toOrderView, type Address, type OrderView } from '../orders/service.js';
import { optionLabels, type ProductOption } from '../catalog/service.js';
import type { Locale } from '../shared/locales.js';
import { parseTexts, pickText } from '../shared/texts.js';

/** Most distinct lines a cart may hold, and most units of one SKU per line. */
export const MAX_CART_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

export interface CartLine {
  skuId: string;
  productId: string;
  storeId: string;
  storeName: string;
  /** In the locale the cart was read in (the primary title at checkout, which keeps it with the order). */
  title: string;
  options: Record<string, string>;
  /** The option values in that locale, by option name. */
  optionLabels: Record<string, string>;
  image: string | null;
  unitPriceMinor: number;
  currency: string;
  quantity: number;
  stock: number;
  available: boolean;
}

export interface CartView {
  stores: Array<{ storeId: string; storeName: string; lines: CartLine[]; subtotalMinor: number }>;
  totalMinor: number;
  currency: string;
  itemCount: number;
}

async function cartLines(db: Transaction<Database> | AppContext['db'], userId: string, locale: Locale | null = null): Promise<CartLine[]> {
  const rows = await db
    .selectFrom('cart_items')
    .innerJoin('skus', 'skus.id', 'cart_items.sku_id')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .innerJoin('stores', 'stores.id', 'skus.store_id')
    .select([
      'cart_items.sku_id',
      'cart_items.quantity',
      'skus.product_id',
      'skus.store_id',
      'skus.options_json',
      'skus.images_json',
      'skus.price_minor',
      'skus.currency',
      'skus.stock',
      'products.title',
      'products.texts_json',
      'products.options_json as product_options_json',
      'stores.texts_json as store_texts_json',
      'products.status',
      'products.images_json as product_images_json',
      'stores.name as store_name',
    ])
    .where('cart_items.user_id', '=', userId)
    .orderBy('cart_items.added_at')
    .orderBy('cart_items.sku_id')
    .execute();
  return rows.map((r) => ({
    skuId: r.sku_id,
    productId: r.product_id,
    storeId: r.store_id,
    storeName: pickText(parseTexts<'name'>(r.store_texts_json), 'name', locale, r.store_name),
    title: pickText(parseTexts<'title'>(r.texts_json), 'title', locale, r.title),
    options: JSON.parse(r.options_json) as Record<string, string>,
    optionLabels: optionLabels(JSON.parse(r.product_options_json) as ProductOption[], JSON.parse(r.options_json) as Record<string, string>, locale),
    image: (JSON.parse(r.images_json) as string[])[0] ?? (JSON.parse(r.product_images_json) as string[])[0] ?? null,
    unitPriceMinor: r.price_minor,
    currency: r.currency,
    quantity: r.quantity,
    stock: r.stock,
    available: r.status === 'published' && r.stock >= r.quantity,
  }));
}

/** The buyer's cart, grouped by store; titles and option values in `locale`. */
export async function getCart(ctx: AppContext, p: Principal, locale: Locale | null = null): Promise<CartView> {
  const lines = await cartLines(ctx.db, p.userId, locale);
  const byStore = new Map<string, CartView['stores'][number]>();
  for (const l of lines) {
    const g = byStore.get(l.storeId) ?? { storeId: l.storeId, storeName: l.storeName, lines: [], subtotalMinor: 0 };
    g.lines.push(l);
    g.subtotalMinor += l.unitPriceMinor * l.quantity;
    byStore.set(l.storeId, g);
  }
  const stores = [...byStore.values()];
  return {
    stores,
    totalMinor: stores.reduce((s, g) => s + g.subtotalMinor, 0),
    currency: lines[0]?.currency ?? 'CNY',
    itemCount: lines.reduce((s, l) => s + l.quantity, 0),
  };
}

/** Sets the quantity of one SKU in the cart (0 removes it). `add` adds to what is there. */
export async function setCartItem(ctx: AppContext, p: Principal, skuId: string, quantity: number, mode: 'set' | 'add', locale: Locale | null = null): Promise<CartView> {
  const sku = await ctx.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select(['skus.id', 'products.status'])
    .where('skus.id', '=', skuId)
    .executeTakeFirst();
  if (!sku || sku.status !== 'published') throw notFound('SKU');
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('cart_items').select('quantity').where('user_id', '=', p.userId).where('sku_id', '=', skuId).executeTakeFirst();
    const next = mode === 'add' ? (existing?.quantity ?? 0) + quantity : quantity;
    if (next > MAX_LINE_QUANTITY) throw new AppError('QUANTITY_LIMIT', `At most ${MAX_LINE_QUANTITY} of one item per order.`);
    if (next <= 0) {
      await trx.deleteFrom('cart_items').where('user_id', '=', p.userId).where('sku_id', '=', skuId).execute();
    } else if (existing) {
      await trx.updateTable('cart_items').set({ quantity: next }).where('user_id', '=', p.userId).where('sku_id', '=', skuId).execute();
    } else {
      const count = await trx.selectFrom('cart_items').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', p.userId).executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_CART_LINES) throw new AppError('CART_FULL', `A cart holds at most ${MAX_CART_LINES} different items.`);
      await trx.insertInto('cart_items').values({ user_id: p.userId, sku_id: skuId, quantity: next, added_at: ctx.clock.now() }).execute();
    }
  });
  return getCart(ctx, p, locale);
}

export async function clearCart(ctx: AppContext, p: Principal): Promise<void> {
  await ctx.db.deleteFrom('cart_items').where('user_id', '=', p.userId).execute();
}

/**
 * Unpaid ordinary orders are capped per buyer (ORDER_UNPAID_MAX_PER_BUYER orders, and
 * ORDER_UNPAID_UNITS_PER_SKU units of one SKU across them), so one account cannot lock a
 * SKU's stock with orders it never pays (they expire after ORDER_PAYMENT_WINDOW_MS). The buyer's
 * row is locked first (PostgreSQL; SQLite has one writer), so concurrent checkouts of one
 * buyer are counted one after the other and the cap holds. 409 UNPAID_ORDER_LIMIT or
 * UNPAID_UNITS_LIMIT; paying or cancelling an order makes room.
 */
async function assertUnpaidWithinLimits(ctx: AppContext, trx: Transaction<Database>, buyerId: string, lines: CartLine[]): Promise<void> {
  const { maxPerBuyer, unitsPerSku } = ctx.config.unpaidOrders;
  await lockForUpdate(ctx.engine.kind, trx.selectFrom('users').select('id').where('id', '=', buyerId)).execute();
  const unpaid = trx.selectFrom('orders').where('buyer_id', '=', buyerId).where('status', '=', 'pending_payment').where('launch_id', 'is', null);
  const open = await unpaid.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const newOrders = new Set(lines.map((l) => l.storeId)).size;
  if (Number(open.n) + newOrders > maxPerBuyer) {
    throw new AppError('UNPAID_ORDER_LIMIT', `You have ${Number(open.n)} unpaid orders; pay or cancel some first (at most ${maxPerBuyer} at a time).`, { unpaidOrders: Number(open.n), limit: maxPerBuyer });
  }
  const held = await unpaid
    .innerJoin('order_items', 'order_items.order_id', 'orders.id')
    .select(['order_items.sku_id', (eb) => eb.fn.sum<number>('order_items.quantity').as('units')])
    .where('order_items.sku_id', 'in', lines.map((l) => l.skuId))
    .groupBy('order_items.sku_id')
    .execute();
  const unpaidUnits = new Map(held.map((h) => [h.sku_id, Number(h.units)]));
  const over = lines
    .map((l) => ({ skuId: l.skuId, unpaid: unpaidUnits.get(l.skuId) ?? 0, requested: l.quantity }))
    .filter((x) => x.unpaid + x.requested > unitsPerSku);
  if (over.length) {
    throw new AppError('UNPAID_UNITS_LIMIT', `At most ${unitsPerSku} units of one item may wait for payment at a time; pay your open orders first.`, { items: over, limit: unitsPerSku });
  }
}

export interface CheckoutResult {
  checkoutId: string;
  orders: OrderView[];
  totalMinor: number;
  paymentDeadlineAt: number;
}

/**
 * Checks out the cart (or the listed SKUs of it): one order per store, stock taken
 * atomically, all or nothing. Retrying with the same Idempotency-Key returns the first answer.
 */
export async function checkout(
  ctx: AppContext,
  p: Principal,
  input: { address: Address; skuIds?: string[] | undefined },
  idempotencyKey: string | undefined,
): Promise<StoredAnswer<CheckoutResult>> {
  return idempotent(ctx, 'checkout', p.userId, idempotencyKey, input, async (trx) => {
    // Claim the cart: a concurrent checkout of the same cart waits here, then reads it emptied.
    await lockForUpdate(ctx.engine.kind, trx.selectFrom('cart_items').select('sku_id').where('user_id', '=', p.userId)).execute();
    let lines = await cartLines(trx, p.userId);
    if (input.skuIds) {
      const wanted = new Set(input.skuIds);
      lines = lines.filter((l) => wanted.has(l.skuId));
      if (lines.length !== wanted.size) throw new AppError('NOT_IN_CART', 'Some of the chosen items are not in your cart.');
    }
    if (lines.length === 0) throw new AppError('CART_EMPTY', 'Your cart is empty.');
    const now = ctx.clock.now();
    const unavailable = lines.filter((l) => !l.available && l.stock >= l.quantity);
    if (unavailable.length) throw new AppError('ITEM_UNAVAILABLE', 'Some items are no longer on sale.', { skuIds: unavailable.map((l) => l.skuId) });
    if (new Set(lines.map((l) => l.currency)).size > 1) throw new AppError('MIXED_CURRENCIES', 'Items priced in different currencies must be checked out separately.');

    await assertUnpaidWithinLimits(ctx, trx, p.userId, lines);

    // Take stock in a fixed order (by SKU id) so concurrent checkouts on PostgreSQL cannot deadlock.
    const short: Array<{ skuId: string; requested: number; available: number }> = [];
    for (const l of [...lines].sort((a, b) => (a.skuId < b.skuId ? -1 : 1))) {
      if (!(await takeStock(trx, l.skuId, l.quantity, now))) {
        const s = await trx.selectFrom('skus').select('stock').where('id', '=', l.skuId).executeTakeFirstOrThrow();
        short.push({ skuId: l.skuId, requested: l.quantity, available: s.stock });
      }
    }
    if (short.length) throw new AppError('OUT_OF_STOCK', 'Not enough stock for some items; nothing was ordered.', { items: short });

    const checkoutId = newId();
    const deadline = now + ctx.config.orderPaymentWindowMs;
    const orders: Order[] = [];
    const stores = [...new Set(lines.map((l) => l.storeId))];
    for (const storeId of stores) {
      const storeLines = lines.filter((l) => l.storeId === storeId);
      const order = await createOrder(ctx, trx, {
        buyerId: p.userId,
        storeId,
        checkoutId,
        currency: storeLines[0]!.currency,
        address: input.address,
        paymentDeadlineAt: deadline,
        launchId: null,
        actorLabel: `buyer:${p.userId}`,
        lines: storeLines.map((l) => ({ skuId: l.skuId, productId: l.productId, title: l.title, optionsJson: JSON.stringify(l.options), unitPriceMinor: l.unitPriceMinor, quantity: l.quantity })),
      });
      orders.push(order);
    }
    await trx.deleteFrom('cart_items').where('user_id', '=', p.userId).where('sku_id', 'in', lines.map((l) => l.skuId)).execute();
    const views = await toOrderView(trx, orders);
    return { statusCode: 201, body: { checkoutId, orders: views, totalMinor: views.reduce((s, o) => s + o.totalMinor, 0), paymentDeadlineAt: deadline } };
  });
}

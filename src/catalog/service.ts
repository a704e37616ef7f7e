/**
 * Catalog: products with options (colour, storage) whose combinations become SKUs, each
 * with its own price in minor units, stock and images; publishing; and search across all
 * stores (full text through the dialect seam, filters, sorting, cursor paging).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Database, Product, Sku } from '../db/schema.js';
import { productTextMatch, searchTerms } from '../db/dialect.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Principal } from '../accounts/service.js';
import { assertStoreAccess, isStoreMember } from '../stores/service.js';
import { decodeCursor, encodeCursor } from '../http/typed.js';
import { newId } from '../shared/ids.js';
import type { Locale } from '../shared/locales.js';
import { firstText, mergeTexts, parseTexts, pickText, type LocalizedTexts } from '../shared/texts.js';
import { productSearchColumns } from './search.js';

/** Limits that keep one product's SKU matrix sane. */
export const MAX_OPTIONS = 3;
export const MAX_VALUES_PER_OPTION = 20;
export const MAX_SKUS_PER_PRODUCT = 200;
/** Most units one SKU may have on hand, whether set absolutely or reached by deltas. */
export const MAX_STOCK = 10_000_000;

/** An option (colour, storage) with its values, and their names in other locales (values in the same order). */
export interface ProductOption {
  name: string;
  values: string[];
  texts?: Partial<Record<Locale, { name?: string | undefined; values?: string[] | undefined }>> | undefined;
}

/** A product's per-locale title and description. */
export type ProductTexts = LocalizedTexts<'title' | 'description'>;

/** Product categories (commission rules may be set per category). */
export const CATEGORIES = ['phones', 'tablets', 'wearables', 'audio', 'computers', 'tv', 'accessories', 'other'] as const;
/** One product category. */
export type Category = (typeof CATEGORIES)[number];

export interface NewProductInput {
  /** The primary title; may be left out when `texts` has one (the first locale's becomes it). */
  title?: string | undefined;
  category?: Category | undefined;
  description: string;
  texts?: ProductTexts | undefined;
  currency: string;
  priceMinor: number;
  options: ProductOption[];
  images: string[];
  skus?: Array<{ options: Record<string, string>; priceMinor?: number | undefined; stock?: number | undefined; images?: string[] | undefined }> | undefined;
}

export interface SkuView {
  id: string;
  productId: string;
  code: string;
  options: Record<string, string>;
  priceMinor: number;
  currency: string;
  stock: number;
  inStock: boolean;
  images: string[];
}

export interface ProductView {
  id: string;
  storeId: string;
  /** The primary texts (routes put the reader's locale's in their place: `localizeProduct`). */
  title: string;
  description: string;
  texts: ProductTexts;
  status: 'draft' | 'published';
  category: string | null;
  options: ProductOption[];
  images: string[];
  currency: string;
  priceMinMinor: number;
  skus: SkuView[];
  createdAt: number;
  updatedAt: number;
}

const json = <T>(s: string): T => JSON.parse(s) as T;

export function toSkuView(s: Sku): SkuView {
  return {
    id: s.id,
    productId: s.product_id,
    code: s.code,
    options: json(s.options_json),
    priceMinor: s.price_minor,
    currency: s.currency,
    stock: s.stock,
    inStock: s.stock > 0,
    images: json(s.images_json),
  };
}

function toProductView(p: Product, skus: Sku[]): ProductView {
  return {
    id: p.id,
    storeId: p.store_id,
    title: p.title,
    description: p.description,
    texts: parseTexts(p.texts_json),
    status: p.status,
    category: p.category,
    options: json(p.options_json),
    images: json(p.images_json),
    currency: p.currency,
    priceMinMinor: p.price_min_minor,
    skus: skus.map(toSkuView),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

/** An option as a reader sees it: its name and values in the reader's locale beside the canonical ones. */
export type LocalizedOption = ProductOption & { label: string; valueLabels: string[] };

/** An option's name and values in `locale` (the canonical ones where it has none). */
export function localizeOption(o: ProductOption, locale: Locale | null): LocalizedOption {
  const t = locale ? o.texts?.[locale] : undefined;
  return { ...o, label: t?.name?.trim() || o.name, valueLabels: o.values.map((v, i) => t?.values?.[i]?.trim() || v) };
}

/** A SKU's option values in `locale`, by option name ({ colour: '曜石黑' }). */
export function optionLabels(options: ProductOption[], values: Record<string, string>, locale: Locale | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const o = options.find((x) => x.name === name);
    const i = o ? o.values.indexOf(value) : -1;
    out[name] = o && i >= 0 ? localizeOption(o, locale).valueLabels[i]! : value;
  }
  return out;
}

/** A product as a reader of `locale` sees it: title and description in that locale (else the primary ones), option names and values too. */
export function localizeProduct(v: ProductView, locale: Locale | null) {
  return {
    ...v,
    title: pickText(v.texts, 'title', locale, v.title),
    description: pickText(v.texts, 'description', locale, v.description),
    options: v.options.map((o) => localizeOption(o, locale)),
    skus: v.skus.map((k) => ({ ...k, optionLabels: optionLabels(v.options, k.options, locale) })),
  };
}

const codePart = (v: string) => v.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') || 'x';

/** Every combination of option values, in option order (the SKU matrix). */
export function combinations(options: ProductOption[]): Array<Record<string, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const opt of options) {
    out = out.flatMap((partial) => opt.values.map((v) => ({ ...partial, [opt.name]: v })));
  }
  return out;
}

function sameCombination(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Refuses option texts that do not line up with the option's values. */
function checkOptionTexts(options: ProductOption[]): void {
  for (const o of options) {
    for (const [locale, t] of Object.entries(o.texts ?? {})) {
      if (t?.values && t.values.length !== o.values.length) {
        throw new AppError('OPTION_TEXTS_MISMATCH', `Option "${o.name}" has ${o.values.length} values but ${t.values.length} ${locale} names for them.`);
      }
    }
  }
}

/** Creates a draft product and its SKUs (one per option combination). */
export async function createProduct(ctx: AppContext, p: Principal, storeId: string, input: NewProductInput): Promise<ProductView> {
  await assertStoreAccess(ctx, p, storeId);
  const texts = mergeTexts<'title' | 'description'>({}, input.texts);
  const title = input.title?.trim() || firstText(texts, 'title');
  if (!title) throw new AppError('TITLE_MISSING', 'A product needs a title: `title`, or one in `texts`.');
  checkOptionTexts(input.options);
  const names = input.options.map((o) => o.name.toLowerCase());
  if (new Set(names).size !== names.length) throw new AppError('DUPLICATE_OPTION', 'Option names must be different from each other.');
  for (const o of input.options) {
    if (new Set(o.values.map((v) => v.toLowerCase())).size !== o.values.length) {
      throw new AppError('DUPLICATE_OPTION_VALUE', `Option "${o.name}" lists a value twice.`);
    }
  }
  const combos = combinations(input.options);
  if (combos.length > MAX_SKUS_PER_PRODUCT) {
    throw new AppError('TOO_MANY_SKUS', `These options make ${combos.length} SKUs; at most ${MAX_SKUS_PER_PRODUCT} are allowed.`);
  }
  for (const s of input.skus ?? []) {
    if (!combos.some((c) => sameCombination(c, s.options))) {
      throw new AppError('UNKNOWN_COMBINATION', `SKU options ${JSON.stringify(s.options)} do not match the product's options.`);
    }
  }
  const now = ctx.clock.now();
  const productId = newId();
  const skus: Sku[] = combos.map((c) => {
    const override = input.skus?.find((s) => sameCombination(c, s.options));
    return {
      id: newId(),
      product_id: productId,
      store_id: storeId,
      code: input.options.map((o) => codePart(c[o.name]!)).join('-') || 'default',
      options_json: JSON.stringify(c),
      price_minor: override?.priceMinor ?? input.priceMinor,
      currency: input.currency,
      stock: override?.stock ?? 0,
      images_json: JSON.stringify(override?.images ?? []),
      created_at: now,
      updated_at: now,
    };
  });
  if (new Set(skus.map((s) => s.code)).size !== skus.length) {
    throw new AppError('AMBIGUOUS_OPTION_VALUES', 'Two option values differ only in punctuation or case; make them distinct.');
  }
  const description = input.description || firstText(texts, 'description') || '';
  const product: Product = {
    id: productId,
    store_id: storeId,
    title,
    description,
    status: 'draft',
    category: input.category ?? null,
    options_json: JSON.stringify(input.options),
    images_json: JSON.stringify(input.images),
    currency: input.currency,
    price_min_minor: Math.min(...skus.map((s) => s.price_minor)),
    texts_json: JSON.stringify(texts),
    ...productSearchColumns({ title, description, texts, options: input.options }),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('products').values(product).execute();
    await trx.insertInto('skus').values(skus).execute();
  });
  return toProductView(product, skus);
}

async function loadProduct(ctx: AppContext, productId: string): Promise<{ product: Product; skus: Sku[] }> {
  const product = await ctx.db.selectFrom('products').selectAll().where('id', '=', productId).executeTakeFirst();
  if (!product) throw notFound('Product');
  const skus = await ctx.db.selectFrom('skus').selectAll().where('product_id', '=', productId).orderBy('created_at').orderBy('id').execute();
  return { product, skus };
}

/** The category of each product (inside any transaction; products without one are left out). */
export async function productCategories(db: Transaction<Database> | Kysely<Database>, productIds: string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await db.selectFrom('products').select(['id', 'category']).where('id', 'in', productIds).execute();
  return new Map(rows.filter((r) => r.category !== null).map((r) => [r.id, r.category!]));
}

/** A product as the caller may see it: published ones for everybody, drafts for the store's members. */
export async function getProduct(ctx: AppContext, p: Principal | null, productId: string): Promise<ProductView> {
  const { product, skus } = await loadProduct(ctx, productId);
  if (product.status !== 'published' && !(p && (await isStoreMember(ctx, p, product.store_id)))) throw notFound('Product');
  return toProductView(product, skus);
}

/**
 * Edits title, description, their per-locale texts (merged over the stored ones; an empty
 * text removes it), the options' per-locale names, or images (store members). The search
 * columns follow in the same write.
 */
export async function updateProduct(
  ctx: AppContext,
  p: Principal,
  productId: string,
  patch: { title?: string | undefined; description?: string | undefined; texts?: ProductTexts | undefined; optionTexts?: Array<ProductOption['texts']> | undefined; images?: string[] | undefined; category?: Category | null | undefined },
): Promise<ProductView> {
  const { product } = await loadProduct(ctx, productId);
  await assertStoreAccess(ctx, p, product.store_id);
  const set: Partial<Product> = { updated_at: ctx.clock.now() };
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.images !== undefined) set.images_json = JSON.stringify(patch.images);
  if (patch.category !== undefined) set.category = patch.category;
  const texts = mergeTexts(parseTexts<'title' | 'description'>(product.texts_json), patch.texts);
  let options = json<ProductOption[]>(product.options_json);
  if (patch.optionTexts !== undefined) {
    if (patch.optionTexts.length !== options.length) throw new AppError('OPTION_TEXTS_MISMATCH', `The product has ${options.length} options; optionTexts lists ${patch.optionTexts.length}.`);
    options = options.map((o, i) => ({ ...o, texts: patch.optionTexts![i] ?? undefined }));
    checkOptionTexts(options);
    set.options_json = JSON.stringify(options);
  }
  set.texts_json = JSON.stringify(texts);
  Object.assign(set, productSearchColumns({ title: set.title ?? product.title, description: set.description ?? product.description, texts, options }));
  await ctx.db.updateTable('products').set(set).where('id', '=', productId).execute();
  const fresh = await loadProduct(ctx, productId);
  return toProductView(fresh.product, fresh.skus);
}

export async function setPublished(ctx: AppContext, p: Principal, productId: string, published: boolean): Promise<ProductView> {
  const { product } = await loadProduct(ctx, productId);
  await assertStoreAccess(ctx, p, product.store_id);
  await ctx.db
    .updateTable('products')
    .set({ status: published ? 'published' : 'draft', updated_at: ctx.clock.now() })
    .where('id', '=', productId)
    .execute();
  const fresh = await loadProduct(ctx, productId);
  return toProductView(fresh.product, fresh.skus);
}

/**
 * Changes a SKU's price, images or stock. Stock is set absolutely (`stock`) or moved by a
 * delta (`stockDelta`, atomic against concurrent checkouts; it may not go below zero nor
 * above MAX_STOCK — repeated deltas would otherwise overflow the integer column).
 */
export async function updateSku(
  ctx: AppContext,
  p: Principal,
  skuId: string,
  patch: { priceMinor?: number | undefined; stock?: number | undefined; stockDelta?: number | undefined; images?: string[] | undefined },
): Promise<SkuView> {
  const sku = await ctx.db.selectFrom('skus').selectAll().where('id', '=', skuId).executeTakeFirst();
  if (!sku) throw notFound('SKU');
  await assertStoreAccess(ctx, p, sku.store_id);
  if (patch.stock !== undefined && patch.stockDelta !== undefined) {
    throw new AppError('STOCK_AMBIGUOUS', 'Send either stock or stockDelta, not both.');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { updated_at: now };
    if (patch.priceMinor !== undefined) set.price_minor = patch.priceMinor;
    if (patch.images !== undefined) set.images_json = JSON.stringify(patch.images);
    if (patch.stock !== undefined) set.stock = patch.stock;
    let q = trx.updateTable('skus').set(set).where('id', '=', skuId);
    if (patch.stockDelta !== undefined) {
      q = trx
        .updateTable('skus')
        .set({ ...set, stock: sql<number>`stock + ${patch.stockDelta}` })
        .where('id', '=', skuId)
        .where(sql<boolean>`stock + ${patch.stockDelta} >= 0`)
        .where(sql<boolean>`stock + ${patch.stockDelta} <= ${MAX_STOCK}`);
    }
    const res = await q.executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      if ((patch.stockDelta ?? 0) > 0) throw new AppError('STOCK_LIMIT', `That change would take stock above ${MAX_STOCK} units.`);
      throw new AppError('STOCK_NEGATIVE', 'That change would take stock below zero.');
    }
    if (patch.priceMinor !== undefined) {
      const min = await trx.selectFrom('skus').select((eb) => eb.fn.min<number>('price_minor').as('m')).where('product_id', '=', sku.product_id).executeTakeFirstOrThrow();
      await trx.updateTable('products').set({ price_min_minor: Number(min.m), updated_at: now }).where('id', '=', sku.product_id).execute();
    }
  });
  const fresh = await ctx.db.selectFrom('skus').selectAll().where('id', '=', skuId).executeTakeFirstOrThrow();
  return toSkuView(fresh);
}

/** A store's products: everything for its members, published ones for everybody else. */
export async function listStoreProducts(ctx: AppContext, p: Principal | null, storeId: string): Promise<ProductView[]> {
  const member = p ? await isStoreMember(ctx, p, storeId) : false;
  let q = ctx.db.selectFrom('products').selectAll().where('store_id', '=', storeId).orderBy('created_at', 'desc').limit(500);
  if (!member) q = q.where('status', '=', 'published');
  const products = await q.execute();
  if (products.length === 0) return [];
  const skus = await ctx.db.selectFrom('skus').selectAll().where('product_id', 'in', products.map((x) => x.id)).orderBy('created_at').orderBy('id').execute();
  return products.map((prod) => toProductView(prod, skus.filter((s) => s.product_id === prod.id)));
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'popular';

/** "Popular" counts the units sold (less refunds) over this many recent days. */
export const POPULAR_WINDOW_DAYS = 30;

export interface SearchQuery {
  q?: string | undefined;
  storeId?: string | undefined;
  minPriceMinor?: number | undefined;
  maxPriceMinor?: number | undefined;
  inStock?: boolean | undefined;
  sort?: SearchSort | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface ProductHit {
  id: string;
  storeId: string;
  storeName: string;
  storeVerified: boolean;
  storeKind: 'marketplace' | 'flagship';
  title: string;
  image: string | null;
  priceMinMinor: number;
  currency: string;
  inStock: boolean;
}

/**
 * What a keyset cursor holds: the sort value of the last item (a price or a time, both
 * non-negative safe integers stored in bigint columns) and its id. A forged cursor with a
 * fraction or a huge number must be refused here: PostgreSQL would fail to read it as bigint.
 */
const KeysetCursor = z.object({ v: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), id: z.string().max(100) });
const OffsetCursor = z.object({ o: z.number().int().min(0).max(10_000) });

/** Searches published products across all stores (every locale's texts); titles and store names come in `locale`. */
export async function searchProducts(ctx: AppContext, q: SearchQuery, locale: Locale | null = null): Promise<{ items: ProductHit[]; nextCursor: string | null }> {
  const terms = q.q ? searchTerms(q.q) : [];
  const sort: SearchSort = q.sort ?? (terms.length ? 'relevance' : 'newest');
  if (sort === 'relevance' && terms.length === 0) throw new AppError('SORT_NEEDS_QUERY', 'Sorting by relevance needs a search text (q).');
  if (q.minPriceMinor !== undefined && q.maxPriceMinor !== undefined && q.minPriceMinor > q.maxPriceMinor) {
    throw new AppError('PRICE_RANGE_INVERTED', 'minPriceMinor is above maxPriceMinor.');
  }
  const inStockExpr = sql<number>`CASE WHEN EXISTS (SELECT 1 FROM skus WHERE skus.product_id = products.id AND skus.stock > 0) THEN 1 ELSE 0 END`;
  let query = ctx.db
    .selectFrom('products')
    .innerJoin('stores', 'stores.id', 'products.store_id')
    .select([
      'products.id',
      'products.store_id',
      'stores.name as store_name',
      'stores.verified as store_verified',
      'stores.kind as store_kind',
      'products.title',
      'products.texts_json',
      'stores.texts_json as store_texts_json',
      'products.images_json',
      'products.price_min_minor',
      'products.currency',
      'products.created_at',
      inStockExpr.as('in_stock'),
    ])
    .where('products.status', '=', 'published');
  if (q.q !== undefined && terms.length === 0) return { items: [], nextCursor: null };
  const match = terms.length ? productTextMatch(ctx.engine.kind, terms) : null;
  if (match) query = query.where(match.where);
  if (q.storeId) query = query.where('products.store_id', '=', q.storeId);
  if (q.minPriceMinor !== undefined) query = query.where('products.price_min_minor', '>=', q.minPriceMinor);
  if (q.maxPriceMinor !== undefined) query = query.where('products.price_min_minor', '<=', q.maxPriceMinor);
  if (q.inStock) query = query.where(sql<boolean>`EXISTS (SELECT 1 FROM skus WHERE skus.product_id = products.id AND skus.stock > 0)`);

  let offset = 0;
  if (sort === 'relevance' || sort === 'popular') {
    if (q.cursor) {
      const c = decodeCursor(q.cursor, OffsetCursor);
      if (!c) throw new AppError('BAD_CURSOR', 'The cursor is not one this search returned.');
      offset = c.o;
    }
    if (sort === 'relevance') {
      // The product before its accessories: a title that starts with the query ("Lumi 15 Pro")
      // before one that only contains it ("Clear case for Lumi 15 Pro"), then the text score.
      const text = q.q!.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      const titleRank = sql<number>`CASE WHEN lower(products.title) LIKE ${`${text}%`} ESCAPE '\\' THEN 0 WHEN lower(products.title) LIKE ${`%${text}%`} ESCAPE '\\' THEN 1 ELSE 2 END`;
      query = query.orderBy(titleRank).orderBy(match!.score, 'desc').orderBy('products.id').offset(offset);
    } else {
      // Units sold over the last days (the analytics day rollup, refunds taken off), newest first among equals.
      const since = Math.floor((ctx.clock.now() - POPULAR_WINDOW_DAYS * 86_400_000) / 86_400_000) * 86_400_000;
      const sold = sql<number>`(SELECT COALESCE(SUM(a.units - a.refunded_units), 0) FROM skus JOIN analytics_sales a ON a.store_id = skus.store_id AND a.grain = 'day' AND a.sku_id = skus.id WHERE skus.product_id = products.id AND a.bucket_start >= ${since})`;
      query = query.orderBy(sold, 'desc').orderBy('products.created_at', 'desc').orderBy('products.id').offset(offset);
    }
  } else {
    const field = sort === 'newest' ? 'products.created_at' : 'products.price_min_minor';
    const dir = sort === 'price_asc' ? 'asc' : 'desc';
    if (q.cursor) {
      const c = decodeCursor(q.cursor, KeysetCursor);
      if (!c) throw new AppError('BAD_CURSOR', 'The cursor is not one this search returned.');
      const cmp = dir === 'asc' ? '>' : '<';
      query = query.where((eb) => eb.or([eb(field, cmp, c.v), eb.and([eb(field, '=', c.v), eb('products.id', cmp, c.id)])]));
    }
    query = query.orderBy(field, dir).orderBy('products.id', dir);
  }
  const rows = await query.limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const items: ProductHit[] = page.map((r) => ({
    id: r.id,
    storeId: r.store_id,
    storeName: pickText(parseTexts<'name'>(r.store_texts_json), 'name', locale, r.store_name),
    storeVerified: r.store_verified === 1,
    storeKind: r.store_kind,
    title: pickText(parseTexts<'title'>(r.texts_json), 'title', locale, r.title),
    image: json<string[]>(r.images_json)[0] ?? null,
    priceMinMinor: r.price_min_minor,
    currency: r.currency,
    inStock: Number(r.in_stock) === 1,
  }));
  let nextCursor: string | null = null;
  if (rows.length > q.limit) {
    const last = page[page.length - 1]!;
    if (sort === 'relevance' || sort === 'popular') nextCursor = encodeCursor({ o: offset + q.limit });
    else nextCursor = encodeCursor({ v: sort === 'newest' ? last.created_at : last.price_min_minor, id: last.id });
  }
  return { items, nextCursor };
}

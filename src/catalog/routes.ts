/** HTTP routes for products, SKUs and search. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { requireUser } from '../http/auth.js';
import { Currency, ImageUrl, Id, Minor, PageQuery, typed } from '../http/typed.js';
import { requestMeta } from '../analytics/device.js';
import { LangQuery, localeOf } from '../http/locale.js';
import { LOCALES } from '../shared/locales.js';
import { textsSchema } from '../shared/texts.js';
import { CATEGORIES, createProduct, getProduct, localizeProduct, listStoreProducts, MAX_OPTIONS, MAX_STOCK, MAX_VALUES_PER_OPTION, searchProducts, setPublished, updateProduct, updateSku } from './service.js';

const OptionName = z.string().trim().min(1).max(30);
const OptionValue = z.string().trim().min(1).max(40);
const Stock = z.number().int().min(0).max(MAX_STOCK);
const Title = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(10_000);

/** Per-locale title and description: `{ "zh-CN": { "title": "…", "description": "…" }, "en": { … } }`. */
const ProductTextsIn = textsSchema({ title: z.string().trim().max(200), description: Description }).describe('title and description per locale (zh-CN, en); the primary title/description are the fallback');
/** An option's name and values per locale (values in the same order as the option's). */
const OptionTextsIn = z.partialRecord(z.enum(LOCALES), z.object({ name: z.string().trim().max(30).optional(), values: z.array(z.string().trim().max(40)).max(MAX_VALUES_PER_OPTION).optional() }).strict());

export const SkuOut = z
  .object({
    id: z.string(),
    productId: z.string(),
    code: z.string(),
    options: z.record(z.string(), z.string()),
    priceMinor: z.number(),
    currency: z.string(),
    stock: z.number(),
    inStock: z.boolean(),
    images: z.array(z.string()),
    optionLabels: z.record(z.string(), z.string()).optional().describe('the option values in the language asked for (with the product)'),
  })
  .meta({ id: 'Sku' });

const TextsOut = z.partialRecord(z.enum(LOCALES), z.object({ title: z.string().optional(), description: z.string().optional() }));

export const ProductOut = z
  .object({
    id: z.string(),
    storeId: z.string(),
    title: z.string().describe('in the language asked for (?lang= or Accept-Language), else the primary title'),
    description: z.string(),
    texts: TextsOut.describe('every locale\'s title and description, as stored'),
    status: z.enum(['draft', 'published']),
    category: z.string().nullable().describe('one of the product categories, or null'),
    options: z.array(
      z.object({
        name: z.string(),
        values: z.array(z.string()),
        label: z.string().describe('the name in the language asked for'),
        valueLabels: z.array(z.string()).describe('the values in the language asked for, in the order of values'),
        texts: z.partialRecord(z.enum(LOCALES), z.object({ name: z.string().optional(), values: z.array(z.string()).optional() })).optional(),
      }),
    ),
    images: z.array(z.string()),
    currency: z.string(),
    priceMinMinor: z.number(),
    skus: z.array(SkuOut),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Product' });

const ProductHitOut = z
  .object({
    id: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    storeVerified: z.boolean(),
    storeKind: z.enum(['marketplace', 'flagship']),
    title: z.string(),
    image: z.string().nullable(),
    priceMinMinor: z.number(),
    currency: z.string(),
    inStock: z.boolean(),
  })
  .meta({ id: 'ProductHit' });

export function catalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.post('/stores/:storeId/products', {
    schema: {
      tags: ['catalog'],
      summary: 'Create a draft product; its options generate one SKU per combination',
      params: z.object({ storeId: Id }),
      body: z.object({
        title: Title.optional().describe('the primary title; optional when texts has one'),
        category: z.enum(CATEGORIES).optional().describe('commission rules may be set per category'),
        description: Description.default(''),
        texts: ProductTextsIn.optional(),
        currency: Currency,
        priceMinor: Minor.describe('default price of every SKU, in minor units (fen)'),
        options: z.array(z.object({ name: OptionName, values: z.array(OptionValue).min(1).max(MAX_VALUES_PER_OPTION), texts: OptionTextsIn.optional() })).max(MAX_OPTIONS).default([]),
        images: z.array(ImageUrl).max(20).default([]),
        skus: z
          .array(z.object({ options: z.record(OptionName, OptionValue), priceMinor: Minor.optional(), stock: Stock.optional(), images: z.array(ImageUrl).max(10).optional() }))
          .max(200)
          .optional(),
      }),
      response: { 201: ProductOut, ...errorsOf('AMBIGUOUS_OPTION_VALUES', 'DUPLICATE_OPTION', 'DUPLICATE_OPTION_VALUE', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'OPTION_TEXTS_MISMATCH', 'OWNER_REQUIRED', 'TITLE_MISSING', 'TOO_MANY_SKUS', 'UNKNOWN_COMBINATION') },
    },
  }, async (req, reply) => {
    reply.code(201);
    return localizeProduct(await createProduct(ctx, requireUser(req), req.params.storeId, req.body), localeOf(req));
  });

  r.get('/stores/:storeId/products', {
    schema: {
      tags: ['catalog'],
      summary: "A store's products (drafts too, for its members)",
      params: z.object({ storeId: Id }),
      response: { 200: z.object({ products: z.array(ProductOut) }), ...errorsOf() },
    },
  }, async (req) => ({ products: (await listStoreProducts(ctx, req.principal, req.params.storeId)).map((p) => localizeProduct(p, localeOf(req))) }));

  r.get('/products', {
    schema: {
      tags: ['catalog'],
      summary: 'Search published products across all stores',
      querystring: z.object({
        q: z.string().max(200).optional(),
        storeId: Id.optional(),
        minPriceMinor: z.coerce.number().int().min(0).optional(),
        maxPriceMinor: z.coerce.number().int().min(0).optional(),
        inStock: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest', 'popular']).optional(),
        ...PageQuery,
        ...LangQuery,
      }),
      response: { 200: z.object({ items: z.array(ProductHitOut), nextCursor: z.string().nullable() }), ...errorsOf('BAD_CURSOR', 'PRICE_RANGE_INVERTED', 'SORT_NEEDS_QUERY') },
    },
  }, async (req) => searchProducts(ctx, req.query, localeOf(req)));

  r.get('/products/:productId', {
    schema: { tags: ['catalog'], summary: 'One product with its SKUs', params: z.object({ productId: Id }), response: { 200: ProductOut, ...errorsOf('NOT_FOUND') } },
  }, async (req) => {
    const product = await getProduct(ctx, req.principal, req.params.productId);
    // Views by buyers and visitors only: a store's own staff looking at its page is not traffic.
    if (product.status === 'published' && (!req.principal || req.principal.role === 'buyer')) ctx.analytics.record({ type: 'product_viewed', storeId: product.storeId, productId: product.id, currency: product.currency, buyerId: req.principal?.userId, meta: requestMeta(req) });
    return localizeProduct(product, localeOf(req));
  });

  r.patch('/products/:productId', {
    schema: {
      tags: ['catalog'],
      summary: 'Edit a product (store members)',
      params: z.object({ productId: Id }),
      body: z.object({
        title: Title.optional(),
        category: z.enum(CATEGORIES).nullable().optional(),
        description: Description.optional(),
        texts: ProductTextsIn.optional().describe('merged over the stored texts; an empty text removes it'),
        optionTexts: z.array(OptionTextsIn.nullable()).max(MAX_OPTIONS).optional().describe('each option\'s names per locale, in option order (null: none)'),
        images: z.array(ImageUrl).max(20).optional(),
      }),
      response: { 200: ProductOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OPTION_TEXTS_MISMATCH', 'OWNER_REQUIRED') },
    },
  }, async (req) => localizeProduct(await updateProduct(ctx, requireUser(req), req.params.productId, { ...req.body, optionTexts: req.body.optionTexts?.map((t) => t ?? undefined) }), localeOf(req)));

  r.post('/products/:productId/publish', {
    schema: { tags: ['catalog'], summary: 'Publish a product', params: z.object({ productId: Id }), response: { 200: ProductOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req) => localizeProduct(await setPublished(ctx, requireUser(req), req.params.productId, true), localeOf(req)));

  r.post('/products/:productId/unpublish', {
    schema: { tags: ['catalog'], summary: 'Take a product off sale (back to draft)', params: z.object({ productId: Id }), response: { 200: ProductOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req) => localizeProduct(await setPublished(ctx, requireUser(req), req.params.productId, false), localeOf(req)));

  r.patch('/skus/:skuId', {
    schema: {
      tags: ['catalog'],
      summary: 'Change a SKU: price, images, stock (absolute) or stockDelta (atomic)',
      params: z.object({ skuId: Id }),
      body: z.object({
        priceMinor: Minor.optional(),
        stock: Stock.optional(),
        stockDelta: z.number().int().min(-MAX_STOCK).max(MAX_STOCK).optional(),
        images: z.array(ImageUrl).max(10).optional(),
      }),
      response: { 200: SkuOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED', 'STOCK_AMBIGUOUS', 'STOCK_LIMIT', 'STOCK_NEGATIVE') },
    },
  }, async (req) => updateSku(ctx, requireUser(req), req.params.skuId, req.body));
}

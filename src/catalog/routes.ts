/** HTTP routes for products, SKUs and search. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses } from '../http/errors.js';
import { requireUser } from '../http/auth.js';
import { Currency, ImageUrl, Id, Minor, PageQuery, typed } from '../http/typed.js';
import { requestMeta } from '../analytics/device.js';
import { CATEGORIES, createProduct, getProduct, listStoreProducts, MAX_OPTIONS, MAX_STOCK, MAX_VALUES_PER_OPTION, searchProducts, setPublished, updateProduct, updateSku } from './service.js';

const OptionName = z.string().trim().min(1).max(30);
const OptionValue = z.string().trim().min(1).max(40);
const Stock = z.number().int().min(0).max(MAX_STOCK);

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
  })
  .meta({ id: 'Sku' });

export const ProductOut = z
  .object({
    id: z.string(),
    storeId: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(['draft', 'published']),
    category: z.string().nullable().describe('one of the product categories, or null'),
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
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

export async function catalogRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = typed(app);

  r.post('/stores/:storeId/products', {
    schema: {
      tags: ['catalog'],
      summary: 'Create a draft product; its options generate one SKU per combination',
      params: z.object({ storeId: Id }),
      body: z.object({
        title: z.string().trim().min(1).max(200),
        category: z.enum(CATEGORIES).optional().describe('commission rules may be set per category'),
        description: z.string().trim().max(10_000).default(''),
        currency: Currency,
        priceMinor: Minor.describe('default price of every SKU, in minor units (fen)'),
        options: z.array(z.object({ name: OptionName, values: z.array(OptionValue).min(1).max(MAX_VALUES_PER_OPTION) })).max(MAX_OPTIONS).default([]),
        images: z.array(ImageUrl).max(20).default([]),
        skus: z
          .array(z.object({ options: z.record(OptionName, OptionValue), priceMinor: Minor.optional(), stock: Stock.optional(), images: z.array(ImageUrl).max(10).optional() }))
          .max(200)
          .optional(),
      }),
      response: { 201: ProductOut, ...errorResponses },
    },
  }, async (req, reply) => {
    reply.code(201);
    return createProduct(ctx, requireUser(req), req.params.storeId, req.body);
  });

  r.get('/stores/:storeId/products', {
    schema: {
      tags: ['catalog'],
      summary: "A store's products (drafts too, for its members)",
      params: z.object({ storeId: Id }),
      response: { 200: z.object({ products: z.array(ProductOut) }), ...errorResponses },
    },
  }, async (req) => ({ products: await listStoreProducts(ctx, req.principal, req.params.storeId) }));

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
        sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest']).optional(),
        ...PageQuery,
      }),
      response: { 200: z.object({ items: z.array(ProductHitOut), nextCursor: z.string().nullable() }), ...errorResponses },
    },
  }, async (req) => searchProducts(ctx, req.query));

  r.get('/products/:productId', {
    schema: { tags: ['catalog'], summary: 'One product with its SKUs', params: z.object({ productId: Id }), response: { 200: ProductOut, ...errorResponses } },
  }, async (req) => {
    const product = await getProduct(ctx, req.principal, req.params.productId);
    // Views by buyers and visitors only: a store's own staff looking at its page is not traffic.
    if (product.status === 'published' && (!req.principal || req.principal.role === 'buyer')) ctx.analytics.record({ type: 'product_viewed', storeId: product.storeId, productId: product.id, currency: product.currency, buyerId: req.principal?.userId, meta: requestMeta(req) });
    return product;
  });

  r.patch('/products/:productId', {
    schema: {
      tags: ['catalog'],
      summary: 'Edit a product (store members)',
      params: z.object({ productId: Id }),
      body: z.object({
        title: z.string().trim().min(1).max(200).optional(),
        category: z.enum(CATEGORIES).nullable().optional(),
        description: z.string().trim().max(10_000).optional(),
        images: z.array(ImageUrl).max(20).optional(),
      }),
      response: { 200: ProductOut, ...errorResponses },
    },
  }, async (req) => updateProduct(ctx, requireUser(req), req.params.productId, req.body));

  r.post('/products/:productId/publish', {
    schema: { tags: ['catalog'], summary: 'Publish a product', params: z.object({ productId: Id }), response: { 200: ProductOut, ...errorResponses } },
  }, async (req) => setPublished(ctx, requireUser(req), req.params.productId, true));

  r.post('/products/:productId/unpublish', {
    schema: { tags: ['catalog'], summary: 'Take a product off sale (back to draft)', params: z.object({ productId: Id }), response: { 200: ProductOut, ...errorResponses } },
  }, async (req) => setPublished(ctx, requireUser(req), req.params.productId, false));

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
      response: { 200: SkuOut, ...errorResponses },
    },
  }, async (req) => updateSku(ctx, requireUser(req), req.params.skuId, req.body));
}

/** Shared route plumbing: the Zod type provider and small schema pieces reused by many routes. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The app with Zod-typed routes: the schema is the validation, the type and the OpenAPI entry. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** An id path parameter (UUID, as every Flashmall id is). */
export const Id = z.uuid();

/** An optional Idempotency-Key: a retry with the same key gets the first request's answer. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(8).max(100).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
});

/** An integer amount in minor units (fen, cents). */
export const Minor = z.number().int().min(0).max(1_000_000_000_00);

/** An ISO 4217 currency code; CNY unless stated. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as CNY').default('CNY');

/** An opaque paging cursor and a page size. */
export const PageQuery = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

export const HttpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** An image: an http(s) URL, or a path on this server (demo images live under /demo/). */
export const ImageUrl = z.union([HttpUrl, z.string().regex(/^\/[A-Za-z0-9._/-]{1,200}$/, 'a URL or a /path on this site')]);

/** Encodes a paging position as an opaque cursor. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor against the shape the route expects; junk answers null (the route then says 400). */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

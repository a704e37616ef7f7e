/**
 * The dialect seam: the few pieces of SQL that differ between SQLite and PostgreSQL.
 * Services call these instead of branching on the engine themselves.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { EngineKind } from './engine.js';

/** True when an insert failed on a primary-key or unique constraint (either engine). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Splits user text into safe search terms (letters and digits only, at most 8). */
export function searchTerms(q: string): string[] {
  return (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8).map((t) => t.slice(0, 40));
}

/**
 * Full-text match on products for the given terms (every term, as a prefix), plus a
 * relevance score where higher is better. SQLite uses FTS5, PostgreSQL a tsvector index.
 */
export function productTextMatch(kind: EngineKind, terms: string[]): { where: Expression<SqlBool>; score: Expression<number> } {
  if (kind === 'sqlite') {
    const match = terms.map((t) => `"${t}"*`).join(' ');
    return {
      where: sql<SqlBool>`products.id IN (SELECT product_id FROM product_fts WHERE product_fts MATCH ${match})`,
      score: sql<number>`(SELECT -bm25(product_fts, 0, 10.0, 3.0) FROM product_fts WHERE product_fts MATCH ${match} AND product_fts.product_id = products.id)`,
    };
  }
  const query = terms.map((t) => `${t}:*`).join(' & ');
  return {
    where: sql<SqlBool>`products.search_vector @@ to_tsquery('simple', ${query})`,
    score: sql<number>`ts_rank(products.search_vector, to_tsquery('simple', ${query}))`,
  };
}

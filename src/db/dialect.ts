/**
 * The dialect seam: the few pieces of SQL that differ between SQLite and PostgreSQL.
 * Services call these instead of branching on the engine themselves.
 */
import { CompiledQuery, sql, type Expression, type SqlBool } from 'kysely';
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

/**
 * Locks the rows a select reads until the transaction ends (PostgreSQL `FOR UPDATE`). SQLite
 * has one writer at a time, so its transactions need no row locks and the query is unchanged.
 */
export function lockForUpdate<QB extends { forUpdate(): QB }>(kind: EngineKind, qb: QB): QB {
  return kind === 'postgres' ? qb.forUpdate() : qb;
}

/** A column of a bulk write and its PostgreSQL array element type. */
export interface BulkColumn {
  name: string;
  pgType: 'text' | 'bigint' | 'integer';
}

/**
 * What a bulk write does on a key conflict: add to counters, skip the row, or merge it by the
 * given SET and WHERE (SQL that both engines read alike; `excluded` is the row offered) —
 * optionally returning the rows written.
 */
export interface BulkConflict {
  keys: readonly string[];
  add?: readonly string[];
  nothing?: boolean;
  merge?: { set: string; where?: string };
  returning?: readonly string[];
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/**
 * Multi-row inserts (and counter upserts) as ready-compiled statements, for write paths that
 * move thousands of rows at once. SQLite: `VALUES (?, …), …` chunked under its bound-parameter
 * limit. PostgreSQL: one statement over `unnest()` of one array per column — a handful of
 * parameters whatever the row count. Both engines understand the same ON CONFLICT clause.
 */
export function bulkInsert(kind: EngineKind, table: string, columns: readonly BulkColumn[], rows: readonly unknown[][], conflict?: BulkConflict): CompiledQuery[] {
  if (rows.length === 0) return [];
  const cols = columns.map((c) => q(c.name)).join(', ');
  let tail = '';
  if (conflict) {
    tail = ` ON CONFLICT (${conflict.keys.map(q).join(', ')}) `;
    if (conflict.merge) tail += `DO UPDATE SET ${conflict.merge.set}${conflict.merge.where ? ` WHERE ${conflict.merge.where}` : ''}`;
    else tail += conflict.nothing || !conflict.add?.length ? 'DO NOTHING' : `DO UPDATE SET ${conflict.add.map((c) => `${q(c)} = ${q(table)}.${q(c)} + excluded.${q(c)}`).join(', ')}`;
    if (conflict.returning?.length) tail += ` RETURNING ${conflict.returning.map(q).join(', ')}`;
  }
  if (kind === 'postgres') {
    const out: CompiledQuery[] = [];
    for (let i = 0; i < rows.length; i += 50_000) {
      const chunk = rows.slice(i, i + 50_000);
      const arrays = columns.map((_, c) => chunk.map((r) => r[c] ?? null));
      const unnest = columns.map((c, k) => `$${k + 1}::${c.pgType}[]`).join(', ');
      out.push(CompiledQuery.raw(`INSERT INTO ${q(table)} (${cols}) SELECT * FROM unnest(${unnest})${tail}`, arrays));
    }
    return out;
  }
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  const one = `(${columns.map(() => '?').join(', ')})`;
  const out: CompiledQuery[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    out.push(CompiledQuery.raw(`INSERT INTO ${q(table)} (${cols}) VALUES ${Array(chunk.length).fill(one).join(', ')}${tail}`, chunk.flat()));
  }
  return out;
}

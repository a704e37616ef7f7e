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

/**
 * Words of a text as search sees them: NFKC, lower case, split by the ICU word segmenter
 * (Node has full ICU), so Chinese — written without spaces — comes apart into words:
 * "无线降噪耳机" → 无线 | 降 | 噪 | 耳机. Letters and digits only.
 */
const words = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{L}\p{N}]+$/u;

function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const s of words.segment(text.normalize('NFKC').toLowerCase())) if (s.isWordLike && WORD.test(s.segment)) out.push(s.segment.slice(0, 40));
  return out;
}

/**
 * The text to index for search, built from any number of texts (every locale's title, say):
 * the segmenter's words, and for Chinese also each character and each pair of neighbours, so
 * a query still matches where the segmenter cut the product's text differently from the
 * query's ("快充充电器" splits as 快 | 充充 | 电器, yet "充电器" finds it by 充电 and 电器).
 * Both engines index it as space-separated tokens (SQLite FTS5 unicode61, PostgreSQL 'simple').
 */
export function searchIndexText(texts: readonly string[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const w of segmentWords(text)) tokens.add(w);
    for (const run of text.normalize('NFKC').match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      chars.forEach((c, i) => {
        tokens.add(c);
        if (i + 1 < chars.length) tokens.add(c + chars[i + 1]);
      });
    }
  }
  return [...tokens].join(' ').slice(0, 20_000);
}

/** One term of a search: a token, matched as a prefix (Latin words, numbers) or exactly (Chinese characters and pairs). */
export interface SearchTerm {
  token: string;
  prefix: boolean;
}

/**
 * A user's query as terms, all of which must match (at most 12): Latin words and numbers (by
 * the segmenter) as prefixes; a run of Chinese characters as its pairs of neighbours (one
 * character alone as itself) — the same pairs the index holds, so matching does not depend
 * on where the segmenter would cut the query.
 */
export function searchTerms(q: string): SearchTerm[] {
  const out = new Map<string, SearchTerm>();
  // Chinese by runs of characters, whatever the segmenter makes of them: the index holds every pair.
  const runs = q.normalize('NFKC').match(/\p{Script=Han}+/gu) ?? [];
  for (const w of segmentWords(q.replace(/\p{Script=Han}+/gu, ' '))) if (!HAN.test(w)) out.set(w, { token: w, prefix: true });
  for (const run of runs) {
    const chars = [...run];
    if (chars.length === 1) out.set(run, { token: run, prefix: false });
    for (let i = 0; i + 1 < chars.length; i++) out.set(chars[i]! + chars[i + 1]!, { token: chars[i]! + chars[i + 1]!, prefix: false });
  }
  return [...out.values()].slice(0, 12);
}

/**
 * Full-text match on products for the given terms (every term), plus a relevance score where
 * higher is better (title before description). SQLite: FTS5 over the indexed text; PostgreSQL:
 * a tsvector of it. Tokens are letters and digits only, so they need no quoting beyond this.
 */
export function productTextMatch(kind: EngineKind, terms: SearchTerm[]): { where: Expression<SqlBool>; score: Expression<number> } {
  if (kind === 'sqlite') {
    const match = terms.map((t) => `"${t.token}"${t.prefix ? '*' : ''}`).join(' ');
    return {
      where: sql<SqlBool>`products.id IN (SELECT product_id FROM product_fts WHERE product_fts MATCH ${match})`,
      score: sql<number>`(SELECT -bm25(product_fts, 0, 10.0, 3.0) FROM product_fts WHERE product_fts MATCH ${match} AND product_fts.product_id = products.id)`,
    };
  }
  const query = terms.map((t) => `${t.token}${t.prefix ? ':*' : ''}`).join(' & ');
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

/**
 * Rows a sweep takes for itself (PostgreSQL `FOR UPDATE SKIP LOCKED`): processes sweeping at
 * once take different rows instead of waiting on each other. SQLite has one writer at a time.
 */
export function claimRows<QB extends { forUpdate(): QB; skipLocked(): QB }>(kind: EngineKind, qb: QB): QB {
  return kind === 'postgres' ? qb.forUpdate().skipLocked() : qb;
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

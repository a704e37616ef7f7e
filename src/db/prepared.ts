/**
 * A query compiled once: Kysely builds and compiles a query on every call, which on the hottest
 * reads (a session looked up per request) costs more than running it. `compiledOnce` builds the
 * query with stand-ins for its parameters the first time, keeps the SQL, and afterwards only
 * puts the call's values where the stand-ins were. The SQL is kept per dialect (SQLite and
 * PostgreSQL spell parameters differently), keyed by the adapter a database and its
 * transactions share.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

interface Compiled {
  sql: string;
  /** For each parameter of the SQL: the call's parameter it takes, or a constant of the query. */
  slots: Array<number | { value: unknown }>;
}

/** A query with `n` parameters, compiled on first use per dialect and run with new values after. */
export function compiledOnce<R, P extends unknown[]>(build: (db: Kysely<Database>, ...params: P) => Compilable<R>): (db: Kysely<Database>, ...params: P) => Promise<R[]> {
  const byDialect = new WeakMap<object, Compiled>();
  return async (db, ...params) => {
    const dialect = db.getExecutor().adapter;
    let compiled = byDialect.get(dialect);
    if (!compiled) {
      const marks = params.map((_, i) => `\u0001param${i}\u0001`);
      const c = build(db, ...(marks as P)).compile();
      compiled = {
        sql: c.sql,
        slots: c.parameters.map((v) => {
          const i = marks.indexOf(v as string);
          return i >= 0 ? i : { value: v };
        }),
      };
      byDialect.set(dialect, compiled);
    }
    const values = compiled.slots.map((s) => (typeof s === 'number' ? params[s] : s.value));
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, values))).rows;
  };
}

/** Platform-wide secrets and flags kept in the database, so every app process shares them. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { isUniqueViolation } from './dialect.js';

/** Reads a setting, creating it with `make()` on first use (first writer wins across processes). */
export async function getOrCreateSetting(db: Kysely<Database>, key: string, make: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (row) return row.value;
  try {
    await db.insertInto('settings').values({ key, value: make() }).execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
}

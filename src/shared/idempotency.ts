/**
 * Idempotency keys for writes a client may retry (checkout): the first request's answer is
 * stored in the same transaction as its effects, and every retry with the same key gets
 * that answer back. The same key with a different request body is refused (422).
 * `replayOf` finds a committed answer before any work is done (a payment's retry must not ask
 * the provider again).
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError } from './errors.js';

export interface StoredAnswer<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

class KeyTaken extends Error {}

export async function idempotent<T>(
  ctx: AppContext,
  scope: string,
  userId: string,
  key: string | undefined,
  request: unknown,
  run: (trx: Transaction<Database>) => Promise<{ statusCode: number; body: T }>,
): Promise<StoredAnswer<T>> {
  if (!key) {
    const out = await ctx.db.transaction().execute(run);
    return { ...out, replayed: false };
  }
  const requestHash = hashOf(request);
  try {
    const out = await ctx.db.transaction().execute(async (trx) => {
      try {
        await trx
          .insertInto('idempotency_keys')
          .values({ scope, user_id: userId, key, request_hash: requestHash, status_code: 0, response_json: '', created_at: ctx.clock.now() })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new KeyTaken();
        throw err;
      }
      const result = await run(trx);
      await trx
        .updateTable('idempotency_keys')
        .set({ status_code: result.statusCode, response_json: JSON.stringify(result.body) })
        .where('scope', '=', scope)
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .execute();
      return result;
    });
    return { ...out, replayed: false };
  } catch (err) {
    if (!(err instanceof KeyTaken)) throw err;
    const row = await ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (row.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
    }
    return { statusCode: row.status_code, body: JSON.parse(row.response_json) as T, replayed: true };
  }
}

/** The committed answer stored for `key` (null when there is none yet); 422 when it answered a different request. */
export async function replayOf<T>(ctx: AppContext, scope: string, userId: string, key: string | undefined, request: unknown): Promise<StoredAnswer<T> | null> {
  if (!key) return null;
  const row = await ctx.db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  if (!row || row.status_code === 0) return null;
  if (row.request_hash !== hashOf(request)) throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
  return { statusCode: row.status_code, body: JSON.parse(row.response_json) as T, replayed: true };
}

function hashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

/**
 * Retention: the tables that would otherwise only grow are pruned by the sweeper (app.ts,
 * every RETENTION_SWEEP_INTERVAL_MS). Each rule names its table, the rows that are done with
 * (expired, revoked, sent, delivered, accepted) and the setting that says how long they are
 * kept after that. This module owns the pruning only; the tables stay their modules' own.
 *
 * Rows go in batches of RETENTION_BATCH_SIZE, each one short statement (a SQLite write lock
 * held briefly, never one long transaction), at most `MAX_BATCHES_PER_RUN` per table and run
 * (the rest waits for the next run). Several processes sweep at once safely: on PostgreSQL
 * each batch takes its rows with `FOR UPDATE SKIP LOCKED`, so two processes take different
 * rows; deleting a row already gone deletes nothing.
 *
 * Kept for good, on purpose: orders, payments, refunds, payouts and their step logs and the
 * money ledger (the books); holds, queue places, draw entrants (the launch audit); analytics.
 */
import type { Kysely } from 'kysely';
import type { RetentionSettings } from '../config.js';
import type { AppContext } from '../context.js';
import { claimRows } from '../db/dialect.js';
import type { EngineKind } from '../db/engine.js';
import type { Database } from '../db/schema.js';
import { MAX_MAIL_ATTEMPTS } from '../mail/outbox.js';
import { MAX_DELIVERY_ATTEMPTS } from '../payments/sandbox.js';

/** Batches one table may delete in one run. */
export const MAX_BATCHES_PER_RUN = 20;

/** One pruned table. */
export interface RetentionRule {
  table: keyof Database;
  /** The setting holding the retention (README settings table). */
  setting: string;
  retentionMs(s: RetentionSettings): number;
  /** Deletes up to `limit` rows done with before `cutoff`; returns how many went. */
  deleteBatch(db: Kysely<Database>, kind: EngineKind, cutoff: number, limit: number): Promise<number>;
}

const deleted = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

/** Every pruned table and what "done with" means for its rows. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    table: 'sessions',
    setting: 'SESSION_RETENTION_MS',
    retentionMs: (s) => s.sessionsMs,
    async deleteBatch(db, kind, cutoff, limit) {
      const batch = claimRows(kind, db.selectFrom('sessions').select('id').where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)])).limit(limit));
      return deleted(await db.deleteFrom('sessions').where('id', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'idempotency_keys',
    setting: 'IDEMPOTENCY_KEY_RETENTION_MS',
    retentionMs: (s) => s.idempotencyKeysMs,
    async deleteBatch(db, kind, cutoff, limit) {
      const batch = claimRows(kind, db.selectFrom('idempotency_keys').select(['scope', 'user_id', 'key']).where('created_at', '<', cutoff).limit(limit));
      return deleted(await db.deleteFrom('idempotency_keys').where((eb) => eb(eb.refTuple('scope', 'user_id', 'key'), 'in', batch.$asTuple('scope', 'user_id', 'key'))).executeTakeFirst());
    },
  },
  {
    table: 'webhook_signatures',
    setting: 'WEBHOOK_SIGNATURE_RETENTION_MS',
    retentionMs: (s) => s.webhookSignaturesMs,
    async deleteBatch(db, kind, cutoff, limit) {
      const batch = claimRows(kind, db.selectFrom('webhook_signatures').select('signature').where('received_at', '<', cutoff).limit(limit));
      return deleted(await db.deleteFrom('webhook_signatures').where('signature', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'webhook_events',
    setting: 'WEBHOOK_EVENT_RETENTION_MS',
    retentionMs: (s) => s.webhookEventsMs,
    async deleteBatch(db, kind, cutoff, limit) {
      const batch = claimRows(kind, db.selectFrom('webhook_events').select('event_id').where('received_at', '<', cutoff).limit(limit));
      return deleted(await db.deleteFrom('webhook_events').where('event_id', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'sandbox_webhook_outbox',
    setting: 'SANDBOX_OUTBOX_RETENTION_MS',
    retentionMs: (s) => s.sandboxOutboxMs,
    async deleteBatch(db, kind, cutoff, limit) {
      // Delivered with no copy left to send, or given up after the last attempt.
      const batch = claimRows(
        kind,
        db
          .selectFrom('sandbox_webhook_outbox')
          .select('id')
          .where((eb) => eb.or([eb.and([eb('delivered_at', '<', cutoff), eb('duplicates_left', '<=', 0)]), eb.and([eb('attempts', '>=', MAX_DELIVERY_ATTEMPTS), eb('created_at', '<', cutoff)])]))
          .limit(limit),
      );
      return deleted(await db.deleteFrom('sandbox_webhook_outbox').where('id', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'mail_outbox',
    setting: 'MAIL_OUTBOX_RETENTION_MS',
    retentionMs: (s) => s.mailOutboxMs,
    async deleteBatch(db, kind, cutoff, limit) {
      // Sent, or given up after the last attempt.
      const batch = claimRows(
        kind,
        db
          .selectFrom('mail_outbox')
          .select('id')
          .where((eb) => eb.or([eb('sent_at', '<', cutoff), eb.and([eb('sent_at', 'is', null), eb('attempts', '>=', MAX_MAIL_ATTEMPTS), eb('created_at', '<', cutoff)])]))
          .limit(limit),
      );
      return deleted(await db.deleteFrom('mail_outbox').where('id', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'signup_requests',
    setting: 'SIGNUP_REQUEST_RETENTION_MS',
    retentionMs: (s) => s.signupRequestsMs,
    async deleteBatch(db, kind, cutoff, limit) {
      const batch = claimRows(kind, db.selectFrom('signup_requests').select('email').where('expires_at', '<', cutoff).limit(limit));
      return deleted(await db.deleteFrom('signup_requests').where('email', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'store_invitations',
    setting: 'STORE_INVITATION_RETENTION_MS',
    retentionMs: (s) => s.storeInvitationsMs,
    async deleteBatch(db, kind, cutoff, limit) {
      // Expired unaccepted, or accepted (the membership is the store_members row; the token is spent).
      const batch = claimRows(
        kind,
        db
          .selectFrom('store_invitations')
          .select('id')
          .where((eb) => eb.or([eb.and([eb('accepted_at', 'is', null), eb('expires_at', '<', cutoff)]), eb('accepted_at', '<', cutoff)]))
          .limit(limit),
      );
      return deleted(await db.deleteFrom('store_invitations').where('id', 'in', batch).executeTakeFirst());
    },
  },
  {
    table: 'login_lockouts',
    setting: 'LOGIN_LOCKOUT_RETENTION_MS',
    retentionMs: (s) => s.loginLockoutsMs,
    async deleteBatch(db, kind, cutoff, limit) {
      const batch = claimRows(kind, db.selectFrom('login_lockouts').select('id').where('at', '<', cutoff).limit(limit));
      return deleted(await db.deleteFrom('login_lockouts').where('id', 'in', batch).executeTakeFirst());
    },
  },
];

/** Rows each table lost in one run (tables that lost none are left out). */
export type Pruned = Partial<Record<keyof Database, number>>;

/**
 * Prunes every table in `RETENTION_RULES` once. `more` is true when some table still had due
 * rows after its `MAX_BATCHES_PER_RUN` batches (a backlog: `retentionJob` runs again at the next
 * sweep instead of waiting an interval). A table whose delete fails is logged and skipped; the
 * others still run.
 */
export async function pruneExpired(ctx: Pick<AppContext, 'db' | 'engine' | 'clock' | 'config' | 'log'>): Promise<{ pruned: Pruned; more: boolean }> {
  const s = ctx.config.retention;
  const pruned: Pruned = {};
  let more = false;
  for (const rule of RETENTION_RULES) {
    const cutoff = ctx.clock.now() - rule.retentionMs(s);
    let total = 0;
    try {
      for (let i = 0; ; i++) {
        const n = await rule.deleteBatch(ctx.db, ctx.engine.kind, cutoff, s.batchSize);
        total += n;
        if (n < s.batchSize) break;
        if (i + 1 === MAX_BATCHES_PER_RUN) {
          more = true;
          break;
        }
      }
    } catch (err) {
      ctx.log.error({ err, table: rule.table }, 'retention: prune failed');
    }
    if (total > 0) pruned[rule.table] = total;
  }
  if (Object.keys(pruned).length) ctx.log.info({ pruned, more }, 'retention: old rows deleted');
  return { pruned, more };
}

/**
 * The sweeper's job: `pruneExpired` every RETENTION_SWEEP_INTERVAL_MS (by the app's clock), and
 * at every sweep while a backlog remains (a first start on tables that never were pruned).
 */
export function retentionJob(ctx: Pick<AppContext, 'db' | 'engine' | 'clock' | 'config' | 'log'>): () => Promise<void> {
  let last = -Infinity;
  let backlog = false;
  return async () => {
    const now = ctx.clock.now();
    if (!backlog && now - last < ctx.config.retention.sweepIntervalMs) return;
    last = now;
    backlog = (await pruneExpired(ctx)).more;
  };
}

/**
 * What every domain service is handed: settings, the storage engine, the clock and the
 * swappable parts. Built once in `app.ts`; nothing reaches for globals.
 */
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { StorageEngine } from './db/engine.js';
import type { Database } from './db/schema.js';
import type { Clock } from './shared/clock.js';
import type { PaymentProvider } from './payments/provider.js';
import type { AnalyticsRecorder } from './analytics/recorder.js';
import type { Broadcast } from './shared/broadcast.js';
import type { AttemptStore } from './accounts/throttle.js';
import type { MailSender } from './mail/outbox.js';
import type { OrderEvents } from './orders/events.js';
import type { CrashHook } from './shared/crash-points.js';
import type { Notifications } from './notifications/service.js';

export interface AppContext {
  config: Config;
  engine: StorageEngine;
  db: Kysely<Database>;
  clock: Clock;
  payments: PaymentProvider;
  log: FastifyBaseLogger;
  /** Seller analytics: `record(event)` buffers off the hot path; rollups are written in batches. */
  analytics: AnalyticsRecorder;
  /** Messages every app process hears at once (session revoked, member removed): in-process, or Redis pub/sub when scaled out. */
  broadcast: Broadcast;
  /** Failure counts and locks (log-in throttling): in memory, or Redis when scaled out. */
  attempts: AttemptStore;
  /** Delivers the mail outbox (kick it after a commit that queued mail). */
  mail: MailSender;
  /** Order transitions, for the domains that act on them (inside the transaction or after commit). */
  orderEvents: OrderEvents;
  /**
   * Notifications to buyers and sellers (inbox, e-mail, Web Push): events written in the deciding
   * transaction, sent by the sweep. Always set by `buildApp`; absent only where a harness builds
   * the launch engine alone (callers then write none).
   */
  notifications?: Notifications;
  /** Called at the money flows' step boundaries (crash tests); a no-op unless CRASH_POINTS is set. */
  crash: CrashHook;
  /** The URL buyers and the payment gateway reach this server at (known once listening). */
  publicUrl(): string;
}

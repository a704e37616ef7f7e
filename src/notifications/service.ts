/**
 * Notifications: what buyers and sellers are told, durably. An event is one `notifications` row
 * (the in-app inbox; unique by its event key, so writing the same event twice is one) plus one
 * delivery per channel — e-mail and Web Push — written in the transaction of the change that
 * causes it (`notify`, from the order, launch and money code) or, for events that are moments
 * rather than changes (a launch about to start, a hold about to lapse, orders waiting, stock
 * low), by the sweep in small batches.
 *
 * The sweep (`deliverDue`, every second and kicked after each commit that wrote an event)
 * delivers each pending delivery exactly once per event and channel, by the lifecycle of
 * state-machine.ts: e-mail is rendered in the user's language with an unsubscribe link and
 * handed to the mail outbox (mail/outbox.ts) in one transaction with the delivery's move to
 * `sent`, so it is queued once whatever dies when; Web Push is claimed with a lease, sent with
 * the notification id as its topic (a repeat replaces, never adds), and recorded. Per-user
 * preferences (channels, muted kinds, language) and a per-user, per-channel hourly limit
 * (urgent kinds pass) decide before anything is sent; the inbox always has the event.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import webpush from 'web-push';
import { sql, type Kysely } from 'kysely';
import type { Database, NotificationsTable } from '../db/schema.js';
import { getOrCreateSetting } from '../db/settings.js';
import { afterCommit } from '../db/after-commit.js';
import { enqueueMail, type MailDeps, type MailSender } from '../mail/outbox.js';
import { newId } from '../shared/ids.js';
import { allows } from '../shared/lifecycle.js';
import { AppError } from '../shared/errors.js';
import { DELIVERY_TRANSITIONS } from './state-machine.js';
import { mailFooter, NOTIFICATION_KINDS, renderNotification, URGENT_KINDS, type NotificationKind, type NotificationLocale, type NotificationParams, type RenderedNotification } from './texts.js';

/** The channels a notification is delivered on besides the inbox. */
export const CHANNELS = ['email', 'push'] as const;
/** A delivery channel. */
export type Channel = (typeof CHANNELS)[number];

/** One event to write: who, what, its identity, its parameters, and (optionally) not before when. */
export interface NotificationEvent {
  userId: string;
  kind: NotificationKind;
  /** The event's identity (a second write with the same key is a no-op). */
  key: string;
  params: NotificationParams;
  /** Deliver no earlier than this (default: at once). */
  deliverAt?: number;
}

/** A user's notification settings. */
export interface NotificationPreferences {
  email: boolean;
  push: boolean;
  locale: NotificationLocale;
  muted: NotificationKind[];
}

/** An inbox entry as the API shows it. */
export interface InboxItem extends RenderedNotification {
  id: string;
  kind: NotificationKind;
  createdAt: number;
  readAt: number | null;
}

/** Settings of notifications (from the config). */
export interface NotificationOptions {
  /** E-mails (and, separately, pushes) one user is sent per hour at most; urgent kinds pass. */
  maxPerUserPerHour: number;
  /** A start reminder goes this long before a launch starts. */
  reminderLeadMs: number;
  /** "Your reservation expires soon" goes this long before a hold's deadline. */
  holdExpiringLeadMs: number;
  /** "It's your turn" waits this long after the admission (a buyer on the page has reserved by then). */
  turnDelayMs: number;
  /** Events written per transaction by the batch sweeps (start reminders). */
  batchSize: number;
  /** Extra certificate authorities (a PEM file) trusted for push services, or none. */
  pushCaFile?: string | undefined;
  /** Units of a SKU at or below which its store is told stock is low. */
  stockLowAt: number;
}

const DEFAULTS: NotificationPreferences = { email: true, push: true, locale: 'en', muted: [] };
const PUSH_LEASE_MS = 60_000;
const MAX_PUSH_ATTEMPTS = 8;
const DAY_MS = 86_400_000;

/**
 * What notifications need of the app (a part of `AppContext`, named here so that the
 * context, which carries `Notifications`, and this module do not import each other).
 */
export interface NotificationDeps extends Required<MailDeps> {
  mail: MailSender;
  /** The URL buyers reach this server at (links in mails and pushes). */
  publicUrl(): string;
}

/** Notifications of one app process (see the file comment). */
export class Notifications {
  private delivering: Promise<number> | null = null;
  private again = false;
  private vapid: Promise<{ publicKey: string; privateKey: string }> | null = null;
  private unsubscribeSecret: Promise<string> | null = null;
  /** Deliveries this process made, by channel and outcome (the operator's metrics). */
  readonly counts = { sent: { email: 0, push: 0 }, skipped: { email: 0, push: 0 }, failed: { email: 0, push: 0 } };

  constructor(
    private readonly ctx: NotificationDeps,
    readonly opts: NotificationOptions,
  ) {}

  // ---- writing events -----------------------------------------------------------------

  /** Writes events inside the caller's transaction (each once by its key) and kicks the sender after the commit. Returns how many were new. */
  async notify(trx: Kysely<Database>, events: readonly NotificationEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const now = this.ctx.clock.now();
    let fresh = 0;
    for (let i = 0; i < events.length; i += 500) {
      const chunk = events.slice(i, i + 500);
      const rows: NotificationsTable[] = chunk.map((e) => ({ id: newId(), user_id: e.userId, kind: e.kind, event_key: e.key, params_json: JSON.stringify(e.params), created_at: now, read_at: null }));
      const written = await trx.insertInto('notifications').values(rows).onConflict((oc) => oc.column('event_key').doNothing()).returning('id').execute();
      if (written.length === 0) continue;
      const ids = new Set(written.map((w) => w.id));
      const byId = new Map(rows.map((r, k) => [r.id, chunk[k]!]));
      const deliveries = [...ids].flatMap((id) => CHANNELS.map((channel) => ({ notification_id: id, channel, user_id: byId.get(id)!.userId, status: 'pending' as const, reason: null, attempts: 0, next_attempt_at: byId.get(id)!.deliverAt ?? now, sent_at: null })));
      await trx.insertInto('notification_deliveries').values(deliveries).execute();
      fresh += ids.size;
    }
    if (fresh) afterCommit(trx, () => this.kick());
    return fresh;
  }

  /** Writes one event for every member of a store (owner and staff). */
  async notifyStore(trx: Kysely<Database>, storeId: string, kind: NotificationKind, key: string, params: NotificationParams): Promise<number> {
    const members = await trx.selectFrom('store_members').select('user_id').where('store_id', '=', storeId).execute();
    return this.notify(trx, members.map((m) => ({ userId: m.user_id, kind, key: `${key}:${m.user_id}`, params })));
  }

  /** The places a launch's line wrote (the ledger calls this inside the same transaction): registrations confirmed, turns come. */
  async placesWritten(trx: Kysely<Database>, written: ReadonlyArray<{ kind: string; launchId: string; buyerId?: string; at?: number }>): Promise<void> {
    const relevant = written.filter((w) => (w.kind === 'register' || w.kind === 'admit') && w.buyerId);
    if (relevant.length === 0) return;
    const launches = new Map((await trx.selectFrom('launches').select(['id', 'title', 'starts_at', 'pass_ttl_ms']).where('id', 'in', [...new Set(relevant.map((w) => w.launchId))]).execute()).map((l) => [l.id, l]));
    const events: NotificationEvent[] = [];
    for (const w of relevant) {
      const l = launches.get(w.launchId);
      if (!l) continue;
      if (w.kind === 'register') events.push({ userId: w.buyerId!, kind: 'registration_confirmed', key: `reg:${w.launchId}:${w.buyerId}`, params: { launchId: l.id, launchTitle: l.title, startsAt: l.starts_at } });
      else events.push({ userId: w.buyerId!, kind: 'your_turn', key: `turn:${w.launchId}:${w.buyerId}:${w.at}`, params: { launchId: l.id, launchTitle: l.title, startsAt: w.at, minutes: Math.max(1, Math.round(l.pass_ttl_ms / 60_000)) }, deliverAt: (w.at ?? this.ctx.clock.now()) + this.opts.turnDelayMs });
    }
    await this.notify(trx, events);
  }

  /** A launch sold out or got units back (seen by the admission round): its store is told, at most once per launch and 10 minutes. */
  async launchStock(launchId: string, soldOut: boolean): Promise<void> {
    const now = this.ctx.clock.now();
    const l = await this.ctx.db.selectFrom('launches').select(['id', 'store_id', 'title']).where('id', '=', launchId).executeTakeFirst();
    if (!l) return;
    const kind = soldOut ? 'launch_sold_out' : 'units_back';
    await this.ctx.db.transaction().execute((trx) => this.notifyStore(trx, l.store_id, kind, `${kind}:${launchId}:${Math.floor(now / 600_000)}`, { launchId, launchTitle: l.title }));
  }

  /** Many holds of a launch expired in one sweep: its store is told (at most once per launch and 10 minutes). */
  async holdsExpired(launchId: string, count: number): Promise<void> {
    const now = this.ctx.clock.now();
    const l = await this.ctx.db.selectFrom('launches').select(['id', 'store_id', 'title']).where('id', '=', launchId).executeTakeFirst();
    if (!l) return;
    await this.ctx.db.transaction().execute((trx) => this.notifyStore(trx, l.store_id, 'holds_expired', `holds_expired:${launchId}:${Math.floor(now / 600_000)}`, { launchId, launchTitle: l.title, count }));
  }

  // ---- the batch sweeps ---------------------------------------------------------------

  /** Every sweep of notifications: the moments that make events, then delivery. */
  async sweep(): Promise<void> {
    // Each on its own: one that fails (a database hiccup) does not hold back the others, nor delivery.
    for (const [name, step] of [
      ['start reminders', () => this.startReminders()],
      ['expiring holds', () => this.expiringHolds()],
      ['orders to ship', () => this.ordersToShip()],
      ['stock low', () => this.stockLow()],
      ['delivery', () => this.deliverDue()],
    ] as const) {
      try {
        await step();
      } catch (err) {
        this.ctx.log.error({ err }, `notifications: ${name} failed`);
      }
    }
  }

  /**
   * "Starts in 10 minutes" for every buyer registered for a launch about to start: written in
   * transactions of `batchSize` events, registrations in buyer-id order from a cursor kept in
   * notification_batches, yielding between batches — so 10,000 reminders are 20 short
   * transactions spread over a moment, never one long one on the reservations' database.
   */
  async startReminders(maxBatches = 20): Promise<number> {
    const now = this.ctx.clock.now();
    const soon = await this.ctx.db.selectFrom('launches').select(['id', 'title', 'starts_at']).where('cancelled_at', 'is', null).where('starts_at', '>', now).where('starts_at', '<=', now + this.opts.reminderLeadMs).execute();
    let written = 0;
    let batches = 0;
    for (const l of soon) {
      const key = `start:${l.id}`;
      for (;;) {
        if (batches++ >= maxBatches) return written;
        const done = await this.ctx.db.transaction().execute(async (trx) => {
          const b = await trx.selectFrom('notification_batches').selectAll().where('key', '=', key).executeTakeFirst();
          if (b?.done_at) return true;
          const cursor = b?.cursor ?? '';
          const regs = await trx.selectFrom('launch_registrations').select('buyer_id').where('launch_id', '=', l.id).where('buyer_id', '>', cursor).orderBy('buyer_id').limit(this.opts.batchSize).execute();
          written += await this.notify(trx, regs.map((r) => ({ userId: r.buyer_id, kind: 'launch_starting' as const, key: `start:${l.id}:${r.buyer_id}`, params: { launchId: l.id, launchTitle: l.title, startsAt: l.starts_at } })));
          const last = regs.at(-1)?.buyer_id ?? cursor;
          const finished = regs.length < this.opts.batchSize;
          const values = { cursor: last, done_at: finished ? now : null, updated_at: now };
          if (b) await trx.updateTable('notification_batches').set(values).where('key', '=', key).where('cursor', '=', cursor).execute();
          else await trx.insertInto('notification_batches').values({ key, ...values }).onConflict((oc) => oc.column('key').doNothing()).execute();
          return finished;
        });
        if (done) break;
        await new Promise((r) => setImmediate(r)); // let the hot path in between batches
      }
    }
    return written;
  }

  /** "Your reservation expires in N minutes" for holds whose deadline is that close (once per hold). */
  async expiringHolds(): Promise<number> {
    const now = this.ctx.clock.now();
    const lead = this.opts.holdExpiringLeadMs;
    const holds = await this.ctx.db
      .selectFrom('holds')
      .innerJoin('launches', 'launches.id', 'holds.launch_id')
      .select(['holds.id', 'holds.buyer_id', 'holds.launch_id', 'holds.expires_at', 'launches.title'])
      .where('holds.status', '=', 'held')
      .where('holds.expires_at', '>', now)
      .where('holds.expires_at', '<=', now + lead)
      // Only holds whose payment window is longer than the notice (else it would come at the reservation).
      .where(sql<number>`holds.expires_at - holds.created_at`, '>', lead)
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = 'expiring:' || holds.id)`)
      .orderBy('holds.expires_at')
      .limit(this.opts.batchSize)
      .execute();
    const events = holds.map((h) => ({ userId: h.buyer_id, kind: 'hold_expiring' as const, key: `expiring:${h.id}`, params: { launchId: h.launch_id, launchTitle: h.title, holdId: h.id, minutes: Math.max(1, Math.ceil((h.expires_at - now) / 60_000)) } }));
    if (events.length === 0) return 0;
    return this.ctx.db.transaction().execute((trx) => this.notify(trx, events));
  }

  /**
   * Stores with paid orders unshipped for a day are told once a day. Only stores with a member
   * not yet told today are read, so each batch of 200 is new ones and every store is told.
   */
  async ordersToShip(): Promise<number> {
    const now = this.ctx.clock.now();
    const day = Math.floor(now / DAY_MS);
    const waiting = await this.ctx.db
      .selectFrom('orders')
      .select(['store_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'paid')
      .where('updated_at', '<', now - DAY_MS)
      .where((eb) => eb.exists(eb.selectFrom('store_members as m').select('m.user_id').whereRef('m.store_id', '=', 'orders.store_id').where(sql<boolean>`NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = 'to_ship:' || orders.store_id || ':' || ${String(day)} || ':' || m.user_id)`)))
      .groupBy('store_id')
      .orderBy('store_id')
      .limit(200)
      .execute();
    if (waiting.length === 0) return 0;
    return this.ctx.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const w of waiting) n += await this.notifyStore(trx, w.store_id, 'orders_to_ship', `to_ship:${w.store_id}:${day}`, { count: Number(w.n) });
      return n;
    });
  }

  /**
   * Published SKUs at or below the low-stock mark: their store is told once a day per SKU. Only
   * SKUs with a member of their store not yet told today are read, so each batch of 200 is new
   * ones and every low SKU is told, however many there are.
   */
  async stockLow(): Promise<number> {
    const now = this.ctx.clock.now();
    const day = Math.floor(now / DAY_MS);
    const low = await this.ctx.db
      .selectFrom('skus')
      .innerJoin('products', 'products.id', 'skus.product_id')
      .select(['skus.id', 'skus.store_id', 'skus.stock', 'products.title'])
      .where('products.status', '=', 'published')
      .where('skus.stock', '<=', this.opts.stockLowAt)
      .where((eb) => eb.exists(eb.selectFrom('store_members as m').select('m.user_id').whereRef('m.store_id', '=', 'skus.store_id').where(sql<boolean>`NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = 'stock_low:' || skus.id || ':' || ${String(day)} || ':' || m.user_id)`)))
      .orderBy('skus.id')
      .limit(200)
      .execute();
    if (low.length === 0) return 0;
    return this.ctx.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const s of low) n += await this.notifyStore(trx, s.store_id, 'stock_low', `stock_low:${s.id}:${day}`, { skuId: s.id, title: s.title, stock: s.stock });
      return n;
    });
  }

  // ---- delivery ---------------------------------------------------------------------

  /** Starts a delivery round soon (after the caller's commit); never throws. */
  kick(): void {
    setImmediate(() => void this.deliverDue().catch((err) => this.ctx.log.warn({ err }, 'notification delivery failed')));
  }

  /** Delivers every due delivery once (one round at a time in this process); returns how many were sent. */
  async deliverDue(limit = 200): Promise<number> {
    if (this.delivering) {
      this.again = true;
      return this.delivering;
    }
    this.delivering = (async () => {
      let sent = 0;
      do {
        this.again = false;
        const now = this.ctx.clock.now();
        const due = await this.ctx.db
          .selectFrom('notification_deliveries as d')
          .innerJoin('notifications as n', 'n.id', 'd.notification_id')
          .select(['d.notification_id', 'd.channel', 'd.status', 'd.attempts', 'd.next_attempt_at', 'n.user_id', 'n.kind', 'n.params_json'])
          .where('d.status', 'in', ['pending', 'sending'])
          .where('d.next_attempt_at', '<=', now)
          .orderBy('d.next_attempt_at')
          .limit(limit)
          .execute();
        for (const d of due) {
          try {
            if (await (d.channel === 'email' ? this.deliverEmail(d) : this.deliverPush(d))) sent++;
          } catch (err) {
            this.ctx.log.warn({ err, notificationId: d.notification_id, channel: d.channel }, 'notification delivery failed; will retry');
          }
          // Requests waiting on the event loop go first: on SQLite every query is synchronous, so a
          // round of thousands (a launch's start reminders) would otherwise hold the loop, and the
          // reservations behind it, until the round ends.
          await new Promise((r) => setImmediate(r));
        }
        if (due.length === limit) this.again = true;
      } while (this.again);
      return sent;
    })().finally(() => {
      this.delivering = null;
    });
    return this.delivering;
  }

  /** Why a delivery should not be sent, or null (preferences, muted kind, the hourly limit, an event overtaken). */
  private async skipReason(trx: Kysely<Database>, d: { user_id: string; kind: string; channel: Channel; params_json: string }, prefs: NotificationPreferences, now: number): Promise<string | null> {
    const kind = d.kind as NotificationKind;
    if (!(d.channel === 'email' ? prefs.email : prefs.push)) return 'preference';
    if (prefs.muted.includes(kind)) return 'muted';
    if (kind === 'your_turn') {
      // The buyer was on the page and reserved (or the pass has lapsed by now): nothing to tell.
      const p = JSON.parse(d.params_json) as NotificationParams;
      if ((p.startsAt ?? 0) + (p.minutes ?? 2) * 60_000 <= now) return 'moot';
      const held = await trx.selectFrom('holds').select('id').where('launch_id', '=', p.launchId!).where('buyer_id', '=', d.user_id).limit(1).executeTakeFirst();
      if (held) return 'moot';
    }
    if (!URGENT_KINDS.has(kind)) {
      const r = await trx
        .selectFrom('notification_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', d.user_id)
        .where('channel', '=', d.channel)
        .where('status', '=', 'sent')
        .where('sent_at', '>', now - 3600_000)
        .executeTakeFirst();
      if (Number(r?.n ?? 0) >= this.opts.maxPerUserPerHour) return 'throttled';
    }
    return null;
  }

  /**
   * E-mail: decided, rendered and handed to the mail outbox in one transaction with the
   * delivery's conditional move to `sent` — queued exactly once, however processes race or die.
   */
  private async deliverEmail(d: { notification_id: string; status: string; user_id: string; kind: string; params_json: string }): Promise<boolean> {
    if (!allows(DELIVERY_TRANSITIONS, d.status as 'pending', 'hand_off', 'sender')) return false;
    this.ctx.crash('notify.before_handoff');
    const now = this.ctx.clock.now();
    const unsubscribe = await this.unsubscribeUrl(d.user_id);
    const outcome = await this.ctx.db.transaction().execute(async (trx) => {
      const prefs = await this.preferencesIn(trx, d.user_id);
      const reason = await this.skipReason(trx, { ...d, channel: 'email' }, prefs, now);
      const move = await trx
        .updateTable('notification_deliveries')
        .set(reason ? { status: 'skipped', reason } : { status: 'sent', sent_at: now })
        .where('notification_id', '=', d.notification_id)
        .where('channel', '=', 'email')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(move.numUpdatedRows) !== 1) return 'raced' as const;
      if (reason) return 'skipped' as const;
      const user = await trx.selectFrom('users').select('email').where('id', '=', d.user_id).executeTakeFirstOrThrow();
      const r = renderNotification(d.kind as NotificationKind, JSON.parse(d.params_json) as NotificationParams, prefs.locale);
      const base = this.ctx.publicUrl();
      await enqueueMail(this.ctx, trx, {
        to: user.email,
        subject: r.title,
        text: `${r.body}\n\n${base}${r.url}${mailFooter(prefs.locale, `${base}/account/notifications`, unsubscribe.page)}`,
        headers: { 'Message-ID': `<${d.notification_id}.email@flashmall>`, 'List-Unsubscribe': `<${unsubscribe.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      return 'sent' as const;
    });
    if (outcome === 'raced') return false;
    this.counts[outcome === 'sent' ? 'sent' : 'skipped'].email++;
    if (outcome === 'sent') this.ctx.mail.kick();
    return outcome === 'sent';
  }

  /**
   * Web Push: claimed with a lease (a sender that dies gives it back when the lease runs out),
   * sent to each of the user's subscriptions with the notification id as the topic (a repeat
   * replaces the earlier message on the device, never adds one), then recorded.
   */
  private async deliverPush(d: { notification_id: string; status: string; attempts: number; next_attempt_at: number; user_id: string; kind: string; params_json: string }): Promise<boolean> {
    const now = this.ctx.clock.now();
    const claim = await this.ctx.db
      .updateTable('notification_deliveries')
      .set({ status: 'sending', attempts: d.attempts + 1, next_attempt_at: now + PUSH_LEASE_MS })
      .where('notification_id', '=', d.notification_id)
      .where('channel', '=', 'push')
      .where('status', '=', d.status as 'pending' | 'sending')
      .where('next_attempt_at', '=', d.next_attempt_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return false;
    const end = async (status: 'sent' | 'skipped' | 'failed' | 'pending', extra: { reason?: string; next_attempt_at?: number } = {}) => {
      await this.ctx.db
        .updateTable('notification_deliveries')
        .set({ status, ...(status === 'sent' ? { sent_at: this.ctx.clock.now() } : {}), ...extra })
        .where('notification_id', '=', d.notification_id)
        .where('channel', '=', 'push')
        .where('status', '=', 'sending')
        .execute();
    };
    const { prefs, reason, subs } = await this.ctx.db.transaction().execute(async (trx) => {
      const prefs = await this.preferencesIn(trx, d.user_id);
      const reason = await this.skipReason(trx, { ...d, channel: 'push' }, prefs, now);
      const subs = reason ? [] : await trx.selectFrom('push_subscriptions').selectAll().where('user_id', '=', d.user_id).execute();
      return { prefs, reason, subs };
    });
    if (reason || subs.length === 0) {
      await end('skipped', { reason: reason ?? 'no_subscription' });
      this.counts.skipped.push++;
      return false;
    }
    const keys = await this.vapidKeys();
    const r = renderNotification(d.kind as NotificationKind, JSON.parse(d.params_json) as NotificationParams, prefs.locale);
    const payload = JSON.stringify({ title: r.title, body: r.body, url: r.url, id: d.notification_id });
    let delivered = 0;
    let failure: unknown = null;
    for (const s of subs) {
      try {
        await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
          TTL: 3600,
          topic: Buffer.from(d.notification_id.replace(/-/g, ''), 'hex').toString('base64url'),
          vapidDetails: { subject: this.vapidSubject(), publicKey: keys.publicKey, privateKey: keys.privateKey },
          timeout: 10_000,
          ...(this.pushAgent() ? { agent: this.pushAgent()! } : {}),
        });
        delivered++;
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        // The browser dropped the subscription: forget it.
        if (status === 404 || status === 410) await this.ctx.db.deleteFrom('push_subscriptions').where('endpoint', '=', s.endpoint).execute();
        else failure = err;
      }
    }
    if (delivered > 0) {
      await end('sent');
      this.counts.sent.push++;
      return true;
    }
    if (!failure) {
      await end('skipped', { reason: 'no_subscription' });
      this.counts.skipped.push++;
      return false;
    }
    const attempts = d.attempts + 1;
    if (attempts >= MAX_PUSH_ATTEMPTS) {
      await end('failed', { reason: String((failure as Error).message ?? failure).slice(0, 200) });
      this.counts.failed.push++;
    } else await end('pending', { reason: String((failure as Error).message ?? failure).slice(0, 200), next_attempt_at: this.ctx.clock.now() + Math.min(3_600_000, 1000 * 2 ** attempts) });
    return false;
  }

  /** Deliveries waiting, by channel (the operator's metrics: the outbox's depth). */
  async backlog(): Promise<Record<Channel, number>> {
    const rows = await this.ctx.db.selectFrom('notification_deliveries').select(['channel', (eb) => eb.fn.countAll<number>().as('n')]).where('status', 'in', ['pending', 'sending']).groupBy('channel').execute();
    const out: Record<Channel, number> = { email: 0, push: 0 };
    for (const r of rows) out[r.channel] = Number(r.n);
    return out;
  }

  // ---- the user's side ----------------------------------------------------------------

  private async preferencesIn(db: Kysely<Database>, userId: string): Promise<NotificationPreferences> {
    const r = await db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!r) return { ...DEFAULTS };
    return { email: r.email_enabled === 1, push: r.push_enabled === 1, locale: r.locale, muted: (JSON.parse(r.muted_json) as NotificationKind[]).filter((k) => (NOTIFICATION_KINDS as readonly string[]).includes(k)) };
  }

  /** A user's notification settings (defaults until changed). */
  preferences(userId: string): Promise<NotificationPreferences> {
    return this.preferencesIn(this.ctx.db, userId);
  }

  /** Changes a user's settings (only the fields given). */
  async setPreferences(userId: string, change: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const next = { ...(await this.preferencesIn(trx, userId)), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
      const row = { email_enabled: next.email ? 1 : 0, push_enabled: next.push ? 1 : 0, locale: next.locale, muted_json: JSON.stringify([...new Set(next.muted)]), updated_at: now };
      await trx.insertInto('notification_preferences').values({ user_id: userId, ...row }).onConflict((oc) => oc.column('user_id').doUpdateSet(row)).execute();
      return next;
    });
  }

  /** The user's inbox, newest first (pages by `before`, a creation time), with the unread count. */
  async inbox(userId: string, limit: number, before?: number): Promise<{ items: InboxItem[]; unread: number }> {
    const prefs = await this.preferences(userId);
    let q = this.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
    if (before !== undefined) q = q.where('created_at', '<', before);
    const [rows, unread] = await Promise.all([q.execute(), this.unread(userId)]);
    return {
      items: rows.map((r) => ({ id: r.id, kind: r.kind as NotificationKind, createdAt: r.created_at, readAt: r.read_at, ...renderNotification(r.kind as NotificationKind, JSON.parse(r.params_json) as NotificationParams, prefs.locale) })),
      unread,
    };
  }

  /** Unread inbox entries of a user. */
  async unread(userId: string): Promise<number> {
    const r = await this.ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Marks the user's own entries read (the given ones, or all); returns the unread count. */
  async markRead(userId: string, ids: string[] | 'all'): Promise<number> {
    let q = this.ctx.db.updateTable('notifications').set({ read_at: this.ctx.clock.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['']);
    await q.execute();
    return this.unread(userId);
  }

  /** Saves a browser's push subscription for the user (a subscription moves to whoever registers it last). */
  async subscribePush(userId: string, sub: { endpoint: string; p256dh: string; auth: string }): Promise<void> {
    const row = { user_id: userId, p256dh: sub.p256dh, auth: sub.auth, created_at: this.ctx.clock.now() };
    await this.ctx.db.insertInto('push_subscriptions').values({ endpoint: sub.endpoint, ...row }).onConflict((oc) => oc.column('endpoint').doUpdateSet(row)).execute();
  }

  /** Forgets one of the user's push subscriptions. */
  async unsubscribePush(userId: string, endpoint: string): Promise<void> {
    await this.ctx.db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).where('user_id', '=', userId).execute();
  }

  /** The VAPID key pair (made once and kept in the settings table, shared by every process). */
  vapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
    this.vapid ??= getOrCreateSetting(this.ctx.db, 'vapid_keys', () => JSON.stringify(webpush.generateVAPIDKeys())).then((v) => JSON.parse(v) as { publicKey: string; privateKey: string });
    return this.vapid;
  }

  private agent: https.Agent | null | undefined;
  /** The HTTPS agent for push services when extra authorities are trusted (the system's roots plus the file's). */
  private pushAgent(): https.Agent | null {
    if (this.agent === undefined) this.agent = this.opts.pushCaFile ? new https.Agent({ ca: [...tls.rootCertificates, fs.readFileSync(this.opts.pushCaFile, 'utf8')] }) : null;
    return this.agent;
  }

  private vapidSubject(): string {
    const m = /<([^>]+)>/.exec(this.ctx.config.mailFrom);
    return `mailto:${m ? m[1] : this.ctx.config.mailFrom}`;
  }

  private secret(): Promise<string> {
    this.unsubscribeSecret ??= getOrCreateSetting(this.ctx.db, 'notify_unsubscribe_secret');
    return this.unsubscribeSecret;
  }

  /** The user's unsubscribe token: their id and an HMAC of it (no state; it works until the secret changes). */
  async unsubscribeToken(userId: string): Promise<string> {
    const mac = createHmac('sha256', await this.secret()).update(`unsubscribe|${userId}`).digest('base64url');
    return `${Buffer.from(userId).toString('base64url')}.${mac}`;
  }

  private async unsubscribeUrl(userId: string): Promise<{ page: string; oneClick: string }> {
    const t = encodeURIComponent(await this.unsubscribeToken(userId));
    const base = this.ctx.publicUrl();
    return { page: `${base}/unsubscribe?token=${t}`, oneClick: `${base}/api/v1/notifications/unsubscribe?token=${t}` };
  }

  /** Turns e-mail off for the user a token names (400 BAD_TOKEN for anything else; constant-time check). */
  async unsubscribe(token: string): Promise<{ email: false }> {
    const [idPart, mac] = token.split('.');
    const userId = idPart ? Buffer.from(idPart, 'base64url').toString() : '';
    const expected = createHmac('sha256', await this.secret()).update(`unsubscribe|${userId}`).digest();
    const given = Buffer.from(mac ?? '', 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('BAD_TOKEN', 'This unsubscribe link is not valid.');
    const user = await this.ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new AppError('BAD_TOKEN', 'This unsubscribe link is not valid.');
    await this.setPreferences(userId, { email: false });
    return { email: false };
  }

  /** The operator's view of what was (or would be) sent by e-mail and push: newest deliveries with their text. */
  async outbox(limit: number): Promise<Array<{ notificationId: string; channel: Channel; status: string; reason: string | null; to: string; kind: NotificationKind; title: string; body: string; createdAt: number; sentAt: number | null }>> {
    const rows = await this.ctx.db
      .selectFrom('notification_deliveries as d')
      .innerJoin('notifications as n', 'n.id', 'd.notification_id')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['d.notification_id', 'd.channel', 'd.status', 'd.reason', 'd.sent_at', 'n.kind', 'n.params_json', 'n.created_at', 'u.email'])
      .orderBy('n.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const t = renderNotification(r.kind as NotificationKind, JSON.parse(r.params_json) as NotificationParams, 'en');
      return { notificationId: r.notification_id, channel: r.channel, status: r.status, reason: r.reason, to: r.email, kind: r.kind as NotificationKind, title: t.title, body: t.body, createdAt: r.created_at, sentAt: r.sent_at };
    });
  }
}

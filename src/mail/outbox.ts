/**
 * Mail: every mail is a row of `mail_outbox`, written in the same transaction as the change
 * that sends it (a sign-up request, an invitation), so a mail is never sent for a change that
 * rolled back nor lost for one that committed. Rows are delivered right after commit (a kick,
 * not awaited: a request's answer never waits for, or is timed by, the mail server) and again by
 * the sweeper until sent, claimed with a conditional update so several processes never send
 * the same attempt twice. Delivery is SMTP (SMTP_URL, through nodemailer); without SMTP_URL the
 * mail is written to the log, for development.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import type { CrashHook } from '../shared/crash-points.js';
import { newId } from '../shared/ids.js';

/**
 * What the mail sender needs of the app (a part of `AppContext`, named here so that the
 * context, which carries a `MailSender`, and this module do not import each other).
 */
export interface MailDeps {
  config: Config;
  db: Kysely<Database>;
  clock: Clock;
  log: FastifyBaseLogger;
  crash?: CrashHook;
}

/** Attempts before a mail is given up (logged). */
export const MAX_MAIL_ATTEMPTS = 10;

/** A mail to send. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers (a stable Message-ID, List-Unsubscribe), if any. */
  headers?: Record<string, string> | undefined;
}

/** Queues a mail inside the caller's transaction. */
export async function enqueueMail(ctx: Pick<MailDeps, 'clock'>, trx: Kysely<Database>, mail: Mail): Promise<void> {
  const now = ctx.clock.now();
  await trx.insertInto('mail_outbox').values({ id: newId(), to_address: mail.to, subject: mail.subject, body_text: mail.text, headers_json: mail.headers ? JSON.stringify(mail.headers) : null, attempts: 0, next_attempt_at: now, sent_at: null, created_at: now }).execute();
}

/** Delivers queued mail; one per app (its transport and its in-flight flag). */
export class MailSender {
  private transport: Transporter | null;
  private delivering = false;
  private again = false;

  constructor(private readonly ctx: MailDeps) {
    // A pool of SMTP connections (a burst of sign-ups must not open one connection per mail).
    this.transport = ctx.config.smtpUrl ? nodemailer.createTransport({ url: ctx.config.smtpUrl, pool: true, maxConnections: 5 } as Parameters<typeof nodemailer.createTransport>[0]) : null;
  }

  /** Starts a delivery round soon (after the caller's commit); never throws. */
  kick(): void {
    setImmediate(() => void this.deliverDue().catch((err) => this.ctx.log.warn({ err }, 'mail delivery failed')));
  }

  /** Mail waiting to be sent (the operator's metrics). */
  async backlog(): Promise<number> {
    const r = await this.ctx.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('sent_at', 'is', null).where('attempts', '<', MAX_MAIL_ATTEMPTS).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Sends every due mail once (claimed first); returns how many were sent. */
  async deliverDue(limit = 50): Promise<number> {
    if (this.delivering) {
      this.again = true;
      return 0;
    }
    this.delivering = true;
    let sent = 0;
    try {
      do {
        this.again = false;
        const now = this.ctx.clock.now();
        const due = await this.ctx.db
          .selectFrom('mail_outbox')
          .selectAll()
          .where('sent_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .where('attempts', '<', MAX_MAIL_ATTEMPTS)
          .orderBy('next_attempt_at')
          .limit(limit)
          .execute();
        // Each due mail on its own, claimed first.
        const sendOne = async (row: (typeof due)[number]) => {
          const claim = await this.ctx.db.updateTable('mail_outbox').set({ next_attempt_at: now + 60_000 }).where('id', '=', row.id).where('next_attempt_at', '=', row.next_attempt_at).where('sent_at', 'is', null).executeTakeFirst();
          if (Number(claim.numUpdatedRows) !== 1) return;
          try {
            this.ctx.crash?.('mail.before_send');
            await this.send({ to: row.to_address, subject: row.subject, text: row.body_text, headers: row.headers_json ? (JSON.parse(row.headers_json) as Record<string, string>) : undefined });
            await this.ctx.db.updateTable('mail_outbox').set({ sent_at: this.ctx.clock.now() }).where('id', '=', row.id).execute();
            sent++;
          } catch (err) {
            const attempts = row.attempts + 1;
            await this.ctx.db.updateTable('mail_outbox').set({ attempts, next_attempt_at: this.ctx.clock.now() + Math.min(3_600_000, 1000 * 2 ** attempts) }).where('id', '=', row.id).execute();
            this.ctx.log.warn({ err, mailId: row.id, attempts }, attempts >= MAX_MAIL_ATTEMPTS ? 'mail given up' : 'mail not sent; will retry');
          }
        };
        // Five at a time (the pool's connections), letting waiting requests in between: on SQLite
        // the claims and records are synchronous and would otherwise hold the event loop.
        for (let i = 0; i < due.length; i += 5) {
          await Promise.all(due.slice(i, i + 5).map(sendOne));
          await new Promise((r) => setImmediate(r));
        }
        if (due.length === limit) this.again = true;
      } while (this.again);
    } finally {
      this.delivering = false;
    }
    return sent;
  }

  private async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      this.ctx.log.info({ to: mail.to, subject: mail.subject, text: mail.text }, 'mail (no SMTP_URL: written to the log instead of sent)');
      return;
    }
    const { 'Message-ID': messageId, ...headers } = mail.headers ?? {};
    await this.transport.sendMail({ from: this.ctx.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, headers, ...(messageId ? { messageId } : {}) });
  }

  /** Closes the SMTP connection pool. */
  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}

/**
 * The built-in sandbox gateway. It behaves like a real acquirer so the whole payment path
 * is exercised for real: a hosted pay page (under /sandbox-pay/...) where the buyer
 * approves or declines, then asynchronous webhooks signed with HMAC-SHA256 over
 * `timestamp.body`, retried with exponential backoff until acknowledged, and now and then
 * delivered twice. It pays stores out too: a payout is processing for SANDBOX_PAYOUT_DELAY_MS,
 * then paid — or failed (the bank refused it; SANDBOX_PAYOUT_FAILURE_RATE of them, decided
 * when it is created) — and a signed payout.paid / payout.failed webhook says so. Refunds and
 * payouts are idempotent by the merchant's key. It keeps its own books (sandbox_* tables), as
 * a separate party would.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { PaymentEvent, PaymentProvider } from './provider.js';

export const SIGNATURE_HEADER = 'flashmall-signature';
/** Delivery attempts before the gateway gives up on an event. */
export const MAX_DELIVERY_ATTEMPTS = 15;
const MAX_BACKOFF_MS = 60_000;

export interface SandboxOptions {
  db: Kysely<Database>;
  clock: Clock;
  secret: string;
  duplicateRate: number;
  webhookToleranceMs: number;
  /** How long a payout is processing before it is paid or fails. */
  payoutDelayMs: number;
  /** Chance that a payout fails. */
  payoutFailureRate: number;
  /** Base URL of this server: pay pages when no origin is given, and the webhook (`${baseUrl()}/api/v1/payments/webhooks/sandbox`). */
  baseUrl(): string;
  log: { warn(obj: object, msg: string): void };
}

/** Signs a payload the way the gateway does; exported for tests that forge or replay deliveries. */
export function signPayload(secret: string, timestampMs: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
  return `t=${timestampMs},v1=${mac}`;
}

/** The gateway itself plus the PaymentProvider face Flashmall talks to. */
export class SandboxGateway implements PaymentProvider {
  readonly name = 'sandbox';
  private delivering = false;
  private payoutFailureRate: number;

  constructor(private readonly o: SandboxOptions) {
    this.payoutFailureRate = o.payoutFailureRate;
  }

  async createPayment(req: { reference: string; amountMinor: number; currency: string; description: string; returnUrl: string; pageOrigin?: string }) {
    const id = `sbp_${randomBytes(18).toString('base64url')}`;
    await this.o.db
      .insertInto('sandbox_payments')
      .values({
        id,
        merchant_reference: req.reference,
        amount_minor: req.amountMinor,
        refunded_minor: 0,
        currency: req.currency,
        description: req.description,
        status: 'requires_action',
        return_url: req.returnUrl,
        created_at: this.o.clock.now(),
        decided_at: null,
      })
      .execute();
    // The page is served by this server, so it lives wherever the buyer reached it.
    return { providerPaymentId: id, payUrl: `${req.pageOrigin ?? this.o.baseUrl()}/sandbox-pay/${id}` };
  }

  async refund(req: { providerPaymentId: string; amountMinor: number; idempotencyKey: string }) {
    const eventId = `evt_refund_${req.idempotencyKey}`;
    const existing = await this.o.db.selectFrom('sandbox_webhook_outbox').select('id').where('id', '=', eventId).executeTakeFirst();
    if (existing) return { providerRefundId: eventId };
    await this.o.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('sandbox_payments').selectAll().where('id', '=', req.providerPaymentId).executeTakeFirst();
      if (!p || p.status !== 'succeeded') throw new AppError('REFUND_NOT_POSSIBLE', 'The gateway has no captured payment to refund.');
      // The refund's event is its idempotency claim: a concurrent refund with the same key waits on it, then does nothing.
      if (!(await this.enqueue(trx, eventId, 'refund.succeeded', { paymentId: p.id, reference: p.merchant_reference, refundReference: req.idempotencyKey, amountMinor: req.amountMinor, currency: p.currency }))) return;
      const res = await trx
        .updateTable('sandbox_payments')
        .set((eb) => ({ refunded_minor: eb('refunded_minor', '+', req.amountMinor) }))
        .where('id', '=', p.id)
        .where((eb) => eb(eb('refunded_minor', '+', req.amountMinor), '<=', eb.ref('amount_minor')))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('REFUND_EXCEEDS_PAYMENT', 'The refund is larger than what is left of the payment.');
    });
    this.kick();
    return { providerRefundId: eventId };
  }

  async createPayout(req: { reference: string; amountMinor: number; currency: string; destination: string }) {
    if (!Number.isSafeInteger(req.amountMinor) || req.amountMinor <= 0) throw new AppError('PAYOUT_AMOUNT_INVALID', 'A payout must be a positive whole amount.');
    const now = this.o.clock.now();
    // The merchant's reference is unique: the same payout asked for again is the one already made.
    await this.o.db
      .insertInto('sandbox_payouts')
      .values({
        id: `sbo_${randomBytes(18).toString('base64url')}`,
        merchant_reference: req.reference,
        amount_minor: req.amountMinor,
        currency: req.currency,
        destination: req.destination,
        status: 'processing',
        will_fail: Math.random() < this.payoutFailureRate ? 1 : 0,
        failure_reason: null,
        settles_at: now + this.o.payoutDelayMs,
        created_at: now,
        decided_at: null,
      })
      .onConflict((oc) => oc.column('merchant_reference').doNothing())
      .execute();
    const row = await this.o.db.selectFrom('sandbox_payouts').selectAll().where('merchant_reference', '=', req.reference).executeTakeFirstOrThrow();
    if (row.amount_minor !== req.amountMinor || row.currency !== req.currency) throw new AppError('PAYOUT_REFERENCE_REUSED', 'This payout reference was used for a different payout.');
    if (this.o.payoutDelayMs === 0) {
      setImmediate(() => {
        this.settlePayouts().catch((err: unknown) => this.o.log.warn({ err }, 'sandbox payout settling failed'));
      });
    }
    return { providerPayoutId: row.id };
  }

  /** Changes how often payouts fail from now on (the sandbox's knob, for tests and demos). */
  setPayoutFailureRate(rate: number): void {
    if (!(rate >= 0 && rate <= 1)) throw new Error('a failure rate is between 0 and 1');
    this.payoutFailureRate = rate;
  }

  /**
   * Settles every payout whose processing time is over: paid, or failed as decided when it was
   * made, with its webhook queued in the same transaction. Safe to run in many processes.
   */
  async settlePayouts(limit = 100): Promise<number> {
    const now = this.o.clock.now();
    const due = await this.o.db.selectFrom('sandbox_payouts').selectAll().where('status', '=', 'processing').where('settles_at', '<=', now).orderBy('settles_at').limit(limit).execute();
    let n = 0;
    for (const p of due) {
      const failed = p.will_fail === 1;
      const done = await this.o.db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('sandbox_payouts')
          .set({ status: failed ? 'failed' : 'paid', failure_reason: failed ? 'ACCOUNT_CLOSED' : null, decided_at: now })
          .where('id', '=', p.id)
          .where('status', '=', 'processing')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return false;
        await this.enqueue(trx, `evt_payout_${p.id}`, failed ? 'payout.failed' : 'payout.paid', {
          payoutId: p.id,
          reference: p.merchant_reference,
          amountMinor: p.amount_minor,
          currency: p.currency,
          failureReason: failed ? 'ACCOUNT_CLOSED' : null,
        });
        return true;
      });
      if (done) n++;
    }
    if (n) this.kick();
    return n;
  }

  parseWebhook(headers: Record<string, string | string[] | undefined>, rawBody: string, now: number): PaymentEvent {
    const header = headers[SIGNATURE_HEADER];
    if (typeof header !== 'string') throw new AppError('SIGNATURE_MISSING', `The ${SIGNATURE_HEADER} header is missing.`);
    // Strict: the timestamp is plain digits without leading zeros, so each signed delivery has
    // exactly one spelling (a padded `t=0…` carries the same MAC and would dodge the replay check).
    const m = /^t=(0|[1-9]\d{0,15}),v1=([0-9a-f]{64})$/.exec(header);
    if (!m) throw new AppError('SIGNATURE_MALFORMED', 'The signature header is not of the form t=<ms>,v1=<hex> (the time in milliseconds, no leading zeros).');
    const t = Number(m[1]);
    if (!Number.isSafeInteger(t)) throw new AppError('SIGNATURE_MALFORMED', 'The signature timestamp is out of range.');
    const expected = Buffer.from(signPayload(this.o.secret, t, rawBody).split('v1=')[1]!, 'hex');
    const given = Buffer.from(m[2]!, 'hex');
    if (!timingSafeEqual(expected, given)) throw new AppError('SIGNATURE_INVALID', 'The webhook signature does not match.');
    if (Math.abs(now - t) > this.o.webhookToleranceMs) throw new AppError('WEBHOOK_STALE', 'The webhook timestamp is too old (or in the future).');
    const parsed = WebhookBody.safeParse(safeJson(rawBody));
    if (!parsed.success) throw new AppError('WEBHOOK_MALFORMED', 'The webhook body is not a gateway event.');
    const e = parsed.data;
    const base = { id: e.id, amountMinor: e.data.amountMinor, currency: e.data.currency, signature: header };
    if (e.type === 'payout.paid' || e.type === 'payout.failed') {
      if (!e.data.payoutId) throw new AppError('WEBHOOK_MALFORMED', 'A payout event names its payout.');
      return { ...base, type: e.type, providerPayoutId: e.data.payoutId, payoutReference: e.data.reference, failureReason: e.data.failureReason ?? null };
    }
    if (!e.data.paymentId) throw new AppError('WEBHOOK_MALFORMED', 'A payment event names its payment.');
    if (e.type === 'refund.succeeded') {
      if (!e.data.refundReference) throw new AppError('WEBHOOK_MALFORMED', 'A refund event names its refund.');
      return { ...base, type: e.type, providerPaymentId: e.data.paymentId, reference: e.data.reference, refundReference: e.data.refundReference };
    }
    return { ...base, type: e.type, providerPaymentId: e.data.paymentId, reference: e.data.reference };
  }

  /** The buyer's decision on the hosted page; queues the webhook. Deciding twice is refused. */
  async decide(id: string, approve: boolean): Promise<{ returnUrl: string; status: 'succeeded' | 'declined' }> {
    const status = approve ? ('succeeded' as const) : ('declined' as const);
    const returnUrl = await this.o.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('sandbox_payments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!p) throw notFound('Payment');
      const res = await trx
        .updateTable('sandbox_payments')
        .set({ status, decided_at: this.o.clock.now() })
        .where('id', '=', id)
        .where('status', '=', 'requires_action')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('ALREADY_DECIDED', 'This payment was already approved or declined.');
      await this.enqueue(trx, `evt_${randomBytes(12).toString('base64url')}`, approve ? 'payment.succeeded' : 'payment.failed', {
        paymentId: id,
        reference: p.merchant_reference,
        amountMinor: p.amount_minor,
        currency: p.currency,
      });
      return p.return_url;
    });
    this.kick();
    return { returnUrl, status };
  }

  /** Queues a webhook event; false when an event with this id is already queued (ids make events idempotent). */
  private async enqueue(trx: Kysely<Database>, id: string, type: string, data: Record<string, unknown>): Promise<boolean> {
    const now = this.o.clock.now();
    const payload = JSON.stringify({ id, type, createdAt: now, data });
    // ON CONFLICT rather than catching the violation: a failed statement would abort a PostgreSQL transaction.
    const res = await trx
      .insertInto('sandbox_webhook_outbox')
      .values({ id, type, payload, attempts: 0, next_attempt_at: now, delivered_at: null, duplicates_left: Math.random() < this.o.duplicateRate ? 1 : 0, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  private kick() {
    setImmediate(() => {
      this.deliverDue().catch((err: unknown) => this.o.log.warn({ err }, 'sandbox webhook delivery failed'));
    });
  }

  /**
   * Sends every due webhook once. Each row is claimed with a conditional update first, so
   * several processes running this never send the same attempt twice.
   */
  async deliverDue(limit = 50): Promise<number> {
    if (this.delivering) return 0;
    this.delivering = true;
    try {
      const now = this.o.clock.now();
      const due = await this.o.db
        .selectFrom('sandbox_webhook_outbox')
        .selectAll()
        .where('next_attempt_at', '<=', now)
        .where('attempts', '<', MAX_DELIVERY_ATTEMPTS)
        .where((eb) => eb.or([eb('delivered_at', 'is', null), eb('duplicates_left', '>', 0)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      const sendOne = async (row: (typeof due)[number]): Promise<number> => {
        const claim = await this.o.db
          .updateTable('sandbox_webhook_outbox')
          .set({ next_attempt_at: now + 30_000 })
          .where('id', '=', row.id)
          .where('next_attempt_at', '=', row.next_attempt_at)
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) return 0;
        const ok = await this.post(row.payload);
        const after = this.o.clock.now();
        if (!ok) {
          const attempts = row.attempts + 1;
          const backoff = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempts);
          await this.o.db.updateTable('sandbox_webhook_outbox').set({ attempts, next_attempt_at: after + backoff }).where('id', '=', row.id).execute();
          return 0;
        }
        const first = row.delivered_at === null;
        const left = first ? row.duplicates_left : row.duplicates_left - 1;
        await this.o.db
          .updateTable('sandbox_webhook_outbox')
          .set({ delivered_at: row.delivered_at ?? after, duplicates_left: left, next_attempt_at: after + (left > 0 ? 20 + Math.floor(Math.random() * 200) : 0) })
          .where('id', '=', row.id)
          .execute();
        if (left > 0) setTimeout(() => this.kick(), 250).unref();
        return 1;
      };
      // Deliveries go out in parallel, as a gateway's would.
      const sent = (await Promise.all(due.map(sendOne))).reduce((a, b) => a + b, 0);
      if (due.length === limit) setImmediate(() => this.kick());
      return sent;
    } finally {
      this.delivering = false;
    }
  }

  private async post(payload: string): Promise<boolean> {
    const url = `${this.o.baseUrl()}/api/v1/payments/webhooks/sandbox`;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signPayload(this.o.secret, this.o.clock.now(), payload) },
        body: payload,
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  /** The hosted pay page and its two buttons. Reached by the unguessable payment id, as on a real gateway. */
  routes(app: FastifyInstance): void {
    const Params = z.object({ id: z.string().regex(/^sbp_[A-Za-z0-9_-]{24}$/) });
    app.get('/sandbox-pay/:id', async (req, reply) => {
      const parsed = Params.safeParse(req.params);
      if (!parsed.success) throw notFound('Payment');
      const p = await this.o.db.selectFrom('sandbox_payments').selectAll().where('id', '=', parsed.data.id).executeTakeFirst();
      if (!p) throw notFound('Payment');
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return payPage(p.id, p.description, p.amount_minor, p.currency, p.status, payPageLocale(req.headers['accept-language']));
    });
    app.post('/sandbox-pay/:id/:decision', { config: { csrf: false } }, async (req, reply) => {
      const parsed = Params.extend({ decision: z.enum(['approve', 'decline']) }).safeParse(req.params);
      if (!parsed.success) throw notFound('Payment');
      const { returnUrl, status } = await this.decide(parsed.data.id, parsed.data.decision === 'approve');
      const accept = String(req.headers.accept ?? '');
      if (accept.includes('application/json')) return { status, returnUrl };
      const sep = returnUrl.includes('?') ? '&' : '?';
      return reply.redirect(`${returnUrl}${sep}payment=${status}`, 303);
    });
  }
}

const WebhookBody = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(['payment.succeeded', 'payment.failed', 'refund.succeeded', 'payout.paid', 'payout.failed']),
  createdAt: z.number(),
  data: z.object({
    paymentId: z.string().max(100).optional(),
    payoutId: z.string().max(100).optional(),
    reference: z.string().max(100),
    refundReference: z.string().max(100).optional(),
    amountMinor: z.number().int(),
    currency: z.string(),
    failureReason: z.string().max(100).nullable().optional(),
  }),
});

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The pay page's words, in the buyer's language (from Accept-Language). */
const PAGE_TEXT = {
  en: { badge: 'SANDBOX · no real money', title: 'Flashmall Sandbox Pay', approve: 'Approve payment', decline: 'Decline', status: (s: string) => `This payment is ${s}.`, keys: 'Arrow keys choose, Enter confirms.' },
  'zh-CN': { badge: '沙盒环境 · 不扣真实款项', title: 'Flashmall 沙盒支付', approve: '确认付款', decline: '拒绝付款', status: (s: string) => `此笔付款状态：${({ succeeded: '已付款', declined: '已拒绝' } as Record<string, string>)[s] ?? s}。`, keys: '方向键选择，确认键付款。' },
} as const;

/** zh-CN when the buyer's browser prefers Chinese, English otherwise. */
export function payPageLocale(acceptLanguage: string | undefined): keyof typeof PAGE_TEXT {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The hosted page: amount and two buttons. Approve has the focus from the start and the
 * arrow keys move between the buttons (Enter presses one), so a TV remote can pay; at TV
 * sizes the type grows and the focus ring is thick.
 */
function payPage(id: string, description: string, amountMinor: number, currency: string, status: string, locale: keyof typeof PAGE_TEXT): string {
  const text = PAGE_TEXT[locale];
  const amount = new Intl.NumberFormat('zh-CN', { style: 'currency', currency }).format(amountMinor / 100);
  const open = status === 'requires_action';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(text.title)} · ${escapeHtml(amount)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f}main{max-width:420px;margin:0 auto;padding:24px}
.card{background:#fff;border-radius:16px;padding:24px;box-shadow:0 2px 12px rgba(0,0,0,.06)}h1{font-size:18px;margin:0 0 4px}.amt{font-size:36px;font-weight:700;margin:16px 0}
.note{color:#555;font-size:14px}button{width:100%;font-size:18px;padding:14px;border-radius:12px;border:0;margin-top:12px;cursor:pointer}
button:focus-visible{outline:4px solid #0b57d0;outline-offset:3px}
.ok{background:#0b57d0;color:#fff}.no{background:#e8e8e8;color:#222}.badge{display:inline-block;background:#fff3cd;color:#6b4f00;border-radius:8px;padding:2px 8px;font-size:12px}
@media (min-width:1600px){body{font-size:24px}main{max-width:720px;padding:64px}h1{font-size:32px}.amt{font-size:64px}.note,.badge{font-size:20px}button{font-size:30px;padding:22px}button:focus{outline:6px solid #0b57d0;outline-offset:6px}}</style></head>
<body><main><div class="card"><span class="badge">${escapeHtml(text.badge)}</span><h1>${escapeHtml(text.title)}</h1>
<div class="note">${escapeHtml(description)}</div><div class="amt" data-testid="amount">${escapeHtml(amount)}</div>
${open ? `<form method="post" action="/sandbox-pay/${id}/approve"><button class="ok" type="submit" data-testid="approve" autofocus>${escapeHtml(text.approve)}</button></form>
<form method="post" action="/sandbox-pay/${id}/decline"><button class="no" type="submit" data-testid="decline">${escapeHtml(text.decline)}</button></form>
<p class="note">${escapeHtml(text.keys)}</p>
<script>(function(){var b=Array.prototype.slice.call(document.querySelectorAll('button'));
if(b[0]&&(!document.activeElement||document.activeElement===document.body))b[0].focus();
document.addEventListener('keydown',function(e){var i=b.indexOf(document.activeElement),n=-1;
if(e.key==='ArrowDown'||e.key==='ArrowRight')n=i<0?0:Math.min(b.length-1,i+1);
else if(e.key==='ArrowUp'||e.key==='ArrowLeft')n=i<0?0:Math.max(0,i-1);
if(n>=0){b[n].focus();e.preventDefault();}});})();</script>` : `<p data-testid="status">${escapeHtml(text.status(status))}</p>`}
</div></main></body></html>`;
}

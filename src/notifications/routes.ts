/** HTTP routes of notifications: the inbox (the web app's bell), preferences, Web Push subscriptions, unsubscribing, and the operator's outbox. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { errorsOf } from '../http/errors.js';
import { requireRole, requireUser } from '../http/auth.js';
import { Id, typed } from '../http/typed.js';
import type { Notifications } from './service.js';
import { NOTIFICATION_KINDS } from './texts.js';

const Kind = z.enum(NOTIFICATION_KINDS);
const Locale = z.enum(['en', 'zh-CN']);
const Time = z.coerce.number().int().min(0).max(8_640_000_000_000);

const InboxItemOut = z
  .object({ id: z.string(), kind: Kind, title: z.string(), body: z.string(), url: z.string(), createdAt: z.number(), readAt: z.number().nullable() })
  .meta({ id: 'InboxItem' });
const PreferencesOut = z.object({ email: z.boolean(), push: z.boolean(), locale: Locale, muted: z.array(Kind) }).meta({ id: 'NotificationPreferences' });

/** Push services a subscription may point at (a subscription names a URL the server will POST to: never an arbitrary one). */
const PUSH_HOSTS = [/\.googleapis\.com$/, /(^|\.)push\.services\.mozilla\.com$/, /^web\.push\.apple\.com$/, /\.notify\.windows\.com$/];

/**
 * A push subscription's endpoint as browsers give it (PushSubscription.endpoint): an http(s)
 * URL written out in full, so "A:" or "http:host" is refused as malformed rather than looked up.
 */
const PushEndpoint = z.url({ protocol: /^https?$/ }).regex(/^https?:\/\//, 'an http(s) URL').max(1000);

/** Whether the server may send pushes to this endpoint: HTTPS at a known push service, or an origin the settings name. */
export function pushEndpointAllowed(endpoint: string, extraOrigins: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return false;
  }
  if (extraOrigins.includes(u.origin)) return true;
  return u.protocol === 'https:' && !u.port && PUSH_HOSTS.some((h) => h.test(u.hostname));
}

export function notificationRoutes(app: FastifyInstance, ctx: AppContext, n: Notifications): void {
  const r = typed(app);

  r.get('/notifications', {
    schema: {
      tags: ['notifications'],
      summary: 'Your inbox, newest first, with the unread count',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: Time.optional() }),
      response: { 200: z.object({ items: z.array(InboxItemOut), unread: z.number() }), ...errorsOf() },
    },
  }, async (req) => n.inbox(requireUser(req).userId, req.query.limit, req.query.before));

  r.post('/notifications/read', {
    schema: {
      tags: ['notifications'],
      summary: 'Mark inbox entries read (the given ones, or all)',
      body: z.union([z.object({ ids: z.array(Id).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()]),
      response: { 200: z.object({ unread: z.number() }), ...errorsOf() },
    },
  }, async (req) => ({ unread: await n.markRead(requireUser(req).userId, 'all' in req.body ? 'all' : req.body.ids) }));

  r.get('/notifications/preferences', {
    schema: { tags: ['notifications'], summary: 'Your notification settings: channels, muted kinds, language', response: { 200: PreferencesOut, ...errorsOf() } },
  }, async (req) => n.preferences(requireUser(req).userId));

  r.put('/notifications/preferences', {
    schema: {
      tags: ['notifications'],
      summary: 'Change your notification settings (only the fields sent)',
      body: z.object({ email: z.boolean().optional(), push: z.boolean().optional(), locale: Locale.optional(), muted: z.array(Kind).max(NOTIFICATION_KINDS.length).optional() }).strict(),
      response: { 200: PreferencesOut, ...errorsOf() },
    },
  }, async (req) => n.setPreferences(requireUser(req).userId, req.body));

  r.get('/notifications/push/key', {
    schema: { tags: ['notifications'], summary: "The server's VAPID public key (for PushManager.subscribe)", response: { 200: z.object({ publicKey: z.string() }), ...errorsOf() } },
  }, async () => ({ publicKey: (await n.vapidKeys()).publicKey }));

  r.post('/notifications/push/subscriptions', {
    schema: {
      tags: ['notifications'],
      summary: "Register this browser's push subscription (from PushSubscription.toJSON())",
      body: z.object({
        endpoint: PushEndpoint,
        keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'a base64url P-256 public key'), auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, 'a base64url auth secret') }),
      }),
      response: { 201: z.object({ subscribed: z.literal(true) }), ...errorsOf('PUSH_ENDPOINT_REFUSED') },
    },
  }, async (req, reply) => {
    const p = requireUser(req);
    if (!pushEndpointAllowed(req.body.endpoint, ctx.config.notifications.pushOrigins)) throw new AppError('PUSH_ENDPOINT_REFUSED', 'That is not the endpoint of a push service this server sends to.');
    await n.subscribePush(p.userId, { endpoint: req.body.endpoint, p256dh: req.body.keys.p256dh, auth: req.body.keys.auth });
    reply.code(201);
    return { subscribed: true as const };
  });

  r.post('/notifications/push/subscriptions/remove', {
    schema: { tags: ['notifications'], summary: 'Forget one of your push subscriptions', body: z.object({ endpoint: PushEndpoint }), response: { 200: z.object({ subscribed: z.literal(false) }), ...errorsOf() } },
  }, async (req) => {
    await n.unsubscribePush(requireUser(req).userId, req.body.endpoint);
    return { subscribed: false as const };
  });

  r.post('/notifications/unsubscribe', {
    schema: {
      tags: ['notifications'],
      summary: "Turn e-mail notifications off with a mail's unsubscribe link (also the one-click List-Unsubscribe-Post)",
      querystring: z.object({ token: z.string().min(20).max(300) }),
      body: z.record(z.string(), z.string().max(100)).nullish(),
      response: { 200: z.object({ email: z.literal(false) }), ...errorsOf('BAD_TOKEN') },
    },
  }, async (req) => n.unsubscribe(req.query.token));

  r.get('/admin/notifications/outbox', {
    schema: {
      tags: ['admin'],
      summary: 'What was sent, or would be (no SMTP_URL), by e-mail and push: newest first (admin)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: {
        200: z.object({
          smtp: z.boolean().describe('whether e-mail goes to an SMTP server (SMTP_URL) or only to the log'),
          deliveries: z.array(z.object({ notificationId: z.string(), channel: z.enum(['email', 'push']), status: z.string(), reason: z.string().nullable(), to: z.string(), kind: Kind, title: z.string(), body: z.string(), createdAt: z.number(), sentAt: z.number().nullable() })),
        }),
        ...errorsOf('ROLE_REQUIRED'),
      },
    },
  }, async (req) => {
    requireRole(req, 'admin');
    return { smtp: !!ctx.config.smtpUrl, deliveries: await n.outbox(req.query.limit) };
  });
}

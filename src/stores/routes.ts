/** HTTP routes for stores, their members, and the admin's verification of flagship stores. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { errorsOf } from '../http/errors.js';
import { requireRole, requireUser } from '../http/auth.js';
import { HttpUrl, Id, PageQuery, typed } from '../http/typed.js';
import { localeOf } from '../http/locale.js';
import { LOCALES } from '../shared/locales.js';
import { textsSchema } from '../shared/texts.js';
import { acceptInvitation, getStore, inviteMember, listMembers, listStores, openStore, removeMember, setVerified, toPublicStore, updateStore } from './service.js';

export const StoreOut = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string().describe('in the language asked for (?lang= or Accept-Language), else the primary name'),
    kind: z.enum(['marketplace', 'flagship']),
    description: z.string(),
    texts: z.partialRecord(z.enum(LOCALES), z.object({ name: z.string().optional(), description: z.string().optional() })).describe('every locale\'s name and description, as stored'),
    logoUrl: z.string().nullable(),
    verified: z.boolean(),
    createdAt: z.number(),
  })
  .meta({ id: 'Store' });

/** Per-locale name and description of a store. */
const StoreTextsIn = textsSchema({ name: z.string().trim().max(80), description: z.string().trim().max(2000) }).describe('name and description per locale (zh-CN, en)');

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$/, 'lowercase letters, digits and dashes, 3-60 long');
const StoreParams = z.object({ storeId: Id });

export function storeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);

  r.post('/stores', {
    schema: {
      tags: ['stores'],
      summary: 'Open a store (marketplace shop, or flagship store awaiting verification)',
      body: z.object({
        name: z.string().trim().min(2).max(80),
        slug: Slug.optional(),
        kind: z.enum(['marketplace', 'flagship']),
        description: z.string().trim().max(2000).default(''),
        texts: StoreTextsIn.optional(),
        logoUrl: HttpUrl.optional(),
      }),
      response: { 201: StoreOut, ...errorsOf('ROLE_REQUIRED', 'SLUG_TAKEN') },
    },
  }, async (req, reply) => {
    const p = requireRole(req, 'seller');
    reply.code(201);
    return openStore(ctx, p, req.body, localeOf(req));
  });

  r.get('/stores', {
    schema: {
      tags: ['stores'],
      summary: 'Browse stores',
      querystring: z.object({
        kind: z.enum(['marketplace', 'flagship']).optional(),
        verified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        cursor: Id.optional(),
        limit: PageQuery.limit,
      }),
      response: { 200: z.object({ stores: z.array(StoreOut), nextCursor: z.string().nullable() }), ...errorsOf() },
    },
  }, async (req) => {
    const rows = await listStores(ctx, { kind: req.query.kind, verified: req.query.verified, after: req.query.cursor, limit: req.query.limit + 1 });
    const page = rows.slice(0, req.query.limit);
    return { stores: page.map((st) => toPublicStore(st, localeOf(req))), nextCursor: rows.length > req.query.limit ? page[page.length - 1]!.id : null };
  });

  r.get('/stores/:storeRef', {
    schema: {
      tags: ['stores'],
      summary: 'One store, by id or slug',
      params: z.object({ storeRef: z.string().min(1).max(80) }),
      response: { 200: StoreOut, ...errorsOf('NOT_FOUND') },
    },
  }, async (req) => toPublicStore(await getStore(ctx, req.params.storeRef), localeOf(req)));

  r.patch('/stores/:storeId', {
    schema: {
      tags: ['stores'],
      summary: 'Change store settings (owner)',
      params: StoreParams,
      body: z.object({
        name: z.string().trim().min(2).max(80).optional(),
        description: z.string().trim().max(2000).optional(),
        texts: StoreTextsIn.optional().describe('merged over the stored texts; an empty text removes it'),
        logoUrl: HttpUrl.nullable().optional(),
      }),
      response: { 200: StoreOut, ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') },
    },
  }, async (req) => updateStore(ctx, requireUser(req), req.params.storeId, req.body, localeOf(req)));

  r.get('/stores/:storeId/members', {
    schema: {
      tags: ['stores'],
      summary: 'Members of a store (members only)',
      params: StoreParams,
      response: {
        200: z.object({ members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(['owner', 'staff']), addedAt: z.number() })) }),
        ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED'),
      },
    },
  }, async (req) => ({ members: await listMembers(ctx, requireUser(req), req.params.storeId) }));

  r.post('/stores/:storeId/members', {
    schema: {
      tags: ['stores'],
      summary: 'Invite a member by e-mail (owner): a mail with an acceptance token goes to the address',
      description: 'The same 202 whether or not the address has an account; the invitee accepts with POST /invitations/accept, signed in with that address.',
      params: StoreParams,
      body: z.object({ email: z.email().max(200), role: z.enum(['owner', 'staff']).default('staff') }),
      response: { 202: z.object({ invited: z.literal(true), email: z.string(), role: z.enum(['owner', 'staff']), expiresAt: z.number() }), ...errorsOf('NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') },
    },
  }, async (req, reply) => {
    reply.code(202);
    return inviteMember(ctx, requireUser(req), req.params.storeId, req.body.email, req.body.role);
  });

  r.post('/invitations/accept', {
    schema: {
      tags: ['stores'],
      summary: "Accept a store invitation mailed to the caller's own address",
      body: z.object({ token: z.string().regex(/^inv_[A-Za-z0-9_-]{32}$/, 'the invitation token from the mail') }),
      response: { 201: z.object({ storeId: z.string(), userId: z.string(), role: z.enum(['owner', 'staff']) }), ...errorsOf('ALREADY_MEMBER', 'NOT_FOUND') },
    },
  }, async (req, reply) => {
    reply.code(201);
    return acceptInvitation(ctx, requireUser(req), req.body.token);
  });

  r.delete('/stores/:storeId/members/:userId', {
    schema: { tags: ['stores'], summary: 'Remove a member (owner)', params: z.object({ storeId: Id, userId: Id }), response: { 204: z.undefined(), ...errorsOf('CANNOT_REMOVE_OWNER', 'NOT_FOUND', 'NOT_STORE_MEMBER', 'OWNER_REQUIRED') } },
  }, async (req, reply) => {
    await removeMember(ctx, requireUser(req), req.params.storeId, req.params.userId);
    return reply.code(204).send();
  });

  r.post('/admin/stores/:storeId/verification', {
    schema: {
      tags: ['admin'],
      summary: 'Verify a flagship store, or withdraw its badge (admin)',
      params: StoreParams,
      body: z.object({ verified: z.boolean() }),
      response: { 200: StoreOut, ...errorsOf('NOT_FLAGSHIP', 'NOT_FOUND', 'ROLE_REQUIRED', 'VALIDATION_FAILED') },
    },
  }, async (req) => {
    requireRole(req, 'admin');
    if (typeof req.body.verified !== 'boolean') throw new AppError('VALIDATION_FAILED', 'verified must be true or false.');
    return setVerified(ctx, req.params.storeId, req.body.verified);
  });
}

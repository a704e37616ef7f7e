/** Platform admin routes: look through users and log-in lockouts (stores and orders have their own admin routes). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { requireRole } from '../http/auth.js';
import { Id, PageQuery, typed } from '../http/typed.js';
import { createRehearsalBuyers, MAX_REHEARSAL_BUYERS } from '../accounts/service.js';
import { recentLockouts } from '../accounts/lockouts.js';

const Lockout = z.object({
  scope: z.enum(['account', 'address']),
  account: z.string().nullable(),
  email: z.string().nullable(),
  ip: z.string(),
  failures: z.number(),
  lockMs: z.number(),
  at: z.number(),
});
const LockoutSource = z.object({ ip: z.string(), lockouts: z.number(), accounts: z.number(), addressLocked: z.boolean(), lastAt: z.number() });

const AdminUser = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['buyer', 'seller', 'admin']), createdAt: z.number() });

export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  typed(app).get('/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'All accounts, oldest first (admin)',
      querystring: z.object({ role: z.enum(['buyer', 'seller', 'admin']).optional(), q: z.string().max(100).optional(), cursor: Id.optional(), limit: PageQuery.limit }),
      response: { 200: z.object({ users: z.array(AdminUser), nextCursor: z.string().nullable() }), ...errorsOf('ROLE_REQUIRED') },
    },
  }, async (req) => {
    requireRole(req, 'admin');
    let q = ctx.db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at']).orderBy('id').limit(req.query.limit + 1);
    if (req.query.role) q = q.where('role', '=', req.query.role);
    if (req.query.q) q = q.where('email', 'like', `%${req.query.q.toLowerCase().replace(/[%_]/g, '')}%`);
    if (req.query.cursor) q = q.where('id', '>', req.query.cursor);
    const rows = await q.execute();
    const page = rows.slice(0, req.query.limit);
    return {
      users: page.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.created_at })),
      nextCursor: rows.length > req.query.limit ? page[page.length - 1]!.id : null,
    };
  });

  typed(app).get('/admin/security/lockouts', {
    schema: {
      tags: ['admin'],
      summary: 'Recent log-in lockouts and the addresses they came from, to spot credential stuffing (admin)',
      description: 'Every lock the log-in throttle set within the last `hours`: an e-mail locked after repeated failures (with its account when the e-mail has one), or an address refused after failures over many e-mails. `sources` groups them by client address, most lockouts first.',
      querystring: z.object({ hours: z.coerce.number().int().min(1).max(24 * 90).default(24), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ since: z.number(), lockouts: z.array(Lockout), sources: z.array(LockoutSource) }), ...errorsOf('ROLE_REQUIRED') },
    },
  }, async (req) => {
    requireRole(req, 'admin');
    const since = ctx.clock.now() - req.query.hours * 3_600_000;
    return { since, ...(await recentLockouts(ctx, since, req.query.limit)) };
  });

  typed(app).post('/admin/rehearsal/buyers', {
    schema: {
      tags: ['admin'],
      summary: 'Mint buyer accounts with bearer tokens for a launch rehearsal (admin; used by `npm run simulate`)',
      body: z.object({ count: z.number().int().min(1).max(MAX_REHEARSAL_BUYERS), label: z.string().regex(/^[a-z0-9-]{1,30}$/, 'lowercase letters, digits and dashes').default('rehearsal') }),
      response: { 201: z.object({ buyers: z.array(z.object({ id: z.string(), token: z.string() })) }), ...errorsOf('ROLE_REQUIRED') },
    },
  }, async (req, reply) => {
    requireRole(req, 'admin');
    reply.code(201);
    return { buyers: await createRehearsalBuyers(ctx, req.body.count, req.body.label) };
  });
}

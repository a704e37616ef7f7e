/** HTTP route for China's administrative divisions: the lists an address picker walks down. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorsOf } from '../http/errors.js';
import { notFound } from '../shared/errors.js';
import { typed } from '../http/typed.js';
import { LOCALES, requestedLocale } from '../shared/locales.js';
import { REGIONS_SOURCE, regionOf, regionsUnder } from './service.js';

const RegionOut = z
  .object({
    code: z.string().describe('GB/T 2260 division code'),
    level: z.enum(['province', 'city', 'district']),
    parent: z.string().nullable(),
    name: z.string().describe('in the language asked for (?lang= or Accept-Language), else Chinese'),
    names: z.record(z.enum(LOCALES), z.string()),
  })
  .meta({ id: 'Region' });

export function regionRoutes(app: FastifyInstance, _ctx: AppContext): void {
  typed(app).get('/regions', {
    schema: {
      tags: ['regions'],
      summary: "China's provinces, or the cities of a province, or the districts of a city (?parent=)",
      querystring: z.object({
        parent: z.string().regex(/^\d{6}$/, 'a six-digit division code').optional(),
        lang: z.enum(LOCALES).optional(),
      }),
      response: { 200: z.object({ parent: RegionOut.nullable(), regions: z.array(RegionOut), source: z.string() }), ...errorsOf('NOT_FOUND') },
    },
  }, async (req, reply) => {
    const parentCode = req.query.parent ?? null;
    const list = regionsUnder(parentCode);
    if (!list) throw notFound('Region');
    const locale = requestedLocale(req.query.lang, req.headers['accept-language']) ?? 'zh-CN';
    const view = (r: NonNullable<ReturnType<typeof regionOf>>) => ({ code: r.code, level: r.level, parent: r.parent, name: r.names[locale], names: r.names });
    // The list changes once a year at most: let browsers and proxies keep it for a day.
    reply.header('cache-control', 'public, max-age=86400').header('vary', 'accept-language');
    const parent = parentCode ? regionOf(parentCode)! : null;
    return { parent: parent ? view(parent) : null, regions: list.map(view), source: REGIONS_SOURCE };
  });
}

/**
 * Typed errors: one table of codes (src/shared/errors.ts), each with one status; every code of
 * it used in src/; the OpenAPI document's `Error` schema listing the union and each route
 * listing, per status, codes of that status only; a static scan of src/ finding no code a
 * route can reach that it does not list (tools/route-error-codes.ts). On a small app of its
 * own: the status is looked up at the edge, Fastify's own refusals answer our codes (never
 * Fastify's names), an unknown failure answers INTERNAL with a fixed message (in a response
 * and in a server-sent event), and a code the route does not list is logged — a 500 with
 * `strictErrorCodes`, which the test suites run with.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenAPI3 } from 'openapi-typescript';
import type { AppContext } from '../src/context.js';
import { edgeCodes, errorsOf, frameworkError, installErrorHandling } from '../src/http/errors.js';
import { sse } from '../src/http/sse.js';
import { AppError, ERROR_CODES, ERRORS, hasCode, statusOf, type ErrorCode } from '../src/shared/errors.js';
import { buildOpenApiDocument } from '../tools/api-types.js';
import { listedInDocument, scanRouteErrorCodes, STREAM_ONLY } from '../tools/route-error-codes.js';

const SRC = path.resolve(import.meta.dirname, '../src');

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourcesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

type ErrorSchema = { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } };
const codesOfResponse = (res: unknown) => (res as { content?: Record<string, { schema?: ErrorSchema }> }).content?.['application/json']?.schema?.properties?.error?.properties?.code?.enum;

describe('the table of error codes', () => {
  it('every code is used somewhere in src/ outside the table', () => {
    const text = sourcesUnder(SRC)
      .filter((f) => f !== path.join(SRC, 'shared/errors.ts'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const unused = ERROR_CODES.filter((c) => !text.includes(`'${c}'`));
    expect(unused).toEqual([]);
  });

  it('codes are UPPER_SNAKE and unique; each has a 4xx or 5xx status', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) {
      expect(c).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(ERRORS[c].status).toBeGreaterThanOrEqual(400);
    }
  });

  it('the domain does not import src/http for its errors', () => {
    const offenders = sourcesUnder(SRC)
      .filter((f) => !f.startsWith(path.join(SRC, 'http')) && !f.endsWith('routes.ts') && !f.endsWith('fast-routes.ts') && !f.endsWith(`${path.sep}app.ts`) && !f.endsWith(`web${path.sep}static.ts`))
      .filter((f) => /from '(\.\.\/)+http\/errors\.js'/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
    expect(fs.readFileSync(path.join(SRC, 'shared/errors.ts'), 'utf8')).not.toMatch(/from 'fastify/);
  });

  it('hasCode is typed by the union and matches AppErrors only', () => {
    expect(hasCode(new AppError('ORDER_CHANGED', 'x'), 'ORDER_CHANGED', 'HOLD_CHANGED')).toBe(true);
    expect(hasCode(new AppError('SOLD_OUT', 'x'), 'ORDER_CHANGED')).toBe(false);
    expect(hasCode({ code: 'ORDER_CHANGED' }, 'ORDER_CHANGED')).toBe(false);
    // @ts-expect-error a code that is not in the table does not compile
    expect(hasCode(new AppError('SOLD_OUT', 'x'), 'ORDER_CHANGD')).toBe(false);
  });
});

describe('the OpenAPI document lists the codes', () => {
  let doc: OpenAPI3;
  beforeAll(async () => {
    doc = await buildOpenApiDocument();
  });

  it('the Error schema\'s code is the whole union', () => {
    const error = (doc.components?.schemas?.Error ?? {}) as ErrorSchema;
    expect(error.properties?.error?.properties?.code?.enum).toEqual(ERROR_CODES);
  });

  it('every /api/v1 route lists its error codes, each under its own status and each in the table', () => {
    const ops = Object.entries(doc.paths ?? {}).filter(([p]) => p.startsWith('/api/v1/'));
    expect(ops.length).toBeGreaterThan(80);
    for (const [p, item] of ops) {
      for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, unknown> }>)) {
        const where = `${method.toUpperCase()} ${p}`;
        const errorStatuses = Object.keys(op.responses ?? {}).filter((s) => Number(s) >= 400);
        expect(errorStatuses, where).toContain('500');
        for (const s of errorStatuses) {
          const codes = codesOfResponse(op.responses![s]);
          expect(codes, `${where} ${s}`).toBeDefined();
          for (const c of codes!) {
            expect(Object.hasOwn(ERRORS, c), `${where}: ${c} is not in the table`).toBe(true);
            expect(String(statusOf(c as ErrorCode)), `${where}: ${c} listed under ${s}`).toBe(s);
          }
        }
        const all = new Set(errorStatuses.flatMap((s) => codesOfResponse(op.responses![s]) ?? []));
        for (const c of ['HOST_MISSING', 'TEXT_UNSTORABLE', 'INTERNAL']) expect(all.has(c), `${where} lists ${c}`).toBe(true);
        if (method !== 'get') expect(all.has('MALFORMED_JSON') && all.has('BODY_TOO_LARGE') && all.has('UNSUPPORTED_MEDIA_TYPE'), `${where} lists the body codes`).toBe(true);
      }
    }
  });

  it('a static scan of src/ finds no code a route can reach that it does not list', () => {
    const routes = scanRouteErrorCodes();
    expect(routes.length).toBeGreaterThan(80);
    const missing: string[] = [];
    let compared = 0;
    for (const r of routes) {
      const listed = listedInDocument(doc, r);
      if (!listed) continue;
      compared++;
      const absent = r.codes.filter((c) => !listed.has(c) && !STREAM_ONLY.includes(c));
      if (absent.length) missing.push(`${r.file}:${r.line} ${r.method} ${r.url}: ${absent.join(', ')}`);
    }
    expect(compared).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});

/** A small app with the real error handling: a few routes that throw, and Fastify's own refusals. */
async function smallApp(strictErrorCodes: boolean): Promise<{ app: FastifyInstance; logged: Array<Record<string, unknown>> }> {
  const logged: Array<Record<string, unknown>> = [];
  const stream = { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) };
  const app = Fastify({ logger: { level: 'error', stream }, bodyLimit: 1000, frameworkErrors: frameworkError, routerOptions: { maxParamLength: 50 } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, { strictErrorCodes });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/things/:id', {
    schema: { params: z.object({ id: z.string() }), body: z.object({ n: z.number() }), response: { 200: z.object({ ok: z.boolean() }), ...errorsOf('CART_EMPTY', 'RATE_LIMITED') } },
  }, (req) => {
    if (req.body.n === 1) throw new AppError('CART_EMPTY', 'Your cart is empty.');
    if (req.body.n === 2) throw new AppError('SOLD_OUT', 'Sold out.');
    if (req.body.n === 3) throw new Error('connection to db-7.internal refused: password=hunter2');
    if (req.body.n === 4) throw new AppError('RATE_LIMITED', 'Slow down.', { retryAfterMs: 2500 });
    return { ok: true };
  });
  const ctx = { broadcast: { subscribe: () => () => undefined } } as unknown as AppContext;
  app.get('/stream', (req, reply) =>
    sse(ctx, req, reply, 60_000, () => Promise.reject(new Error('SELECT * FROM secrets failed')), null, { principal: { userId: 'u', sessionId: 's', role: 'buyer' } as never }),
  );
  await app.ready();
  return { app, logged };
}

describe('answers at the edge', () => {
  let strict: Awaited<ReturnType<typeof smallApp>>;
  let lenient: Awaited<ReturnType<typeof smallApp>>;
  beforeAll(async () => {
    strict = await smallApp(true);
    lenient = await smallApp(false);
  });
  afterAll(async () => {
    await strict.app.close();
    await lenient.app.close();
  });

  const post = (app: FastifyInstance, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, url = '/things/a') => app.inject({ method: 'POST', url, payload: body, headers });

  it('a listed code answers with the table\'s status, and a 429 with Retry-After', async () => {
    const res = await post(strict.app, '{"n":1}');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'CART_EMPTY', message: 'Your cart is empty.' } });
    const limited = await post(strict.app, '{"n":4}');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3');
  });

  it('a code the route does not list is logged; strict, it answers 500 INTERNAL', async () => {
    const s = await post(strict.app, '{"n":2}');
    expect(s.statusCode).toBe(500);
    expect(s.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) as string } });
    expect(strict.logged.some((l) => l.msg === 'error code not listed for this route' && l.code === 'SOLD_OUT')).toBe(true);
    const l = await post(lenient.app, '{"n":2}');
    expect(l.statusCode).toBe(409);
    expect(l.json()).toEqual({ error: { code: 'SOLD_OUT', message: 'Sold out.' } });
    expect(lenient.logged.some((x) => x.msg === 'error code not listed for this route' && x.code === 'SOLD_OUT')).toBe(true);
  });

  it('an unknown failure answers INTERNAL with a fixed message, and is logged', async () => {
    const res = await post(lenient.app, '{"n":3}');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } });
    expect(res.body).not.toContain('hunter2');
    expect(lenient.logged.some((l) => l.msg === 'unhandled error')).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"n":', { 'content-type': 'application/json' }, 400, 'MALFORMED_JSON'],
    ['an empty JSON body', '', { 'content-type': 'application/json' }, 400, 'EMPTY_JSON_BODY'],
    ['an unsupported media type', '<n>1</n>', { 'content-type': 'application/xml' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body over the limit', JSON.stringify({ n: 1, pad: 'x'.repeat(2000) }), { 'content-type': 'application/json' }, 413, 'BODY_TOO_LARGE'],
    ['a body that does not match the schema', '{"n":"one"}', { 'content-type': 'application/json' }, 400, 'VALIDATION_FAILED'],
  ] as const)('%s: %i %s (our code, listed by the route, not Fastify\'s)', async (_, body, headers, status, code) => {
    const res = await post(strict.app, body, headers);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code, message: expect.any(String) as string } });
    expect(res.body).not.toMatch(/FST_|CTP_/);
    expect(edgeCodes({ method: 'POST', url: '/things/:id', schema: { body: {} }, config: {} })).toContain(code);
  });

  it.each([
    ['a broken percent-encoding', '/things/%E0%A4%A', 400, 'MALFORMED_URL'],
    ['a path parameter over the router\'s limit', `/things/${'x'.repeat(80)}`, 414, 'PATH_PARAM_TOO_LONG'],
  ] as const)('the router refuses %s: %i %s', async (_, url, status, code) => {
    const res = await post(strict.app, '{"n":0}', undefined, url);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
  });

  it('an unknown route: 404 ROUTE_NOT_FOUND', async () => {
    const res = await strict.app.inject({ method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('a stream whose read fails sends an error event with INTERNAL and a fixed message', async () => {
    const url = await lenient.app.listen({ port: 0, host: '127.0.0.1' });
    const ac = new AbortController();
    const res = await fetch(`${url}/stream`, { signal: ac.signal });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    ac.abort();
    const text = new TextDecoder().decode(value);
    expect(text).toMatch(/^event: error\ndata: /);
    expect(JSON.parse(text.split('data: ')[1]!.trim())).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } });
    expect(text).not.toContain('secrets');
  });
});

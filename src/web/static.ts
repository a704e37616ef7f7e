/**
 * Serves the web app (storefront, seller console, admin) built by Vite into web/dist, with
 * a fallback to index.html for client-side routes. API and gateway paths are never shadowed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../http/errors.js';
import { statusOf } from '../shared/errors.js';

/** Where the built web app lives: <repo>/web/dist, whether running from src/ (tsx) or dist/src/ (tsc). */
export function webDistDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'web', 'dist');
    if (fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve('web/dist');
}

export async function webRoutes(app: FastifyInstance): Promise<void> {
  const root = webDistDir();
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run "npm run build:web"`);
    app.get('/', async (_req, reply) => reply.type('text/plain').send('Flashmall API is running. The web app is not built: run "npm run build:web".'));
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
  const html = fs.readFileSync(index, 'utf8');
  const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.get('/', sendIndex);
  // Client-side routes: any GET that is not an API, gateway or asset path gets the app shell.
  app.get('/*', (req, reply) => {
    const url = req.url.split('?')[0]!;
    if (url.startsWith('/api/') || url.startsWith('/sandbox-pay/') || /\.[a-z0-9]{1,5}$/i.test(url)) {
      return reply.code(statusOf('ROUTE_NOT_FOUND')).send(errorBody('ROUTE_NOT_FOUND', `No route GET ${url}.`));
    }
    return sendIndex(req, reply);
  });
}

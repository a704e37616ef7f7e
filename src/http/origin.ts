/**
 * Where links the server builds for a buyer point (the sandbox pay page, the way back from
 * paying): PUBLIC_URL when it is set; otherwise the origin the buyer's own request used, so a
 * shop opened by the machine's LAN address sends the buyer back to that address (and its
 * session cookie), not to localhost. The host is Fastify's `req.host` and the scheme its
 * `req.protocol`, which honour forwarded headers only as far as the trust-proxy setting says.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';

/** A host[:port] a URL may carry: a DNS name or IPv4 address, or a bracketed IPv6 address. */
const HOST = /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The origin (scheme://host[:port], no trailing slash) to build this request's links on. */
export function linkOrigin(ctx: AppContext, req: FastifyRequest): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl.replace(/\/+$/, '');
  const host = req.host;
  const scheme = req.protocol === 'https' ? 'https' : 'http';
  // A Host header that is no host (junk, an injection attempt) gets the server's own address.
  if (typeof host !== 'string' || !HOST.test(host)) return ctx.publicUrl().replace(/\/+$/, '');
  return `${scheme}://${host}`;
}

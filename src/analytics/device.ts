/**
 * Device class and channel from a request: an explicit `x-device-class` header (apps say what
 * they are), then User-Agent client hints (`sec-ch-ua-form-factors`, `sec-ch-ua-mobile`),
 * then the User-Agent itself through ua-parser-js. Parsed User-Agents are cached (bounded),
 * because the same few strings arrive over and over in a flash sale.
 */
import type { FastifyRequest } from 'fastify';
import { UAParser } from 'ua-parser-js';
import { DEVICE_CLASSES, type DeviceClass, type RequestMeta } from './events.js';

const UA_CACHE_MAX = 5_000;
const uaCache = new Map<string, DeviceClass>();

/** Device class of a User-Agent string (phone, tablet, desktop, tv; unknown for non-browsers). */
export function deviceOfUserAgent(ua: string): DeviceClass {
  const hit = uaCache.get(ua);
  if (hit) return hit;
  const r = UAParser(ua.slice(0, 512));
  const t = r.device.type;
  let d: DeviceClass;
  if (t === 'mobile' || t === 'wearable') d = 'phone';
  else if (t === 'tablet') d = 'tablet';
  else if (t === 'smarttv' || t === 'console') d = 'tv';
  else if (r.browser.name || r.os.name) d = 'desktop';
  else d = 'unknown';
  if (uaCache.size >= UA_CACHE_MAX) uaCache.clear();
  uaCache.set(ua, d);
  return d;
}

const headerOf = (h: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Device class from request headers: the explicit header, client hints, then the User-Agent. */
export function deviceClassOf(headers: Record<string, string | string[] | undefined>): DeviceClass {
  const explicit = headerOf(headers, 'x-device-class')?.trim().toLowerCase();
  if (explicit && (DEVICE_CLASSES as readonly string[]).includes(explicit)) return explicit as DeviceClass;
  const ff = headerOf(headers, 'sec-ch-ua-form-factors')?.toLowerCase();
  if (ff) {
    if (ff.includes('tablet')) return 'tablet';
    if (ff.includes('mobile') || ff.includes('watch')) return 'phone';
    if (ff.includes('tv')) return 'tv';
    if (ff.includes('desktop')) return 'desktop';
  }
  if (headerOf(headers, 'sec-ch-ua-mobile') === '?1') return 'phone';
  const ua = headerOf(headers, 'user-agent');
  return ua ? deviceOfUserAgent(ua) : 'unknown';
}

/** The analytics facts a route passes to services: device class and channel (cookie = web, bearer = api). */
export function requestMeta(req: FastifyRequest): RequestMeta {
  return {
    deviceClass: deviceClassOf(req.headers),
    channel: req.principal ? (req.principal.via === 'cookie' ? 'web' : 'api') : req.headers.authorization ? 'api' : 'web',
  };
}

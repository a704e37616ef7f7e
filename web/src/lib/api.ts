/**
 * The one way the web app talks to the API: JSON in and out, the browser's session cookie,
 * and the CSRF token echoed as `x-csrf-token` on every write. After a reload the token is
 * gone from memory, so the first write fetches a fresh one from GET /auth/csrf; a write
 * refused for a stale token is retried once with a new one. Every request names the
 * interface's language (Accept-Language), so catalog texts come in it.
 */
import { currentLocale } from './i18n';

/** An API failure with the server's `{"error":{"code","message"}}` body (or a network one). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error body's `details` (which SKUs, which fields), when the server sent any. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the token the login or signup answer carried. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function freshCsrf(): Promise<string | null> {
  const res = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) return null;
  const body = (await res.json()) as { csrfToken: string };
  csrfToken = body.csrfToken;
  return csrfToken;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function send(method: string, path: string, body: unknown, opts: RequestOptions): Promise<Response> {
  // Catalog texts (titles, names, options, regions) come in the interface's language.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale(), ...opts.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Login and signup start the session, so they have no token to echo yet.
  if (method !== 'GET' && method !== 'HEAD' && !/^\/auth\/(login|signup|signup\/confirm)$/.test(path)) {
    const token = csrfToken ?? (await freshCsrf());
    if (token) headers['x-csrf-token'] = token;
  }
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal: opts.signal,
  });
}

/** Calls the API; resolves with the parsed body, rejects with an ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await send(method, path, body, opts);
    if (res.status === 403 && method !== 'GET') {
      const peek = (await res.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
      if (peek?.error?.code?.startsWith('CSRF')) {
        csrfToken = null;
        res = await send(method, path, body, opts);
      }
    }
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const e = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `The server answered ${res.status}.`, e?.details);
  }
  return parsed as T;
}

/** Builds a query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** A message to show for any failure. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * The one way the web app talks to the API: an openapi-fetch client typed by the server's
 * OpenAPI document (api.gen.ts), so a call's path, parameters, body and answer are checked
 * against the routes. Middleware adds what every request needs: the browser's session
 * cookie, the interface's language (Accept-Language, so catalog texts come in it) and, on
 * every write, the CSRF token echoed as `x-csrf-token`. After a reload the token is gone
 * from memory, so the first write fetches a fresh one from GET /auth/csrf; a write refused
 * for a stale token is retried once with a new one. `call` turns an answer into its body or
 * an ApiError.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api.gen.js';
import { currentLocale } from './i18n.js';

/** The API's routes as the web app names them: relative to the base URL /api/v1. */
export type ApiPaths = { [P in keyof paths as P extends `/api/v1${infer R}` ? R : never]: paths[P] };

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

/** The `error` object of an error body, if the body is one. */
function errorOf(body: unknown): { code?: unknown; message?: unknown; details?: unknown } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const e = body.error;
  return typeof e === 'object' && e !== null ? e : undefined;
}

// Login and signup start the session, so they have no token to echo yet.
const NO_TOKEN = /^\/auth\/(login|signup|signup\/confirm)$/;

export interface ApiClientOptions {
  /** Where the API is: /api/v1 on the page's own origin unless a test says otherwise. */
  baseUrl?: string;
  /** The fetch to send with (a test's fake); the browser's by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A client with its own CSRF token in memory. The app uses the one below; tests make their own. */
export function createApiClient(opts: ApiClientOptions = {}) {
  const baseUrl = opts.baseUrl ?? '/api/v1';
  // The browser's fetch, looked up at each call rather than kept from when the module loaded.
  const send = opts.fetch ?? ((r: Request) => globalThis.fetch(r));
  let csrfToken: string | null = null;
  // A copy of each write as first sent (with an unread body), for the one retry after a stale token.
  const retries = new WeakMap<Request, Request>();

  async function freshCsrf(): Promise<string | null> {
    const res = await send(new Request(`${baseUrl}/auth/csrf`, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
    if (!res.ok) return null;
    const body: unknown = await res.json();
    csrfToken = typeof body === 'object' && body !== null && 'csrfToken' in body && typeof body.csrfToken === 'string' ? body.csrfToken : null;
    return csrfToken;
  }

  const headers: Middleware = {
    async onRequest({ request, schemaPath }) {
      request.headers.set('accept', 'application/json');
      // Catalog texts (titles, names, options, regions) come in the interface's language, unless the call asks otherwise.
      if (!request.headers.has('accept-language')) request.headers.set('accept-language', currentLocale());
      if (request.method === 'GET' || request.method === 'HEAD' || NO_TOKEN.test(schemaPath)) return;
      const token = csrfToken ?? (await freshCsrf());
      if (token) request.headers.set('x-csrf-token', token);
      retries.set(request, request.clone());
    },
    async onResponse({ request, response }) {
      const again = retries.get(request);
      retries.delete(request);
      if (response.status !== 403 || !again) return;
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      const code = errorOf(body)?.code;
      if (typeof code !== 'string' || !code.startsWith('CSRF')) return;
      csrfToken = null;
      const token = await freshCsrf();
      if (token) again.headers.set('x-csrf-token', token);
      else again.headers.delete('x-csrf-token');
      return send(again);
    },
  };

  const client = createClient<ApiPaths>({ baseUrl, credentials: 'same-origin', fetch: send });
  client.use(headers);
  return {
    client,
    /** Remembers the token the login or signup answer carried. */
    setCsrfToken: (token: string | null): void => {
      csrfToken = token;
    },
  };
}

const app = createApiClient();
/** The app's API client: `call(api.GET('/products/{productId}', { params: { path: { productId } } }))`. */
export const api = app.client;
export const setCsrfToken = app.setCsrfToken;

/** What an openapi-fetch call resolves with: the body on success, the error body otherwise. */
interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}
/** The body type of a call's successful answer. */
export type DataOf<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits a call of `api`: resolves with the body of a successful answer, rejects with an
 * ApiError for a refused one (the server's code and message) or an unreachable server
 * (status 0, NETWORK); an aborted call rejects with its AbortError.
 */
export async function call<R extends Answer>(pending: Promise<R>): Promise<DataOf<R>> {
  let answer: R;
  try {
    answer = await pending;
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection and try again.');
  }
  const { response } = answer;
  if (!response.ok) {
    const e = errorOf(answer.error);
    const code = typeof e?.code === 'string' ? e.code : `HTTP_${response.status}`;
    const message = typeof e?.message === 'string' ? e.message : `The server answered ${response.status}.`;
    throw new ApiError(response.status, code, message, e?.details);
  }
  // A success always carries `data` (undefined for a 204), which is what DataOf names.
  return answer.data as DataOf<R>;
}

/** A message to show for any failure. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

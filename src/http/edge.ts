/**
 * The HTTP edge: what is refused before any route runs, in the one error shape.
 *
 * - Node's HTTP parser refuses some requests itself (headers too large, a bad Content-Length,
 *   broken chunked encoding, a request that took too long): `clientErrorHandler` answers them
 *   as `{"error":{"code","message"}}` and closes the connection.
 * - An HTTP/1.1 request without a Host header is refused by `installEdgeChecks` (Node's own
 *   check is turned off in app.ts, since it answers with an empty body).
 * - Free text that a database cannot store is refused for every route at once: a NUL
 *   character (PostgreSQL's text type cannot hold one) or a lone UTF-16 surrogate (no UTF-8
 *   encoding exists; the drivers would silently store U+FFFD instead) anywhere in the path
 *   parameters, the query string or the parsed body — values and object keys — answers 400
 *   TEXT_UNSTORABLE naming the field, before validation, so nothing is written.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError, statusOf, type ErrorCode } from '../shared/errors.js';
import { errorBody } from './errors.js';

/** The code (its status is the table's) for each refusal of Node's HTTP parser. */
function clientErrorAnswer(code: string | undefined): { code: ErrorCode; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive.' };
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { code: 'BAD_CONTENT_LENGTH', message: 'The Content-Length header is not valid.' };
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'BAD_TRANSFER_ENCODING', message: 'The chunked transfer encoding is broken.' };
    default:
      return { code: 'BAD_HTTP_REQUEST', message: 'The request is not valid HTTP.' };
  }
}

/** Fastify's `clientErrorHandler`: Node's parser refusals answered in the one error shape, then the connection closed. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A connection reset or an already closed socket has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const a = clientErrorAnswer(err.code);
  const status = statusOf(a.code);
  const body = JSON.stringify(errorBody(a.code, a.message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

// In a `u` regex paired surrogates are one code point, so \p{Cs} matches only lone ones.
const LONE_SURROGATE = /\p{Cs}/u;

/** True when a string holds a character a database cannot store as text (NUL, or a lone surrogate). */
export function isUnstorable(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

/** The path (`a.b[2]`) of the first unstorable string (value or key) in a parsed value, or null. */
export function findUnstorable(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isUnstorable(value) ? path || '(value)' : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findUnstorable(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (isUnstorable(k)) return `${path ? `${path}.` : ''}(a key)`;
    const p = findUnstorable(v, here, depth + 1);
    if (p) return p;
  }
  return null;
}

/** Registers the Host check and the unstorable-text guard on every route. */
export function installEdgeChecks(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.raw.httpVersion === '1.1' && !req.headers.host) throw new AppError('HOST_MISSING', 'An HTTP/1.1 request needs a Host header.');
    done();
  });
  app.addHook('preValidation', (req, _reply, done) => {
    for (const [where, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
      const field = findUnstorable(value);
      if (field) {
        throw new AppError('TEXT_UNSTORABLE', `${where === 'body' ? 'The request body' : where === 'params' ? 'The path' : 'The query string'} holds a character that cannot be stored (NUL or a lone surrogate) in ${field}.`, { in: where, field });
      }
    }
    done();
  });
}

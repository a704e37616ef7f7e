/**
 * Server-sent event streams that end when the access behind them ends. A stream pushes
 * `read()` every `everyMs` and at once on each change signal; it is closed — after an
 * `event: error` with code ACCESS_ENDED — the moment the caller's session is revoked (log-out,
 * a revoked token) or, for a store's stream, the caller is removed from that store, in
 * whichever process that happened (ctx.broadcast). As a backstop against a lost message,
 * `recheck()` (a fresh look at the database) runs every `recheckMs`, if given. A `read()` that
 * fails sends an `event: error` in the one error shape: an AppError's code and message, or
 * `INTERNAL` with a fixed message for anything else (logged), and the stream goes on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Principal } from '../accounts/service.js';
import { AppError } from '../shared/errors.js';
import { errorBody, internalError } from './errors.js';

/** What a stream needs to know to end with the caller's access. */
export interface StreamAccess {
  principal: Principal;
  /** A store's stream (the caller reads it as a member): ends when they are removed from it. */
  storeId?: string;
  /** Throws (or resolves false) once the access is gone; run every `recheckMs`. */
  recheck?: () => Promise<boolean>;
  recheckMs?: number;
}

/** Streams `read()` as server-sent events every `everyMs` and on each change signal, until the client leaves or the access ends. */
export async function sse(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  everyMs: number,
  read: () => Promise<unknown>,
  subscribe: ((fn: () => void) => Promise<() => void>) | null,
  access: StreamAccess,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let closed = false;
  const cleanups: Array<() => void> = [];
  const stop = () => {
    if (closed) return;
    closed = true;
    for (const c of cleanups.splice(0)) c();
  };
  const end = () => {
    if (closed) return;
    stop();
    res.write(`event: error\ndata: ${JSON.stringify(errorBody('ACCESS_ENDED', 'Your access to this stream has ended.'))}\n\n`);
    res.end();
  };
  const p = access.principal;
  cleanups.push(ctx.broadcast.subscribe('session-revoked', (sessionId) => sessionId === p.sessionId && end()));
  if (access.storeId && p.role !== 'admin') {
    const mine = `${access.storeId}|${p.userId}`;
    cleanups.push(ctx.broadcast.subscribe('member-removed', (m) => m === mine && end()));
  }
  const push = async () => {
    if (closed) return;
    try {
      const data = await read();
      if (!closed) res.write(`data: ${JSON.stringify(data)}\n\n`);
    } catch (err) {
      // An AppError's code and message are for the client; anything else is logged and sent as INTERNAL, never its own message.
      if (!(err instanceof AppError)) req.log.error({ err }, 'stream read failed');
      if (!closed) res.write(`event: error\ndata: ${JSON.stringify(err instanceof AppError ? errorBody(err.code, err.message, err.details) : internalError())}\n\n`);
    }
  };
  req.raw.on('close', stop);
  await push();
  const timer = setInterval(() => void push(), everyMs);
  cleanups.push(() => clearInterval(timer));
  if (access.recheck && access.recheckMs) {
    const check = access.recheck;
    const recheck = setInterval(() => {
      check().then((ok) => ok || end(), () => end());
    }, access.recheckMs);
    cleanups.push(() => clearInterval(recheck));
  }
  if (subscribe) {
    const unsubscribe = await subscribe(() => void push());
    if (closed) unsubscribe();
    else cleanups.push(unsubscribe);
  }
}

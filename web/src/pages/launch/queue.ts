/**
 * A buyer's place in line, live: the queue's SSE stream (same-origin EventSource, so the
 * session cookie goes with it), and polling with backoff when the stream cannot be had
 * (a proxy that buffers, a 429, no EventSource) or goes quiet; polls come as often as the
 * server's `pollAfterMs` says. The server pushes on every
 * change and at least every 2 s, so 8 s of silence means the stream is stuck.
 */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, call } from '../../lib/api';
import type { QueueStatus } from '../../lib/types';

/** Codes that mean this queue token will never work again (join anew). */
const GONE = new Set(['QUEUE_TOKEN_INVALID', 'QUEUE_TOKEN_EXPIRED', 'NOT_FOUND']);

export type Transport = 'stream' | 'polling';

export function useQueueStatus(launchId: string, token: string | null, onGone: (code: string) => void): { status: QueueStatus | null; transport: Transport | null } {
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [transport, setTransport] = useState<Transport | null>(null);
  const goneRef = useRef(onGone);
  goneRef.current = onGone;

  useEffect(() => {
    setStatus(null);
    if (!token) return;
    let stopped = false;
    let es: EventSource | null = null;
    let pollTimer = 0;
    let watchdog = 0;
    let delay = 2000;
    const params = { path: { launchId }, query: { token } };

    const gone = (code: string) => {
      stop();
      goneRef.current(code);
    };
    const stop = () => {
      stopped = true;
      es?.close();
      window.clearTimeout(pollTimer);
      window.clearTimeout(watchdog);
    };

    const poll = async () => {
      try {
        const s = await call(api.GET('/launches/{launchId}/queue', { params }));
        if (stopped) return;
        setStatus(s);
        // The server paces polling: soon near the front, calmly far back, not at all once it is over.
        if (s.pollAfterMs === null) return;
        delay = s.pollAfterMs;
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && GONE.has(err.code)) return gone(err.code);
        delay = Math.min(30_000, Math.max(delay * 2, err instanceof ApiError && err.status === 429 ? 10_000 : 2000));
      }
      if (!stopped) pollTimer = window.setTimeout(() => void poll(), delay * (0.85 + Math.random() * 0.3));
    };

    const fallBack = () => {
      es?.close();
      es = null;
      window.clearTimeout(watchdog);
      if (stopped) return;
      setTransport('polling');
      void poll();
    };

    if (typeof EventSource === 'undefined') {
      fallBack();
    } else {
      const source = new EventSource(`/api/v1/launches/${encodeURIComponent(launchId)}/queue/stream?token=${encodeURIComponent(token)}`);
      es = source;
      let failures = 0;
      const arm = () => {
        window.clearTimeout(watchdog);
        watchdog = window.setTimeout(fallBack, 8000);
      };
      arm();
      source.onopen = () => setTransport('stream');
      source.onmessage = (e: MessageEvent<string>) => {
        failures = 0;
        arm();
        try {
          setStatus(JSON.parse(e.data) as QueueStatus);
        } catch {
          /* a torn message: the next one comes within 2 s */
        }
      };
      source.addEventListener('error', (e) => {
        // The server's own "event: error" (with a body) versus the connection failing.
        if (e instanceof MessageEvent && typeof e.data === 'string') {
          try {
            const body = JSON.parse(e.data) as { error?: { code?: string } };
            if (body.error?.code && GONE.has(body.error.code)) gone(body.error.code);
          } catch {
            /* ignore */
          }
          return;
        }
        failures++;
        // CLOSED: the server refused the stream (4xx); the browser will not retry. Polling
        // will say why (and whether the token is gone).
        if (source.readyState === EventSource.CLOSED || failures >= 3) fallBack();
      });
    }
    return stop;
  }, [launchId, token]);

  return { status, transport };
}

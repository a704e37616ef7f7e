/**
 * The server's clock, as seen from this browser: launch countdowns must agree with the
 * server (which decides when a sale starts), not with a phone whose clock is minutes off.
 * The offset is measured once, from the first answer that carries `serverTime`, taking
 * the middle of the request as the moment the server read its clock. One shared ticker,
 * aligned to the server's second boundaries, drives every countdown on the page.
 */
import { useSyncExternalStore } from 'react';

let offset: number | null = null;

/** Records the offset from the first answer with the server's time (later calls are ignored). */
export function syncServerClock(serverTime: number, sentAt: number, receivedAt = Date.now()): void {
  if (offset !== null) return;
  offset = serverTime - Math.round((sentAt + receivedAt) / 2);
}

/** Now, on the server's clock (epoch ms). */
export function serverNow(): number {
  return Date.now() + (offset ?? 0);
}

let now = serverNow();
let timer = 0;
const listeners = new Set<() => void>();

function schedule(): void {
  // Wake just after the next whole server second, so every countdown turns over together.
  const wait = 1000 - (serverNow() % 1000) + 5;
  timer = window.setTimeout(() => {
    now = serverNow();
    listeners.forEach((l) => l());
    schedule();
  }, wait);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  if (listeners.size === 1) {
    now = serverNow();
    schedule();
  }
  return () => {
    listeners.delete(l);
    if (listeners.size === 0) window.clearTimeout(timer);
  };
}

/**
 * The server's "now", re-rendering the component once a second. The value is read at
 * render time (a render caused by something else must not show a clock up to a second old).
 */
export function useServerNow(): number {
  useSyncExternalStore(subscribe, () => now);
  return serverNow();
}

/** A duration as days and a clock: "2d 03:04:05", "03:04:05", "04:05" (never negative). */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const hms = h > 0 || d > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/** The parts of a duration, for a large countdown display. */
export function durationParts(ms: number): { d: number; h: number; m: number; s: number } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return { d: Math.floor(total / 86400), h: Math.floor((total % 86400) / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

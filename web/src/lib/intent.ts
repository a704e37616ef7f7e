/**
 * One Idempotency-Key per user intent ("Pay"): the same key for every send of
 * the same request — a double tap, or a retry after a lost answer — so the server makes one
 * payment of them; a new key for a different request (other orders, another hold), and for
 * the next visit of the page.
 *
 * Used for "Pay" by Checkout and Orders (POST /payments) and by the launch page's hold panel
 * (POST /holds/{holdId}/pay, keyed by the hold and the address it is paid with).
 */
import { useRef } from 'react';

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export interface IntentKey {
  /** The key for this request: kept while the same request is sent again, new for another one. */
  keyFor(request: string): string;
}

/** An intent key kept across renders of one component (see the file comment). */
export function useIntentKey(): IntentKey {
  const ref = useRef<{ request: string; key: string } | null>(null);
  const api = useRef<IntentKey | null>(null);
  api.current ??= {
    keyFor(request) {
      if (ref.current?.request !== request) ref.current = { request, key: newKey() };
      return ref.current.key;
    },
  };
  return api.current;
}

/**
 * Who is signed in, the stores they belong to, and how many items are in their cart.
 * One small external store (useSyncExternalStore), loaded once at start from
 * GET /auth/session (user null when signed out: no failed request in the console) without
 * holding up the first paint of the storefront.
 */
import { useSyncExternalStore } from 'react';
import { api, ApiError, call, setCsrfToken } from './api';
import { queryClient } from './query';
import type { Membership, User } from './types';

export interface SessionState {
  /** 'loading' until /auth/session has answered. */
  status: 'loading' | 'ready';
  user: User | null;
  stores: Membership[];
  cartCount: number;
}

let state: SessionState = { status: 'loading', user: null, stores: [], cartCount: 0 };
const listeners = new Set<() => void>();

function set(patch: Partial<SessionState>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export function getSession(): SessionState {
  return state;
}

/** Re-reads the user and their stores (after login, or after opening a store). */
export async function refreshSession(): Promise<void> {
  try {
    const me = await call(api.GET('/auth/session'));
    if (!me.user) {
      set({ status: 'ready', user: null, stores: [], cartCount: 0 });
      return;
    }
    set({ status: 'ready', user: me.user, stores: me.stores });
    void refreshCartCount();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) set({ status: 'ready', user: null, stores: [], cartCount: 0 });
    else set({ status: 'ready' });
  }
}

export async function refreshCartCount(): Promise<void> {
  if (!state.user) return;
  try {
    const cart = await call(api.GET('/cart'));
    set({ cartCount: cart.itemCount });
  } catch {
    /* the badge can wait */
  }
}

export function setCartCount(n: number): void {
  set({ cartCount: n });
}

export async function login(email: string, password: string): Promise<User> {
  const out = await call(api.POST('/auth/login', { body: { email, password, session: 'cookie' } }));
  setCsrfToken(out.csrfToken ?? null);
  // Answers loaded for whoever was signed in before are not this person's.
  queryClient.removeQueries();
  await refreshSession();
  return out.user;
}

/** Starts a sign-up: the server mails a 6-digit code to the address (the answer never says whether it has an account). */
export async function signup(input: { email: string; password: string; name: string; role: 'buyer' | 'seller' }): Promise<{ email: string; expiresAt: number }> {
  return call(api.POST('/auth/signup', { body: input }));
}

/** Finishes a sign-up with the mailed code: the account is made and the browser signed in. */
export async function confirmSignup(email: string, code: string): Promise<User> {
  const out = await call(api.POST('/auth/signup/confirm', { body: { email, code, session: 'cookie' } }));
  setCsrfToken(out.csrfToken ?? null);
  // Answers loaded for whoever was signed in before are not this person's.
  queryClient.removeQueries();
  await refreshSession();
  return out.user;
}

export async function logout(): Promise<void> {
  try {
    await call(api.POST('/auth/logout'));
  } finally {
    setCsrfToken(null);
    // Nothing of this person's (cart, orders, console data) may show to the next one.
    queryClient.removeQueries();
    set({ user: null, stores: [], cartCount: 0 });
  }
}

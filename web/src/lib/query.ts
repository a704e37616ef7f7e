/**
 * Loading and caching GET answers with TanStack Query. A query's key is its route, its
 * parameters and the language it is read in (the interface's, as answers carry texts in it),
 * so switching languages loads again while the page keeps showing the old answer until the
 * new one arrives; another route or other parameters start afresh. After a write, `invalidate`
 * marks the answers it changed as stale (the ones on screen load again, the others when next
 * shown), and `setData` puts a write's answer in place of the one shown. A key is
 * `[route, params, language]`, so `apiKey(route)` matches a route's answers for every
 * parameter and language, `apiKey(route, params)` those for some parameters.
 */
import { QueryClient, useQuery } from '@tanstack/react-query';
import type { ClientPathsWithMethod, MaybeOptionalInit, MethodResponse } from 'openapi-fetch';
import { useCallback, useRef } from 'react';
import { api, ApiError, call, errorMessage, type ApiPaths } from './api.js';
import { useLocale } from './i18n.js';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) is the answer; a server that could not be reached or failed is asked once more.
      retry: (failures, err) => failures < 1 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      // Pages that follow a sale live do so over their own event streams; a focus is no reason to reload them all.
      refetchOnWindowFocus: false,
    },
  },
});

/** A route the API answers GET on (relative to /api/v1, as in api.gen.ts). */
export type GetPath = ClientPathsWithMethod<typeof api, 'get'>;
/** A GET call's parameters and options (`{ params: { path, query } }`). */
export type GetInit<P extends GetPath> = MaybeOptionalInit<ApiPaths[P], 'get'>;
/** The body of a GET route's successful answer. */
export type GetData<P extends GetPath> = MethodResponse<typeof api, 'get', P>;

/** The key of a route's answers: all of them (`apiKey(path)`), or those for some parameters, in every language. */
export function apiKey<P extends GetPath>(path: P, params?: NonNullable<GetInit<P>>['params']): readonly unknown[] {
  return params === undefined ? [path] : [path, params];
}

/** The key an answer is cached under: its route, its parameters and the language it was read in. */
export function queryKeyOf<P extends GetPath>(path: P, params: NonNullable<GetInit<P>>['params'] | undefined, language: string): readonly unknown[] {
  return [path, params ?? {}, language];
}

/** Marks a route's answers as stale (after a write that changed them); `params` narrows it to some. */
export function invalidate<P extends GetPath>(path: P, params?: NonNullable<GetInit<P>>['params']): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: apiKey(path, params) });
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  /** An answer is on its way (the first, or a reload). */
  loading: boolean;
  reload: () => void;
  /** Replaces the answer shown (and cached) with what a write answered. */
  setData: (d: T) => void;
}

export interface GetOptions {
  /** False while the call cannot be made yet (no user signed in): nothing is loaded. */
  enabled?: boolean;
  /**
   * The Accept-Language to read in instead of the interface's: '*' names no content language,
   * so the answer has the primary texts (what the console's editors start from).
   */
  language?: string;
  /** Other parameters too keep the last answer shown until theirs arrives (a chart redrawn, not replaced by a spinner). */
  keepPrevious?: boolean;
}

/** Whether two keys name the same route and parameters (their language aside). */
function sameRequest(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify(a.slice(0, 2)) === JSON.stringify(b.slice(0, 2));
}

/** Calls a GET route for a query, with the query's abort signal and language. */
function fetchGet<P extends GetPath>(path: P, init: GetInit<P>, signal: AbortSignal, language: string): Promise<GetData<P>> {
  // TypeScript cannot evaluate openapi-fetch's conditional types of a call's options and answer
  // while the route is a type parameter; both are checked where useGet is called with a route.
  type Args = Parameters<typeof api.GET<P, GetInit<P>>>;
  const args = [path, { ...init, headers: { 'accept-language': language }, signal }] as unknown as Args;
  return call(api.GET(...args)) as Promise<GetData<P>>;
}

/** Loads one GET route for a component; the call is aborted when nothing shows its answer any more. */
export function useGet<P extends GetPath>(path: P, init: GetInit<P>, opts: GetOptions = {}): Loaded<GetData<P>> {
  const locale = useLocale();
  const language = opts.language ?? locale;
  const queryKey = queryKeyOf(path, init?.params, language);
  const q = useQuery<GetData<P>, Error, GetData<P>, readonly unknown[]>({
    queryKey,
    queryFn: ({ signal }) => fetchGet(path, init, signal, language),
    enabled: opts.enabled ?? true,
    // The same request in another language keeps the old texts shown until the new arrive.
    placeholderData: (prev, prevQuery) => (prevQuery && (opts.keepPrevious || sameRequest(prevQuery.queryKey, queryKey)) ? prev : undefined),
  });
  // The key of the answer shown now, for a setData called later (after a write).
  const keyRef = useRef<readonly unknown[]>(queryKey);
  keyRef.current = queryKey;
  const setData = useCallback((d: GetData<P>) => void queryClient.setQueryData(keyRef.current, d), []);
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { data: q.data, error: q.error ? errorMessage(q.error) : null, loading: q.isFetching, reload, setData };
}

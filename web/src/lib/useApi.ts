/**
 * Loads one GET endpoint for a component: data, error and a reload function. Requests
 * are aborted when the component goes away or the path changes; a small in-memory cache
 * shows the last answer at once when coming back to a page (then refreshes it). Answers are
 * kept per interface language, and a page loads again when the language changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from './api';
import { useLocale } from './i18n';

const cache = new Map<string, unknown>();
const CACHE_LIMIT = 50;

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  // Answers carry texts in the interface's language: one cache entry per language, and a new load when it changes.
  const locale = useLocale();
  const key = path ? `${locale} ${path}` : null;
  const [data, setDataState] = useState<T | undefined>(() => (key ? (cache.get(key) as T | undefined) : undefined));
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const keyRef = useRef(key);
  keyRef.current = key;
  const shownPath = useRef(path);

  useEffect(() => {
    if (!path || !key) {
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    const cached = cache.get(key) as T | undefined;
    // Switching languages keeps the page as it was until the new texts arrive; another path starts afresh.
    if (cached !== undefined || shownPath.current !== path) setDataState(cached);
    shownPath.current = path;
    setLoading(true);
    setError(null);
    api<T>('GET', path, undefined, { signal: ctl.signal })
      .then((d) => {
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
        cache.set(key, d);
        setDataState(d);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => ctl.abort();
  }, [path, key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((d: T) => {
    if (keyRef.current) cache.set(keyRef.current, d);
    setDataState(d);
  }, []);
  return { data, error, loading, reload, setData };
}

/** Forgets cached answers whose path starts with `prefix` (after a write that changes them), in every language. */
export function invalidate(prefix: string): void {
  for (const k of [...cache.keys()]) if (k.slice(k.indexOf(' ') + 1).startsWith(prefix)) cache.delete(k);
}

/**
 * Loads one GET endpoint for a component: data, error and a reload function. Requests
 * are aborted when the component goes away or the path changes; a small in-memory cache
 * shows the last answer at once when coming back to a page (then refreshes it).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from './api';

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
  const [data, setDataState] = useState<T | undefined>(() => (path ? (cache.get(path) as T | undefined) : undefined));
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const pathRef = useRef(path);
  pathRef.current = path;

  useEffect(() => {
    if (!path) {
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    const cached = cache.get(path) as T | undefined;
    setDataState(cached);
    setLoading(true);
    setError(null);
    api<T>('GET', path, undefined, { signal: ctl.signal })
      .then((d) => {
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
        cache.set(path, d);
        setDataState(d);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => ctl.abort();
  }, [path, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setData = useCallback((d: T) => {
    if (pathRef.current) cache.set(pathRef.current, d);
    setDataState(d);
  }, []);
  return { data, error, loading, reload, setData };
}

/** Forgets cached answers whose path starts with `prefix` (after a write that changes them). */
export function invalidate(prefix: string): void {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

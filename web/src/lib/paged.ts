/**
 * A cursor-paged list for a component: the first page whenever what it lists changes (its
 * `key`: the route and filters), more pages on demand, and the rows in local state so a write
 * can change one in place. A page that arrives after the list changed again is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from './api';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Paged<T> {
  /** Null until the first page has arrived; empty (with `error`) when it could not be loaded. */
  items: T[] | null;
  setItems: (update: (prev: T[] | null) => T[] | null) => void;
  /** Where the next page starts; null when there is none. */
  cursor: string | null;
  error: string | null;
  /** A page is on its way. */
  busy: boolean;
  more: () => void;
  /** Loads the first page again, keeping the rows shown until it arrives. */
  reload: () => void;
}

/**
 * `load(cursor)` fetches one page (the first for a null cursor); `key` names what is listed.
 * While `enabled` is false (no one signed in yet) nothing is loaded and `items` stays null.
 */
export function usePaged<T>(key: string, load: (cursor: string | null) => Promise<Page<T>>, enabled = true): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The loader of the latest render (it closes over the filters), read when a page is asked for.
  const loadRef = useRef(load);
  loadRef.current = load;
  // Which list the answers are for: a page of an earlier one is not added to this one.
  const shown = useRef(key);

  const fetchPage = async (forKey: string, after: string | null) => {
    setError(null);
    setBusy(true);
    try {
      const page = await loadRef.current(after);
      if (shown.current !== forKey) return;
      setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (shown.current !== forKey) return;
      setError(errorMessage(e));
      setItems((prev) => prev ?? []);
    } finally {
      if (shown.current === forKey) setBusy(false);
    }
  };
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    shown.current = key;
    setItems(null);
    setCursor(null);
    if (enabled) void fetchRef.current(key, null);
  }, [key, enabled]);

  return { items, setItems, cursor, error, busy, more: () => void fetchPage(key, cursor), reload: () => void fetchPage(key, null) };
}

/** What this buyer has done for a launch, kept in localStorage (per account and launch) so that a reload keeps it. */
import { useCallback, useEffect, useState } from 'react';
import type { Kept } from './view';

export function useKept(key: string | null): [Kept, (patch: Partial<Kept> | null) => void] {
  const read = (k: string | null): Kept => {
    if (!k) return {};
    try {
      return JSON.parse(localStorage.getItem(k) ?? '{}') as Kept;
    } catch {
      return {};
    }
  };
  const [kept, setKept] = useState<Kept>(() => read(key));
  useEffect(() => setKept(read(key)), [key]);
  const update = useCallback(
    (patch: Partial<Kept> | null) => {
      setKept((prev) => {
        const next = patch === null ? {} : { ...prev, ...patch };
        if (key) {
          try {
            localStorage.setItem(key, JSON.stringify(next));
          } catch {
            /* private mode: kept in memory only */
          }
        }
        return next;
      });
    },
    [key],
  );
  return [kept, update];
}

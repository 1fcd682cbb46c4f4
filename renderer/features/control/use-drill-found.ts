import { useEffect, useState } from 'react';

/**
 * What a drill-down dialog shows: null while its appeals load, 'failed' when the server refused,
 * else what `read` found. A new drill starts over; an answer for a drill no longer shown is dropped.
 * `read` must keep its identity between renders (a prop or a useCallback).
 */
export function useDrillFound<D, V>(
  drill: D | null,
  read: (drill: D) => Promise<{ ok: true; value: V } | { ok: false } | null>,
): V | null | 'failed' {
  const [found, setFound] = useState<V | null | 'failed'>(null);
  useEffect(() => {
    setFound(null);
    if (!drill) return;
    let live = true;
    void read(drill).then((result) => {
      if (live) setFound(result?.ok ? result.value : 'failed');
    });
    return () => {
      live = false;
    };
  }, [drill, read]);
  return found;
}

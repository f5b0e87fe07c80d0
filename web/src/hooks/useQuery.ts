import { useCallback, useEffect, useRef, useState } from 'react';
import { takePrefetched } from '../prefetch';

/** What openapi-fetch answers: data on success, the problem otherwise. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
}

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Reads once when `key` changes and, with `pollMs`, again on that interval while the tab is
 * visible. A failed poll keeps the last data and shows the error beside it. The first read takes
 * the answer prefetch.ts started for the same key, if there is one.
 */
export function useQuery<T>(key: string, load: () => Promise<Answer<T>>, options: { pollMs?: number; enabled?: boolean } = {}): Query<T> {
  const { pollMs, enabled = true } = options;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(enabled);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;
  const generation = useRef(0);

  const read = useCallback(async (first: boolean) => {
    const mine = ++generation.current;
    try {
      const answer = await ((first ? takePrefetched<Answer<T>>(keyRef.current) : undefined) ?? loadRef.current());
      if (mine !== generation.current) return;
      if (answer.error !== undefined) setError(answer.error);
      else {
        setData(answer.data);
        setError(undefined);
      }
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  const reload = useCallback(() => read(false), [read]);

  useEffect(() => {
    if (!enabled) return;
    setLoading(true);
    setData(undefined);
    void read(true);
    if (!pollMs) return () => void ++generation.current;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, pollMs);
    return () => {
      window.clearInterval(timer);
      ++generation.current;
    };
  }, [key, pollMs, enabled, read, reload]);

  return { data, error, loading, reload };
}

export const POLL_MS = 30_000;

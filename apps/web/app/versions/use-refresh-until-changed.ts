import { useEffect, useRef } from 'react';
import { useRevalidator } from 'react-router';

/**
 * After `trigger` (a fetcher's answer that queued work), reloads the route's data every
 * `everyMs` until `state` (what the work will change, as a string) differs from what it was
 * then, or `forMs` passed. A later `trigger` starts over.
 */
export function useRefreshUntilChanged(
  trigger: object | undefined,
  state: string,
  everyMs = 1_500,
  forMs = 60_000,
): void {
  const { revalidate, state: loading } = useRevalidator();
  const started = useRef<{ trigger: object; state: string; at: number } | null>(null);
  useEffect(() => {
    if (!trigger) return;
    if (started.current?.trigger !== trigger) started.current = { trigger, state, at: Date.now() };
    const since = started.current;
    if (loading !== 'idle' || state !== since.state || Date.now() - since.at > forMs) return;
    const timer = setTimeout(() => void revalidate(), everyMs);
    return () => clearTimeout(timer);
  }, [trigger, state, loading, revalidate, everyMs, forMs]);
}

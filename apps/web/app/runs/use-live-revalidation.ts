import { useEffect } from 'react';
import { useRevalidator } from 'react-router';

/**
 * Reloads the route's data every `intervalMs` while `active`, so a run's progress appears
 * without a page reload; stops once the run has finished.
 */
export function useLiveRevalidation(active: boolean, intervalMs = 1_000): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle' && document.visibilityState === 'visible') {
        void revalidator.revalidate();
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, revalidator]);
}

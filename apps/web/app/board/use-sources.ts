import type { BoardCard } from '@specboard/doc/board';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import type { CardSource } from './card-links.ts';

const sourcesSchema = z.object({
  sources: z.record(
    z.string(),
    z.object({
      documentId: z.string(),
      documentTitle: z.string(),
      number: z.number(),
      latestVersionId: z.string(),
      latestNumber: z.number(),
      driftedSections: z.array(z.string()),
    }),
  ),
});

/**
 * Card sources, starting from the loader's and fetched for versions that cards reference once
 * they arrive live (new cards from "Create tasks from this version", or accepted proposals).
 */
export function useSources(
  base: string,
  initial: Record<string, CardSource>,
  cards: readonly BoardCard[],
): Record<string, CardSource> {
  const [sources, setSources] = useState(initial);
  const missing = useMemo(
    () =>
      [...new Set(cards.flatMap((c) => (c.sourceVersionId ? [c.sourceVersionId] : [])))]
        .filter((id) => !(id in sources))
        .sort()
        .join(','),
    [cards, sources],
  );
  useEffect(() => {
    if (missing === '') return;
    const controller = new AbortController();
    fetch(`${base}/sources?versions=${missing}`, { signal: controller.signal })
      .then((response) => response.json())
      .then((body) => {
        const parsed = sourcesSchema.safeParse(body);
        if (parsed.success) setSources((current) => ({ ...current, ...parsed.data.sources }));
      })
      .catch(() => {
        // Aborted or offline: cards simply show no source link until the next change.
      });
    return () => controller.abort();
  }, [base, missing]);
  return sources;
}

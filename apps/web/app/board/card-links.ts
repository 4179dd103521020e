import type { BoardCard } from '@specboard/doc/board';

/** Where a card's source version lives, and which of its sections changed since (spec drift). */
export interface CardSource {
  documentId: string;
  documentTitle: string;
  number: number;
  latestVersionId: string;
  latestNumber: number;
  /** Section headings (as cards cite them) whose text differs in the latest version or is gone. */
  driftedSections: string[];
}

export interface CardSourceLinks {
  /** The PRD at the section the card came from. */
  source: string | null;
  /** The diff from the card's version to the latest, when its section changed since. */
  drift: string | null;
}

export function cardLinks(
  orgId: string,
  card: BoardCard,
  sources: Record<string, CardSource>,
): CardSourceLinks {
  const source = card.sourceVersionId ? sources[card.sourceVersionId] : undefined;
  if (!source) return { source: null, drift: null };
  const documentUrl = `/orgs/${orgId}/documents/${source.documentId}`;
  const anchor = card.sourceAnchor;
  const drifted = anchor !== null && source.driftedSections.includes(anchor);
  return {
    source: anchor ? `${documentUrl}#${encodeURIComponent(anchor)}` : documentUrl,
    drift: drifted
      ? `${documentUrl}/history/diff?from=${card.sourceVersionId}&to=${source.latestVersionId}`
      : null,
  };
}

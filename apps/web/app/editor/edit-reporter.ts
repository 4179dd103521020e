import type * as Y from 'yjs';

/** At most one report per this span while someone keeps typing (the server coalesces further). */
const REPORT_EVERY_MS = 60_000;

/**
 * Tells the web app, at most once a minute, that this person changed the document, so lists can
 * show who edited last. Updates from the sync server or from the IndexedDB copy (their origins)
 * are other people's or earlier edits and are not reported. Returns a function that stops it.
 */
export function reportLocalEdits(
  doc: Y.Doc,
  options: { foreignOrigins: readonly unknown[]; report: () => Promise<void> },
): () => void {
  let lastReport = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    lastReport = Date.now();
    trailing = undefined;
    // Best effort: an edit that cannot be reported (offline) is still saved and synced.
    options.report().catch(() => undefined);
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (options.foreignOrigins.includes(origin) || trailing) return;
    const wait = lastReport + REPORT_EVERY_MS - Date.now();
    if (wait <= 0) send();
    else trailing = setTimeout(send, wait);
  };
  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    clearTimeout(trailing);
  };
}

/** The report itself: a same-origin POST the server authorises like any other write. */
export async function postDocumentEdit(orgId: string, documentId: string): Promise<void> {
  const response = await fetch(`/orgs/${orgId}/documents/${documentId}/edits`, {
    method: 'POST',
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`edit report refused with HTTP ${response.status}`);
}

import { useState } from 'react';
import { useFetcher } from 'react-router';
import * as Y from 'yjs';
import { CollabSession, type CollabUser } from '../editor/collab-session.ts';
import type { SyncTokenResponse } from '../editor/sync-token-client.ts';
import { restoreInto, toBase64 } from './restore.ts';

export interface LiveDocument {
  syncUrl: string;
  docName: string;
  token: SyncTokenResponse;
  user: CollabUser;
}

const waitUntil = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('The sync server did not answer in time.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Restore = write the old content into the live document as a new change, through the same
 * y-websocket connection an editor uses (everyone sees it), then record a `restore` version.
 */
export function RestoreButton(props: {
  orgId: string;
  documentId: string;
  versionId: string;
  number: number;
  live: LiveDocument;
}) {
  const fetcher = useFetcher();
  const [state, setState] = useState<'idle' | 'working' | 'failed'>('idle');
  const restore = async () => {
    if (!window.confirm(`Restore version ${props.number}? The current text stays in the history.`))
      return;
    setState('working');
    const base = `/orgs/${props.orgId}/documents/${props.documentId}/history`;
    const session = new CollabSession({
      ...props.live,
      orgId: props.orgId,
      documentId: props.documentId,
    });
    try {
      const response = await fetch(`${base}/${props.versionId}/state`, {
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const state = new Uint8Array(await response.arrayBuffer());
      await waitUntil(() => session.provider.synced, 10_000);
      restoreInto(session.doc, state);
      await waitUntil(() => (session.provider.ws?.bufferedAmount ?? 0) === 0, 10_000);
      fetcher.submit(
        {
          intent: 'record-restore',
          versionId: props.versionId,
          yState: toBase64(Y.encodeStateAsUpdateV2(session.doc)),
        },
        { method: 'post', action: base },
      );
      setState('idle');
    } catch {
      setState('failed');
    } finally {
      session.destroy();
    }
  };
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={state === 'working'}
        onClick={() => void restore()}
      >
        {state === 'working' ? 'Restoring…' : 'Restore'}
      </button>
      {state === 'failed' ? (
        <span className="field-error" role="alert">
          Restore failed (the sync server could not be reached). Try again.
        </span>
      ) : null}
    </>
  );
}

import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { requestSyncToken, TokenKeeper } from '../editor/sync-token-client.ts';

/**
 * Connects `doc` to `comments:<documentId>`, read-only: the browser only reads it (the web app's
 * actions write it), so there is no local copy and no edit reporting. Returns the disconnect.
 */
export function connectComments(
  doc: Y.Doc,
  options: { syncUrl: string; orgId: string; documentId: string },
  onProblem: (message: string) => void,
): () => void {
  const tokenPath = `/orgs/${options.orgId}/documents/${options.documentId}/comments/sync-token`;
  let stopped = false;
  let stop = () => {
    stopped = true;
  };
  requestSyncToken(tokenPath).then(
    (token) => {
      if (stopped) return;
      const provider = new WebsocketProvider(
        `${options.syncUrl}/collab`,
        `comments:${options.documentId}`,
        doc,
        { params: { token: token.token } },
      );
      const tokens = new TokenKeeper({
        provider,
        token,
        fetchToken: () => requestSyncToken(tokenPath),
        onRefused: (_code, reason) => onProblem(`Comments are not available: ${reason}`),
      });
      stop = () => {
        tokens.stop();
        provider.destroy();
      };
    },
    (error: unknown) => onProblem(`Comments could not be loaded: ${String(error)}`),
  );
  return () => stop();
}

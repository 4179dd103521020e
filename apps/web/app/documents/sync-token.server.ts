import { findDocument, isInTrash } from '@specboard/db/documents';
import { type DocName, formatDocName } from '@specboard/doc/doc-names';
import { signMemberSyncToken } from '../auth/member-sync-token.server.ts';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import type { SyncTokenResponse } from '../editor/sync-token-client.ts';
import { notFound } from '../lib/http.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

export function docNameFor(documentId: string): DocName {
  return formatDocName('doc', documentId);
}

/**
 * A short-lived token for one document, carrying the member's role for the sync server to
 * enforce; `readOnly` (a document in the trash) caps that role at viewer.
 */
export function mintSyncToken(
  access: OrgAccess,
  documentId: string,
  options: { readOnly?: boolean } = {},
): Promise<SyncTokenResponse> {
  return signMemberSyncToken(access, docNameFor(documentId), options);
}

/**
 * The token endpoint: the same membership check as the page, a fresh token every time; a
 * document in the trash gets a viewer token whoever asks (read-only until restored).
 */
export async function issueSyncToken(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
): Promise<Response> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = documentId ? await findDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw notFound();
  return Response.json(
    await mintSyncToken(access, document.id, { readOnly: isInTrash(document) }),
    {
      headers: { 'Cache-Control': 'no-store' },
    },
  );
}

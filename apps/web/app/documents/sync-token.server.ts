import { getDocument } from '@specboard/db/documents';
import { formatDocName } from '@specboard/doc/doc-names';
import { signSyncToken } from '@specboard/doc/sync-token';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { syncRoleFor } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import type { SyncTokenResponse } from '../editor/sync-token-client.ts';
import { env } from '../env.server.ts';
import { notFound } from '../lib/http.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

export function docNameFor(documentId: string): string {
  return formatDocName('doc', documentId);
}

/** A short-lived token for one document, carrying the member's role for the sync server to enforce. */
export async function mintSyncToken(
  access: OrgAccess,
  documentId: string,
): Promise<SyncTokenResponse> {
  const ttl = env().SYNC_TOKEN_TTL_SECONDS;
  // Computed before signing, so the browser refreshes no later than the real expiry.
  const expiresAt = Math.floor(Date.now() / 1000) + ttl;
  const token = await signSyncToken(
    {
      sub: access.user.id,
      doc: docNameFor(documentId),
      role: syncRoleFor(access.role),
      org: access.orgId,
      name: access.user.name,
    },
    env().SYNC_TOKEN_SECRET,
    ttl,
  );
  return { token, expiresAt };
}

/** The token endpoint: the same membership check as the page, a fresh token every time. */
export async function issueSyncToken(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
): Promise<Response> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  if (!document) throw notFound();
  return Response.json(await mintSyncToken(access, document.id), {
    headers: { 'Cache-Control': 'no-store' },
  });
}

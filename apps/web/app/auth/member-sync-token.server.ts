import type { DocName } from '@specboard/doc/doc-names';
import { signSyncToken } from '@specboard/doc/sync-token';
import type { SyncTokenResponse } from '../editor/sync-token-client.ts';
import { env } from '../env.server.ts';
import type { OrgAccess } from './org-access.server.ts';
import { syncRoleFor } from './permissions.ts';

/**
 * A short-lived token for one shared document (a document or a board), carrying the member's
 * role for the sync server to enforce. `readOnly` (a document in the trash) caps the role at
 * viewer, whatever the member's role.
 */
export async function signMemberSyncToken(
  access: OrgAccess,
  docName: DocName,
  { readOnly = false }: { readOnly?: boolean } = {},
): Promise<SyncTokenResponse> {
  const ttl = env().SYNC_TOKEN_TTL_SECONDS;
  // Computed before signing, so the browser refreshes no later than the real expiry.
  const expiresAt = Math.floor(Date.now() / 1000) + ttl;
  const token = await signSyncToken(
    {
      sub: access.user.id,
      doc: docName,
      role: readOnly ? 'viewer' : syncRoleFor(access.role),
      org: access.orgId,
      name: access.user.name,
    },
    env().SYNC_TOKEN_SECRET,
    ttl,
  );
  return { token, expiresAt };
}

import type { Project } from '@specboard/db';
import { getProject } from '@specboard/db/projects';
import { formatDocName } from '@specboard/doc/doc-names';
import { signSyncToken } from '@specboard/doc/sync-token';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import { type OrgAction, syncRoleFor } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import type { SyncTokenResponse } from '../editor/sync-token-client.ts';
import { env } from '../env.server.ts';
import { notFound } from '../lib/http.server.ts';

export const boardDocNameFor = (projectId: string): string => formatDocName('board', projectId);

/** The member's access to a live project's board, or a 404 for anything else. */
export async function requireBoardAccess(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
  action: OrgAction,
): Promise<{ access: OrgAccess; project: Project }> {
  const access = await requireOrgAccess(request, orgId, action);
  const project = projectId ? await getProject(db(), access.orgId, projectId) : undefined;
  if (!project || project.deleted_at) throw notFound('This project does not exist.');
  return { access, project };
}

/** A short-lived token for `board:<projectId>`; viewers get a read-only role. */
export async function mintBoardToken(
  access: OrgAccess,
  projectId: string,
): Promise<SyncTokenResponse> {
  const ttl = env().SYNC_TOKEN_TTL_SECONDS;
  const expiresAt = Math.floor(Date.now() / 1000) + ttl;
  const token = await signSyncToken(
    {
      sub: access.user.id,
      doc: boardDocNameFor(projectId),
      role: syncRoleFor(access.role),
      org: access.orgId,
      name: access.user.name,
    },
    env().SYNC_TOKEN_SECRET,
    ttl,
  );
  return { token, expiresAt };
}

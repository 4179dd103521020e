import type { Project } from '@specboard/db';
import { getProject } from '@specboard/db/projects';
import { type DocName, formatDocName } from '@specboard/doc/doc-names';
import { signMemberSyncToken } from '../auth/member-sync-token.server.ts';
import { type OrgAccess, requireOrgAccess } from '../auth/org-access.server.ts';
import type { OrgAction } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import type { SyncTokenResponse } from '../editor/sync-token-client.ts';
import { notFound } from '../lib/http.server.ts';
import { inTrash } from '../projects/in-trash.server.ts';

export const boardDocNameFor = (projectId: string): DocName => formatDocName('board', projectId);

/**
 * The member's access to a live project's board: 404 for a project that is not the
 * organisation's, 409 for an archived one (no board, no token, until it is restored).
 */
export async function requireBoardAccess(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
  action: OrgAction,
): Promise<{ access: OrgAccess; project: Project }> {
  const access = await requireOrgAccess(request, orgId, action);
  const project = projectId ? await getProject(db(), access.orgId, projectId) : undefined;
  if (!project) throw notFound('This project does not exist.');
  if (project.deleted_at) throw inTrash('This project');
  return { access, project };
}

/** A short-lived token for `board:<projectId>`; viewers get a read-only role. */
export function mintBoardToken(access: OrgAccess, projectId: string): Promise<SyncTokenResponse> {
  return signMemberSyncToken(access, boardDocNameFor(projectId));
}

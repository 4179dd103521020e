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
  return { access, project: liveProject(await findProject(access, projectId)) };
}

/** The project in the member's organisation, or undefined (no id, or not the organisation's). */
export function findProject(
  access: OrgAccess,
  projectId: string | undefined,
): Promise<Project | undefined> {
  return projectId ? getProject(db(), access.orgId, projectId) : Promise.resolve(undefined);
}

/** 404 for a project that is not the organisation's, 409 for an archived one. */
export function liveProject(project: Project | undefined): Project {
  if (!project) throw notFound('This project does not exist.');
  if (project.deleted_at) throw inTrash('This project');
  return project;
}

/** A short-lived token for `board:<projectId>`; viewers get a read-only role. */
export function mintBoardToken(access: OrgAccess, projectId: string): Promise<SyncTokenResponse> {
  return signMemberSyncToken(access, boardDocNameFor(projectId));
}

import { listCardSyncIssues } from '@specboard/db/integrations';
import { listAssignees } from '@specboard/db/tasks';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { colorFor } from '../editor/user-color.ts';
import { publicEnv } from '../env.server.ts';
import { boardDocNameFor, mintBoardToken, requireBoardAccess } from './board-access.server.ts';
import { loadCardSources } from './sources.server.ts';

/** The board page: who you are, a token for `board:<projectId>`, members and card sources. */
export async function boardLoader(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
) {
  const { access, project } = await requireBoardAccess(request, orgId, projectId, 'org:read');
  return {
    project: { id: project.id, name: project.name },
    docName: boardDocNameFor(project.id),
    user: { id: access.user.id, name: access.user.name, color: colorFor(access.user.id) },
    syncUrl: publicEnv().syncUrl,
    token: await mintBoardToken(access, project.id),
    canEdit: can(access.role, 'document:edit'),
    assignees: await listAssignees(db(), access.orgId),
    sources: await loadCardSources(db(), access.orgId, project.id),
    syncIssues: await listCardSyncIssues(db(), access.orgId, project.id),
  };
}

export type BoardLoaderData = Awaited<ReturnType<typeof boardLoader>>;

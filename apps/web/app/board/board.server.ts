import { listCardSyncIssues } from '@specboard/db/integrations';
import { listAssignees } from '@specboard/db/tasks';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { colorFor } from '../editor/user-color.ts';
import { publicEnv } from '../env.server.ts';
import { boardDocNameFor, mintBoardToken, requireBoardAccess } from './board-access.server.ts';
import { loadBoardRows } from './board-rows.server.ts';
import { loadCardSources } from './sources.server.ts';

/**
 * The board page: who you are, a token for `board:<projectId>`, the board's rows as stored (the
 * first paint), members and card sources.
 */
export async function boardLoader(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
) {
  const { access, project } = await requireBoardAccess(request, orgId, projectId, 'org:read');
  const [rows, token, assignees, sources, syncIssues] = await Promise.all([
    loadBoardRows(access.orgId, project.id),
    mintBoardToken(access, project.id),
    listAssignees(db(), access.orgId),
    loadCardSources(db(), access.orgId, project.id),
    listCardSyncIssues(db(), access.orgId, project.id),
  ]);
  return {
    project: { id: project.id, name: project.name },
    docName: boardDocNameFor(project.id),
    rows,
    user: { id: access.user.id, name: access.user.name, color: colorFor(access.user.id) },
    syncUrl: publicEnv().syncUrl,
    token,
    canEdit: can(access.role, 'document:edit'),
    assignees,
    sources,
    syncIssues,
  };
}

export type BoardLoaderData = Awaited<ReturnType<typeof boardLoader>>;

import { listCardSyncIssues } from '@specboard/db/integrations';
import { listAssignees } from '@specboard/db/tasks';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { colorFor } from '../editor/user-color.ts';
import { publicEnv } from '../env.server.ts';
import {
  boardDocNameFor,
  findProject,
  liveProject,
  mintBoardToken,
} from './board-access.server.ts';
import { loadBoardRows } from './board-rows.server.ts';
import { loadCardSources } from './sources.server.ts';

/**
 * The board page: who you are, a token for `board:<projectId>`, the board's rows as stored (the
 * first paint), members and card sources. Once membership is checked, the project is looked up
 * alongside the board's reads (each scoped to the member's organisation, as the project is), and
 * nothing is returned unless it is the organisation's live project: the page's first paint waits
 * for this loader, and the lookup alone was four round trips to Postgres before the others began.
 */
export async function boardLoader(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const id = projectId ?? '';
  const assignees = listAssignees(db(), access.orgId);
  const [found, rows, sources, syncIssues] = await Promise.all([
    findProject(access, projectId),
    loadBoardRows(access.orgId, id, assignees),
    loadCardSources(db(), access.orgId, id),
    listCardSyncIssues(db(), access.orgId, id),
  ]);
  const project = liveProject(found);
  const token = await mintBoardToken(access, project.id);
  return {
    project: { id: project.id, name: project.name },
    docName: boardDocNameFor(project.id),
    rows,
    user: { id: access.user.id, name: access.user.name, color: colorFor(access.user.id) },
    syncUrl: publicEnv().syncUrl,
    token,
    canEdit: can(access.role, 'document:edit'),
    assignees: await assignees,
    sources,
    syncIssues,
  };
}

export type BoardLoaderData = Awaited<ReturnType<typeof boardLoader>>;

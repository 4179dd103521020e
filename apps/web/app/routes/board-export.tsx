import { boardExport } from '../board/board-export.server.ts';
import type { Route } from './+types/board-export.ts';

/** Downloads the board as Markdown, JSON or CSV (Jira / GitHub issue import). */
export async function loader({ request, params }: Route.LoaderArgs) {
  return boardExport(request, params.orgId, params.projectId);
}

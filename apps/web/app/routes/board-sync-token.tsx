import { mintBoardToken, requireBoardAccess } from '../board/board-access.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import type { Route } from './+types/board-sync-token.ts';

/** A fresh token for the board document; membership is checked again every time. */
export async function action({ request, params }: Route.ActionArgs) {
  assertSameOrigin(request);
  const { access, project } = await requireBoardAccess(
    request,
    params.orgId,
    params.projectId,
    'org:read',
  );
  return Response.json(await mintBoardToken(access, project.id), {
    headers: { 'Cache-Control': 'no-store' },
  });
}

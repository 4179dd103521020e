import { z } from 'zod';
import { requireBoardAccess } from '../board/board-access.server.ts';
import { loadSources } from '../board/sources.server.ts';
import { db } from '../db.server.ts';
import type { Route } from './+types/board-sources.ts';

const versionIds = z.array(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)).max(50);

/** Source versions and spec drift for cards that arrived live (not yet in the projection). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { access, project } = await requireBoardAccess(
    request,
    params.orgId,
    params.projectId,
    'org:read',
  );
  const requested = new URL(request.url).searchParams.get('versions') ?? '';
  const parsed = versionIds.safeParse(requested.split(',').filter((id) => id !== ''));
  if (!parsed.success) return Response.json({ sources: {} }, { status: 400 });
  const sources = await loadSources(db(), {
    orgId: access.orgId,
    projectId: project.id,
    versionIds: parsed.data,
  });
  return Response.json({ sources }, { headers: { 'Cache-Control': 'no-store' } });
}

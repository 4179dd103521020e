import { versionMarkdown } from '../versions/version.server.ts';
import type { Route } from './+types/version-markdown.ts';

/** Downloads a version as Markdown. */
export async function loader({ request, params }: Route.LoaderArgs) {
  return versionMarkdown(request, params.orgId, params.documentId, params.versionId);
}

import { versionStateLoader } from '../versions/version.server.ts';
import type { Route } from './+types/version-state.ts';

/** A version's Yjs state, for restoring it in the browser (editors only). */
export async function loader({ request, params }: Route.LoaderArgs) {
  return versionStateLoader(request, params.orgId, params.documentId, params.versionId);
}

import { suggestionsAction, suggestionsLoader } from '../suggestions/suggestions.server.ts';
import type { Route } from './+types/generate-suggestions.ts';

/** JSON endpoint of the editor's suggestion panel: member names (GET); ask, accept, reject (POST). */
export async function loader({ request, params }: Route.LoaderArgs) {
  return suggestionsLoader(request, params.orgId, params.documentId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return suggestionsAction(request, params.orgId, params.documentId);
}

import { commentsAction, commentsLoader } from '../comments/comments.server.ts';
import type { Route } from './+types/document-comments.ts';

/** JSON endpoint of the comments panel: people and rights (GET); every thread change (POST). */
export async function loader({ request, params }: Route.LoaderArgs) {
  return commentsLoader(request, params.orgId, params.documentId);
}

export async function action({ request, params }: Route.ActionArgs) {
  return commentsAction(request, params.orgId, params.documentId);
}

import { commentsSyncToken } from '../comments/comments.server.ts';
import type { Route } from './+types/comments-sync-token.ts';

/** A read-only token for `comments:<documentId>`, whatever the member's role. */
export async function action({ request, params }: Route.ActionArgs) {
  return commentsSyncToken(request, params.orgId, params.documentId);
}

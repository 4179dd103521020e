import { issueSyncToken } from '../documents/sync-token.server.ts';
import type { Route } from './+types/sync-token.ts';

export async function action({ request, params }: Route.ActionArgs) {
  return issueSyncToken(request, params.orgId, params.documentId);
}

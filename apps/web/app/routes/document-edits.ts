import { recordDocumentEdit } from '../documents/edits.server.ts';
import type { Route } from './+types/document-edits.ts';

export async function action({ request, params }: Route.ActionArgs) {
  return recordDocumentEdit(request, params.orgId, params.documentId);
}

import { readForm } from '../lib/validation.server.ts';
import { publishToConfluenceAction } from './confluence-publish.server.ts';
import { createTasksAction } from './create-tasks.server.ts';
import { pushVersionCardsAction } from './tracker-push.server.ts';

/** The version page's actions, told apart by `intent`: publish, push its cards, create tasks. */
export async function versionAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
  versionId: string | undefined,
) {
  const form = await readForm(request.clone());
  const intent = form.get('intent');
  if (intent === 'publish-confluence') {
    return publishToConfluenceAction(request, orgId, documentId, versionId, form);
  }
  if (intent === 'tracker-push-version') {
    return pushVersionCardsAction(request, orgId, documentId, versionId, form);
  }
  return createTasksAction(request, orgId, documentId, versionId);
}

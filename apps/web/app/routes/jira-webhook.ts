import { jiraWebhookAction } from '../integrations/jira-webhook.server.ts';
import type { Route } from './+types/jira-webhook.ts';

export async function action({ request, params }: Route.ActionArgs) {
  return jiraWebhookAction(request, params.integrationId);
}

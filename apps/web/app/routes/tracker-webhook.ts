import { trackerWebhookAction } from '../integrations/tracker-webhook.server.ts';
import type { Route } from './+types/tracker-webhook.ts';

export async function action({ request, params }: Route.ActionArgs) {
  return trackerWebhookAction(request, params.kind, params.integrationId);
}

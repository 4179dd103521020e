import { orgEventKinds } from '@specboard/integrations';
import { z } from 'zod';

const name = z.string().trim().min(1, 'Give it a name.').max(80, 'At most 80 characters.');
const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'Enter a full https:// (or http://) URL, e.g. https://example.com/hooks/specboard.',
});

/** A signed webhook, or a chat channel's incoming webhook (optionally for one project). */
export const connectWebhookSchema = z.object({
  intent: z.literal('connect'),
  kind: z.enum(['webhook', 'slack', 'mattermost', 'teams']),
  projectId: z.string().trim().optional(),
  name,
  url: httpUrl,
  events: z.array(z.enum(orgEventKinds)).min(1, 'Choose at least one event.'),
  signingSecret: z
    .string()
    .trim()
    .regex(/^(whsec_[A-Za-z0-9+/=]{24,})?$/, 'A signing secret looks like whsec_ and base64.')
    .optional(),
});

export const connectJiraSchema = z.object({
  intent: z.literal('connect'),
  kind: z.literal('jira'),
  name,
  url: httpUrl,
  email: z.email('Enter the email of the Jira account issues are created as.'),
  apiToken: z.string().trim().min(1, 'Enter an API token of that account.'),
  projectKey: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'A Jira project key, e.g. SPEC.'),
  webhookSecret: z.string().trim().max(200).optional(),
});

export const connectGitHubSchema = z.object({
  intent: z.literal('connect'),
  kind: z.literal('github'),
  name,
  repository: z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'The repository as owner/name, e.g. acme/app.'),
  apiToken: z.string().trim().min(1, 'Enter a token that may write issues in the repository.'),
  apiUrl: z
    .union([z.literal(''), httpUrl])
    .optional()
    .transform((value) => value || 'https://api.github.com'),
  webhookSecret: z.string().trim().max(200).optional(),
});

const pageId = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, message);

/** A Confluence Cloud site, the space pages are published in and, optionally, their parent page. */
export const connectConfluenceSchema = z.object({
  intent: z.literal('connect'),
  kind: z.literal('confluence'),
  name,
  // The API paths start with /wiki themselves: a pasted …/wiki site URL is taken as the site.
  url: httpUrl.transform((value) => value.replace(/\/+$/, '').replace(/\/wiki$/, '')),
  email: z.email('Enter the email of the Atlassian account pages are published as.'),
  apiToken: z.string().trim().min(1, 'Enter an API token of that account.'),
  spaceId: pageId('The numeric id of the space (not its key), e.g. 98304.'),
  parentId: z
    .union([z.literal(''), pageId('The numeric id of the parent page, or leave it empty.')])
    .optional(),
});

export const manageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.enum(['test', 'pause', 'resume', 'remove']),
    integrationId: z.string().min(1),
  }),
  z.object({ intent: z.literal('redeliver'), deliveryId: z.string().min(1) }),
  z.object({
    intent: z.literal('tracker-push'),
    integrationId: z.string().min(1),
    projectId: z.string().min(1, 'Choose a project.'),
  }),
]);

/** The form's fields as zod sees them: checkboxes named `events` become one array. */
export function formFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(form);
  fields.events = form.getAll('events').map(String);
  return fields;
}

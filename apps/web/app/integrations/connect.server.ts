import { randomBytes } from 'node:crypto';
import { createIntegration } from '@specboard/db/integrations';
import { getProject } from '@specboard/db/projects';
import { newSigningSecret, sealCredentials } from '@specboard/integrations';
import type { z } from 'zod';
import type { OrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { invalid } from '../lib/validation.server.ts';
import {
  connectConfluenceSchema,
  connectGitHubSchema,
  connectJiraSchema,
  connectWebhookSchema,
  formFields,
} from './integration-forms.server.ts';
import { integrationsSecretBox } from './secret-box.server.ts';

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return fieldErrors;
}

/** A secret the server generated, by label, to show the admin once. */
function shownOnce(label: string, generated: string | undefined): Record<string, string> {
  return generated ? { [label]: generated } : {};
}

/**
 * Connects a webhook, a Jira site, a GitHub repository or a Confluence space. Credentials are sealed before they are stored; a secret
 * the server generated (a webhook's signing secret, Jira's webhook secret) is returned once so
 * the admin can give it to the other side, and never again.
 */
export async function connectIntegration(access: OrgAccess, form: FormData) {
  const box = integrationsSecretBox();
  if (!box)
    return invalid({ form: ['INTEGRATIONS_KEY is not set on the server: see the README.'] });
  const base = { orgId: access.orgId, createdBy: access.user.id };
  if (form.get('kind') === 'jira') {
    const parsed = connectJiraSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { name, url, email, apiToken, projectKey } = parsed.data;
    const generated = parsed.data.webhookSecret ? undefined : randomBytes(24).toString('base64url');
    const integration = await createIntegration(db(), {
      ...base,
      kind: 'jira',
      name,
      config: { projectKey, host: new URL(url).host },
      secretSealed: sealCredentials(box, {
        url,
        email,
        apiToken,
        webhookSecret: parsed.data.webhookSecret || generated,
      }),
    });
    return { integration, shownOnce: shownOnce('Jira webhook secret', generated) };
  }
  if (form.get('kind') === 'confluence') {
    const parsed = connectConfluenceSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { name, url, email, apiToken, spaceId, parentId } = parsed.data;
    const integration = await createIntegration(db(), {
      ...base,
      kind: 'confluence',
      name,
      config: { spaceId, ...(parentId ? { parentId } : {}), host: new URL(url).host },
      secretSealed: sealCredentials(box, { url, email, apiToken }),
    });
    return { integration, shownOnce: {} };
  }
  if (form.get('kind') === 'github') {
    const parsed = connectGitHubSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { name, repository, apiToken, apiUrl } = parsed.data;
    const [owner, repo] = repository.split('/');
    const generated = parsed.data.webhookSecret ? undefined : randomBytes(24).toString('base64url');
    const integration = await createIntegration(db(), {
      ...base,
      kind: 'github',
      name,
      config: { owner, repo, host: new URL(apiUrl).host },
      secretSealed: sealCredentials(box, {
        url: apiUrl,
        apiToken,
        webhookSecret: parsed.data.webhookSecret || generated,
      }),
    });
    return { integration, shownOnce: shownOnce('GitHub webhook secret', generated) };
  }
  const parsed = connectWebhookSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const { kind, name, url, events } = parsed.data;
  const projectId = parsed.data.projectId || undefined;
  if (projectId && !(await getProject(db(), access.orgId, projectId))) {
    return invalid({ projectId: ['Choose a project of this organisation.'] });
  }
  // Chat services do not verify signatures: only a webhook gets a signing secret.
  const generated =
    kind === 'webhook' && !parsed.data.signingSecret ? newSigningSecret() : undefined;
  const integration = await createIntegration(db(), {
    ...base,
    kind,
    name,
    config: { events, host: new URL(url).host, ...(projectId ? { projectId } : {}) },
    secretSealed: sealCredentials(box, {
      url,
      ...(kind === 'webhook' ? { signingSecret: parsed.data.signingSecret || generated } : {}),
    }),
  });
  return { integration, shownOnce: shownOnce('Signing secret', generated) };
}

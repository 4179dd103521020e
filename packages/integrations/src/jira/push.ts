import type { Db } from '@specboard/db';
import {
  findMapping,
  getIntegrationWithSecret,
  recordMappingFailed,
  recordMappingSynced,
} from '@specboard/db/integrations';
import { createCloudClient, isAuthError, isRateLimitError } from 'jira.js';
import { assertCredentialedSite } from '../address-guard.ts';
import { openCredentials } from '../credentials.ts';
import type { OutgoingCard } from '../outgoing-card.ts';
import type { SecretBox } from '../secret-box.ts';
import { issueDescription } from './adf.ts';

export interface PushResult {
  pushed: { cardId: string; key: string; created: boolean }[];
  failed: { cardId: string; error: string }[];
}

/** Jira answered 429: the whole push should be tried again after `retryAfterMs`. */
export class JiraRateLimitedError extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs: number | undefined) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

function describe(error: unknown): string {
  if (isAuthError(error))
    return 'Jira refused the credentials (401): check the email and API token';
  return error instanceof Error ? error.message.slice(0, 500) : String(error);
}

/**
 * Pushes cards to the Jira project of an integration as issues: a card pushed before is
 * updated (its mapping holds the issue key), a new one is created and mapped, so pushing again
 * never duplicates. A failed card is recorded on its mapping and the others go on; a 429 stops
 * the push (`JiraRateLimitedError`), since every later request would be refused too.
 */
export async function pushCardsToJira(
  runtime: { db: Db; box: SecretBox; allowPrivate: boolean },
  orgId: string,
  integrationId: string,
  cards: readonly OutgoingCard[],
): Promise<PushResult> {
  const { db } = runtime;
  const integration = await getIntegrationWithSecret(db, orgId, integrationId);
  if (integration?.kind !== 'jira') {
    throw new Error(`integration ${integrationId} is not a Jira integration of this organisation`);
  }
  const { url, email, apiToken } = openCredentials(runtime.box, integration.secret_sealed);
  const projectKey = String(integration.config.projectKey ?? '');
  if (!email || !apiToken || !projectKey) {
    throw new Error(
      `Jira integration ${integration.name} lacks an email, API token or project key`,
    );
  }
  // jira.js sends with the global fetch: the site is checked here, before any request.
  await assertCredentialedSite(url, runtime.allowPrivate);
  const jira = createCloudClient({
    host: url,
    auth: { type: 'basic', email, apiToken },
    onSchemaMismatch: 'silent',
  });
  const result: PushResult = { pushed: [], failed: [] };
  for (const card of cards) {
    const ref = { integrationId, resourceType: 'card' as const, resourceId: card.id };
    const mapping = await findMapping(db, orgId, ref);
    const fields = {
      summary: card.title.slice(0, 255),
      description: issueDescription(card),
    };
    try {
      let key = mapping?.external_id;
      if (key) {
        await jira.issues.editIssue({ issueIdOrKey: key, fields });
      } else {
        const created = await jira.issues.createIssue({
          fields: {
            ...fields,
            project: { key: projectKey },
            issuetype: { name: String(integration.config.issueType ?? 'Task') },
          },
        });
        key = created.key ?? created.id;
      }
      if (!key) throw new Error('Jira created the issue but returned no key');
      await recordMappingSynced(db, orgId, {
        ...ref,
        externalId: key,
        externalType: 'jira-issue',
        externalUrl: new URL(`/browse/${key}`, url).toString(),
        syncedState: { projectId: card.projectId, status: card.status },
      });
      result.pushed.push({ cardId: card.id, key, created: !mapping });
    } catch (error) {
      const message = describe(error);
      if (mapping) await recordMappingFailed(db, orgId, ref, message);
      if (isRateLimitError(error)) {
        throw new JiraRateLimitedError(
          `Jira rate-limited the push: ${message}`,
          error.retryAfterMs,
        );
      }
      result.failed.push({ cardId: card.id, error: message });
    }
  }
  return result;
}

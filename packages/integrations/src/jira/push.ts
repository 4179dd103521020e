import type { Db } from '@specboard/db';
import {
  findMapping,
  getIntegrationWithSecret,
  recordMappingFailed,
  recordMappingSynced,
} from '@specboard/db/integrations';
import { createCloudClient, isAuthError } from 'jira.js';
import { assertCredentialedSite } from '../address-guard.ts';
import { openCredentials } from '../credentials.ts';
import type { OutgoingCard } from '../outgoing-card.ts';
import { RateLimitedError, type RateLimitPolicy, withRateLimitRetry } from '../rate-limit.ts';
import type { SecretBox } from '../secret-box.ts';
import { issueDescription } from './adf.ts';

export interface PushResult {
  pushed: { cardId: string; key: string; created: boolean }[];
  failed: { cardId: string; error: string }[];
}

/** What a push needs; `rateLimit` bounds the 429 waits (default: at most 30 s in place). */
export interface TrackerRuntime {
  db: Db;
  box: SecretBox;
  allowPrivate: boolean;
  rateLimit?: RateLimitPolicy;
}

function describe(error: unknown): string {
  if (isAuthError(error))
    return 'Jira refused the credentials (401): check the email and API token';
  return error instanceof Error ? error.message.slice(0, 500) : String(error);
}

/**
 * Pushes cards to the Jira project of an integration as issues: a card pushed before is
 * updated (its mapping holds the issue key), a new one is created and mapped, so pushing again
 * never duplicates. A failed card is recorded on its mapping and the others go on. A 429 is
 * waited out for its `Retry-After` when that is short (`withRateLimitRetry`); a longer one, or a
 * 429 that persists, stops the push (`RateLimitedError`), since every later request would be
 * refused too, and the job retries later.
 */
export async function pushCardsToJira(
  runtime: TrackerRuntime,
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
  const limited = <T>(operation: () => Promise<T>) =>
    withRateLimitRetry('Jira', operation, runtime.rateLimit);
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
        const issueIdOrKey = key;
        await limited(() => jira.issues.editIssue({ issueIdOrKey, fields }));
      } else {
        const created = await limited(() =>
          jira.issues.createIssue({
            fields: {
              ...fields,
              project: { key: projectKey },
              issuetype: { name: String(integration.config.issueType ?? 'Task') },
            },
          }),
        );
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
      if (error instanceof RateLimitedError) throw error;
      result.failed.push({ cardId: card.id, error: message });
    }
  }
  return result;
}

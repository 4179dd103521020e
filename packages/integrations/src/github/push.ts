import { Octokit } from '@octokit/rest';
import {
  findMapping,
  getIntegrationWithSecret,
  recordMappingFailed,
  recordMappingSynced,
} from '@specboard/db/integrations';
import { assertCredentialedSite } from '../address-guard.ts';
import { openCredentials } from '../credentials.ts';
import type { PushResult, TrackerRuntime } from '../jira/push.ts';
import type { OutgoingCard } from '../outgoing-card.ts';
import { RateLimitedError, withRateLimitRetry } from '../rate-limit.ts';

/** The issue body: description, acceptance criteria as a task list, and the link back. */
export function issueBody(card: OutgoingCard): string {
  const criteria = card.acceptanceCriteria.map((c) => `- [ ] ${c}`).join('\n');
  return [
    card.description.trim(),
    criteria ? `### Acceptance criteria\n\n${criteria}` : '',
    `From Specboard: ${card.link}`,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/**
 * Pushes cards to the GitHub repository of an integration as issues, like `pushCardsToJira`:
 * mapped cards update their issue, new ones are created and mapped (the issue number is the
 * external id). Failures are recorded per card and reported. A 429 (or a secondary rate limit:
 * 403 with `Retry-After`) is waited out when short; a longer one stops the push with
 * `RateLimitedError`, and the caller's job retries later.
 */
export async function pushCardsToGitHub(
  runtime: TrackerRuntime,
  orgId: string,
  integrationId: string,
  cards: readonly OutgoingCard[],
): Promise<PushResult> {
  const { db } = runtime;
  const integration = await getIntegrationWithSecret(db, orgId, integrationId);
  if (integration?.kind !== 'github') {
    throw new Error(
      `integration ${integrationId} is not a GitHub integration of this organisation`,
    );
  }
  const { url, apiToken } = openCredentials(runtime.box, integration.secret_sealed);
  const owner = String(integration.config.owner ?? '');
  const repo = String(integration.config.repo ?? '');
  if (!apiToken || !owner || !repo) {
    throw new Error(`GitHub integration ${integration.name} lacks a token or repository`);
  }
  await assertCredentialedSite(url, runtime.allowPrivate);
  const github = new Octokit({
    auth: apiToken,
    baseUrl: url.replace(/\/$/, ''),
    request: { retries: 0 },
  });
  const limited = <T>(operation: () => Promise<T>) =>
    withRateLimitRetry('GitHub', operation, runtime.rateLimit);
  const result: PushResult = { pushed: [], failed: [] };
  for (const card of cards) {
    const ref = { integrationId, resourceType: 'card' as const, resourceId: card.id };
    const mapping = await findMapping(db, orgId, ref);
    const fields = { owner, repo, title: card.title.slice(0, 256), body: issueBody(card) };
    try {
      const issue = mapping
        ? (
            await limited(() =>
              github.rest.issues.update({ ...fields, issue_number: Number(mapping.external_id) }),
            )
          ).data
        : (await limited(() => github.rest.issues.create(fields))).data;
      await recordMappingSynced(db, orgId, {
        ...ref,
        externalId: String(issue.number),
        externalType: 'github-issue',
        externalUrl: issue.html_url,
        syncedState: { projectId: card.projectId, status: card.status },
      });
      result.pushed.push({ cardId: card.id, key: String(issue.number), created: !mapping });
    } catch (error) {
      const status = (error as { status?: number }).status;
      const message =
        status === 401
          ? 'GitHub refused the token (401): check it and its repository access'
          : error instanceof Error
            ? error.message.slice(0, 500)
            : String(error);
      if (mapping) await recordMappingFailed(db, orgId, ref, message);
      if (error instanceof RateLimitedError) throw error;
      result.failed.push({ cardId: card.id, error: message });
    }
  }
  return result;
}

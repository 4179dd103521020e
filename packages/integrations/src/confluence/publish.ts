import type { Db } from '@specboard/db';
import { recordPushFailed } from '@specboard/db/integration-publishing';
import {
  findMapping,
  getIntegrationWithSecret,
  recordMappingSynced,
} from '@specboard/db/integrations';
import { createV2Client, isAuthError, isForbiddenError, isNetworkError } from 'confluence.js';
import { assertCredentialedSite } from '../address-guard.ts';
import { openCredentials } from '../credentials.ts';
import { RateLimitedError, type RateLimitPolicy, withRateLimitRetry } from '../rate-limit.ts';
import type { SecretBox } from '../secret-box.ts';
import { storageFormatPage } from './storage-format.ts';

export interface ConfluenceRuntime {
  db: Db;
  box: SecretBox;
  allowPrivate: boolean;
  /** 429 waits; the default waits at most 30 s in place. */
  rateLimit?: RateLimitPolicy;
  /** First back-off of confluence.js's own retries of 502/503/504 (3 attempts in all). */
  serverRetryDelayMs?: number;
}

export interface VersionToPublish {
  documentId: string;
  versionId: string;
  versionNumber: number;
  title: string;
  markdown: string;
  /** Absolute link to the version page in Specboard. */
  link: string;
}

export type PublishResult =
  | { status: 'published'; pageId: string; url: string; created: boolean; pageVersion: number }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string };

/** A failure worth the job's retry: rate limits, Confluence's own errors, a version race. */
export class ConfluenceRetryableError extends Error {}

function describe(error: unknown): string {
  if (isAuthError(error)) {
    return 'Confluence refused the credentials (401): check the email and API token';
  }
  if (isForbiddenError(error)) {
    return 'Confluence refused the request (403): the account may not add or edit pages in that space';
  }
  return error instanceof Error ? error.message.slice(0, 500) : String(error);
}

function retryable(error: unknown): boolean {
  if (error instanceof RateLimitedError || isNetworkError(error)) return true;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && (status >= 500 || status === 409);
}

/**
 * Publishes a document's version as a Confluence page (Cloud REST v2, storage format): the first
 * time a page is created in the integration's space, later versions update that same page (the
 * mapping document → page id), reading its current version number first because Confluence takes
 * the next one on update. An older version than the one already published is skipped. Failures
 * are recorded on the mapping; the ones worth retrying are also thrown.
 */
export async function publishVersionToConfluence(
  runtime: ConfluenceRuntime,
  orgId: string,
  integrationId: string,
  version: VersionToPublish,
): Promise<PublishResult> {
  const { db } = runtime;
  const integration = await getIntegrationWithSecret(db, orgId, integrationId);
  if (integration?.kind !== 'confluence') {
    throw new Error(
      `integration ${integrationId} is not a Confluence integration of this organisation`,
    );
  }
  const { url, email, apiToken } = openCredentials(runtime.box, integration.secret_sealed);
  const spaceId = String(integration.config.spaceId ?? '');
  const parentId = integration.config.parentId ? String(integration.config.parentId) : undefined;
  if (!email || !apiToken || !spaceId) {
    throw new Error(
      `Confluence integration ${integration.name} lacks an email, API token or space`,
    );
  }
  const ref = { integrationId, resourceType: 'document' as const, resourceId: version.documentId };
  const mapping = await findMapping(db, orgId, ref);
  // `synced_state` changes only on success: a failed later attempt does not let an older
  // version overwrite the newer one on the page.
  const publishedNumber = Number(mapping?.synced_state.versionNumber ?? 0);
  if (publishedNumber > version.versionNumber) {
    return { status: 'skipped', reason: `version ${publishedNumber} is already published` };
  }
  // confluence.js sends with the global fetch: the site is checked here, before any request.
  await assertCredentialedSite(url, runtime.allowPrivate);
  const confluence = createV2Client({
    host: url,
    auth: { type: 'basic', email, apiToken },
    retry: { maxAttempts: 3, initialDelayMs: runtime.serverRetryDelayMs ?? 1_000 },
  });
  const limited = <T>(operation: () => Promise<T>) =>
    withRateLimitRetry('Confluence', operation, runtime.rateLimit);
  const body = { representation: 'storage', value: storageFormatPage(version) };
  const title = version.title.slice(0, 255);
  const message = `Specboard version ${version.versionNumber}`;
  const pageId = mapping?.external_id || undefined;
  try {
    let page: Awaited<ReturnType<typeof confluence.page.getPageById>>;
    if (pageId) {
      const current = await limited(() => confluence.page.getPageById({ id: Number(pageId) }));
      const next = (current.version?.number ?? 0) + 1;
      page = await limited(() =>
        confluence.page.updatePage({
          id: Number(pageId),
          body: { id: pageId, status: 'current', title, body, version: { number: next, message } },
        }),
      );
    } else {
      page = await limited(() =>
        confluence.page.createPage({
          body: { spaceId, status: 'current', title, body, ...(parentId ? { parentId } : {}) },
        }),
      );
    }
    const id = String(page.id ?? pageId ?? '');
    if (!id) throw new Error('Confluence stored the page but returned no id');
    const links = page._links;
    const pageUrl =
      links?.base && links.webui
        ? `${links.base}${links.webui}`
        : new URL(`/wiki/pages/viewpage.action?pageId=${id}`, url).toString();
    const pageVersion = page.version?.number ?? 1;
    await recordMappingSynced(db, orgId, {
      ...ref,
      externalId: id,
      externalType: 'confluence-page',
      externalUrl: pageUrl,
      syncedState: {
        versionId: version.versionId,
        versionNumber: version.versionNumber,
        pageVersion,
      },
    });
    return { status: 'published', pageId: id, url: pageUrl, created: !pageId, pageVersion };
  } catch (error) {
    const detail = describe(error);
    await recordPushFailed(db, orgId, { ...ref, externalType: 'confluence-page' }, detail);
    if (retryable(error)) {
      throw new ConfluenceRetryableError(`publishing to Confluence failed: ${detail}`, {
        cause: error,
      });
    }
    return { status: 'failed', error: detail };
  }
}

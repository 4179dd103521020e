import { getDocument } from '@specboard/db/documents';
import { getVersion } from '@specboard/db/versions';
import { publishVersionToConfluence } from '@specboard/integrations';
import { confluencePublishQueue } from '@specboard/jobs';
import type { AiJobDeps } from '../ai/deps.ts';
import { defineJob } from '../job.ts';

/**
 * "Publish to Confluence" for one version: idempotent, since the document's page is updated
 * through its mapping. Rate limits and Confluence's 5xx throw, so pg-boss retries with back-off;
 * refused credentials are recorded on the mapping and end the job.
 */
export const confluencePublishJob = defineJob<typeof confluencePublishQueue.payload, AiJobDeps>({
  contract: confluencePublishQueue,
  async perform({ orgId, integrationId, versionId }, deps) {
    const runtime = deps.integrations;
    if (!runtime?.box) {
      throw new Error('INTEGRATIONS_KEY is not set on the worker: cannot reach Confluence');
    }
    const version = await getVersion(deps.db, orgId, versionId);
    const document = version ? await getDocument(deps.db, orgId, version.document_id) : undefined;
    if (!version || !document) {
      deps.logger.warn({ orgId, versionId }, 'version to publish is gone; nothing published');
      return { status: 'skipped' };
    }
    const path = `/orgs/${orgId}/documents/${document.id}/history/${version.id}`;
    const result = await publishVersionToConfluence(
      { db: deps.db, box: runtime.box, allowPrivate: runtime.allowPrivate },
      orgId,
      integrationId,
      {
        documentId: document.id,
        versionId: version.id,
        versionNumber: version.number,
        title: document.title,
        markdown: version.content_md,
        link: new URL(path, runtime.appBaseUrl).toString(),
      },
    );
    deps.logger.info(
      { orgId, integrationId, versionId, ...result },
      'version published to Confluence',
    );
    return { status: result.status };
  },
});

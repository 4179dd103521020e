import { getDocument } from '@specboard/db/documents';
import { getProject } from '@specboard/db/projects';
import { recordBreakdown } from '@specboard/db/tasks';
import { getVersion, listVersions } from '@specboard/db/versions';
import { steps } from '@specboard/pipeline';
import type { AiJobDeps } from '../ai/deps.ts';
import { boardDocName } from '../ai/doc-model.ts';
import { DocSession } from '../doc-writer.ts';
import { defineJob } from '../job.ts';
import { placeVersionCards } from './place-cards.ts';
import { projectBoard } from './projection.ts';
import { boardFromVersionQueue } from './queues.ts';
import { versionCards } from './version-cards.ts';

/**
 * "Create tasks from this version": runs the breakdown and tasks steps on the stored version,
 * records the epics and stories, writes the cards into `board:<projectId>` through the
 * server-side write path (everyone on the board sees them arrive) and projects the board.
 */
export const boardFromVersionJob = defineJob<typeof boardFromVersionQueue.payload, AiJobDeps>({
  queue: boardFromVersionQueue.name,
  payload: boardFromVersionQueue.payload,
  retry: boardFromVersionQueue.retry,
  async perform({ orgId, versionId }, deps) {
    const version = await getVersion(deps.db, orgId, versionId);
    const document = version ? await getDocument(deps.db, orgId, version.document_id) : undefined;
    const project = document ? await getProject(deps.db, orgId, document.project_id) : undefined;
    if (!version || !document || !project) {
      deps.logger.warn({ versionId }, 'version, document or project gone; nothing to do');
      return { skipped: true };
    }
    const { provider, model } = deps.providers({
      provider: project.preferred_provider ?? 'auto',
      model: project.preferred_model ?? 'default',
    });
    const options = { model, signal: deps.signal };
    const breakdown = await provider.run(
      steps.breakdown,
      { documentMarkdown: version.content_md, versionId },
      options,
    );
    const stories = breakdown.output.epics.flatMap((epic) => epic.stories);
    const tasks = await provider.run(steps.tasks, { stories }, options);
    const { epics, cards } = versionCards(versionId, breakdown.output, tasks.output);
    await recordBreakdown(deps.db, { orgId, projectId: project.id, versionId, epics });
    const lineage = await listVersions(deps.db, orgId, document.id);
    const session = await DocSession.open(
      deps,
      boardDocName(project.id),
      `worker:board-from-version:${versionId}`,
    );
    let placement = { inserted: 0, proposed: 0 };
    try {
      await session.change((doc) => {
        placement = placeVersionCards(doc, {
          versionId,
          documentVersionIds: new Set(lineage.map((v) => v.id)),
          cards,
        });
      });
    } finally {
      session.destroy();
    }
    await projectBoard(deps.db, orgId, project.id);
    deps.logger.info({ versionId, projectId: project.id, ...placement }, 'version placed on board');
    return placement;
  },
});

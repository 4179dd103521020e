import { getDocument } from '@specboard/db/documents';
import { getProject } from '@specboard/db/projects';
import { getVersion } from '@specboard/db/versions';
import { boardFromVersionQueue } from '@specboard/jobs';
import { steps } from '@specboard/pipeline';
import type { AiJobDeps } from '../ai/deps.ts';
import { placeVersionOnBoard } from '../board/place-version.ts';
import { defineJob } from '../job.ts';

/**
 * "Create tasks from this version": runs the breakdown and tasks steps on the stored version and
 * puts the result on the project's board (cards the first time, proposals after that).
 */
export const boardFromVersionJob = defineJob<typeof boardFromVersionQueue.payload, AiJobDeps>({
  contract: boardFromVersionQueue,
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
    const { inserted, proposed } = await placeVersionOnBoard(deps, {
      orgId,
      projectId: project.id,
      documentId: document.id,
      versionId,
      breakdown: breakdown.output,
      tasks: tasks.output,
      origin: `worker:board-from-version:${versionId}`,
    });
    const placement = { inserted, proposed };
    deps.logger.info({ versionId, projectId: project.id, ...placement }, 'version placed on board');
    return placement;
  },
});

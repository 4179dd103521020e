import { recordActivity } from '@specboard/db/activity';
import { getDocument } from '@specboard/db/documents';
import { getVersion } from '@specboard/db/versions';
import { EnqueueError, enqueueVersionTasks } from '@specboard/jobs';
import { z } from 'zod';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { db } from '../db.server.ts';
import { notFound } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { jobQueue } from '../runs/job-queue.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';

const createTasksSchema = z.object({
  intent: z.literal('create-tasks', { error: 'Unknown action' }),
});

export interface TasksQueued {
  queued: true;
  versionNumber: number;
  boardPath: string;
  runPath: string;
}

/**
 * "Create tasks from this version": starts a recorded run of the breakdown and tasks steps on the
 * stored version (refused, with the numbers, when the organisation's AI limits do not allow it).
 * The worker puts the cards on the project's board live (or proposes changes when the document
 * already fed the board). Editors only; a version of another organisation is a 404.
 */
export async function createTasksAction(
  request: Request,
  orgId: string | undefined,
  documentId: string | undefined,
  versionId: string | undefined,
): Promise<TasksQueued | ReturnType<typeof invalid>> {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'document:edit');
  const document = documentId ? await getDocument(db(), access.orgId, documentId) : undefined;
  const version = versionId ? await getVersion(db(), access.orgId, versionId) : undefined;
  if (!document || !version || version.document_id !== document.id) {
    throw notFound('No such version.');
  }
  const parsed = parseForm(await readForm(request), createTasksSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  let runId: string;
  try {
    ({ runId } = await enqueueVersionTasks(await jobQueue(), {
      orgId: access.orgId,
      versionId: version.id,
      requestedBy: access.user.id,
    }));
  } catch (error) {
    if (error instanceof EnqueueError && error.code === 'refused') {
      return invalid({ form: [error.message] });
    }
    throw error;
  }
  await recordActivity(db(), {
    orgId: access.orgId,
    actorId: access.user.id,
    resourceType: 'document',
    resourceId: document.id,
    action: 'tasks_requested',
    changes: { versionId: version.id, number: version.number, runId },
  });
  return {
    queued: true,
    versionNumber: version.number,
    boardPath: `/orgs/${access.orgId}/projects/${document.project_id}/board`,
    runPath: `/orgs/${access.orgId}/runs/${runId}`,
  };
}

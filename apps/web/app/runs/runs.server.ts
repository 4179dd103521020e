import { recordActivity } from '@specboard/db/activity';
import { listModelStats } from '@specboard/db/model-stats';
import { getPlanRun, listPlanRuns } from '@specboard/db/plan-runs';
import { getProject } from '@specboard/db/projects';
import {
  cancelPlanRun,
  EnqueueError,
  enqueuePlanRun,
  enqueueStepRetry,
  retryableStepNames,
} from '@specboard/jobs';
import { data, redirect } from 'react-router';
import { z } from 'zod';
import { spendStatus } from '../ai/spend-status.server.ts';
import { requireOrgAccess } from '../auth/org-access.server.ts';
import { can } from '../auth/permissions.ts';
import { db } from '../db.server.ts';
import { badRequest, notFound } from '../lib/http.server.ts';
import { invalid, parseForm, readForm } from '../lib/validation.server.ts';
import { assertSameOrigin } from '../security/origin.server.ts';
import { jobQueue } from './job-queue.server.ts';
import {
  liveTotals,
  modelStatView,
  providerLabel,
  runSummary,
  stepView,
} from './run-view.server.ts';

async function requireProject(orgId: string, projectId: string | undefined) {
  const project = projectId ? await getProject(db(), orgId, projectId) : undefined;
  if (!project) throw notFound('This project does not exist in this organisation.');
  return project;
}

/** The Generate page: what will be generated from, and the project's recent runs. */
export async function generateLoader(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const project = await requireProject(access.orgId, projectId);
  const [runs, stats, spend] = await Promise.all([
    listPlanRuns(db(), access.orgId, project.id, 20),
    listModelStats(db(), access.orgId),
    spendStatus(access.orgId),
  ]);
  const provider = project.preferred_provider ?? 'auto';
  return {
    project: {
      id: project.id,
      name: project.name,
      idea: project.idea,
      providerLabel: providerLabel(provider),
      model: project.preferred_model,
    },
    runs: runs.map((run) => runSummary(run)),
    modelStats: stats.map(modelStatView),
    spend,
    canGenerate: can(access.role, 'project:update') && project.deleted_at === null,
  };
}

const modelList = z
  .string()
  .trim()
  .max(300, 'Keep the list under 300 characters')
  .default('')
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(100, 'A model name is at most 100 characters'))
      .max(3, 'Compare at most 3 models side by side'),
  );

export const generateSchema = z.object({
  provider: z.enum(['project', 'offline'], 'Pick how to generate').default('project'),
  prdModels: modelList,
});

/** "Generate": queues prd → tech → breakdown → tasks and opens the live run view. */
export async function generateAction(
  request: Request,
  orgId: string | undefined,
  projectId: string | undefined,
) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'project:update');
  const project = await requireProject(access.orgId, projectId);
  if (project.deleted_at) throw badRequest('This project is archived.');
  const form = await readForm(request);
  // With an allow-list the models are checkboxes: one value each, read as the comma list.
  form.set('prdModels', form.getAll('prdModels').map(String).join(','));
  const parsed = parseForm(form, generateSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  if (project.idea.trim() === '') {
    return invalid({
      form: ['Describe the idea in the project settings first: the PRD starts from it.'],
    });
  }
  const offline = parsed.value.provider === 'offline';
  const models = parsed.value.prdModels;
  let runId: string;
  try {
    ({ runId } = await enqueuePlanRun(await jobQueue(), {
      orgId: access.orgId,
      projectId: project.id,
      triggeredBy: access.user.id,
      ...(offline ? { provider: 'offline' } : {}),
      variants: models.length > 0 ? { prd: models.map((model) => ({ model })) } : {},
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
    resourceType: 'project',
    resourceId: project.id,
    action: 'generation_started',
    changes: { runId, models, offline },
  });
  throw redirect(`/orgs/${access.orgId}/runs/${runId}`);
}

async function requireRun(orgId: string, runId: string | undefined) {
  const found = runId ? await getPlanRun(db(), orgId, runId) : undefined;
  if (!found) throw notFound('This run does not exist in this organisation.');
  return found;
}

/** One run with its steps; the page polls it while the run is active. */
export async function runLoader(
  request: Request,
  orgId: string | undefined,
  runId: string | undefined,
) {
  const access = await requireOrgAccess(request, orgId, 'org:read');
  const { run, steps } = await requireRun(access.orgId, runId);
  const project = await requireProject(access.orgId, run.project_id);
  return {
    run: { ...runSummary(run, steps), ...liveTotals(steps) },
    steps: steps.map((step) => stepView(run, step)),
    project: { id: project.id, name: project.name },
    canControl: can(access.role, 'project:update'),
  };
}

const runActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('cancel') }),
  z.object({ intent: z.literal('retry'), step: z.enum(retryableStepNames) }),
]);

/** Cancel a queued or running run, or retry one failed step (then the steps after it). */
export async function runAction(
  request: Request,
  orgId: string | undefined,
  runId: string | undefined,
) {
  assertSameOrigin(request);
  const access = await requireOrgAccess(request, orgId, 'project:update');
  const { run } = await requireRun(access.orgId, runId);
  const parsed = runActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    throw badRequest(
      `Unknown run action: send intent=cancel, or intent=retry with a step (${retryableStepNames.join(', ')}).`,
    );
  }
  if (parsed.data.intent === 'cancel') {
    const cancelled = await cancelPlanRun(db(), { orgId: access.orgId, runId: run.id });
    if (!cancelled)
      return data(
        { ok: false as const, message: 'This run has already finished.' },
        { status: 409 },
      );
    return { ok: true as const, message: 'Cancelled.' };
  }
  try {
    await enqueueStepRetry(await jobQueue(), {
      orgId: access.orgId,
      runId: run.id,
      step: parsed.data.step,
    });
  } catch (error) {
    if (!(error instanceof EnqueueError)) throw error;
    const status = error.code === 'not_found' ? 404 : error.code === 'refused' ? 429 : 409;
    return data({ ok: false as const, message: error.message }, { status });
  }
  return { ok: true as const, message: `Retrying ${parsed.data.step}.` };
}

import { z } from 'zod';
import { type JobRetryPolicy, type QueueContract, ulid } from '../contract.ts';

/**
 * Names, payloads and retry policies of the AI queues. Kept apart from the job code so the web
 * app can enqueue without loading the pipeline or Yjs.
 * Payloads only point at a `plan_runs` row: what to generate is in its `input_snapshot`.
 */

export const planStepNames = ['prd', 'tech', 'breakdown', 'tasks'] as const;
export const planStepNameSchema = z.enum(planStepNames);
export type PlanStepName = z.output<typeof planStepNameSchema>;

/** What "Retry" on the run page can run again: a plan step, or an "Ask AI" / review run's step. */
export const retryableStepNames = [...planStepNames, 'suggest', 'review'] as const;
export const retryableStepSchema = z.enum(retryableStepNames);
export type RetryableStepName = z.output<typeof retryableStepSchema>;

/** Steps whose output is prose or suggestions, so several models can be offered side by side. */
export const variantStepNames = ['prd', 'tech', 'suggest', 'review'] as const;

const runRef = z.object({ orgId: ulid, runId: ulid });

/**
 * Where pg-boss moves an AI job that failed for good: it threw on every attempt, ran past
 * `expireInSeconds`, or its worker died on the last attempt. Its job ends the run's unfinished
 * steps as failed with the reason, so no run is left "running" after its job is gone. The
 * payload is the failed job's (extra keys of a plan-step job are dropped).
 */
export const runFailedQueue = {
  name: 'ai-run-failed',
  payload: runRef,
  retry: {
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 120,
  } satisfies JobRetryPolicy,
} as const;

/**
 * A long AI call keeps its heartbeat. A worker killed mid-step stops beating: the supervisor of
 * any live worker fails that attempt at most `heartbeatSeconds` + the supervise interval after
 * the last beat (30 s + 15 s, see runner.ts); pg-boss then retries it after the back-off, or on
 * the last attempt moves it to `runFailedQueue`. So the step moves on within about a minute.
 */
const aiRetry: JobRetryPolicy = {
  retryLimit: 3,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 1_800,
  heartbeatSeconds: 30,
  deadLetter: runFailedQueue.name,
};

export const planRunQueue = {
  name: 'plan-run',
  payload: runRef,
  retry: aiRetry,
} as const;

export const planStepQueue = {
  name: 'plan-step',
  /** Runs `step` again (its variants that did not succeed), then the later steps when `continueRun`. */
  payload: runRef.extend({ step: planStepNameSchema, continueRun: z.boolean().default(true) }),
  retry: aiRetry,
} as const;

export const suggestQueue = {
  name: 'suggest',
  payload: runRef,
  retry: { ...aiRetry, expireInSeconds: 600 },
} as const;

export const reviewQueue = {
  name: 'review',
  payload: runRef,
  retry: { ...aiRetry, expireInSeconds: 600 },
} as const;

/** "Create tasks from this version": breakdown then tasks on a stored version, put on the board. */
export const versionTasksQueue = {
  name: 'version-tasks',
  payload: runRef,
  retry: aiRetry,
} as const;

export const aiQueues = [
  planRunQueue,
  planStepQueue,
  suggestQueue,
  reviewQueue,
  versionTasksQueue,
] as const;

/**
 * Every minute: ends runs left queued or running whose job is gone without reaching the dead
 * letter queue (cancelled or deleted in pg-boss, or sent before the queue had one).
 */
export const runSweepQueue = {
  name: 'ai-run-sweep',
  payload: z.object({
    /** Longer than it takes to send a run's job after writing the run. */
    idleSeconds: z.number().int().min(0).default(120),
  }),
  retry: { retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 300 },
} as const satisfies QueueContract;

export const variantChoiceSchema = z.object({
  /** "offline" forces the template provider; anything else uses the configured endpoint. */
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
});
export type VariantChoice = z.output<typeof variantChoiceSchema>;

/** 1 to 3 models (or the same model several times, as samples) for one step. */
export const variantsSchema = z.array(variantChoiceSchema).min(1).max(3);

const constraintsSnapshot = z.object({
  timeline: z.string().optional(),
  budget: z.string().optional(),
  stack: z.string().optional(),
  notes: z.string().optional(),
});

/** One section of the template a completeness review checks the document against. */
export const reviewSectionSchema = z.object({
  heading: z.string().min(1).max(200),
  guidance: z.string().max(2_000),
  required: z.boolean(),
});

/** What a run was asked to do, frozen when it was enqueued (`plan_runs.input_snapshot`). */
export const runInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), idea: z.string(), constraints: constraintsSnapshot }),
  z.object({
    kind: z.literal('suggest'),
    documentId: ulid,
    requestedBy: z.string().nullable(),
    instruction: z.string().min(1),
    selection: z.string().optional(),
  }),
  z.object({
    kind: z.literal('review'),
    documentId: ulid,
    requestedBy: z.string().nullable(),
    /** The document's template sections, as they were when the review was asked for. */
    sections: z.array(reviewSectionSchema).optional(),
  }),
  z.object({
    kind: z.literal('version_tasks'),
    versionId: ulid,
    documentId: ulid,
    requestedBy: z.string().nullable(),
  }),
]);
export type RunInput = z.output<typeof runInputSchema>;

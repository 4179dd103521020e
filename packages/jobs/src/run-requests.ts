import { z } from 'zod';
import { ulid } from './contract.ts';
import { reviewSectionSchema, type VariantChoice, variantsSchema } from './queues/ai.ts';

/** What the web app asks for when it starts AI work; validated before any row is written. */

export const planRunRequestSchema = z.object({
  orgId: ulid,
  projectId: ulid,
  triggeredBy: z.string().nullable(),
  /** Replaces the project's provider for every step, e.g. "offline" to draft from templates. */
  provider: z.string().trim().min(1).max(40).optional(),
  /** Several models for the PRD and/or tech spec, offered side by side as suggestions. */
  variants: z
    .object({ prd: variantsSchema.optional(), tech: variantsSchema.optional() })
    .default({}),
});
export type PlanRunRequest = z.input<typeof planRunRequestSchema>;

export const suggestRequestSchema = z.object({
  orgId: ulid,
  documentId: ulid,
  requestedBy: z.string().nullable(),
  instruction: z.string().trim().min(1).max(2_000),
  /** The selected text (as markdown/plain text), when "Ask AI" was used on a selection. */
  selection: z.string().max(20_000).optional(),
  variants: variantsSchema.optional(),
});
export type SuggestRequest = z.input<typeof suggestRequestSchema>;

export const reviewRequestSchema = z.object({
  orgId: ulid,
  documentId: ulid,
  requestedBy: z.string().nullable(),
  /** The document's own template; without it the review checks the built-in PRD sections. */
  sections: z.array(reviewSectionSchema).max(100).optional(),
  variants: variantsSchema.optional(),
});
export type ReviewRequest = z.input<typeof reviewRequestSchema>;

export const versionTasksRequestSchema = z.object({
  orgId: ulid,
  versionId: ulid,
  requestedBy: z.string().nullable(),
});
export type VersionTasksRequest = z.input<typeof versionTasksRequestSchema>;

/** `refused`: the organisation's AI settings do not allow it (the message has the numbers). */
export type EnqueueErrorCode = 'not_found' | 'not_retryable' | 'refused';

export class EnqueueError extends Error {
  readonly code: EnqueueErrorCode;
  constructor(code: EnqueueErrorCode, message: string) {
    super(message);
    this.name = 'EnqueueError';
    this.code = code;
  }
}

interface ProjectDefaults {
  preferred_provider: string | null;
  preferred_model: string | null;
}

/** Requested provider/model per variant; the worker records the ones it actually used. */
export function stepRows(
  step: string,
  choices: readonly VariantChoice[] | undefined,
  project: ProjectDefaults,
) {
  const list = choices ?? [{}];
  return list.map((choice, index) => ({
    step,
    variant: list.length === 1 ? 'default' : `v${index + 1}`,
    provider: choice.provider ?? project.preferred_provider ?? 'auto',
    model: choice.model ?? project.preferred_model ?? 'default',
  }));
}

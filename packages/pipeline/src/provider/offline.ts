import { OutputRejectedError, PipelineError } from '../errors.ts';
import { structuralBreakdown } from '../offline/breakdown.ts';
import { draftPrd } from '../offline/prd-draft.ts';
import { offlineReview } from '../offline/review.ts';
import { offlineSuggest } from '../offline/suggest.ts';
import { tasksFromStories } from '../offline/tasks.ts';
import { draftTechSpec } from '../offline/tech-draft.ts';
import type { PipelineStep, StepOutput } from '../step.ts';
import { breakdownInputSchema } from '../steps/breakdown.ts';
import { prdInputSchema } from '../steps/prd.ts';
import { reviewInputSchema } from '../steps/review.ts';
import { suggestInputSchema } from '../steps/suggest.ts';
import { tasksInputSchema } from '../steps/tasks.ts';
import { techInputSchema } from '../steps/tech.ts';
import { hashPrompt } from './prompt-hash.ts';
import { parseStepInput } from './run-support.ts';
import type { Provider, RunOptions, StepResult } from './types.ts';
import { checkOutput } from './validate.ts';

export const offlineProviderName = 'offline';
export const offlineModel = 'offline-template';

/** Generators re-parse with the built-in schema, so a custom step reusing a name still type-checks. */
const generators: Record<string, (input: unknown) => unknown> = {
  prd: (input) => draftPrd(prdInputSchema.parse(input)),
  tech: (input) => draftTechSpec(techInputSchema.parse(input)),
  breakdown: (input) => structuralBreakdown(breakdownInputSchema.parse(input)),
  tasks: (input) => tasksFromStories(tasksInputSchema.parse(input)),
  suggest: (input) => offlineSuggest(suggestInputSchema.parse(input)),
  review: (input) => offlineReview(reviewInputSchema.parse(input)),
};

/** Markdown is handed out a block at a time so the UI's streaming path is exercised offline too. */
function emitInBlocks(text: string, onDelta: (textSoFar: string) => void): void {
  const blocks = text.split(/(?<=\n\n)/);
  let soFar = '';
  for (const block of blocks) {
    soFar += block;
    onDelta(soFar);
  }
}

function generate(step: PipelineStep, input: unknown): unknown {
  const generator = generators[step.name];
  if (!generator) {
    throw new PipelineError('request_failed', {
      step: step.name,
      reason: 'the offline provider has no template for this step',
      attempts: 1,
    });
  }
  try {
    return generator(input);
  } catch (error) {
    if (!(error instanceof OutputRejectedError)) throw error;
    throw new PipelineError('invalid_output', {
      step: step.name,
      reason: error.message,
      attempts: 1,
      cause: error,
    });
  }
}

/** Deterministic, template-based provider used when no model endpoint is configured. */
export function createOfflineProvider(): Provider {
  async function run<S extends PipelineStep>(step: S, input: unknown, options: RunOptions = {}) {
    const started = performance.now();
    const parsedInput = parseStepInput(step, input);
    const promptHash = hashPrompt(step.buildMessages(parsedInput), offlineModel, step.name);
    const value = generate(step, parsedInput);
    // The same validation as model replies: offline output must never be a weaker contract.
    const checked = checkOutput(step, value, parsedInput);
    if (!checked.ok) {
      throw new PipelineError('invalid_output', {
        step: step.name,
        reason: checked.reason,
        attempts: 1,
      });
    }
    if (typeof checked.output === 'string' && options.onDelta)
      emitInBlocks(checked.output, options.onDelta);
    const result: StepResult<StepOutput<S>> = {
      // checkOutput validated the value against this step's own schema and postProcess.
      output: checked.output as StepOutput<S>,
      provider: offlineProviderName,
      model: offlineModel,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      latencyMs: Math.round(performance.now() - started),
      promptHash,
      attempts: 1,
      rateLimits: {},
      requestMeta: {
        baseURL: null,
        stream: false,
        finishReason: 'stop',
        validationRetries: 0,
        attemptLog: [{ outcome: 'ok' }],
      },
    };
    return result;
  }
  return { name: offlineProviderName, defaultModel: offlineModel, run };
}

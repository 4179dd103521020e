import { z } from 'zod';
import { PipelineError } from '../errors.ts';
import type { PipelineStep } from '../step.ts';

/** Inputs are checked before any request is made: a bad input is a caller bug, not a model failure. */
export function parseStepInput(step: PipelineStep, input: unknown): unknown {
  const parsed = step.input.safeParse(input);
  if (!parsed.success) {
    throw new PipelineError('invalid_input', {
      step: step.name,
      reason: z.prettifyError(parsed.error),
      attempts: 0,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** The follow-up message sent after an invalid reply; the model sees exactly what was wrong. */
export function correctionPrompt(step: PipelineStep, reason: string): string {
  const format =
    step.output === 'markdown' ? 'the markdown document' : 'JSON that matches the requested schema';
  return `Your previous reply was rejected: ${reason}\nReply again with only ${format}, fixing every problem listed.`;
}

import { z } from 'zod';
import { OutputRejectedError } from '../errors.ts';
import { isMarkdownStep, type PipelineStep } from '../step.ts';

export type Checked = { ok: true; output: unknown } | { ok: false; reason: string };

/** Some OpenAI-compatible servers wrap JSON in a code fence even in JSON mode. */
function unfence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return match?.[1] ?? text;
}

/** Turns the model's raw reply into the step's output, or says why it cannot. */
export function checkReplyText(step: PipelineStep, text: string, input: unknown): Checked {
  if (isMarkdownStep(step)) return checkOutput(step, text, input);
  let value: unknown;
  try {
    value = JSON.parse(unfence(text));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `reply is not valid JSON (${detail})` };
  }
  return checkOutput(step, value, input);
}

/** Schema check then the step's postProcess; used for model replies and offline output alike. */
export function checkOutput(step: PipelineStep, value: unknown, input: unknown): Checked {
  try {
    if (isMarkdownStep(step)) {
      if (typeof value !== 'string' || value.trim() === '')
        return { ok: false, reason: 'reply is empty' };
      return { ok: true, output: step.postProcess ? step.postProcess(value, input) : value };
    }
    const parsed = step.output.safeParse(value);
    if (!parsed.success) {
      return {
        ok: false,
        reason: `reply does not match the schema:\n${z.prettifyError(parsed.error)}`,
      };
    }
    return {
      ok: true,
      output: step.postProcess ? step.postProcess(parsed.data, input) : parsed.data,
    };
  } catch (error) {
    if (error instanceof OutputRejectedError) return { ok: false, reason: error.message };
    throw error;
  }
}

import type { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A step whose reply is free-form markdown (streamable). */
export interface MarkdownStep<TIn extends z.ZodType = z.ZodType> {
  name: string;
  input: TIn;
  output: 'markdown';
  buildMessages(input: z.output<TIn>): ChatMessage[];
  /** Normalise the reply, or throw OutputRejectedError to ask the model again. */
  postProcess?(output: string, input: z.output<TIn>): string;
}

/** A step whose reply is JSON constrained by a zod schema (sent as JSON-schema structured output). */
export interface StructuredStep<
  TIn extends z.ZodType = z.ZodType,
  TOut extends z.ZodType = z.ZodType,
> {
  name: string;
  input: TIn;
  output: TOut;
  buildMessages(input: z.output<TIn>): ChatMessage[];
  /** Normalise the parsed reply, or throw OutputRejectedError to ask the model again. */
  postProcess?(output: z.output<TOut>, input: z.output<TIn>): z.output<TOut>;
}

export type PipelineStep = MarkdownStep | StructuredStep;

export type StepInput<S extends PipelineStep> = z.input<S['input']>;

export type StepOutput<S extends PipelineStep> = S extends { output: 'markdown' }
  ? string
  : S extends { output: infer O extends z.ZodType }
    ? z.output<O>
    : never;

export function isMarkdownStep(step: PipelineStep): step is MarkdownStep {
  return step.output === 'markdown';
}

import type { PipelineStep, StepInput, StepOutput } from '../step.ts';

export interface RunOptions {
  /** Overrides the provider's default model for this call (per project / per step choice). */
  model?: string | undefined;
  /**
   * Markdown steps only: called with the whole text received so far, in order, while streaming.
   * After a retry the text starts again from the beginning, so consumers replace, never append.
   */
  onDelta?: ((textSoFar: string) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** A reply longer than this many characters is cut off there and the step fails. */
  maxReplyChars?: number | undefined;
}

/** One HTTP request (or offline generation) made while running a step. */
export interface AttemptRecord {
  outcome: 'ok' | 'invalid_output' | 'http_error' | 'network_error';
  status?: number | undefined;
  /** Why this attempt did not produce the result. */
  message?: string | undefined;
  /** How long we waited before the next attempt, and whether the server dictated it. */
  waitMs?: number | undefined;
  waitFrom?: 'retry-after' | 'backoff' | undefined;
  requestId?: string | undefined;
}

export interface RequestMeta {
  baseURL: string | null;
  stream: boolean;
  finishReason: string | null;
  /** Number of times the reply was rejected by validation and asked for again (0 or 1). */
  validationRetries: number;
  attemptLog: AttemptRecord[];
}

export interface StepResult<TOutput> {
  output: TOutput;
  provider: string;
  model: string;
  /** Summed over every attempt, including rejected replies: they were paid for. */
  tokensIn: number;
  tokensOut: number;
  /** From the configured price table; null when the model is not in it. */
  costUsd: number | null;
  latencyMs: number;
  /** sha256 over the initial messages, the model and the output schema. */
  promptHash: string;
  /** HTTP requests made (1 when everything went right first time). */
  attempts: number;
  /** Latest value of each `x-ratelimit-*` header seen on any response. */
  rateLimits: Record<string, string>;
  requestMeta: RequestMeta;
}

export interface Provider {
  /** 'offline' or the configured name of the OpenAI-compatible endpoint. */
  readonly name: string;
  readonly defaultModel: string;
  run<S extends PipelineStep>(
    step: S,
    input: StepInput<S>,
    options?: RunOptions,
  ): Promise<StepResult<StepOutput<S>>>;
}

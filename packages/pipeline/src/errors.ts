/**
 * Stable failure codes a caller can store (plan_run_steps.error) and branch on:
 * - `invalid_input`: the step's input did not match its schema (a caller bug, never retried).
 * - `invalid_output`: the model replied twice with output that failed parsing, the schema or postProcess.
 * - `retries_exhausted`: transient HTTP/network failures outlasted the retry budget.
 * - `request_failed`: the provider refused the request for a reason retrying cannot fix (4xx).
 * - `aborted`: the caller's AbortSignal fired.
 * - `reply_too_large`: the reply passed the caller's size limit and was cut off there.
 */
export type PipelineErrorCode =
  | 'invalid_input'
  | 'invalid_output'
  | 'retries_exhausted'
  | 'request_failed'
  | 'aborted'
  | 'reply_too_large';

export interface PipelineErrorDetails {
  step: string;
  reason: string;
  attempts: number;
  status?: number | undefined;
  cause?: unknown;
  /** Tokens the provider reported for replies received before the failure: they were paid for. */
  tokensIn?: number | undefined;
  tokensOut?: number | undefined;
}

export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  readonly step: string;
  /** Human-readable reason, suitable for the run view and the step's error column. */
  readonly reason: string;
  /** HTTP requests made before giving up. */
  readonly attempts: number;
  readonly status: number | undefined;
  readonly tokensIn: number;
  readonly tokensOut: number;

  constructor(code: PipelineErrorCode, details: PipelineErrorDetails) {
    super(`step "${details.step}" failed (${code}): ${details.reason}`, { cause: details.cause });
    this.name = 'PipelineError';
    this.code = code;
    this.step = details.step;
    this.reason = details.reason;
    this.attempts = details.attempts;
    this.status = details.status;
    this.tokensIn = details.tokensIn ?? 0;
    this.tokensOut = details.tokensOut ?? 0;
  }
}

/**
 * Thrown by a step's postProcess when the output parses but breaks a rule the schema cannot
 * express (a cycle, a citation of a missing section). The provider turns it into a validation
 * retry, so the message is written for the model to read.
 */
export class OutputRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRejectedError';
  }
}

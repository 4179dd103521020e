import { setTimeout as sleep } from 'node:timers/promises';
import { PipelineError } from '../errors.ts';
import { collectRateLimits } from './rate-limits.ts';
import type { AttemptRecord } from './types.ts';

export interface RetryPolicy {
  /** Retries after the first request; a step makes at most maxRetries + 1 requests per reply. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking us to wait longer than this is treated as a failure, not slept on. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

export interface Failure {
  retryable: boolean;
  outcome: 'http_error' | 'network_error';
  status?: number | undefined;
  headers?: Headers | undefined;
  message: string;
}

/** "Full jitter": uniform in [0, min(max, base·2^n)], which spreads out clients retrying together. */
export function backoffDelayMs(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** Reads `retry-after-ms` (OpenAI, Azure) or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(
  headers: Headers | undefined,
  now: number = Date.now(),
): number | null {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface RetryContext {
  step: string;
  policy: RetryPolicy;
  classify: (error: unknown) => Failure;
  /** Failed attempts are appended here; the caller appends successful ones. */
  attemptLog: AttemptRecord[];
  rateLimits: Record<string, string>;
  signal?: AbortSignal | undefined;
}

function describe(failure: Failure): string {
  return failure.status ? `HTTP ${failure.status}: ${failure.message}` : failure.message;
}

/** Runs `request` until it succeeds, a failure is not retryable, or the retry budget is spent. */
export async function withRetries<T>(request: () => Promise<T>, context: RetryContext): Promise<T> {
  const { step, policy, attemptLog, signal } = context;
  for (let retryIndex = 0; ; retryIndex++) {
    try {
      return await request();
    } catch (error) {
      // Already a decision (e.g. a reply over the size limit): retrying would pay for it again.
      if (error instanceof PipelineError) throw error;
      if (signal?.aborted) {
        throw new PipelineError('aborted', {
          step,
          reason: 'cancelled by the caller',
          attempts: attemptLog.length,
          cause: error,
        });
      }
      const failure = context.classify(error);
      collectRateLimits(failure.headers, context.rateLimits);
      const record: AttemptRecord = {
        outcome: failure.outcome,
        status: failure.status,
        message: failure.message,
      };
      attemptLog.push(record);
      const details = { step, attempts: attemptLog.length, status: failure.status, cause: error };
      if (!failure.retryable) {
        throw new PipelineError('request_failed', {
          ...details,
          reason: `provider refused the request (${describe(failure)})`,
        });
      }
      if (retryIndex >= policy.maxRetries) {
        const reason = `gave up after ${attemptLog.length} attempts; last error ${describe(failure)}`;
        throw new PipelineError('retries_exhausted', { ...details, reason });
      }
      const dictated =
        failure.status === 429 || failure.status === 503 ? retryAfterMs(failure.headers) : null;
      if (dictated !== null && dictated > policy.maxRetryAfterMs) {
        const reason = `server asked to retry after ${Math.round(dictated / 1000)} s, more than the ${Math.round(policy.maxRetryAfterMs / 1000)} s allowed (${describe(failure)})`;
        throw new PipelineError('retries_exhausted', { ...details, reason });
      }
      record.waitMs = dictated ?? backoffDelayMs(retryIndex, policy);
      record.waitFrom = dictated === null ? 'backoff' : 'retry-after';
      try {
        await sleep(record.waitMs, undefined, { signal });
      } catch (abort) {
        throw new PipelineError('aborted', {
          ...details,
          reason: 'cancelled by the caller',
          cause: abort,
        });
      }
    }
  }
}

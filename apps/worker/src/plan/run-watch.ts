import type { Db } from '@specboard/db';
import { getPlanRunStatus } from '@specboard/db/plan-run-progress';

/** Raised into a step's AbortSignal when a person cancels its run. */
export class RunCancelledError extends Error {
  constructor() {
    super('the run was cancelled');
    this.name = 'RunCancelledError';
  }
}

export interface RunWatch {
  /** Aborted when the run is cancelled or pg-boss gives up on the job. */
  signal: AbortSignal;
  /** True once a cancellation was seen (as opposed to the job being stopped). */
  readonly cancelled: boolean;
  /** Reads the status now; used between steps. */
  checkNow(): Promise<boolean>;
  stop(): void;
}

/**
 * Polls the run's status while it works, so a cancel from the web app aborts the model call in
 * flight. Polling (not LISTEN) keeps it independent of the bus: one indexed read per interval.
 */
export function watchRun(
  db: Db,
  run: { orgId: string; runId: string },
  options: { pollMs: number; jobSignal?: AbortSignal | undefined },
): RunWatch {
  const controller = new AbortController();
  let cancelled = false;
  let polling = false;
  const checkNow = async (): Promise<boolean> => {
    if (cancelled) return true;
    const status = await getPlanRunStatus(db, run.orgId, run.runId);
    if (status === 'cancelled') {
      cancelled = true;
      controller.abort(new RunCancelledError());
    }
    return cancelled;
  };
  const timer = setInterval(() => {
    if (polling || cancelled) return;
    polling = true;
    // A failed poll is retried on the next tick; the step's own queries surface lasting errors.
    checkNow()
      .catch(() => false)
      .finally(() => {
        polling = false;
      });
  }, options.pollMs);
  const onJobAbort = () => controller.abort(options.jobSignal?.reason);
  options.jobSignal?.addEventListener('abort', onJobAbort, { once: true });
  if (options.jobSignal?.aborted) onJobAbort();
  return {
    signal: controller.signal,
    get cancelled() {
      return cancelled;
    },
    checkNow,
    stop() {
      clearInterval(timer);
      options.jobSignal?.removeEventListener('abort', onJobAbort);
    },
  };
}

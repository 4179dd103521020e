import type { Logger } from 'pino';

/** How long a shutdown step may take before it is named in the log. */
export const SLOW_STEP_MS = 10_000;

/**
 * Runs one named step of a shutdown that must not lose data (flushing the log): it is waited for
 * however long it takes, and named in the log when it passes `SLOW_STEP_MS`, so a stuck stop
 * says what it is waiting for.
 */
export async function mustFinish<T>(logger: Logger, step: string, work: Promise<T>): Promise<T> {
  const timer = setTimeout(
    () => logger.error({ step, waitedMs: SLOW_STEP_MS }, 'shutdown step is slow; still waiting'),
    SLOW_STEP_MS,
  );
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one named step of a shutdown that holds no unsaved data (closing listeners, pools,
 * threads): after `SLOW_STEP_MS` it is named in the log and left behind, so the process still
 * stops. Its failure is logged, never thrown: the following steps run regardless.
 */
export async function mayAbandon(logger: Logger, step: string, work: () => Promise<unknown>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const abandoned = new Promise<'abandoned'>((resolve) => {
    timer = setTimeout(() => resolve('abandoned'), SLOW_STEP_MS);
  });
  try {
    const outcome = await Promise.race([work().then(() => 'done' as const), abandoned]);
    if (outcome === 'abandoned') {
      logger.error({ step, waitedMs: SLOW_STEP_MS }, 'shutdown step did not finish; going on');
    }
  } catch (error) {
    logger.error({ err: error, step }, 'shutdown step failed; going on');
  } finally {
    clearTimeout(timer);
  }
}

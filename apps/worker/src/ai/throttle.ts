/**
 * Runs `task` at most once per `intervalMs`, never two at a time, always with the latest state
 * (the task reads it when it runs). `cancel` drops a scheduled run and waits for a running one.
 */
export function throttle(task: () => Promise<void>, intervalMs: number) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastRun = 0;
  let failure: unknown = null;
  const run = () => {
    timer = null;
    lastRun = Date.now();
    running = running.then(task).catch((error: unknown) => {
      failure = error;
    });
  };
  return {
    schedule(): void {
      if (timer !== null) return;
      timer = setTimeout(run, Math.max(0, lastRun + intervalMs - Date.now()));
    },
    /** Resolves when nothing is running; rethrows the first failure of a background run. */
    async cancel(): Promise<void> {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
      if (failure !== null) throw new Error('writing streamed text failed', { cause: failure });
    },
  };
}

import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once `check` holds, polling the state every 20 ms; `timeoutMs` is only a safety net
 * against a hang and names what never happened.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

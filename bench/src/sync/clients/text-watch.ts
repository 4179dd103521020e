import type { BenchClient } from './connect.ts';

/** The shared text the trace is replayed into. */
export const traceTextName = 'trace';

/** Resolves when every client's trace text equals `expected`; rejects after `timeoutMs`. */
export function whenTextsEqual(
  clients: BenchClient[],
  expected: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = clients.length;
    const stops: (() => void)[] = [];
    const timer = setTimeout(() => {
      for (const stop of stops) stop();
      reject(new Error(`${pending} observer(s) did not reach the final text in ${timeoutMs} ms`));
    }, timeoutMs);
    const settleOne = () => {
      pending--;
      if (pending > 0) return;
      clearTimeout(timer);
      resolve();
    };
    for (const client of clients) {
      const text = client.doc.getText(traceTextName);
      // Comparing whole strings is costly, so only when the length already matches.
      const matches = () => text.length === expected.length && text.toString() === expected;
      if (matches()) {
        settleOne();
        continue;
      }
      const observer = () => {
        if (!matches()) return;
        text.unobserve(observer);
        settleOne();
      };
      text.observe(observer);
      stops.push(() => text.unobserve(observer));
    }
    if (clients.length === 0) resolve();
  });
}

import { runPlaywrightBench } from './playwright-bench.ts';

/**
 * `pnpm bench web`: the trace-sized document open in two real Chromium browsers while eight
 * headless y-websocket typists (typists.ts) type into it: keystroke → remote paint and long tasks.
 */
export function runWebBench(argv: string[]): Promise<void> {
  return runPlaywrightBench('web.bench.ts', argv);
}

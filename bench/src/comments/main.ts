import { runPlaywrightBench } from '../web/playwright-bench.ts';

/** `pnpm bench comments`: the Playwright benchmark in tests/bench (50 comments, two browsers). */
export function runCommentsBench(argv: string[]): Promise<void> {
  return runPlaywrightBench('comments.bench.ts', argv);
}

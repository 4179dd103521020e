import { runPlaywrightBench } from '../web/playwright-bench.ts';

/** `pnpm bench board`: the Playwright benchmark in tests/bench (2,000 cards, two browsers). */
export function runBoardBench(argv: string[]): Promise<void> {
  return runPlaywrightBench('board.bench.ts', argv);
}

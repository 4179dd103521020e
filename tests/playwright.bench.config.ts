import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// `pnpm bench board` runs this through run-e2e.ts: the same real apps, benchmarks instead of tests.
// No Playwright trace: recording one snapshots the DOM at every action and watches every DOM
// change of every page, which cost the watching browser ~6 ms per board move (and CPU the
// pages measured share); see docs/decisions/019-board-latency.md.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '*.bench.ts',
  outputDir: './bench-results',
  timeout: 600_000,
  use: { ...base.use, trace: 'off' },
});

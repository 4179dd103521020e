import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// `pnpm bench board` runs this through run-e2e.ts: the same real apps, benchmarks instead of tests.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '*.bench.ts',
  outputDir: './bench-results',
  timeout: 600_000,
});

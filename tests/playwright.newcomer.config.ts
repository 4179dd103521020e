import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// tests/run-newcomer.ts starts `pnpm dev` and passes its address in E2E_BASE_URL. The dev server
// compiles pages on first visit, so the first steps get more time than the production specs.
export default defineConfig({
  ...base,
  testDir: './newcomer',
  timeout: 180_000,
  expect: { timeout: 20_000 },
});

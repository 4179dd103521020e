import { defineConfig } from 'vitest/config';

// The React Router plugin is left out on purpose: tests call loaders and actions directly.
export default defineConfig({
  test: {
    include: ['app/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});

import { defineConfig } from 'vitest/config';

/**
 * Infrastructure tests alone: `npx vitest run --config test/infra/vitest.config.ts`.
 * They need no local services, so this skips the root config's global setup.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/infra/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});

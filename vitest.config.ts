import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database suites create their own databases, so files may run in parallel; 2 cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: real Chromium with the built e2e extension. One file at
 * a time (two cores; each file launches its own browser).
 */
export default defineConfig({
  test: {
    name: 'e2e',
    globals: true,
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});

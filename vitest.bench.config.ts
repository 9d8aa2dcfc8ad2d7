import { defineConfig } from 'vitest/config';
import e2e from './vitest.e2e.config';

/**
 * `npm run bench`: the e2e harness (real Chromium, the e2e build) on the benchmarks in tests/bench only,
 * plus the demo build, made once for the run (tests/bench/global-setup.ts).
 */
export default defineConfig({
  test: {
    ...e2e.test,
    name: 'bench',
    include: ['tests/bench/**/*.bench.test.ts'],
    globalSetup: [e2e.test?.globalSetup ?? [], 'tests/bench/global-setup.ts'].flat(),
    testTimeout: 3_600_000,
  },
});

import { defineConfig } from 'vitest/config';
import e2e from './vitest.e2e.config';

/** `npm run bench`: the e2e harness (real Chromium, the e2e build) on the benchmarks in tests/bench only. */
export default defineConfig({
  test: { ...e2e.test, name: 'bench', include: ['tests/bench/**/*.bench.test.ts'], testTimeout: 3_600_000 },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

/** Unit and DOM tests: fast, no browser. E2E lives in vitest.e2e.config.ts. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: { name: 'dom', environment: 'jsdom', include: ['tests/dom/**/*.test.ts', 'tests/dom/**/*.test.tsx', 'tests/adapters/**/*.test.ts'] },
      },
    ],
  },
});

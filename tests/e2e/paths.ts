import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The e2e build; TIP_E2E_EXTENSION_DIR points the tests at a copy (parallel work on one machine). */
export const E2E_BUILD_DIR = process.env.TIP_E2E_EXTENSION_DIR ?? `${ROOT}.output/chrome-mv3-e2e`;
export const ARTIFACTS_DIR = `${ROOT}tests/e2e/.artifacts`;

/** `npm run build`: the store build, with no demo inbox. */
export const RELEASE_BUILD_DIR = `${ROOT}.output/chrome-mv3`;
/** `npm run build:demo` (`npm start`): the store build plus the demo inbox at its default address. */
export const DEMO_BUILD_DIR = `${ROOT}.output/chrome-mv3-demo`;
export const DEMO_BUILD_ARGS = ['wxt', 'build', '--mode', 'demo'] as const;

/**
 * The environment to run a release or demo `wxt build` in from a test: vitest sets
 * NODE_ENV=test, and a release build made under it is not the one `npm run build` makes.
 */
export const RELEASE_BUILD_ENV = { ...process.env, NODE_ENV: 'production' };

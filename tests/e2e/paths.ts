import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const E2E_BUILD_DIR = `${ROOT}.output/chrome-mv3-e2e`;
export const ARTIFACTS_DIR = `${ROOT}tests/e2e/.artifacts`;

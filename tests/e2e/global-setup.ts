import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { E2E_BUILD_DIR } from './paths';
import { findChrome } from './chrome';

/**
 * Builds the test build once per run (set TIP_E2E_REUSE_BUILD=1 to reuse an
 * existing one) and fails early, with the fix, when no Chromium is there.
 */
export default async function setup(): Promise<void> {
  await findChrome();
  const reuse = process.env.TIP_E2E_REUSE_BUILD === '1' || process.env.TIP_E2E_EXTENSION_DIR !== undefined;
  if (reuse && existsSync(`${E2E_BUILD_DIR}/manifest.json`)) return;
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit' });
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEMO_BUILD_ARGS, DEMO_BUILD_DIR, RELEASE_BUILD_ENV, ROOT } from '../e2e/paths';

/**
 * `npm run bench` builds the demo build (the release build's scripts plus the demo inbox's)
 * once for all its files; TIP_BENCH_REUSE_BUILD=1 keeps an existing one.
 */
export default function setup(): void {
  if (process.env.TIP_BENCH_REUSE_BUILD === '1' && existsSync(`${DEMO_BUILD_DIR}/manifest.json`)) return;
  execFileSync('npx', [...DEMO_BUILD_ARGS], { cwd: ROOT, stdio: 'inherit', env: RELEASE_BUILD_ENV });
}

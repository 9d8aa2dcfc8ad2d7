import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../e2e/paths';

/**
 * The size gate: each content script's gzip size, recorded in
 * tests/bench/content-sizes.json, may grow at most 3 % before a test fails.
 * Bytes are no budget any more (page-load time is measured instead), only a
 * tripwire for a dependency or a feature that slips into every host page
 * unnoticed. Rewrite the record on purpose with TIP_UPDATE_SIZES=1 (see README).
 */
export const SIZES_FILE = `${ROOT}tests/bench/content-sizes.json`;
export const GROWTH_ALLOWED = 0.03;

/** What a host page downloads: zlib gzip level 9 (GNU `gzip -9` comes out about 0.5 % smaller). */
export function gzippedSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Every content script of a build, by file name, with its gzip size. */
export function measureContentScripts(buildDir: string): Record<string, number> {
  const names = readdirSync(`${buildDir}/content-scripts`)
    .filter((f) => f.endsWith('.js'))
    .sort();
  return Object.fromEntries(names.map((name) => [name, gzippedSize(`${buildDir}/content-scripts/${name}`)]));
}

export function readRecordedSizes(): Record<string, number> {
  return JSON.parse(readFileSync(SIZES_FILE, 'utf8')) as Record<string, number>;
}

export function writeRecordedSizes(sizes: Record<string, number>): void {
  writeFileSync(SIZES_FILE, `${JSON.stringify(sizes, null, 2)}\n`);
}

/** Whether this run rewrites the record: `TIP_UPDATE_SIZES=1 npm run bench` (vitest refuses unknown flags). */
export function updatingSizes(): boolean {
  return process.env.TIP_UPDATE_SIZES === '1';
}

/** One line per script over its allowance or missing from the record; empty when all are within. */
export function sizeProblems(measured: Record<string, number>, recorded: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [name, bytes] of Object.entries(measured)) {
    const before = recorded[name];
    if (before === undefined) problems.push(`${name}: ${bytes} B, not in tests/bench/content-sizes.json (record it with TIP_UPDATE_SIZES=1)`);
    else if (bytes > before * (1 + GROWTH_ALLOWED)) {
      problems.push(`${name}: ${bytes} B, ${(((bytes - before) / before) * 100).toFixed(1)} % over its recorded ${before} B (allowed ${GROWTH_ALLOWED * 100} %)`);
    }
  }
  return problems;
}

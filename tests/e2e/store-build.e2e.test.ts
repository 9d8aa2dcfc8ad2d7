import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DEMO_MATCHES, SITE_MATCHES } from '../../core/adapters/matches';
import { DEMO_BUILD_ARGS, DEMO_BUILD_DIR, RELEASE_BUILD_DIR, RELEASE_BUILD_ENV, ROOT } from './paths';
import { measureContentScripts, readRecordedSizes, sizeProblems } from '../bench/content-sizes';

/**
 * The store build (`npm run build`) reads and holds permission for the named
 * sites only: nothing on a local port, where any program on the machine could
 * serve a page. The demo inbox comes only with `npm run build:demo` (what
 * `npm start` loads), at its default address and nowhere else.
 */
interface Manifest {
  content_scripts?: { matches?: string[]; js?: string[] }[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  permissions?: string[];
  web_accessible_resources?: { matches?: string[] }[];
}

const LOCAL = /5174|127\.0\.0\.1|localhost/;
const read = (dir: string) => JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as Manifest;
/** Every match pattern a manifest names, wherever it names one. */
const patterns = (m: Manifest) => [
  ...(m.content_scripts ?? []).flatMap((s) => s.matches ?? []),
  ...(m.host_permissions ?? []),
  ...(m.permissions ?? []),
  ...(m.web_accessible_resources ?? []).flatMap((r) => r.matches ?? []),
];

describe('the store build and the demo build', () => {
  let release: Manifest;
  let demo: Manifest;
  beforeAll(() => {
    // Each as its npm script makes it (RELEASE_BUILD_ENV: not vitest's NODE_ENV=test).
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'pipe', env: RELEASE_BUILD_ENV });
    execFileSync('npx', [...DEMO_BUILD_ARGS], { cwd: ROOT, stdio: 'pipe', env: RELEASE_BUILD_ENV });
    release = read(RELEASE_BUILD_DIR);
    demo = read(DEMO_BUILD_DIR);
  }, 300_000);

  it('npm run build: no content script, host permission or resource names the demo port or a local host, and no demo script ships', () => {
    expect(patterns(release).filter((p) => LOCAL.test(p))).toEqual([]);
    expect(release.host_permissions).toEqual([...SITE_MATCHES]);
    expect((release.content_scripts ?? []).flatMap((s) => s.js ?? []).filter((f) => /demo/.test(f))).toEqual([]);
    expect(existsSync(`${RELEASE_BUILD_DIR}/content-scripts/demo.js`)).toBe(false);
    // Other sites are asked for one by one, in the options.
    expect(release.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it("npm run build:demo: the demo inbox's two default addresses and nothing else local, the release build's scripts byte for byte", () => {
    expect([...new Set(patterns(demo).filter((p) => LOCAL.test(p)))].sort()).toEqual([...DEMO_MATCHES].sort());
    expect([...(demo.host_permissions ?? [])].sort()).toEqual([...SITE_MATCHES, ...DEMO_MATCHES].sort());
    const demoScript = (demo.content_scripts ?? []).find((s) => s.js?.includes('content-scripts/demo.js'));
    expect([...(demoScript?.matches ?? [])].sort()).toEqual([...DEMO_MATCHES].sort());
    // The rest is the store build: same manifest entries (the room script also reserves the demo inbox's room), same files (closed shadow root, same minification).
    const withoutDemo = (demo.content_scripts ?? []).filter((s) => s !== demoScript).map((s) => ({ ...s, matches: s.matches?.filter((m) => !(DEMO_MATCHES as readonly string[]).includes(m)) }));
    expect(withoutDemo).toEqual(release.content_scripts);
    const roomScript = (demo.content_scripts ?? []).find((s) => s.js?.includes('content-scripts/room.js'));
    expect(roomScript?.matches).toEqual(expect.arrayContaining([...DEMO_MATCHES]));
    const scripts = readdirSync(`${RELEASE_BUILD_DIR}/content-scripts`).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of [...scripts.map((f) => `content-scripts/${f}`), 'background.js']) {
      expect(readFileSync(`${DEMO_BUILD_DIR}/${file}`).equals(readFileSync(`${RELEASE_BUILD_DIR}/${file}`)), file).toBe(true);
    }
  });

  // The size gate (tests/bench/content-sizes.ts): the demo build's scripts are the release build's plus the demo inbox's.
  it('size gate: no content script is more than 3 % over its gzip size recorded in tests/bench/content-sizes.json', () => {
    const measured = measureContentScripts(DEMO_BUILD_DIR);
    expect(Object.keys(measured).length).toBeGreaterThan(5);
    expect(sizeProblems(measured, readRecordedSizes())).toEqual([]);
  });
});

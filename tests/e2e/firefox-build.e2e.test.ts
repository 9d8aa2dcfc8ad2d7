import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { RELEASE_BUILD_ENV, ROOT } from './paths';

const FIREFOX_DIR = `${ROOT}.output/firefox-mv2`;

describe('the Firefox build', () => {
  it('builds, carries the gecko id and data-collection declaration, declares the optional site origins, and passes web-ext lint with no errors', () => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'pipe', env: RELEASE_BUILD_ENV });
    const manifest = JSON.parse(readFileSync(`${FIREFOX_DIR}/manifest.json`, 'utf8'));
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // MV2 has no optional_host_permissions: the origins the options ask for (permissions.request({ origins })) must be
    // optional_permissions, or Firefox refuses every site the agent adds.
    expect(manifest.optional_permissions).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*']));
    expect(manifest.optional_host_permissions).toBeUndefined();
    // Like the Chrome store build, no demo inbox: nothing on a local port.
    expect(JSON.stringify([manifest.permissions, manifest.content_scripts])).not.toMatch(/5174|127\.0\.0\.1|localhost/);

    let out: string;
    try {
      out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', FIREFOX_DIR, '--self-hosted', '--output', 'json', '--no-config-discovery'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // web-ext exits non-zero when the linter finds errors; the JSON report is still on stdout.
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    expect(report.errors.map((e: { code: string; message: string }) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 180_000);
});

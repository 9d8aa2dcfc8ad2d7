import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { RELEASE_BUILD_ENV, ROOT } from './paths';

const FIREFOX_DIR = `${ROOT}.output/firefox-mv2`;

describe('the Firefox build', () => {
  it('builds, carries the gecko id and data-collection declaration, declares the optional site origins, carries the generated icons, and passes web-ext lint with the add-on store checks (no --self-hosted) with no errors', () => {
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

    // Every size drawn from the one SVG (WXT auto-icons), on the toolbar button too.
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
    expect(manifest.browser_action.default_icon['16']).toBe('icons/16.png');
    for (const size of ['16', '32', '48', '128']) expect(readFileSync(`${FIREFOX_DIR}/icons/${size}.png`).subarray(1, 4).toString()).toBe('PNG');

    let out: string;
    try {
      out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', FIREFOX_DIR, '--output', 'json', '--no-config-discovery'], {
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

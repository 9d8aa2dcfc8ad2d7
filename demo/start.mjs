#!/usr/bin/env node
/**
 * `npm start`: build the demo build (the release build plus the demo inbox's
 * content script, `npm run build:demo`), serve the demo inbox on
 * 127.0.0.1, and open Chromium with the extension loaded on it. Where there is
 * no display, say so and print how to load the build by hand. Ctrl-C stops
 * everything this started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './serve.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const buildDir = join(root, '.output', 'chrome-mv3-demo');
const port = Number(process.env.PORT ?? 5174);

function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

console.log('Building the extension with the demo inbox (npm run build:demo)…');
const build = spawnSync('npx', ['wxt', 'build', '--mode', 'demo'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startDemoServer({ port, host: '127.0.0.1' });
const url = server.url;
console.log(`\nDemo inbox: ${url}`);
if (port !== 5174) {
  console.log('Note: the demo build runs on the demo at port 5174 only; use `npm run build:e2e` for other ports.');
}

let browser = null;
let profile = null;
const chromium = findChromium();
if (chromium && hasDisplay()) {
  profile = mkdtempSync(join(tmpdir(), 'tickets-in-place-'));
  browser = spawn(
    chromium,
    [
      `--user-data-dir=${profile}`,
      `--load-extension=${buildDir}`,
      `--disable-extensions-except=${buildDir}`,
      // Branded Chrome ignores --load-extension since 137 unless this feature is off.
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--no-first-run',
      '--no-default-browser-check',
      url,
    ],
    { stdio: 'ignore' },
  );
  console.log(`Opened Chromium with the extension loaded (${chromium}).`);
  browser.on('exit', () => stop(0));
} else {
  console.log(`
${chromium ? 'No display here, so no browser window was opened.' : 'No Chromium found (set CHROME_PATH, or apt-get install chromium).'}
To try it by hand in Chrome or Chromium:
  1. Open chrome://extensions and switch on "Developer mode".
  2. Click "Load unpacked" and choose:
       ${buildDir}
  3. Open ${url}
In Firefox: npx wxt build -b firefox --mode demo, then about:debugging → This Firefox → "Load Temporary Add-on…" → .output/firefox-mv2-demo/manifest.json.`);
}
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  browser?.kill();
  await server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

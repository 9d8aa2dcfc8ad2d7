import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * Which Chromium the e2e tests drive: CHROME_PATH, else a browser puppeteer
 * already has installed, else the system's. Never downloads one.
 */
export async function findChrome(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROME_PATH) {
    if (existsSync(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${env.CHROME_PATH} does not exist. Fix: point CHROME_PATH at a Chromium binary, or apt-get install chromium`);
  }
  try {
    const { default: puppeteer } = await import('puppeteer');
    const bundled = puppeteer.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // No browser in puppeteer's cache (downloads are skipped): look on the system.
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(candidate)) return candidate;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  throw new Error('No Chromium found for the e2e tests. Fix: apt-get install chromium (or npx puppeteer browsers install chrome), or set CHROME_PATH.');
}

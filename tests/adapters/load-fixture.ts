import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

// Paths, not URL objects: under the jsdom environment `URL` is jsdom's, which node:fs rejects.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A saved host page as a jsdom Document at the URL it was captured from (no scripts run). */
export function loadFixture(site: string, file: string, url: string): Document {
  const html = readFileSync(join(FIXTURES, site, file), 'utf8');
  return new JSDOM(html, { url }).window.document;
}

/** Every fixture file of a site. */
export function fixturesOf(site: string): string[] {
  try {
    return readdirSync(join(FIXTURES, site)).filter((f) => f.endsWith('.html'));
  } catch {
    return [];
  }
}

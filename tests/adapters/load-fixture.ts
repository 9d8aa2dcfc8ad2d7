import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths, not URL objects: under the jsdom environment `URL` is jsdom's, which node:fs rejects.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/**
 * A saved host page as a Document (parsed, no scripts run). Adapters take the
 * page URL as a separate argument, so the document's own URL does not matter.
 */
export function loadFixture(site: string, file: string): Document {
  const html = readFileSync(join(FIXTURES, site, file), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Every fixture file of a site. */
export function fixturesOf(site: string): string[] {
  try {
    return readdirSync(join(FIXTURES, site)).filter((f) => f.endsWith('.html'));
  } catch {
    return [];
  }
}

/** A snapshot without its newest-message part (checked on its own in messages.test.ts), for the contact and key tests. */
export function withoutLastMessage<T extends { lastMessage?: unknown } | null>(snapshot: T): T {
  if (!snapshot) return snapshot;
  const { lastMessage: _last, ...rest } = snapshot;
  return rest as T;
}

/** The URL each adapter's fixtures were captured at (a fixture's own comment names the path). */
export const FIXTURE_ORIGIN: Record<string, string> = {
  demo: 'http://127.0.0.1:5174/',
  gmail: 'https://mail.google.com/mail/u/0/#inbox',
  outlook: 'https://outlook.office.com/mail/',
  slack: 'https://app.slack.com/client/T0123ABCD/C0456EFGH',
  whatsapp: 'https://web.whatsapp.com/',
  roundcube: 'https://mail.example.org/roundcube/?_task=mail&_mbox=INBOX',
  generic: 'https://support.example.com/tickets/4812',
};

/** The address a fixture's opening comment names (its capture URL), else the adapter's origin. */
export function fixtureUrl(id: string, doc: Document): string {
  const comment = doc.firstChild?.nodeType === 8 ? (doc.firstChild.nodeValue ?? '') : '';
  return /https?:\/\/[^\s()]+/.exec(comment)?.[0] ?? FIXTURE_ORIGIN[id]!;
}

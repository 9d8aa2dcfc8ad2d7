/**
 * Match patterns, in one place: the content script's `matches` and the
 * release build's host permissions both come from here (wxt.config.ts).
 * Roundcube and generic pages are self-hosted or arbitrary, so they have no
 * default pattern: the agent enables them per site in the options.
 */

/** The bundled demo inbox at its default address (docs/ui-contract.md "Builds and paths"). */
export const DEMO_MATCHES = ['http://127.0.0.1:5174/*', 'http://localhost:5174/*'] as const;

export const GMAIL_MATCHES = ['https://mail.google.com/*'] as const;

/**
 * Outlook on the web: work accounts (office.com, office365.com, and since
 * 2025 outlook.cloud.microsoft, where Microsoft now sends work mail) and
 * personal accounts (outlook.live.com).
 */
export const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
] as const;

export const SLACK_MATCHES = ['https://app.slack.com/*'] as const;

export const WHATSAPP_MATCHES = ['https://web.whatsapp.com/*'] as const;

/** The named sites whose adapters know their DOM. */
export const SITE_MATCHES = [...GMAIL_MATCHES, ...OUTLOOK_MATCHES, ...SLACK_MATCHES, ...WHATSAPP_MATCHES] as const;

/** Every pattern a content script of ours is written for (named sites + the bundled demo inbox). */
export const CONTENT_MATCHES = [...SITE_MATCHES, ...DEMO_MATCHES] as const;

/** The e2e build also runs on any local port, so tests serve pages on free ports (docs/ui-contract.md "Builds and paths"). */
export const E2E_EXTRA_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

/** The builds that carry the demo inbox's content script (and `npm run dev`); the store build (`npm run build`) does not. */
export const DEMO_MODES = ['demo', 'e2e', 'development'] as const;

export function buildHasDemo(mode: string): boolean {
  return (DEMO_MODES as readonly string[]).includes(mode);
}

/**
 * Where a build runs and holds host permission out of the box (wxt.config.ts), by WXT mode:
 * the store build only on the named sites, so it reads and asks for nothing on a local port;
 * `demo` (and dev mode) adds the demo inbox at its default address, `e2e` any local port.
 */
export function builtinMatches(mode: string): readonly string[] {
  if (mode === 'e2e') return [...CONTENT_MATCHES, ...E2E_EXTRA_MATCHES];
  if (buildHasDemo(mode)) return CONTENT_MATCHES;
  return SITE_MATCHES;
}

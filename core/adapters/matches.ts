/** Where the content script runs in the release build (named sites + the bundled demo inbox). */
export const DEMO_MATCHES = ['http://127.0.0.1:5174/*', 'http://localhost:5174/*'] as const;

export const CONTENT_MATCHES = [...DEMO_MATCHES] as const;

/** The e2e build also runs on any local port, so tests serve pages on free ports (ui-contract). */
export const E2E_EXTRA_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

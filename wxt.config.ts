import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

import { CONTENT_MATCHES, E2E_EXTRA_MATCHES } from './core/adapters/matches';

export default defineConfig({
  // Explicit imports (`#imports`, 'wxt/browser'): files read the same in tests and the editor.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ mode, browser }) => ({
    name: 'Tickets in place',
    description:
      'A help-desk ticket beside the conversation you already have open: Gmail, Outlook, Roundcube, Slack, WhatsApp Web or any page.',
    permissions: ['storage'],
    host_permissions: mode === 'e2e' ? [...CONTENT_MATCHES, ...E2E_EXTRA_MATCHES] : [...CONTENT_MATCHES],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tickets-in-place@tickets-in-place.org',
              strict_min_version: '140.0',
              // Firefox's add-on store requires this declaration: nothing leaves the device.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // The e2e build differs from the release build only here and in the open
    // shadow root: its content script also runs on any local port.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...new Set([...(script.matches ?? []), ...E2E_EXTRA_MATCHES])];
      }
    },
  },
});

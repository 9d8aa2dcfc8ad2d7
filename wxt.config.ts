import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** The bundled demo inbox's default address (ui-contract "Builds and paths"). */
const DEMO_MATCHES = ['http://127.0.0.1:5174/*', 'http://localhost:5174/*'];
/** The e2e build may run on any local port, so tests serve pages on free ports. */
const E2E_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

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
    host_permissions: mode === 'e2e' ? [...DEMO_MATCHES, ...E2E_MATCHES] : [...DEMO_MATCHES],
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
});

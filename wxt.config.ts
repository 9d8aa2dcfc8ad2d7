import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

import { buildHasDemo, builtinMatches, DEMO_MATCHES, E2E_EXTRA_MATCHES } from './core/adapters/matches';

// The demo build is the release build plus the demo inbox, so it builds as one: WXT sets
// NODE_ENV to the mode when none is set, and anything but 'production' adds preact's devtools.
if (process.env.NODE_ENV === 'demo') process.env.NODE_ENV = 'production';

/**
 * What the demo build's bundles see: the release build's mode, so every script is the one
 * `npm run build` makes (WXT's and preact's debug code is left out by mode), and a flag for
 * the one thing that differs, the demo inbox being built in (components/models/popup-model.ts).
 */
const DEMO_AS_RELEASE = { 'process.env.NODE_ENV': '"production"', 'import.meta.env.MODE': '"production"', 'import.meta.env.TIP_DEMO': 'true' };

/** Every origin a site enabled in the options may ask for, one site at a time. */
const OPTIONAL_ORIGINS = ['https://*/*', 'http://*/*'] as const;

export default defineConfig({
  // Explicit imports (`#imports`, 'wxt/browser'): files read the same in tests and the editor.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  // Every icon size (16, 32, 48, 128) is drawn from one SVG at build time. A filled tile with a light
  // glyph, so one set reads on light and dark toolbars alike.
  autoIcons: { baseIconPath: 'assets/icon.svg' },
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ mode, browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Chrome 120: alarms as short as 30 s (reminders) and CSS color-mix (111). Firefox's floor is below.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '120' }),
    // unlimitedStorage: the help desk's only copy lives in IndexedDB; with it the browser never evicts it
    // under storage pressure (Chrome exempts unlimited origins; Firefox makes it persistent) nor caps its quota.
    // alarms: the trash's 30-day purge runs on a schedule (entrypoints/background/purge-schedule.ts).
    // contextMenus: "Create ticket from selection" (entrypoints/background/context-menu.ts).
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'activeTab', 'alarms', 'contextMenus'],
    // Sites the agent enables in the options (Roundcube, any page) are asked for one by one.
    // MV2 has no optional_host_permissions (WXT drops the key): there the origins go in optional_permissions.
    // notifications: reminders (entrypoints/background/reminders.ts), asked for only when the agent turns them on.
    ...(manifestVersion === 2
      ? { optional_permissions: [...OPTIONAL_ORIGINS, 'notifications'] }
      : { optional_permissions: ['notifications'], optional_host_permissions: [...OPTIONAL_ORIGINS] }),
    // Shortcuts on the open conversation (entrypoints/background/shortcuts.ts); the agent changes the keys in the browser.
    commands: {
      'toggle-sidebar': { suggested_key: { default: 'Alt+Shift+T' }, description: '__MSG_opt_cmd_toggle_sidebar__' },
      'create-ticket': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_opt_cmd_create_ticket__' },
      'close-ticket': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_opt_cmd_close_ticket__' },
    },
    host_permissions: [...builtinMatches(mode)],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tickets-in-place@tickets-in-place.org',
              strict_min_version: '140.0',
              // Firefox's add-on store requires this declaration: nothing leaves the device.
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions arrived in Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // The store build ships no demo inbox: its content script is built only by `--mode demo`
    // (npm run build:demo, npm start), `--mode e2e` and dev mode (core/adapters/matches.ts DEMO_MODES).
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (buildHasDemo(wxt.config.mode)) return;
      const demo = entrypoints.findIndex((e) => e.name === 'demo' && e.type === 'content-script');
      if (demo >= 0) entrypoints.splice(demo, 1);
    },
    // The content script runs on every host page and should stay small
    // (docs/ui-contract.md "Content-script size"). It only sends messages and listens, which Chrome MV3's
    // `chrome` and Firefox's `browser` already do with promises, so its bundle
    // uses the native API instead of webextension-polyfill (3 KB gzip).
    // The background and extension pages keep the polyfill.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (viteConfig.mode === 'demo') viteConfig.define = { ...viteConfig.define, ...DEMO_AS_RELEASE };
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const native = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      // WXT's `ctx` less its location watcher and logger (0.7 KB gzip): see that file.
      const context = { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./components/sidebar/host/context.ts', import.meta.url)) };
      const alias = viteConfig.resolve?.alias;
      const list = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      viteConfig.resolve = { ...viteConfig.resolve, alias: [native, context, ...list.filter((a) => a.find !== 'wxt/browser')] };
      // Preact's createElement calls (`h('p', props, ...children)`) rather than the automatic
      // runtime's `jsx('p', { ...props, children: [...] })`: the same vnodes, 0.2 KB gzip less.
      // A 'post' plugin, so its config wins over @preact/preset-vite's.
      const classicJsx = {
        name: 'tip:classic-jsx',
        enforce: 'post' as const,
        config: () => ({
          esbuild: { jsx: 'transform' as const, jsxFactory: '_h', jsxFragment: '_F', jsxInject: "import { createElement as _h, Fragment as _F } from 'preact'" },
        }),
      };
      viteConfig.plugins = [...(viteConfig.plugins ?? []), classicJsx];
      // terser's three compress passes over esbuild's one: 0.6 KB gzip less per script. Only here:
      // the pages and the background keep esbuild, which is faster and has no budget to meet.
      viteConfig.build = { ...viteConfig.build, minify: 'terser', terserOptions: { ecma: 2020, toplevel: true, compress: { passes: 3 } } };
    },
    // The e2e build differs from the release build only here and in the open
    // shadow root: its demo and room scripts also run on any local port.
    'build:manifestGenerated': (wxt, manifest) => {
      // The toolbar button uses the generated icons too (auto-icons sets only the extension's `icons`).
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_icon = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png' };
      // The room script (entrypoints/room.content) runs before the demo inbox's too, where there is one.
      if (buildHasDemo(wxt.config.mode)) {
        const room = manifest.content_scripts?.find((s) => s.js?.includes('content-scripts/room.js'));
        if (room) room.matches = [...(room.matches ?? []), ...DEMO_MATCHES];
      }
      if (wxt.config.mode !== 'e2e') return;
      // Headless Chromium can't answer a permission prompt: the e2e build has `notifications` granted at
      // install, so Options → Reminders' request resolves at once (the release build asks, see above).
      manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => p !== 'notifications');
      manifest.permissions = [...(manifest.permissions ?? []), 'notifications'];
      // Only the demo inbox's script: it recognises the demo by its marker on any local port.
      for (const script of manifest.content_scripts ?? []) {
        if (script.matches?.some((m) => DEMO_MATCHES.includes(m as (typeof DEMO_MATCHES)[number]))) {
          script.matches = [...new Set([...script.matches, ...E2E_EXTRA_MATCHES])];
        }
      }
    },
  },
});

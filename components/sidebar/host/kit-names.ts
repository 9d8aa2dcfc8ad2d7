/**
 * The sidebar's lazily injected parts (core/messages/protocol.ts PARTS) must
 * render with the content script's own preact: two copies would each keep
 * their own hooks state and diff each other's vnodes wrong. So a part's build
 * (wxt.config.ts) resolves these modules to the objects the content script
 * lends it on `globalThis[KIT_GLOBAL]` (host/kit.ts) in their shared isolated
 * world, which the host page can't see. A part importing a name not listed
 * here fails its build; one importing a module in KIT_FORBIDDEN (a second
 * signals runtime would not track the model's signals) fails it too.
 *
 * Plain data, no imports: wxt.config.ts reads it in Node.
 */
export const KIT_GLOBAL = '__tipKit';

export const KIT_EXPORTS = {
  preact: ['createElement', 'Fragment'],
  'preact/hooks': ['useLayoutEffect', 'useRef', 'useState'],
} as const;

export const KIT_FORBIDDEN = ['@preact/signals', '@preact/signals-core', 'preact/jsx-runtime', 'preact/compat'] as const;

export type KitModule = keyof typeof KIT_EXPORTS;
/** What the content script lends: each listed module's listed exports. */
export type KitModules = { [M in KitModule]: { [N in (typeof KIT_EXPORTS)[M][number]]: unknown } };

import { Fragment, createElement } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Part, Reply } from '../../../core/messages/protocol';
import type { Extras } from '../extras';
import { KIT_GLOBAL, type KitModules } from './kit-names';

/** What a part finds on `globalThis[KIT_GLOBAL]`: the modules it renders with, and where it hands itself over. */
export interface Kit extends KitModules {
  extras?: Extras;
}

/** This content script's own preact and hooks, as kit-names.ts lists them. */
const modules = {
  preact: { createElement, Fragment },
  'preact/hooks': { useLayoutEffect, useRef, useState },
} satisfies KitModules;

/**
 * Loads the sidebar's extras (../extras.ts) into this frame once: lends the
 * kit, asks the background to run `sidebar-extras.js` here (`tip.part`; it
 * runs in this script's isolated world, so it finds the kit and leaves the
 * extras on it), then adds their styles to the shadow root. A failure is
 * forgotten, so the next call asks again.
 */
export function extrasLoader(requestPart: (part: Part) => Promise<Reply>, addStyle: (css: string) => void): () => Promise<Extras> {
  let loading: Promise<Extras> | undefined;
  const load = async (): Promise<Extras> => {
    const kit: Kit = { ...modules };
    (globalThis as Record<string, unknown>)[KIT_GLOBAL] = kit;
    const reply = await requestPart('sidebar-extras');
    if (!reply.ok) throw new Error(reply.error.message);
    if (!kit.extras) throw new Error('sidebar-extras.js did not run');
    addStyle(kit.extras.css);
    return kit.extras;
  };
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

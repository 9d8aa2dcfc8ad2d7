import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';

const LOCALES = { en, es } as Record<'en' | 'es', Record<string, { message: string }>>;

/**
 * Serves `browser.i18n.getMessage` from the extension's own locale file, as
 * the browser does for an agent whose language is `lang`, so unit tests read
 * the words an agent reads (WXT's fake browser has no i18n of its own).
 */
export function useLocale(lang: 'en' | 'es'): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => LOCALES[lang][key]?.message ?? '');
}

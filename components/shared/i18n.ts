import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

/**
 * UI strings come from the extension's locale files
 * (`public/_locales/{en,es}/messages.json`) through `browser.i18n`, so the
 * browser picks the agent's language and no bundle carries every language.
 * Dates and numbers go through Intl in the same language.
 */
export type MessageKey = keyof typeof en;

function message(key: string): string {
  try {
    // Keys are checked by MessageKey at the call sites; ids built at run time (stage_*) are not.
    return browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0]);
  } catch {
    return ''; // outside an extension (unit tests): callers fall back
  }
}

export function t(key: MessageKey): string {
  return message(key) || key;
}

/**
 * The language the strings are shown in: the `uiLang` entry of the locale
 * file the browser picked. Neither `@@ui_locale` nor `getUILanguage()` says
 * that reliably (headless Chromium started with --lang=es reports en-US while
 * it serves the Spanish messages), and dates must match the words.
 */
function uiLanguage(): string {
  const picked = message('uiLang');
  if (picked) return picked;
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return typeof navigator === 'undefined' ? 'en' : navigator.language;
  }
}

export const LOCALE: string = uiLanguage();

/** Message ids are `[a-zA-Z0-9_]`: `stage:waiting-us` → `stage_waiting_us`. */
const messageId = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, '_');

/**
 * A built-in name (default stage, priority, property) in the agent's
 * language, or the name the agent gave: a stage renamed in the options keeps
 * the agent's words (`name` differs from `defaultName`).
 */
export function builtinName(key: string, name: string, defaultName?: string): string {
  if (defaultName !== undefined && name !== defaultName) return name;
  return message(messageId(key)) || name;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(ms: number | null | undefined): string {
  return ms == null ? '' : dateFormat.format(ms);
}

export function formatDateTime(ms: number | null | undefined): string {
  return ms == null ? '' : dateTimeFormat.format(ms);
}

/** What a refusal from the background carries: `key` and `args` may be missing (an older background). */
interface RefusalLike {
  key?: string;
  args?: Record<string, string | number>;
  message: string;
}

/**
 * A refusal in the agent's language: the locale entry `err_<key>` with its
 * `{name}` placeholders filled from `args` (numbers in the agent's format; a
 * `field` arg names a text, worded by `err_field_<value>`). A key this page
 * doesn't know, or a placeholder without a value, falls back to the English
 * `message` the background sent, so the agent always reads something whole.
 */
export function refusalText(refusal: RefusalLike): string {
  const template = refusal.key ? message(`err_${refusal.key}`) : '';
  if (!template) return refusal.message;
  const args = refusal.args ?? {};
  let whole = true;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = args[name];
    if (v === undefined) return ((whole = false), '');
    if (typeof v === 'number') return new Intl.NumberFormat(LOCALE).format(v);
    return name === 'field' ? message(`err_field_${v}`) || v : v;
  });
  return whole ? text : refusal.message;
}

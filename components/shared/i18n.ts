/**
 * UI strings in English and Spanish. The language follows the browser
 * (navigator.language); dates and numbers go through Intl in the same locale.
 */
const en = {
  appName: 'Tickets in place',
  collapse: 'Collapse the ticket sidebar',
  expand: 'Expand the ticket sidebar',
  noConversation: 'No conversation open',
  noConversationHint: 'Open an email or a chat and its ticket shows here.',
  unreadable: 'This page could not be read',
  unreadableHint: 'The site may have changed its layout. Nothing was saved for this page.',
  reportProblem: 'Report this problem',
  channelEmail: 'Email',
  channelChat: 'Chat',
  contact: 'Contact',
};

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  appName: 'Tickets in place',
  collapse: 'Contraer la barra de tickets',
  expand: 'Expandir la barra de tickets',
  noConversation: 'Ninguna conversación abierta',
  noConversationHint: 'Abre un correo o un chat y su ticket aparecerá aquí.',
  unreadable: 'No se pudo leer esta página',
  unreadableHint: 'Puede que el sitio haya cambiado su diseño. No se guardó nada de esta página.',
  reportProblem: 'Informar del problema',
  channelEmail: 'Correo',
  channelChat: 'Chat',
  contact: 'Contacto',
};

const catalogs = { en, es } as const;
export type Locale = keyof typeof catalogs;

export function pickLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

export function translator(locale: Locale): (key: MessageKey) => string {
  const catalog = catalogs[locale];
  return (key) => catalog[key];
}

export const LOCALE: Locale = pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
export const t = translator(LOCALE);

import type { Source } from '../domain/types';
import { demoAdapter } from './demo';
import { genericAdapter } from './generic';
import { gmailAdapter } from './gmail';
import { outlookAdapter } from './outlook';
import { roundcubeAdapter } from './roundcube';
import { slackAdapter } from './slack';
import type { SiteAdapter } from './types';
import { whatsappAdapter } from './whatsapp';

/**
 * Every adapter, most specific first: the first whose `detect` says yes
 * serves the page. The demo inbox (a marker on a local address) comes early;
 * the named sites know their host; Roundcube is recognised by its DOM on any
 * origin; generic says yes to every web page, so it must stay last.
 */
export const ADAPTERS: readonly SiteAdapter[] = [
  demoAdapter,
  gmailAdapter,
  outlookAdapter,
  slackAdapter,
  whatsappAdapter,
  roundcubeAdapter,
  genericAdapter,
];

export function adapterFor(url: URL, doc: Document): SiteAdapter | null {
  return ADAPTERS.find((a) => a.detect(url, doc)) ?? null;
}

/** The adapter with this id (the options page's per-site choice, `tip-site-adapter`). */
export function adapterById(id: Source | string): SiteAdapter | null {
  return ADAPTERS.find((a) => a.id === id) ?? null;
}

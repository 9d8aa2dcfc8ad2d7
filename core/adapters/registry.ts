import { demoAdapter } from './demo';
import type { SiteAdapter } from './types';

/** Every adapter, most specific first: the first whose `detect` says yes serves the page. */
export const ADAPTERS: readonly SiteAdapter[] = [demoAdapter];

export function adapterFor(url: URL, doc: Document): SiteAdapter | null {
  return ADAPTERS.find((a) => a.detect(url, doc)) ?? null;
}

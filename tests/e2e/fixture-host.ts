import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';
import { ROOT } from './paths';

/** A saved host page (tests/fixtures/<site>/<file>). */
export function fixture(site: string, file: string): string {
  return readFileSync(join(ROOT, 'tests', 'fixtures', site, file), 'utf8');
}

/**
 * Serves saved pages at the real sites' URLs by request interception: the
 * browser asks for https://mail.google.com/…, puppeteer answers with the
 * fixture, and nothing leaves the machine (every other request is aborted).
 * The extension's match patterns fire exactly as on the real site.
 */
export async function serveAtRealUrls(page: Page, routes: Record<string, string>): Promise<void> {
  const byUrl = new Map(Object.entries(routes).map(([url, html]) => [withoutHash(url), html]));
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    const html = byUrl.get(withoutHash(req.url()));
    if (html !== undefined && req.resourceType() === 'document') {
      void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else if (req.url().startsWith('chrome-extension://') || req.url().startsWith('data:')) {
      void req.continue();
    } else {
      void req.abort('blockedbyclient');
    }
  });
}

function withoutHash(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/**
 * Switches the page to another saved page the way a single-page app does: no
 * load, the app's DOM replaced and the URL pushed. The sidebar's host element
 * stays (it belongs to the extension, not to the app).
 */
export async function spaNavigate(page: Page, html: string, url: string): Promise<void> {
  await page.evaluate(
    (markup, href) => {
      const next = new DOMParser().parseFromString(markup, 'text/html');
      for (const child of Array.from(document.body.children)) {
        if (!child.shadowRoot?.querySelector('.tip-root')) child.remove();
      }
      for (const attr of Array.from(document.body.attributes)) document.body.removeAttribute(attr.name);
      for (const attr of Array.from(next.body.attributes)) document.body.setAttribute(attr.name, attr.value);
      document.body.prepend(...Array.from(next.body.childNodes).map((n) => document.importNode(n, true)));
      document.title = next.title;
      if (href !== location.href) history.pushState({}, '', href);
    },
    html,
    url,
  );
}

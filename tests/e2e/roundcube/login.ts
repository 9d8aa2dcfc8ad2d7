import type { Browser, Page } from 'puppeteer';

/**
 * Logs in through Roundcube's real login form (as a local Roundcube 1.6 renders it: `#rcmloginuser`,
 * `#rcmloginpwd`, `#rcmloginsubmit`) and waits for the mail list. Returns the
 * page, left on the INBOX list.
 */
export async function loginRoundcube(
  browser: Browser,
  rc: { url: string; user: string; password: string },
  page?: Page,
): Promise<Page> {
  const tab = page ?? (await browser.newPage());
  await tab.goto(rc.url, { waitUntil: 'domcontentloaded' });
  await tab.bringToFront();
  await tab.waitForSelector('#rcmloginuser', { visible: true });
  await tab.type('#rcmloginuser', rc.user);
  await tab.type('#rcmloginpwd', rc.password);
  await Promise.all([tab.waitForNavigation({ waitUntil: 'domcontentloaded' }), tab.click('#rcmloginsubmit')]);
  if (await tab.$('#rcmloginuser')) {
    const message = await tab.$eval('#messagestack', (el) => el.textContent?.trim()).catch(() => '');
    throw new Error(`Roundcube login failed for ${rc.user}${message ? `: ${message}` : ''}`);
  }
  await tab.waitForSelector('#messagelist tr.message', { timeout: 15_000 });
  return tab;
}

/** The list row of a message: `rcmrow` + base64(uid) without padding (uid 1 → rcmrowMQ). */
export function rowSelector(uid: number): string {
  return `#messagelist tr#rcmrow${Buffer.from(String(uid)).toString('base64').replace(/=+$/, '')}`;
}

/** The full view of one message: its own page, no preview frame. */
export function fullViewUrl(base: string, uid: number, mbox = 'INBOX'): string {
  return new URL(`?_task=mail&_action=show&_uid=${uid}&_mbox=${encodeURIComponent(mbox)}`, base).href;
}

/**
 * Selects a message in the list the way an agent does (a click on its row),
 * so it opens in the preview frame `iframe#messagecontframe`, and waits for
 * the frame to show that message.
 */
export async function previewMessage(page: Page, uid: number): Promise<void> {
  await page.click(`${rowSelector(uid)} td.subject`);
  await page.waitForFunction(
    (u) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe#messagecontframe');
      const doc = frame?.contentDocument;
      return !!doc && new URL(doc.URL).searchParams.get('_uid') === String(u) && !!doc.querySelector('#message-header');
    },
    { timeout: 15_000 },
    uid,
  );
}

import type { CDPSession, Page } from 'puppeteer';
import { waitFor } from './harness';

/**
 * The extension's content-script world in a page's top frame, found over the
 * DevTools protocol: tests speak from it as the sidebar (or a compromised
 * renderer) would, with the browser's own `sender` for its messages.
 */
export interface ContentWorld {
  cdp: CDPSession;
  contextId: number;
}

export async function contentWorld(page: Page, extensionId: string): Promise<ContentWorld> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => void contexts.push(event.context));
  // Enabling reports every context that already exists.
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const top = frameTree.frame.id;
  const found = await waitFor(
    async () => contexts.find((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === top && c.origin === `chrome-extension://${extensionId}`),
    (c) => c !== undefined,
    'the content script world',
  );
  return { cdp, contextId: found!.id };
}

/** Runs `expression` in that world (promises awaited) and returns its value. */
export async function evaluateIn<T>(world: ContentWorld, expression: string): Promise<T> {
  const { result, exceptionDetails } = await world.cdp.send('Runtime.evaluate', { contextId: world.contextId, expression, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`in the content script world: ${exceptionDetails.text} ${JSON.stringify(exceptionDetails.exception?.description ?? '')}`);
  return result.value as T;
}

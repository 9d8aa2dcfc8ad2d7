import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { describeViolations, seriousViolations, transitionsDone } from './axe';
import { clickTestId, launchBrowser, openPage, textOfTestId, waitFor, waitForAttr, waitForTestId, type Launched } from './harness';
import { command, extensionUrl, recordOf, seedTickets } from './dashboard-helpers';
import { ARTIFACTS_DIR } from './paths';

/** A rule's refusal reaches the agent in their language, in real Chromium started in Spanish. */

const SHOTS = join(ARTIFACTS_DIR, 'screens', 'refusals');

let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

async function openRecord(l: Launched, ticketId: string): Promise<Page> {
  const page = await openPage(l.browser, extensionUrl(l, `/ticket.html?id=${encodeURIComponent(ticketId)}`));
  await waitForAttr(page, 'tip-record', 'data-ticket-id', ticketId);
  await waitForTestId(page, 'tip-activity-item');
  return page;
}

const errorText = async (page: Page) => (await textOfTestId(page, 'tip-error')).replace(/×$/, '').trim();

describe('refusals in the agent’s language', () => {
  it('an undo of a merge the rules refuse says why in Spanish on the record page, and changes nothing', async () => {
    launched = await launchBrowser({ locale: 'es' });
    const [keep, other] = await seedTickets(launched, [
      { key: 'es-1', name: 'Reembolso del pedido 1042', contact: 'Ana Ruiz' },
      { key: 'es-2', name: 'Cobro duplicado', contact: 'Ana Ruiz' },
    ]);
    expect((await command(launched, { type: 'ticket.merge', keepId: keep, mergeIds: [other] })).ok).toBe(true);
    expect((await command(launched, { type: 'ticket.delete', ticketId: keep })).ok).toBe(true);
    const away = await openRecord(launched, other!);
    await clickTestId(away, 'tip-merge-undo');
    const text = await waitFor(() => errorText(away), (t) => t.length > 0, 'the refusal');
    // The kept ticket is in the trash: the rule says so, and the page words it in Spanish.
    expect(text).toMatch(/^El ticket \S+ .*en la papelera: restaura/);
    expect(text).not.toMatch(/trash|restore/i);
    expect(await textOfTestId(away, 'tip-merged-into')).toContain('Reembolso del pedido 1042');
    expect((await recordOf(launched, other!)).ticket.deletedAt).not.toBeNull();

    mkdirSync(SHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await away.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await transitionsDone(away);
      expect(describeViolations(await seriousViolations(away, 'body')), scheme).toEqual([]);
      await away.screenshot({ path: `${SHOTS}/record-refusal-es-${scheme}.png`, fullPage: true });
    }
  });
});

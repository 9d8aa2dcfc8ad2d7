import type { Page } from 'puppeteer';
import { extensionUrl, recordOf, seedTickets } from './dashboard-helpers';
import { launchBrowser, openPage, textOfTestId, waitFor, waitForAttr, waitForNoTestId, type Launched } from './harness';
import { inRow, openOptions, retype } from './options-helpers';
import { editProperty, sendFromExtensionPage } from './sidebar-helpers';

/** Lost updates become visible conflicts: two options windows saving the stages at once. */

let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

const stageInput = (stage: string) => inRow('data-stage-id', stage, 'tip-stage-name');
const valueOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);

async function storedStageNames(l: Launched): Promise<string[]> {
  const reply = await sendFromExtensionPage(l, { kind: 'tip.query', query: { type: 'settings.get' } });
  return (reply.data.settings.stages as { name: string }[]).map((s) => s.name);
}

describe('two options windows editing the stages', () => {
  it('the one that saved from a stale list shows tip-error, keeps what the agent typed, and nothing is lost', async () => {
    launched = await launchBrowser();
    const first = await openOptions(launched, 'stages');
    const second = await openOptions(launched, 'stages');
    // The agent in the second window types a new name for "Waiting on us", not saved yet.
    await retype(second, stageInput('waiting-us'), 'With us', null);

    // Both save in the same moment: one task in the first window (extension pages share a
    // process, so it reaches the second through getViews) renames "New" there and presses
    // Enter in both, so each save leaves before either window hears of the other's.
    await first.evaluate((selNew, selWaiting) => {
      const ext = (globalThis as unknown as { chrome: { extension: { getViews(o: object): Window[] } } }).chrome.extension;
      const views = ext.getViews({ type: 'tab' }).filter((w) => w.location.pathname === '/options.html');
      const own = views.find((w) => w === window);
      const other = views.find((w) => w !== window);
      if (!own || !other) throw new Error(`expected two options windows, found ${views.length}`);
      const enter = (w: Window, input: HTMLInputElement) =>
        input.dispatchEvent(new (w as unknown as typeof globalThis).KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const mine = own.document.querySelector<HTMLInputElement>(selNew)!;
      mine.value = 'Inbox';
      mine.dispatchEvent(new Event('input', { bubbles: true }));
      enter(own, mine);
      enter(other, other.document.querySelector<HTMLInputElement>(selWaiting)!);
    }, stageInput('new'), stageInput('waiting-us'));

    // The first save landed; the second was computed from the list before it and is refused, visibly.
    expect(await textOfTestId(second, 'tip-error')).toMatch(/^Someone changed the stages since you opened this page, so your change was not saved\./);
    expect(await storedStageNames(launched)).toEqual(['Inbox', 'Waiting on contact', 'Waiting on us', 'Closed']);
    await waitForNoTestId(first, 'tip-error');
    // The second window now shows the first one's change and still holds what its agent typed.
    await waitFor(() => valueOf(second, stageInput('new')), (v) => v === 'Inbox', 'the fresh list in the second window');
    expect(await valueOf(second, stageInput('waiting-us'))).toBe('With us');

    // Saving it again lands beside the first window's change.
    await second.focus(stageInput('waiting-us'));
    await second.keyboard.press('Enter');
    await waitFor(() => storedStageNames(launched!), (names) => names.join() === 'Inbox,Waiting on contact,With us,Closed', 'both renames stored');
    await waitFor(() => valueOf(first, stageInput('waiting-us')), (v) => v === 'With us', 'the first window following');
    await waitForNoTestId(second, 'tip-error');
  });
});

describe('two record windows editing one ticket', () => {
  it('each edits a different property at the same time, a few times over: no edit reverts the other', async () => {
    launched = await launchBrowser();
    const [id] = await seedTickets(launched, [{ key: 'versions-1', name: 'Refund for order #1042' }]);
    const open = async () => {
      const page = await openPage(launched!.browser, extensionUrl(launched!, `/ticket.html?id=${encodeURIComponent(id!)}`), { window: true });
      await waitForAttr(page, 'tip-record', 'data-ticket-id', id!);
      return page;
    };
    const [a, b] = [await open(), await open()];
    const rounds = [
      { priority: 'urgent', category: 'Billing' },
      { priority: 'low', category: 'Shipping' },
      { priority: 'high', category: 'Returns' },
    ];
    for (const round of rounds) {
      await Promise.all([
        (async () => {
          await editProperty(a, 'priority', round.priority);
          await waitForAttr(a, 'tip-prop-priority', 'data-value', round.priority);
        })(),
        (async () => {
          await editProperty(b, 'category', round.category, 'type');
          await waitForAttr(b, 'tip-prop-category', 'data-value', round.category);
        })(),
      ]);
      // Each window shows both edits, and so does the store.
      await waitForAttr(a, 'tip-prop-category', 'data-value', round.category);
      await waitForAttr(b, 'tip-prop-priority', 'data-value', round.priority);
      expect((await recordOf(launched, id!)).ticket).toMatchObject({ priority: round.priority, category: round.category });
    }
    const edits = (await recordOf(launched, id!)).activity.filter((e) => e.kind === 'ticket.property').map((e) => e.field);
    expect(edits.filter((f) => f === 'priority')).toHaveLength(rounds.length);
    expect(edits.filter((f) => f === 'category')).toHaveLength(rounds.length);
    await waitForNoTestId(a, 'tip-error');
    await waitForNoTestId(b, 'tip-error');
  });
});

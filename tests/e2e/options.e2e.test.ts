import type { Page } from 'puppeteer';
import { useDemoInbox } from './demo-inbox';
import { describeViolations, seriousViolations } from './axe';
import { launchBrowser, textOfTestId, waitFor, waitForAttr, waitForNoTestId, waitForTestId, type Launched } from './harness';
import { inRow, openOptions, retype, showSection } from './options-helpers';
import { createTicket, openConversation, sendFromExtensionPage } from './sidebar-helpers';

const demo = useDemoInbox();
let launched: Launched | undefined;

afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
  launched = undefined;
});

const REFUND = 'em-1042-refund';

/** The text of the sidebar's options in a native select (status, saved replies…). */
async function optionTexts(page: Page, testId: string): Promise<string[]> {
  const select = await waitForTestId(page, testId);
  const texts = await select.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.textContent ?? ''));
  await select.dispose();
  return texts;
}

describe('options page', () => {
  it('a renamed stage, a new property and a new saved reply show in the open sidebar at once (R6, R14)', async () => {
    launched = await launchBrowser();
    const sidebar = await openConversation(launched.browser, demo.url, REFUND);
    await createTicket(sidebar);
    const options = await openOptions(launched, 'stages');

    // Rename "New" (the ticket's stage) to "Triage": the sidebar's status dropdown says so, no reload.
    await retype(options, inRow('data-stage-id', 'new', 'tip-stage-name'), 'Triage');
    await waitFor(() => optionTexts(sidebar, 'tip-status'), (texts) => texts[0] === 'Triage', 'sidebar status options');
    expect(await waitForAttr(sidebar, 'tip-status', 'data-value', 'new')).toBe('new');

    // A select property: the details panel shows it (a new property is displayed by default).
    await showSection(options, 'properties');
    await options.type('[data-testid="tip-property-name"]', 'Plan');
    await options.select('[data-testid="tip-property-type"]', 'select');
    await options.type('[data-testid="tip-property-options"]', 'Free, Pro, Team');
    await options.click('[data-testid="tip-property-add"]');
    await options.waitForSelector('[data-testid="tip-property-row"][data-property-id="custom.plan"]');
    await (await waitForTestId(sidebar, 'tip-view-more')).click();
    await waitForTestId(sidebar, 'tip-prop-custom.plan');
    await (await waitForTestId(sidebar, 'tip-prop-custom.plan')).click();
    expect(await optionTexts(sidebar, 'tip-prop-input-custom.plan')).toEqual(expect.arrayContaining(['Free', 'Pro', 'Team']));
    await sidebar.keyboard.press('Escape');

    // A saved reply: the sidebar's picker offers it.
    await showSection(options, 'snippets');
    await options.type('[data-testid="tip-snippet-name"]', 'Refund on its way');
    await options.type('[data-testid="tip-snippet-body"]', 'Your refund is on its way.');
    await options.click('[data-testid="tip-snippet-add"]');
    await options.waitForSelector('[data-testid="tip-snippet-row"]');
    await waitFor(() => optionTexts(sidebar, 'tip-snippet-select'), (texts) => texts.includes('Refund on its way'), 'sidebar saved replies');
  });

  it('a stage tickets are in is removed only after choosing where they move; refusals show as tip-error', async () => {
    launched = await launchBrowser();
    const sidebar = await openConversation(launched.browser, demo.url, REFUND);
    await createTicket(sidebar);
    const options = await openOptions(launched, 'stages');
    const stageCount = (stage: string) => options.$eval(inRow('data-stage-id', stage, 'tip-stage-count'), (el) => el.getAttribute('data-value'));
    await waitFor(() => stageCount('new'), (n) => n === '1', 'tickets in New');

    // The rules refuse a removal that strands tickets, whoever sends it.
    const settings = (await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'settings.get' } })).data.settings;
    const refused = await sendFromExtensionPage(launched, {
      kind: 'tip.command',
      command: { type: 'settings.update', stages: settings.stages.filter((s: { id: string }) => s.id !== 'new') },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/1 ticket is in "New"/) } });

    // Switching the closed stage while a ticket is in one of them: the rules' refusal is the page's tip-error.
    await options.select('[data-testid="tip-stage-closed"]', 'new');
    expect(await textOfTestId(options, 'tip-error')).toMatch(/1 ticket is in "New"\. Move them to another status before changing whether it closes tickets/);
    expect(await options.$eval('[data-testid="tip-stage-closed"]', (s) => (s as HTMLSelectElement).value)).toBe('closed');

    // Remove: a dialog asks where the ticket goes; cancel keeps everything.
    await options.click(inRow('data-stage-id', 'new', 'tip-stage-remove'));
    await waitForTestId(options, 'tip-stage-move-dialog');
    await options.keyboard.press('Escape');
    await waitForNoTestId(options, 'tip-stage-move-dialog');
    expect(await options.$('[data-stage-id="new"]')).not.toBeNull();

    await options.click(inRow('data-stage-id', 'new', 'tip-stage-remove'));
    await options.select('[data-testid="tip-stage-move-to"]', 'waiting-us');
    await options.click('[data-testid="tip-confirm"]');
    await waitForNoTestId(options, 'tip-stage-move-dialog');
    await options.waitForSelector('[data-stage-id="new"]', { hidden: true });
    // R9 through the move: the sidebar's ticket is in "Waiting on us" now.
    expect(await waitForAttr(sidebar, 'tip-status', 'data-value', 'waiting-us')).toBe('waiting-us');
    expect(await waitFor(() => stageCount('waiting-us'), (n) => n === '1', 'tickets in Waiting on us')).toBe('1');
  });

  it('stages: reorder, add, and the closed stage can be removed only after another closes tickets', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'stages');
    const order = () => options.$$eval('[data-testid="tip-stage-row"]', (rows) => rows.map((r) => r.getAttribute('data-stage-id')));
    expect(await order()).toEqual(['new', 'waiting-contact', 'waiting-us', 'closed']);
    await options.click(inRow('data-stage-id', 'waiting-us', 'tip-stage-up'));
    await waitFor(order, (ids) => ids[1] === 'waiting-us', 'order after moving up');
    await options.type('[data-testid="tip-stage-new-name"]', 'Escalated');
    await options.keyboard.press('Enter');
    await waitFor(order, (ids) => ids.join() === 'new,waiting-us,waiting-contact,escalated,closed', 'order after adding');
    expect(await options.$eval(inRow('data-stage-id', 'closed', 'tip-stage-remove'), (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await options.select('[data-testid="tip-stage-closed"]', 'escalated');
    await waitFor(() => options.$eval(inRow('data-stage-id', 'closed', 'tip-stage-remove'), (b) => (b as HTMLButtonElement).disabled), (d) => !d, 'old closed stage removable');
    await options.click(inRow('data-stage-id', 'closed', 'tip-stage-remove'));
    await waitFor(order, (ids) => ids.join() === 'new,waiting-us,waiting-contact,escalated', 'order after removing');
  });

  it('profile, teammates and saved replies work by keyboard alone; a removal can be undone', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'shortcuts');
    // Profile: its nav link by keyboard moves focus to the section heading; Tab goes into the name field; Enter saves.
    await options.focus('[data-testid="tip-nav-profile"]');
    await options.keyboard.press('Enter');
    await waitForTestId(options, 'tip-section-profile');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('opt-h-profile');
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tip-profile-name');
    await options.keyboard.type('Ana García');
    await options.keyboard.press('Enter');
    await waitFor(() => textOfTestId(options, 'tip-notice'), (t) => t.length > 0, 'saved notice');

    // Teammates: the nav link by keyboard, then the add form.
    await options.focus('[data-testid="tip-nav-teammates"]');
    await options.keyboard.press('Enter');
    await waitForTestId(options, 'tip-section-teammates');
    // The section heading takes focus, so a screen reader announces where the agent is.
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('opt-h-teammates');
    await options.focus('[data-testid="tip-teammate-name"]');
    await options.keyboard.type('Sam Rivera');
    await options.keyboard.press('Tab');
    await options.keyboard.type('sam@example.com');
    await options.keyboard.press('Enter');
    const row = await options.waitForSelector('[data-testid="tip-teammate-row"]:nth-child(2)');
    const samId = (await row!.evaluate((el) => el.getAttribute('data-agent-id')))!;
    expect(await textOfTestId(options, 'tip-section-teammates')).toMatch(/Ana García \(me\).*Sam Rivera/s);
    // The local agent has no remove button.
    const meRow = (await options.$$('[data-testid="tip-teammate-row"]'))[0]!;
    expect(await meRow.$('[data-testid="tip-teammate-remove"]')).toBeNull();

    // Rename by keyboard: Edit → the name field has focus → type → Enter.
    await options.focus(inRow('data-agent-id', samId, 'tip-teammate-edit'));
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid="tip-teammate-edit-name"]');
    expect(await options.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tip-teammate-edit-name');
    await options.keyboard.press('End');
    await options.keyboard.type(' Jr.');
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid="tip-teammate-edit-name"]', { hidden: true });
    expect(await textOfTestId(options, 'tip-section-teammates')).toContain('Sam Rivera Jr.');

    // Remove → trash, with Undo.
    await options.focus(inRow('data-agent-id', samId, 'tip-teammate-remove'));
    await options.keyboard.press('Enter');
    await options.waitForSelector(`[data-agent-id="${samId}"]`, { hidden: true });
    await options.focus('[data-testid="tip-undo"]');
    await options.keyboard.press('Enter');
    await options.waitForSelector(`[data-agent-id="${samId}"]`);

    // Saved replies by keyboard: add, then edit.
    await showSection(options, 'snippets');
    await options.focus('[data-testid="tip-snippet-name"]');
    await options.keyboard.type('Thanks');
    await options.keyboard.press('Tab');
    await options.keyboard.type('Thanks for writing!');
    await options.keyboard.press('Tab');
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid="tip-snippet-row"]');
    await options.focus('[data-testid="tip-snippet-edit"]');
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid="tip-snippet-edit-body"]');
    await options.focus('[data-testid="tip-snippet-edit-body"]');
    await options.keyboard.press('End');
    await options.keyboard.type(' See you soon.');
    await options.focus('[data-testid="tip-snippet-save"]');
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid="tip-snippet-edit-body"]', { hidden: true });
    expect(await textOfTestId(options, 'tip-snippet-row')).toContain('Thanks for writing! See you soon.');
  });

  it('sites: a bad pattern is refused with a clear tip-error; a local site is enabled, listed and removed', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sites');
    await options.type('[data-testid="tip-site-pattern"]', 'javascript:alert(1)');
    await options.click('[data-testid="tip-site-add"]');
    expect(await textOfTestId(options, 'tip-error')).toMatch(/must start with http:\/\/ or https:\/\//);
    expect(await options.$('[data-testid="tip-site-row"]')).toBeNull();

    const pattern = `http://127.0.0.1:${new URL(demo.url).port}/*`;
    await retype(options, '[data-testid="tip-site-pattern"]', pattern, null);
    await options.select('[data-testid="tip-site-adapter"]', 'generic');
    await options.click('[data-testid="tip-site-add"]');
    // The e2e build has host access to 127.0.0.1, so the browser grants it without a prompt.
    await options.waitForSelector(`[data-testid="tip-site-row"][data-pattern="${pattern}"]`);
    await waitForNoTestId(options, 'tip-error');
    await options.reload();
    await options.waitForSelector(`[data-testid="tip-site-row"][data-pattern="${pattern}"]`);
    await options.click(inRow('data-pattern', pattern, 'tip-site-remove'));
    await options.waitForSelector(`[data-testid="tip-site-row"][data-pattern="${pattern}"]`, { hidden: true });
  });

  it('sites: a pattern for every site asks first, in plain words; cancel adds nothing, confirm adds it', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'sites');
    await options.type('[data-testid="tip-site-pattern"]', 'https://*/*');
    await options.select('[data-testid="tip-site-adapter"]', 'generic');
    await options.click('[data-testid="tip-site-add"]');
    await (await waitForTestId(options, 'tip-confirm', { visible: true })).dispose();
    expect(await options.$eval('[role="alertdialog"]', (el) => el.textContent ?? '')).toMatch(/every page on every site you open/);

    // Cancel: no site, and the pattern is still there to correct.
    await options.keyboard.press('Escape');
    await options.waitForSelector('[role="alertdialog"]', { hidden: true });
    expect(await options.$eval('[data-testid="tip-site-pattern"]', (el) => (el as HTMLInputElement).value)).toBe('https://*/*');
    await options.reload();
    await waitFor(() => textOfTestId(options, 'tip-section-sites'), (text) => text.includes('No sites enabled yet.'), 'the empty sites list');
    expect(await options.$('[data-testid="tip-site-row"]')).toBeNull();
    expect((await sendFromExtensionPage(launched, { kind: 'tip.sites', action: 'list' })).data).toEqual([]);

    // Confirm. Headless Chromium can't show the browser's own permission prompt, let alone answer it:
    // the test answers it as the agent would, yes (the page's request and the worker's check), and
    // counts that the page asked.
    const worker = await launched.worker();
    await worker.evaluate(() => {
      const chrome = (globalThis as unknown as { chrome: { permissions: { contains(p: { origins?: string[] }): Promise<boolean> } } }).chrome;
      const contains = chrome.permissions.contains.bind(chrome.permissions);
      chrome.permissions.contains = (p) => (p.origins?.[0] === 'https://*/*' ? Promise.resolve(true) : contains(p));
    });
    await options.evaluate(() => {
      const g = globalThis as unknown as { asked: unknown[]; chrome: { permissions: { request(p: unknown): Promise<boolean> } } };
      g.asked = [];
      g.chrome.permissions.request = (p) => (g.asked.push(p), Promise.resolve(true));
    });
    await options.type('[data-testid="tip-site-pattern"]', 'https://*/*');
    await options.select('[data-testid="tip-site-adapter"]', 'generic');
    await options.click('[data-testid="tip-site-add"]');
    await (await waitForTestId(options, 'tip-confirm', { visible: true })).click();
    await options.waitForSelector('[data-testid="tip-site-row"][data-pattern="https://*/*"]');
    await waitForNoTestId(options, 'tip-error');
    expect(await options.evaluate(() => (globalThis as unknown as { asked: unknown[] }).asked)).toEqual([{ origins: ['https://*/*'] }]);
    expect((await sendFromExtensionPage(launched, { kind: 'tip.sites', action: 'list' })).data).toEqual([{ pattern: 'https://*/*', adapter: 'generic' }]);
  });

  it('keyboard shortcuts: lists the commands and opens the browser’s shortcut page', async () => {
    launched = await launchBrowser();
    const options = await openOptions(launched, 'shortcuts');
    const rows = await options.$$eval('[data-testid="tip-shortcut-row"]', (r) => r.map((x) => x.getAttribute('data-command')));
    const manifest = await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { commands?: object } } } }).chrome.runtime.getManifest().commands ?? {});
    // The manifest's three, plus the browser's own one for the toolbar popup.
    expect(Object.keys(manifest).sort()).toEqual(['close-ticket', 'create-ticket', 'toggle-sidebar']);
    expect(rows.sort()).toEqual(['_execute_action', 'close-ticket', 'create-ticket', 'toggle-sidebar']);
    // (Headless Chromium binds no keys, so each shows "not set" here; a real profile gets the suggested Alt+Shift+T/N/C.)
    expect(await textOfTestId(options, 'tip-shortcuts')).toContain('Close the ticket of the open conversation');
    const opened = launched.browser.waitForTarget((t) => t.url().startsWith('chrome://extensions/shortcuts'), { timeout: 10_000 });
    await options.click('[data-testid="tip-shortcuts-open"]');
    expect((await opened).url()).toMatch(/^chrome:\/\/extensions\/shortcuts/);
  });
});

describe('options accessibility', () => {
  const SECTIONS = ['profile', 'teammates', 'stages', 'priorities', 'properties', 'details', 'tags', 'snippets', 'sites', 'shortcuts', 'data'];

  it.each(['en', 'es'])('axe finds no serious or critical violation in any section, light and dark (%s)', async (locale) => {
    launched = await launchBrowser({ locale });
    await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' } });
    await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'snippet.save', name: 'Thanks', body: 'Thanks for writing!' } });
    await sendFromExtensionPage(launched, {
      kind: 'tip.command',
      command: { type: 'settings.update', properties: [{ id: 'custom.plan', name: 'Plan', type: 'select', options: ['Free', 'Pro'] }] },
    });
    const options = await openOptions(launched, 'profile');
    expect(await options.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${locale}`));
    if (locale === 'es') expect(await textOfTestId(options, 'tip-nav-stages')).toBe('Etapas del proceso');
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const section of SECTIONS) {
        await showSection(options, section);
        const violations = await seriousViolations(options, '[data-testid="tip-options"]');
        expect(describeViolations(violations), `${section} (${scheme})`).toEqual([]);
      }
    }
    // The dialogs too.
    await showSection(options, 'data');
    await options.click('[data-testid="tip-erase"]');
    await waitForTestId(options, 'tip-confirm');
    expect(describeViolations(await seriousViolations(options, 'body'))).toEqual([]);
  });
});

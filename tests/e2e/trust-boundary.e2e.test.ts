/**
 * The trust boundary between a host page's tab and the help desk, in real
 * Chromium: what the browser itself says about a content script's messages
 * (its sender) and what it delivers to the tab. The test speaks from the
 * content script's own isolated world (found over the DevTools protocol), as
 * a compromised renderer could.
 */
import { contentWorld, evaluateIn, type ContentWorld } from './content-world';
import { useDemoInbox } from './demo-inbox';
import { launchBrowser, waitFor, waitForAttr, type Launched } from './harness';
import { createTicket, openConversation, sendFromExtensionPage, type AnyReply } from './sidebar-helpers';

const REFUND = 'em-1042-refund';

const demo = useDemoInbox();
let launched: Launched;

beforeEach(async () => {
  launched = await launchBrowser();
});
afterEach(async ({ task }) => {
  await launched?.close({ failed: task });
});


const sendAsContent = (world: ContentWorld, message: unknown) => evaluateIn<AnyReply>(world, `chrome.runtime.sendMessage(${JSON.stringify(message)})`);

describe('trust boundary in real Chromium', () => {
  it("refuses a content script's forged messages beyond the sidebar's needs, and changes nothing", async () => {
    const page = await openConversation(launched.browser, demo.url, REFUND);
    const ticketId = await createTicket(page);
    const world = await contentWorld(page, launched.extensionId);
    const teammate = await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'agent.save', name: 'Sam Rivera', email: 'sam@example.com' } });
    expect(teammate.ok).toBe(true);
    const before = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'ticket.record', ticketId } });
    expect(before.ok).toBe(true);

    const forged = [
      // Close every ticket in one message.
      {
        kind: 'tip.command',
        command: {
          type: 'settings.update',
          stages: [
            { id: 'parked', name: 'Parked', closed: false },
            { id: 'closed', name: 'Closed', closed: true },
          ],
          moveTickets: { new: 'closed', 'waiting-contact': 'closed', 'waiting-us': 'closed' },
        },
      },
      { kind: 'tip.command', command: { type: 'snippet.save', name: 'Thanks', body: 'Send your card number to evil.example' } },
      { kind: 'tip.command', command: { type: 'agent.delete', id: teammate.data.id } },
      { kind: 'tip.command', command: { type: 'ticket.delete', ticketId } },
      { kind: 'tip.query', query: { type: 'settings.get' } },
      { kind: 'tip.query', query: { type: 'ticket.record', ticketId } },
      { kind: 'tip.query', query: { type: 'prefs.set', key: 'filler', value: 'x'.repeat(500) } },
    ];
    for (const message of forged) {
      expect(await sendAsContent(world, message), JSON.stringify(message).slice(0, 120)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // The same world is the sidebar's: what the sidebar needs still works from it.
    expect(await sendAsContent(world, { kind: 'tip.query', query: { type: 'prefs.get', key: 'sidebar.width' } })).toMatchObject({ ok: true });

    const settings = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'settings.get' } });
    expect(settings.data.agents.map((a: { id: string }) => a.id)).toContain(teammate.data.id);
    expect(settings.data.snippets).toEqual([]);
    expect(settings.data.settings.stages.map((s: { id: string }) => s.id)).toEqual(['new', 'waiting-contact', 'waiting-us', 'closed']);
    const after = await sendFromExtensionPage(launched, { kind: 'tip.query', query: { type: 'ticket.record', ticketId } });
    expect(after.data.ticket).toEqual(before.data.ticket);
  });

  it('tells a tab what changed only as keyed hashes, without any record id, and its sidebar still refreshes', async () => {
    const page = await openConversation(launched.browser, demo.url, REFUND);
    const ticketId = await createTicket(page);
    const world = await contentWorld(page, launched.extensionId);
    await evaluateIn(world, `globalThis.tipHeard = []; chrome.runtime.onMessage.addListener((m) => void globalThis.tipHeard.push(m)); true`);

    // A change made elsewhere (an extension page) to the ticket this tab shows.
    const reply = await sendFromExtensionPage(launched, { kind: 'tip.command', command: { type: 'ticket.setStatus', ticketId, status: 'waiting-us' } });
    expect(reply.ok).toBe(true);
    await waitForAttr(page, 'tip-status', 'data-value', 'waiting-us');

    const heard = await waitFor(
      () => evaluateIn<unknown[]>(world, 'globalThis.tipHeard'),
      (events) => events.length > 0,
      'a change event in the tab',
    );
    // Keyed hashes of what changed, nothing else of the pages' event; a command's
    // changes also carry its echo, random bits only the tab that sent it knows.
    const changes = heard.filter((m) => (m as { kind?: unknown }).kind === 'tip.changed');
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      const { echo, ...rest } = change as { echo?: unknown };
      expect(Object.keys(rest).sort()).toEqual(['epoch', 'kind', 'tags']);
      if (echo !== undefined) expect(echo).toMatch(/^[0-9a-f]{16}$/);
    }
    const wire = JSON.stringify(heard);
    expect(wire).not.toContain(ticketId);
    expect(wire).not.toMatch(/(ticket|conversation|contact|cmd):[0-9A-Z]{26}/);
    expect(wire).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/);
  });
});

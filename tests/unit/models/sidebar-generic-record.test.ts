/**
 * Generic mode (any page of a site the agent enabled): a page that shows a
 * known customer's address must not plant a conversation in that customer's
 * history (R13) just by being opened. The conversation is recorded when the
 * agent acts on it: creating a ticket, or attaching it to one.
 */
import 'fake-indexeddb/auto';
import { SidebarModel } from '../../../components/models/sidebar-model';
import { createTransport } from '../../../core/messages/client';
import type { SidebarView } from '../../../core/messages/views';
import type { ConversationSnapshot } from '../../../core/domain/types';
import { EXT_ID, ORIGIN, dataOf, inMemoryBackground, query, senders, snapshot } from '../background/harness';
import { useLocale } from '../locale';

const ana = { name: 'Ana', email: 'ana@example.com', handle: null };
/** What the generic reader makes of a hostile page that prints Ana's address. */
const planted: ConversationSnapshot = snapshot('https://evil.example/thread', {
  source: 'generic',
  subject: 'Refund for Ana',
  hostUrl: 'https://evil.example/thread',
  contact: ana,
});

function setUp() {
  const bg = inMemoryBackground();
  const { content } = senders(EXT_ID, ORIGIN);
  const client = createTransport((message) => bg.send(message, content));
  const sidebar = () => new SidebarModel({ client, loadExtras: () => Promise.reject(new Error('not in this test')), insertIntoComposer: () => false });
  const view = async (conversation: ConversationSnapshot) => dataOf<SidebarView>(await bg.send(query({ type: 'sidebar.view', conversation }), content));
  return { sidebar, view };
}

describe('generic mode records a conversation only when the agent acts on it', () => {
  beforeEach(() => useLocale('en'));

  it("a generic page showing a customer's address adds nothing to their history; creating a ticket there does", async () => {
    const { sidebar, view } = setUp();
    // Ana's real conversation, in a named site's inbox: recorded when shown, as always.
    const real = snapshot('real-thread', { contact: ana });
    const inbox = sidebar();
    inbox.setPage({ kind: 'conversation', snapshot: real });
    await inbox.refresh();
    expect((await view(real)).conversation).not.toBeNull();

    const page = sidebar();
    page.setPage({ kind: 'conversation', snapshot: planted });
    await page.refresh();
    await page.refresh();
    expect(page.error.value).toBeNull();
    expect(page.view.value?.conversation).toBeNull();
    expect((await view(planted)).conversation).toBeNull();
    expect((await view(real)).pastConversations).toEqual([]);

    // The agent decides this page is a conversation to work on.
    await page.createTicket({ name: 'Refund' });
    expect(page.error.value).toBeNull();
    expect(page.view.value?.conversation?.key).toBe(planted.key);
    expect((await view(real)).pastConversations.map((c) => c.key)).toEqual([planted.key]);
  });

  it("attaching a generic page's conversation to one of the customer's tickets records it", async () => {
    const { sidebar, view } = setUp();
    const real = snapshot('real-thread', { contact: ana });
    const inbox = sidebar();
    inbox.setPage({ kind: 'conversation', snapshot: real });
    await inbox.refresh();
    await inbox.createTicket({ name: 'Order 1' });
    await inbox.refresh();
    const ticketId = inbox.ticket.value!.id;

    const page = sidebar();
    page.setPage({ kind: 'conversation', snapshot: planted });
    await page.refresh();
    expect((await view(planted)).conversation).toBeNull();
    expect((await view(real)).ticketConversations.map((c) => c.key)).toEqual([real.key]);
    await page.associate(ticketId);
    expect(page.error.value).toBeNull();
    expect((await view(real)).ticketConversations.map((c) => c.key).sort()).toEqual([planted.key, real.key].sort());
  });
});

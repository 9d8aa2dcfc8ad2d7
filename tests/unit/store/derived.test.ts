import './setup';
import fc from 'fast-check';
import type { Command, Outcome } from '../../../core/domain/commands';
import { applyCommand, type TicketAndConversation } from '../../../core/domain/rules';
import type { Contact, ConversationSnapshot, Note, Ticket } from '../../../core/domain/types';
import type { ExportData } from '../../../core/domain/export-format';
import type { HelpDeskStore } from '../../../core/store';
import { countTicket, emptyCounts, searchRecordOf, words, type CountsRecord, type SearchRecord } from '../../../core/store/derived';
import { activity, applyWrites, contact, note, openTestDesk, rawGetAll, seed, SEED_COMMAND, ticket } from './fixtures';

/**
 * The derived stores (core/store/derived.ts) against the obvious answer: after
 * any sequence of commands run by the real rules, the counts record equals a
 * count over every ticket, the search store equals one rebuilt from every
 * record, and a search finds exactly what a scan with the same word rule does.
 */

const run = (store: HelpDeskStore, cmd: Command): Promise<Outcome> => store.execute(cmd, (reader, ctx) => applyCommand(reader, cmd, ctx));

const PEOPLE = [
  { name: 'Ana Ruiz', email: 'ana@example.com', handle: null },
  { name: 'José Núñez', email: null, handle: 'slack:U42' },
  { name: 'Ben Ode', email: 'ben@example.org', handle: null },
] as const;
const NAMES = ['Refund please', 'Login broken', 'Invoice 2041', 'Shipping delay', 'refunded twice'];
const STATUSES = ['new', 'waiting-contact', 'waiting-us', 'closed'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const SEARCHES = ['refund', 'ana', 'jose', 'u42', 'example', 'inv', 'warehouse', 'ship', 'ruiz login', 'ana ruiz', 'refund app', 'zzz', 'REFUND twice'];

function snapshot(key: string, person: number): ConversationSnapshot {
  const p = PEOPLE[person % PEOPLE.length]!;
  return {
    source: 'demo',
    key,
    subject: key,
    channel: p.email ? 'email' : 'chat',
    hostUrl: `http://127.0.0.1:5174/#${key}`,
    contact: { name: p.name, email: p.email, handle: p.handle },
  };
}

/** One step of a random session; `pick` chooses among the tickets made so far. */
type Step =
  | { kind: 'create'; person: number; name: number; status: number; priority: number }
  | { kind: 'status'; pick: number; status: number }
  | { kind: 'update'; pick: number; field: 'name' | 'priority' | 'description'; value: number }
  | { kind: 'bulk'; picks: number[]; action: 'status' | 'owner' | 'priority' | 'delete'; value: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'purgeItem'; pick: number }
  | { kind: 'purgeAll' }
  | { kind: 'note'; pick: number; text: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), person: fc.nat(5), name: fc.nat(4), status: fc.nat(3), priority: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), field: fc.constantFrom('name' as const, 'priority' as const, 'description' as const), value: fc.nat(4) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      action: fc.constantFrom('status' as const, 'owner' as const, 'priority' as const, 'delete' as const),
      value: fc.nat(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purgeItem' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'purgeAll' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), text: fc.nat(2) }) },
);

const NOTE_TEXTS = ['The warehouse lost it', 'Refund approved', 'Customer called José'];

async function play(store: HelpDeskStore, steps: Step[], meId: string): Promise<void> {
  const made: string[] = [];
  const at = (pick: number) => made[pick % Math.max(made.length, 1)];
  for (const [i, s] of steps.entries()) {
    let cmd: Command | undefined;
    if (s.kind === 'create') {
      cmd = {
        type: 'ticket.create',
        conversation: snapshot(`k${i}`, s.person),
        fields: { name: `${NAMES[s.name]} ${i}`, status: STATUSES[s.status], priority: PRIORITIES[s.priority] },
      };
    } else if (s.kind === 'purgeAll') {
      cmd = { type: 'trash.purge', all: true };
    } else if (s.kind === 'bulk') {
      const ids = [...new Set(s.picks.map(at).filter((id): id is string => id !== undefined))];
      if (ids.length === 0) continue;
      const action =
        s.action === 'status'
          ? { type: 'status' as const, status: STATUSES[s.value]! }
          : s.action === 'priority'
            ? { type: 'priority' as const, priority: PRIORITIES[s.value]! }
            : s.action === 'owner'
              ? { type: 'owner' as const, ownerId: s.value % 2 === 0 ? meId : null }
              : { type: 'delete' as const };
      cmd = { type: 'tickets.bulk', ticketIds: ids, action };
    } else {
      const id = at(s.pick);
      if (id === undefined) continue;
      if (s.kind === 'status') cmd = { type: 'ticket.setStatus', ticketId: id, status: STATUSES[s.status]! };
      else if (s.kind === 'update')
        cmd = {
          type: 'ticket.update',
          ticketId: id,
          field: s.field,
          value: s.field === 'priority' ? PRIORITIES[s.value % 4]! : s.field === 'name' ? NAMES[s.value]! : `about ${NAMES[s.value]}`,
        };
      else if (s.kind === 'delete') cmd = { type: 'ticket.delete', ticketId: id };
      else if (s.kind === 'restore') cmd = { type: 'trash.restore', id };
      else if (s.kind === 'purgeItem') cmd = { type: 'trash.purgeItem', id };
      else cmd = { type: 'note.add', ticketId: id, text: NOTE_TEXTS[s.text]! };
    }
    const outcome = await run(store, cmd);
    // Refusals (a trashed ticket, an unknown id) are part of the game: they must change nothing derived either.
    if (outcome.ok && s.kind === 'create') made.push((outcome.value.result as TicketAndConversation).ticket.id);
  }
}

/** Counts and search records computed the slow obvious way, from every record. */
async function fromScratch(factory: IDBFactory) {
  const tickets = (await rawGetAll(factory, 'tickets')) as Ticket[];
  const contacts = (await rawGetAll(factory, 'contacts')) as Contact[];
  const notes = (await rawGetAll(factory, 'notes')) as Note[];
  const counts: CountsRecord = emptyCounts();
  for (const t of tickets) if (t.deletedAt === null) countTicket(counts, t, 1);
  const search = [...tickets, ...contacts, ...notes].flatMap((r) => searchRecordOf(r) ?? []);
  return { tickets, contacts, notes, counts, search };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What a search must return: live tickets where every search word starts a word of one text: the ticket's, its contact's or a live note's. */
function scanSearch(all: Awaited<ReturnType<typeof fromScratch>>, search: string): string[] {
  const wanted = [...new Set(words(search))];
  const has = (tokens: string[]) => wanted.every((w) => tokens.some((p) => p.startsWith(w)));
  const contactOf = new Map(all.contacts.map((c) => [c.id, c]));
  return all.tickets
    .filter((t) => t.deletedAt === null)
    .filter((t) => {
      const contact = t.contactId ? contactOf.get(t.contactId) : undefined;
      return (
        has(words(`${t.name} ${t.id.slice(-6)} ${t.category} ${t.description}`)) ||
        (contact !== undefined && has(words(`${contact.name} ${contact.email ?? ''} ${contact.handle ?? ''}`))) ||
        all.notes.some((n) => n.ticketId === t.id && n.deletedAt === null && has(words(n.text)))
      );
    })
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))
    .map((t) => t.id);
}

describe('derived counts and search index', () => {
  it('stay equal to a full scan after any sequence of commands', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const { store, factory } = await openTestDesk();
        try {
          await play(store, steps, (await store.meta()).meId);
          const all = await fromScratch(factory);
          const [stored] = (await rawGetAll(factory, 'counts')) as CountsRecord[];
          expect(stored ?? emptyCounts()).toEqual(all.counts);
          expect(((await rawGetAll(factory, 'search')) as SearchRecord[]).sort(byId)).toEqual([...all.search].sort(byId));
          const counted = await store.countTickets();
          expect(counted.total).toBe(all.counts.total);
          for (const search of SEARCHES) {
            const found = (await store.listTickets({ search, limit: 500 })).items.map((t) => t.id);
            expect(found, search).toEqual(scanSearch(all, search));
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('words: lower case, accents dropped, split at anything but letters and digits', () => {
    expect(words('José NÚÑEZ <jose.nunez@Example.com> slack:U42, #01ABCD')).toEqual([
      'jose',
      'nunez',
      'jose',
      'nunez',
      'example',
      'com',
      'slack',
      'u42',
      '01abcd',
    ]);
    expect(words('¿¡ — !?')).toEqual([]);
  });

  it('a search with no word in it finds nothing; an empty one lists everything', async () => {
    const { store } = await openTestDesk();
    await seed(store, [ticket(1), ticket(2)]);
    expect((await store.listTickets({ search: ' !? ' })).items).toEqual([]);
    expect((await store.listTickets({ search: '   ' })).items).toHaveLength(2);
    store.close();
  });

  it('finds a ticket by its short id and by a word of its note, not by a trashed note', async () => {
    const { store } = await openTestDesk();
    const t1 = ticket(1, { name: 'Printer' });
    const t2 = ticket(2, { name: 'Scanner' });
    await seed(store, [t1, t2, note(1, t1.id, { text: 'Toner ordered' }), note(2, t2.id, { text: 'toner too', deletedAt: 5 })]);
    const short = t2.id.slice(-6).toLowerCase();
    expect((await store.listTickets({ search: `#${short}` })).items.map((t) => t.id)).toEqual([t2.id]);
    expect((await store.listTickets({ search: 'toner' })).items.map((t) => t.id)).toEqual([t1.id]);
    store.close();
  });

  it('roll back with the command: a write that fails after them (a duplicate history entry) leaves counts and words as they were', async () => {
    const { store, factory } = await openTestDesk();
    const first = ticket(1, { name: 'Printer jam' });
    const entry = activity(1, first.id);
    await seed(store, [first], [entry]);
    const counts = await rawGetAll(factory, 'counts');
    const search = await rawGetAll(factory, 'search');
    const outcome = await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: ticket(2, { name: 'Scanner' }) }], [entry]));
    expect(outcome.ok).toBe(false);
    expect(await rawGetAll(factory, 'counts')).toEqual(counts);
    expect(await rawGetAll(factory, 'search')).toEqual(search);
    expect((await store.listTickets({ search: 'scanner' })).items).toEqual([]);
    store.close();
  });

  it('import and erase keep them right', async () => {
    const { store, factory } = await openTestDesk();
    await seed(store, [ticket(7, { name: 'Already here', priority: 'urgent' })]);
    const ana = contact(1, { name: 'Ana Ruiz', email: 'ana@example.com' });
    const data: ExportData = {
      tickets: [ticket(1, { contactId: ana.id, status: 'closed' }), ticket(2, { name: 'Old one', deletedAt: 50 })],
      conversations: [],
      contacts: [ana],
      agents: [],
      notes: [],
      snippets: [],
      settings: [],
      activity: [],
    };
    await store.importData(data);
    const all = await fromScratch(factory);
    expect(((await rawGetAll(factory, 'counts')) as CountsRecord[])[0]).toEqual(all.counts);
    expect(all.counts.total).toBe(2);
    expect(((await rawGetAll(factory, 'search')) as SearchRecord[]).sort(byId)).toEqual([...all.search].sort(byId));
    expect((await store.listTickets({ search: 'ruiz' })).items.map((t) => t.id)).toEqual([data.tickets[0]!.id]);

    await store.erase();
    expect(await rawGetAll(factory, 'counts')).toEqual([emptyCounts()]);
    expect(await rawGetAll(factory, 'search')).toEqual([]);
    expect((await store.countTickets()).total).toBe(0);
    store.close();
  });
});

import './setup';
import { shortId } from '../../../core/domain/ids';
import { matchesTerms, searchTerms, ticketSearchText } from '../../../core/domain/search';
import type { Ticket } from '../../../core/domain/types';
import type { HelpDeskStore } from '../../../core/store';
import { recentOpenTicket } from '../../../components/sidebar/CreateForm';
import { contact, note, openTestDesk, seed, ticket } from './fixtures';

const ANA = contact(100, { name: 'Ana Ruiz', email: 'ana@example.com' });
const BEN = contact(101, { name: 'Ben Ode', email: null, handle: 'slack:UBEN' });

describe('ticketSearchText: what a ticket is found by', () => {
  it('R3 holds the name, the short id as shown, and the contact’s name, address and handle, lower-cased', () => {
    const t = ticket(7, { name: 'Refund for Order 1042' });
    const text = ticketSearchText(t, ANA);
    for (const word of ['refund', shortId(t.id).toLowerCase(), 'ana ruiz', 'ana@example.com']) expect(text).toContain(word);
    expect(ticketSearchText(t, BEN)).toContain('slack:uben');
    expect(ticketSearchText(t, null)).not.toContain('ana');
  });

  it('R3 every word must match somewhere, in any field and any order', () => {
    const text = ticketSearchText(ticket(7, { name: 'Refund for order 1042' }), ANA);
    expect(matchesTerms(text, searchTerms('ana  REFUND'))).toBe(true);
    expect(matchesTerms(text, searchTerms('ana login'))).toBe(false);
    expect(searchTerms('   ')).toEqual([]);
  });
});

describe('store.findTickets (R3: add to any ticket)', () => {
  let store: HelpDeskStore;
  const anaOpenOld = ticket(1, { name: 'Printer jam', contactId: ANA.id, updatedAt: 10 });
  const anaOpenNew = ticket(2, { name: 'Refund', contactId: ANA.id, updatedAt: 20 });
  const anaClosed = ticket(3, { name: 'Old refund', contactId: ANA.id, status: 'closed', closedAt: 5, updatedAt: 30 });
  const benClosed = ticket(4, { name: 'Refund for Ben', contactId: BEN.id, status: 'closed', closedAt: 5, updatedAt: 40 });
  const benOpen = ticket(5, { name: 'Login fails', contactId: BEN.id, updatedAt: 50 });
  const trashed = ticket(6, { name: 'Refund trashed', contactId: ANA.id, deletedAt: 60, updatedAt: 60 });
  const merged = { ...ticket(8, { name: 'Refund merged', contactId: BEN.id, updatedAt: 70 }), mergedInto: benOpen.id } as Ticket;

  beforeAll(async () => {
    ({ store } = await openTestDesk());
    await seed(store, [ANA, BEN, anaOpenOld, anaOpenNew, anaClosed, benClosed, benOpen, trashed, merged, note(9, benOpen.id)]);
  });
  afterAll(() => store.close());

  const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

  it('R3 lists the contact’s open tickets first, then every other ticket by last update, closed ones marked', async () => {
    const hits = await store.findTickets({ text: '', contactId: ANA.id });
    expect(ids(hits)).toEqual([anaOpenNew.id, anaOpenOld.id, benOpen.id, benClosed.id, anaClosed.id]);
    expect(hits.map((h) => h.ofContact)).toEqual([true, true, false, false, true]);
    expect(hits.find((h) => h.id === benClosed.id)).toEqual({
      id: benClosed.id,
      name: 'Refund for Ben',
      status: 'closed',
      closed: true,
      contactName: 'Ben Ode',
      ofContact: false,
    });
  });

  it('R3 finds by name, short id, contact name, email or handle; never a trashed or merged-away ticket', async () => {
    expect(ids(await store.findTickets({ text: 'refund', contactId: ANA.id }))).toEqual([anaOpenNew.id, benClosed.id, anaClosed.id]);
    expect(ids(await store.findTickets({ text: shortId(benOpen.id) }))).toEqual([benOpen.id]);
    expect(ids(await store.findTickets({ text: 'ben refund' }))).toEqual([benClosed.id]);
    expect(ids(await store.findTickets({ text: 'uben' }))).toEqual([benOpen.id, benClosed.id]);
    expect(ids(await store.findTickets({ text: 'ANA@EXAMPLE' }))).toEqual([anaClosed.id, anaOpenNew.id, anaOpenOld.id]);
    expect(ids(await store.findTickets({ text: 'trashed' }))).toEqual([]);
    expect(ids(await store.findTickets({ text: 'merged' }))).toEqual([]);
  });

  it('R3 is bounded: at most `limit` answers, and at most the scan budget of tickets walked', async () => {
    expect(await store.findTickets({ text: '', limit: 2 })).toHaveLength(2);
    const { store: small } = await openTestDesk({ scanBudget: 2 });
    await seed(small, [ANA, anaOpenOld, anaOpenNew, anaClosed]);
    // The oldest is third in update order: past the budget of two.
    expect(await small.findTickets({ text: 'printer' })).toEqual([]);
    expect(ids(await small.findTickets({ text: 'old refund' }))).toEqual([anaClosed.id]);
    small.close();
  });
});

describe('the duplicate guard: the contact’s open ticket of the last 7 days', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const NOW = 1_700_000_000_000;
  it('offers the latest open one active in the last 7 days, never an older, closed, trashed or merged one', () => {
    const fresh = ticket(1, { lastActivityAt: NOW - 2 * DAY });
    const fresher = ticket(2, { lastActivityAt: NOW - DAY });
    expect(recentOpenTicket([fresh, fresher], NOW)?.id).toBe(fresher.id);
    expect(recentOpenTicket([ticket(3, { lastActivityAt: NOW - 8 * DAY })], NOW)).toBeUndefined();
    expect(recentOpenTicket([ticket(4, { lastActivityAt: NOW, closedAt: NOW, status: 'closed' })], NOW)).toBeUndefined();
    expect(recentOpenTicket([ticket(5, { lastActivityAt: NOW, deletedAt: NOW })], NOW)).toBeUndefined();
    expect(recentOpenTicket([{ ...ticket(6, { lastActivityAt: NOW }), mergedInto: fresh.id } as Ticket], NOW)).toBeUndefined();
    expect(recentOpenTicket([], NOW)).toBeUndefined();
  });
});

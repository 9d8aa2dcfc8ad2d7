import { shortId } from '../../../core/domain/ids';
import { runCommand } from '../../../core/domain/memory';
import type { Note, Ticket } from '../../../core/domain/types';
import { ANA_CHAT, ANA_EMAIL, BEN_EMAIL, BOB, conversationOf, helpDesk, kinds, newTicket, ok, refused, snapshot, ticketOf } from './helpers';

/** R3 attach to any ticket (closed ones: R9), R12 corrections, R14 notes edited and deleted by their author. */

describe('R3 attach to any ticket, a closed one included (R8, R9)', () => {
  it('R3 an open conversation added to a closed ticket of another contact reopens it; the others stay closed', async () => {
    const state = await helpDesk();
    const { ticket, conversation: first } = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const before = state.activity().length;

    const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    expect(result.conversation).toMatchObject({ ticketId: ticket.id, status: 'open' });
    expect(result.ticket).toMatchObject({ status: 'new', closedAt: null });
    // R9 with several conversations: the ticket's earlier one is not reopened by the ticket.
    expect((await conversationOf(state, first.id)).status).toBe('closed');
    const added = state.activity().slice(before);
    expect(kinds(added)).toEqual(['conversation.added', 'ticket.property', 'ticket.reopened']);
    expect(added[1]).toMatchObject({ field: 'status', from: 'closed', to: 'new' });
    // The ticket keeps its contact: attaching adds a conversation, it does not move the ticket.
    expect((await ticketOf(state, ticket.id)).contactId).toBe(first.contactId);
  });

  it('R3 a closed conversation added to a closed ticket leaves both closed', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'ticket.setStatus', ticketId: ticket.id, status: 'closed' });
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: ANA_CHAT });
    await ok(state, { type: 'conversation.setStatus', conversationId: seen.id, status: 'closed' });

    const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    expect(result.ticket).toMatchObject({ status: 'closed' });
    expect(result.ticket.closedAt).not.toBeNull();
    expect(result.conversation.status).toBe('closed');
  });

  it('R3 an open ticket of another contact takes the conversation as it is', async () => {
    const state = await helpDesk();
    const { ticket } = await newTicket(state, BEN_EMAIL, { status: 'waiting-us' });
    const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    expect(result.ticket.status).toBe('waiting-us');
    expect(result.conversation.status).toBe('open');
  });

  it('R3 refuses a trashed ticket, and a merged-away one naming where it went; nothing changes', async () => {
    const state = await helpDesk();
    const { ticket: trashed } = await newTicket(state, BEN_EMAIL);
    await ok(state, { type: 'ticket.delete', ticketId: trashed.id });
    expect((await refused(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: trashed.id })).message).toMatch(/trash/);

    const { ticket: kept } = await newTicket(state, snapshot({ key: 'thread-9', contact: { name: 'Cy', email: 'cy@example.com', handle: null } }));
    const { ticket: away } = await newTicket(state, snapshot({ key: 'thread-8', contact: { name: 'Di', email: 'di@example.com', handle: null } }));
    // What ticket merging leaves behind: a tombstone that points to the ticket kept.
    const current = await ticketOf(state, away.id);
    const merged = { ...current, version: current.version + 1, deletedAt: 1, mergedInto: kept.id } as Ticket;
    state.apply({ writes: [{ op: 'put', record: merged }], activity: [] });
    const error = await refused(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: away.id });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(shortId(kept.id));
  });
});

describe('R12 corrections: lifting a flag makes the sender’s conversations creatable again', () => {
  it('R12 unblocking clears the flag of the conversations seen while blocked, in the same command', async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    await ok(state, { type: 'contact.block', contactId: first.contactId!, blocked: true });
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: ANA_CHAT });
    expect(seen.flag).toBe('blocked');

    const { writes } = await ok(state, { type: 'contact.block', contactId: first.contactId!, blocked: false });
    expect((await conversationOf(state, seen.id)).flag).toBeNull();
    // One command: the contact and the flagged conversation; the unflagged one was not touched.
    expect(writes.map((w) => (w.op === 'put' ? w.record.id : w.id)).sort()).toEqual([first.contactId!, seen.id].sort());
    expect((await conversationOf(state, first.id)).version).toBe(first.version);
    // Creatable again.
    await newTicket(state, ANA_CHAT);
  });

  it('R12 a lifted block leaves the other flag: blocked → spam, then none', async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    const contactId = first.contactId!;
    await ok(state, { type: 'contact.spam', contactId, spam: true });
    await ok(state, { type: 'contact.block', contactId, blocked: true });
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: ANA_CHAT });
    expect(seen.flag).toBe('blocked');
    await ok(state, { type: 'contact.block', contactId, blocked: false });
    expect((await conversationOf(state, seen.id)).flag).toBe('spam');
    await ok(state, { type: 'contact.spam', contactId, spam: false });
    expect((await conversationOf(state, seen.id)).flag).toBeNull();
  });

  it('R12 setting a flag leaves existing conversations and histories as they are', async () => {
    const state = await helpDesk();
    const { conversation } = await newTicket(state);
    const before = state.activity().length;
    await ok(state, { type: 'contact.block', contactId: conversation.contactId!, blocked: true });
    expect((await conversationOf(state, conversation.id)).flag).toBeNull();
    expect(state.activity()).toHaveLength(before);
  });

  it('R12 a flagged conversation with a ticket gets an activity entry when its flag is lifted', async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    await ok(state, { type: 'contact.spam', contactId: first.contactId!, spam: true });
    // A flagged conversation the rules still let join a ticket (from the record page of another one).
    const { ticket } = await newTicket(state, BEN_EMAIL);
    const { result } = await ok(state, { type: 'ticket.associate', conversation: ANA_CHAT, ticketId: ticket.id });
    expect(result.conversation.flag).toBe('spam');
    await ok(state, { type: 'contact.spam', contactId: first.contactId!, spam: false });
    const last = state.activity().at(-1)!;
    expect(last).toMatchObject({ kind: 'contact.unflagged', ticketId: ticket.id, conversationId: result.conversation.id, from: 'spam', to: null });
  });

  it('R12 a conversation in the trash keeps its family intact, and comes back with the flag of today', async () => {
    const state = await helpDesk();
    const { result: first } = await ok(state, { type: 'conversation.observe', conversation: ANA_EMAIL });
    await ok(state, { type: 'contact.block', contactId: first.contactId!, blocked: true });
    const { result: seen } = await ok(state, { type: 'conversation.observe', conversation: ANA_CHAT });
    await ok(state, { type: 'conversation.trash', conversationId: seen.id });
    const trashed = await conversationOf(state, seen.id);
    await ok(state, { type: 'contact.block', contactId: first.contactId!, blocked: false });
    expect(await conversationOf(state, seen.id)).toEqual(trashed);
    await ok(state, { type: 'trash.restore', id: seen.id });
    expect((await conversationOf(state, seen.id)).flag).toBeNull();
  });
});

describe('R14 notes edited and deleted by their author', () => {
  async function withNote() {
    const state = await helpDesk();
    const { ticket } = await newTicket(state);
    const { result: note } = await ok(state, { type: 'note.add', ticketId: ticket.id, text: 'Called her back' });
    return { state, ticket, note };
  }

  it('R14 the author edits a note: the history keeps old → new', async () => {
    const { state, note } = await withNote();
    const { result } = await ok(state, { type: 'note.edit', noteId: note.id, text: '  Called her back twice  ' });
    expect(result).toMatchObject({ text: 'Called her back twice', authorId: note.authorId, version: 2 });
    expect(state.activity().at(-1)).toMatchObject({ kind: 'note.edited', noteId: note.id, from: 'Called her back', to: 'Called her back twice' });
    // The same text again: nothing written, nothing logged.
    const again = await ok(state, { type: 'note.edit', noteId: note.id, text: 'Called her back twice' });
    expect(again.writes).toEqual([]);
    expect(again.activity).toEqual([]);
  });

  it('R14 refuses an edit or delete by someone else, of a trashed note, to empty or too long text; nothing changes', async () => {
    const { state, note } = await withNote();
    for (const cmd of [
      { type: 'note.edit' as const, noteId: note.id, text: 'mine now' },
      { type: 'note.delete' as const, noteId: note.id },
    ]) {
      const outcome = await runCommand(state, cmd, { agentId: BOB });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/author/) });
    }
    expect((await refused(state, { type: 'note.edit', noteId: note.id, text: '   ' })).message).toMatch(/empty/);
    expect((await refused(state, { type: 'note.edit', noteId: note.id, text: 'x'.repeat(10_001) })).message).toMatch(/too long/);
    expect((await refused(state, { type: 'note.edit', noteId: 'note:NOPE', text: 'x' })).code).toBe('not_found');
    await ok(state, { type: 'note.delete', noteId: note.id });
    expect((await refused(state, { type: 'note.edit', noteId: note.id, text: 'x' })).message).toMatch(/trash/);
    expect((await refused(state, { type: 'note.delete', noteId: note.id })).message).toMatch(/trash/);
  });

  it('R14 deleting a note moves it to the trash; restoring brings it back, both in the history', async () => {
    const { state, ticket, note } = await withNote();
    const { result } = await ok(state, { type: 'note.delete', noteId: note.id });
    expect(result.trashed).toEqual([note.id]);
    expect((await state.get(note.id))?.deletedAt).not.toBeNull();
    expect(state.activity().at(-1)).toMatchObject({ kind: 'note.deleted', noteId: note.id, text: 'Called her back' });
    expect((await ticketOf(state, ticket.id)).deletedAt).toBeNull();

    const { result: back } = await ok(state, { type: 'trash.restore', id: note.id });
    expect(back.restored).toEqual([note.id]);
    expect(((await state.get(note.id)) as Note).deletedAt).toBeNull();
    expect(state.activity().at(-1)).toMatchObject({ kind: 'note.restored', noteId: note.id });
  });

  it('R11 a note deleted alone, then its ticket trashed: restoring the note brings the ticket back too', async () => {
    const { state, ticket, note } = await withNote();
    await ok(state, { type: 'note.delete', noteId: note.id });
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    // Restoring the ticket leaves the note the author deleted in the trash.
    await ok(state, { type: 'trash.restore', id: ticket.id });
    expect((await state.get(note.id))?.deletedAt).not.toBeNull();
    await ok(state, { type: 'ticket.delete', ticketId: ticket.id });
    const { result } = await ok(state, { type: 'trash.restore', id: note.id });
    expect(result.restored).toContain(ticket.id);
    expect(result.restored).toContain(note.id);
  });

  it('R11 deleting a note forever takes every history entry about it, and only those', async () => {
    const { state, ticket, note } = await withNote();
    await ok(state, { type: 'note.add', ticketId: ticket.id, text: 'Another note' });
    await ok(state, { type: 'note.edit', noteId: note.id, text: 'Called twice' });
    await ok(state, { type: 'note.delete', noteId: note.id });
    await ok(state, { type: 'trash.purgeItem', id: note.id });
    expect(await state.get(note.id)).toBeUndefined();
    const left = state.activity();
    expect(left.some((a) => a.noteId === note.id)).toBe(false);
    expect(kinds(left)).toEqual(['ticket.created', 'conversation.added', 'note.added']);
    expect(left.at(-1)?.text).toBe('Another note');
  });
});

import type { Command } from '../../../core/domain/commands';
import { SETTINGS_ID } from '../../../core/domain/defaults';
import { ticketSearchText, matchesTerms, searchTerms } from '../../../core/domain/search';
import { NEW_TAG_COLORS, suggestTags, tagColor } from '../../../core/domain/tags';
import { tagCatalogOf, tagsOf, type Settings } from '../../../core/domain/types';
import { ticketTokens } from '../../../core/store/derived';
import { helpDesk, newTicket, ok, refused, snapshot, ticketOf } from './helpers';
import type { MemoryState } from '../../../core/domain/memory';

const setTags = (ticketId: string, tags: string[]): Extract<Command, { type: 'ticket.setTags' }> => ({ type: 'ticket.setTags', ticketId, tags });
const catalog = async (state: MemoryState) => tagCatalogOf((await state.settings()) as Settings);

async function twoTickets() {
  const state = await helpDesk();
  const a = (await newTicket(state, snapshot({ key: 'a' }))).ticket;
  const b = (await newTicket(state, snapshot({ key: 'b', contact: { name: 'Ben', email: 'ben@example.org', handle: null } }))).ticket;
  return { state, a, b };
}

describe('ticket.setTags', () => {
  it('trims, keeps the order added, drops case-insensitive duplicates, and logs old → new as one property entry', async () => {
    const { state, a } = await twoTickets();
    const { activity, result } = await ok(state, setTags(a.id, ['  VIP ', 'billing', 'vip', 'Billing']));
    expect(result.tags).toEqual(['VIP', 'billing']);
    expect(activity).toEqual([expect.objectContaining({ kind: 'ticket.property', field: 'tags', from: null, to: 'VIP, billing' })]);
    const second = await ok(state, setTags(a.id, ['billing']));
    expect(second.activity).toEqual([expect.objectContaining({ field: 'tags', from: 'VIP, billing', to: 'billing' })]);
    // The same list again writes nothing.
    expect((await ok(state, setTags(a.id, ['billing']))).writes).toEqual([]);
  });

  it('a tag used for the first time joins the catalog in the same command, with the next palette colour', async () => {
    const { state, a, b } = await twoTickets();
    const { writes } = await ok(state, setTags(a.id, ['VIP', 'billing']));
    expect(writes.map((w) => (w.op === 'put' ? w.record.id : w.id)).sort()).toEqual([SETTINGS_ID, a.id].sort());
    expect(await catalog(state)).toEqual([
      { name: 'VIP', color: NEW_TAG_COLORS[0] },
      { name: 'billing', color: NEW_TAG_COLORS[1] },
    ]);
    // The catalog's spelling wins: "vip" on another ticket is "VIP", and the catalog does not grow.
    const { result } = await ok(state, setTags(b.id, ['vip', 'refund']));
    expect(result.tags).toEqual(['VIP', 'refund']);
    expect((await catalog(state)).map((d) => `${d.name}:${d.color}`)).toEqual([`VIP:${NEW_TAG_COLORS[0]}`, `billing:${NEW_TAG_COLORS[1]}`, `refund:${NEW_TAG_COLORS[2]}`]);
  });

  it.each([
    ['an empty tag', ['  '], 'tagEmpty'],
    ['a tag over 40 characters', ['x'.repeat(41)], 'tagTooLong'],
    ['a control character', ['a\u0007b'], 'tagControl'],
    ['a line break', ['two\nlines'], 'tagControl'],
    ['more than 20 tags', Array.from({ length: 21 }, (_, i) => `t${i}`), 'tagTooMany'],
  ])('refuses %s and saves nothing (neither ticket nor catalog)', async (_, tags, key) => {
    const { state, a } = await twoTickets();
    expect((await refused(state, setTags(a.id, tags))).key).toBe(key);
  });

  it('accepts exactly 40 characters and exactly 20 tags', async () => {
    const { state, a } = await twoTickets();
    const twenty = Array.from({ length: 20 }, (_, i) => `${i}`.padStart(40, 'x'));
    expect((await ok(state, setTags(a.id, twenty))).result.tags).toHaveLength(20);
  });

  it('refuses a trashed ticket', async () => {
    const { state, a } = await twoTickets();
    await ok(state, { type: 'ticket.delete', ticketId: a.id });
    expect((await refused(state, setTags(a.id, ['x']))).key).toBe('ticketTrashed');
  });

  it('an old ticket without the field reads as no tags', async () => {
    const { state, a } = await twoTickets();
    const stored = await ticketOf(state, a.id);
    expect('tags' in stored).toBe(false);
    expect(tagsOf(stored)).toEqual([]);
  });
});

describe('tickets.bulk tags', () => {
  it('adds and removes on every selected ticket in one command, one activity entry per changed ticket', async () => {
    const { state, a, b } = await twoTickets();
    await ok(state, setTags(a.id, ['VIP', 'old']));
    const { result, activity, writes } = await ok(state, { type: 'tickets.bulk', ticketIds: [a.id, b.id], action: { type: 'tags', add: ['urgent', 'vip'], remove: ['OLD'] } });
    expect(result.changed).toEqual([a.id, b.id]);
    expect(tagsOf(await ticketOf(state, a.id))).toEqual(['VIP', 'urgent']);
    expect(tagsOf(await ticketOf(state, b.id))).toEqual(['urgent', 'VIP']);
    expect(activity.map((e) => [e.ticketId, e.from, e.to])).toEqual([
      [a.id, 'VIP, old', 'VIP, urgent'],
      [b.id, null, 'urgent, VIP'],
    ]);
    const causes = new Set(writes.flatMap((w) => (w.op === 'put' ? [w.record.causeId] : [])));
    expect(causes.size).toBe(1);
    expect((await catalog(state)).map((d) => d.name)).toEqual(['VIP', 'old', 'urgent']);
  });

  it('refuses the whole command when one ticket would pass 20 tags, or a tag is bad', async () => {
    const { state, a, b } = await twoTickets();
    await ok(state, setTags(a.id, Array.from({ length: 20 }, (_, i) => `t${i}`)));
    expect((await refused(state, { type: 'tickets.bulk', ticketIds: [b.id, a.id], action: { type: 'tags', add: ['new'], remove: [] } })).key).toBe('tagTooMany');
    expect((await refused(state, { type: 'tickets.bulk', ticketIds: [b.id], action: { type: 'tags', add: ['<b>\u0000'], remove: [] } })).key).toBe('tagControl');
  });
});

describe('the tag catalog: rename, recolour, remove', () => {
  it('renames a tag on every live ticket in one command, each with its own activity entry; a trashed ticket keeps its tags', async () => {
    const { state, a, b } = await twoTickets();
    const c = (await newTicket(state, snapshot({ key: 'c' }))).ticket;
    await ok(state, setTags(a.id, ['vip', 'billing']));
    await ok(state, setTags(b.id, ['VIP']));
    await ok(state, setTags(c.id, ['vip']));
    await ok(state, { type: 'ticket.delete', ticketId: c.id });
    const { result, activity, writes } = await ok(state, { type: 'tags.rename', from: 'VIP', to: 'Key account' });
    expect(result.ticketIds.sort()).toEqual([a.id, b.id].sort());
    expect(tagsOf(await ticketOf(state, a.id))).toEqual(['Key account', 'billing']);
    expect(tagsOf(await ticketOf(state, b.id))).toEqual(['Key account']);
    expect(tagsOf(await ticketOf(state, c.id))).toEqual(['vip']);
    expect(activity.map((e) => [e.ticketId, e.field, e.from, e.to]).sort()).toEqual(
      [
        [a.id, 'tags', 'vip, billing', 'Key account, billing'],
        [b.id, 'tags', 'vip', 'Key account'],
      ].sort(),
    );
    expect(new Set(writes.flatMap((w) => (w.op === 'put' ? [w.record.causeId] : []))).size).toBe(1);
    expect((await catalog(state))[0]).toEqual({ name: 'Key account', color: NEW_TAG_COLORS[0] });
  });

  it('refuses a rename onto another tag, an unknown tag and a bad name; a change of case is a rename', async () => {
    const { state, a } = await twoTickets();
    await ok(state, setTags(a.id, ['vip', 'billing']));
    expect((await refused(state, { type: 'tags.rename', from: 'vip', to: 'BILLING' })).key).toBe('tagExists');
    expect((await refused(state, { type: 'tags.rename', from: 'nope', to: 'x' })).key).toBe('tagUnknown');
    expect((await refused(state, { type: 'tags.rename', from: 'vip', to: '' })).key).toBe('tagEmpty');
    await ok(state, { type: 'tags.rename', from: 'vip', to: 'VIP' });
    expect(tagsOf(await ticketOf(state, a.id))).toEqual(['VIP', 'billing']);
  });

  it('recolours from the palette only', async () => {
    const { state, a } = await twoTickets();
    await ok(state, setTags(a.id, ['vip']));
    await ok(state, { type: 'tags.recolor', name: 'VIP', color: 'purple' });
    expect(tagColor(await catalog(state), 'vip')).toBe('purple');
    const bad = { type: 'tags.recolor', name: 'vip', color: 'url(x)' } as unknown as Command;
    expect((await refused(state, bad)).key).toBe('tagColorUnknown');
  });

  it('removes a tag from every live ticket and the catalog, with the activity on each ticket', async () => {
    const { state, a, b } = await twoTickets();
    await ok(state, setTags(a.id, ['vip', 'billing']));
    await ok(state, setTags(b.id, ['vip']));
    const { activity } = await ok(state, { type: 'tags.remove', name: 'VIP' });
    expect(activity.map((e) => [e.ticketId, e.from, e.to]).sort()).toEqual(
      [
        [a.id, 'vip, billing', 'billing'],
        [b.id, 'vip', null],
      ].sort(),
    );
    expect(tagsOf(await ticketOf(state, b.id))).toEqual([]);
    expect((await catalog(state)).map((d) => d.name)).toEqual(['billing']);
  });
});

describe('finding tickets by tag', () => {
  it('the sidebar search text and the dashboard search tokens carry the tags', async () => {
    const { state, a } = await twoTickets();
    const { result } = await ok(state, setTags(a.id, ['Key-Account', 'Facturación']));
    expect(matchesTerms(ticketSearchText(result, null), searchTerms('key-account'))).toBe(true);
    expect(ticketTokens(result)).toEqual(expect.arrayContaining(['key', 'account', 'facturacion']));
  });

  it('suggests catalog tags that start with, then contain, what was typed, leaving out those the ticket has', () => {
    const defs = [
      { name: 'billing', color: 'gray' as const },
      { name: 'VIP', color: 'red' as const },
      { name: 'Big deal', color: 'blue' as const },
    ];
    expect(suggestTags(defs, 'bi', []).map((d) => d.name)).toEqual(['billing', 'Big deal']);
    expect(suggestTags(defs, 'i', ['VIP']).map((d) => d.name)).toEqual(['billing', 'Big deal']);
    expect(suggestTags(defs, '', ['billing']).map((d) => d.name)).toEqual(['VIP', 'Big deal']);
  });
});

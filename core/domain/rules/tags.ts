import { CONTROL_CHARS, MAX_TAG_LENGTH, MAX_TAGS, catalogEntry, isTagColor, joinTags, nextTagColor, tagKey, uniqueTags, withoutTag } from '../tags';
import { tagCatalogOf, tagsOf, type Settings, type TagColor, type TagDef, type Ticket } from '../types';
import { liveTicket } from './lookups';
import { refuse, type Session } from './session';

/**
 * Tags on tickets (docs/rules.md "Tags"). A ticket's tags are a list of
 * names, unique by key (case-insensitive), in the order added; every name in
 * use is in the settings' catalog with a colour. A tag used for the first
 * time joins the catalog in the same command, with the next palette colour.
 * Each change is a `ticket.property` entry, field `tags`, from and to the
 * names joined with ", ".
 */

/** One tag name as typed: trimmed, 1–40 characters, no control characters. */
export function checkTagName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') refuse('invalid', 'tagEmpty');
  const name = value.trim();
  if (CONTROL_CHARS.test(name)) refuse('invalid', 'tagControl');
  if (name.length > MAX_TAG_LENGTH) refuse('invalid', 'tagTooLong', { max: MAX_TAG_LENGTH });
  return name;
}

/** A ticket's tags as sent: each checked, the catalog's spelling for known ones, duplicates dropped, at most 20. */
export function checkTags(input: unknown, catalog: readonly TagDef[]): string[] {
  if (!Array.isArray(input)) refuse('invalid', 'tagNotList');
  const names = uniqueTags(input.map(checkTagName).map((n) => catalogEntry(catalog, n)?.name ?? n));
  if (names.length > MAX_TAGS) refuse('invalid', 'tagTooMany', { max: MAX_TAGS });
  return names;
}

/** Adds the names the catalog lacks, each with the next palette colour, in the same command. */
async function joinCatalog(s: Session, names: readonly string[]): Promise<void> {
  const settings = await s.settings();
  const catalog = [...tagCatalogOf(settings)];
  for (const name of names) if (!catalogEntry(catalog, name)) catalog.push({ name, color: nextTagColor(catalog) });
  if (catalog.length !== tagCatalogOf(settings).length) s.change<Settings>(settings, { tags: catalog });
}

/** Writes a ticket's tags (already checked) and logs old → new. */
function writeTags(s: Session, ticket: Ticket, to: string[]): Ticket {
  const from = tagsOf(ticket);
  if (from.length === to.length && from.every((n, i) => n === to[i])) return ticket;
  if (s.change<Ticket>(ticket, { tags: to })) {
    s.log(ticket, 'ticket.property', { field: 'tags', from: joinTags(from) || null, to: joinTags(to) || null });
  }
  return s.current(ticket);
}

/** `ticket.setTags`: the ticket's whole list of tags. */
export async function setTicketTags(s: Session, ticketId: string, tags: unknown): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  const names = checkTags(tags, tagCatalogOf(await s.settings()));
  await joinCatalog(s, names);
  return writeTags(s, ticket, names);
}

/** The bulk action's tags, checked once before any ticket is touched. */
export async function checkTagChange(s: Session, add: unknown, remove: unknown): Promise<{ add: string[]; remove: Set<string> }> {
  const catalog = tagCatalogOf(await s.settings());
  const added = checkTags(add, catalog);
  if (!Array.isArray(remove)) refuse('invalid', 'tagNotList');
  return { add: added, remove: new Set(remove.map((n) => tagKey(String(n)))) };
}

/** Bulk: removes then adds on one ticket; a ticket that would pass 20 tags refuses the whole command. */
export async function changeTicketTags(s: Session, ticketId: string, change: { add: string[]; remove: Set<string> }): Promise<Ticket> {
  const ticket = await liveTicket(s, ticketId);
  const kept = tagsOf(ticket).filter((n) => !change.remove.has(tagKey(n)));
  const names = uniqueTags([...kept, ...change.add]);
  if (names.length > MAX_TAGS) refuse('invalid', 'tagTooMany', { max: MAX_TAGS });
  await joinCatalog(s, change.add);
  return writeTags(s, ticket, names);
}

// ---- the catalog (options page) ----

function catalogIndex(catalog: readonly TagDef[], name: unknown): number {
  const key = typeof name === 'string' ? tagKey(name) : '';
  const at = catalog.findIndex((d) => tagKey(d.name) === key);
  if (at < 0) refuse('not_found', 'tagUnknown', { name: String(name) });
  return at;
}

/** Every live ticket that has the tag: one read per status (every live ticket has a current status). */
async function liveTicketsTagged(s: Session, settings: Settings, key: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (const stage of settings.stages) {
    const tickets = await s.ticketsByStatus(stage.id);
    if (!tickets) refuse('internal', 'tagQueriesMissing');
    for (const t of tickets) if (t.deletedAt === null && tagsOf(t).some((n) => tagKey(n) === key)) out.push(t);
  }
  return out;
}

export interface TagCascade {
  /** The tickets the command changed. */
  ticketIds: string[];
}

/**
 * Renames a tag in the catalog and on every live ticket that has it, in one
 * command (each ticket's activity says old → new). Another tag's name is
 * refused; a change of case only is a rename. Trashed tickets keep the old
 * name (rewriting them would detach them from their trash action); restored,
 * they show it in gray until it is used again.
 */
export async function renameTag(s: Session, from: unknown, to: unknown): Promise<TagCascade> {
  const settings = await s.settings();
  const catalog = [...tagCatalogOf(settings)];
  const at = catalogIndex(catalog, from);
  const old = catalog[at]!;
  const name = checkTagName(to);
  const clash = catalogEntry(catalog, name);
  if (clash && clash !== old) refuse('conflict', 'tagExists', { name: clash.name });
  if (name === old.name) return { ticketIds: [] };
  catalog[at] = { ...old, name };
  s.change<Settings>(settings, { tags: catalog });
  const tickets = await liveTicketsTagged(s, settings, tagKey(old.name));
  for (const ticket of tickets) writeTags(s, ticket, tagsOf(ticket).map((n) => (tagKey(n) === tagKey(old.name) ? name : n)));
  return { ticketIds: tickets.map((t) => t.id) };
}

/** A new colour for one tag, from the palette. */
export async function recolorTag(s: Session, name: unknown, color: unknown): Promise<TagCascade> {
  const settings = await s.settings();
  const catalog = [...tagCatalogOf(settings)];
  const at = catalogIndex(catalog, name);
  if (!isTagColor(color)) refuse('invalid', 'tagColorUnknown', { color: String(color) });
  catalog[at] = { ...catalog[at]!, color: color satisfies TagColor };
  s.change<Settings>(settings, { tags: catalog });
  return { ticketIds: [] };
}

/**
 * Takes a tag off every live ticket and out of the catalog, in one command,
 * with an entry in each ticket's activity. It is not a trash action: the
 * activity says which tickets had it, and bulk "add tag" puts it back.
 */
export async function removeTag(s: Session, name: unknown): Promise<TagCascade> {
  const settings = await s.settings();
  const catalog = [...tagCatalogOf(settings)];
  const at = catalogIndex(catalog, name);
  const key = tagKey(catalog[at]!.name);
  catalog.splice(at, 1);
  s.change<Settings>(settings, { tags: catalog });
  const tickets = await liveTicketsTagged(s, settings, key);
  for (const ticket of tickets) writeTags(s, ticket, withoutTag(tagsOf(ticket), key));
  return { ticketIds: tickets.map((t) => t.id) };
}

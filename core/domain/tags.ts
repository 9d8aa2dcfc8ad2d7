import { TAG_COLORS, type TagColor, type TagDef } from './types';

/**
 * Tags: what the rules, the pages and import share. A tag is compared by
 * its key (lower case), so "VIP" and "vip" are one tag; the catalog keeps
 * the spelling it was first used with.
 */

/** At most this many characters in a tag name. */
export const MAX_TAG_LENGTH = 40;
/** At most this many tags on one ticket. */
export const MAX_TAGS = 20;

/** What makes two spellings one tag. */
export const tagKey = (name: string): string => name.trim().toLowerCase();

/** C0/C1 controls, and the line and paragraph separators: none may be in a tag. */
export const CONTROL_CHARS = /[\p{Cc}\u2028\u2029]/u;

/** The catalog entry of a tag, by any spelling. */
export function catalogEntry(catalog: readonly TagDef[], name: string): TagDef | undefined {
  const key = tagKey(name);
  return catalog.find((d) => tagKey(d.name) === key);
}

/** The colour a tag shows in: its catalog colour, gray for one the catalog lacks (a trashed ticket's old tag). */
export function tagColor(catalog: readonly TagDef[], name: string): TagColor {
  return catalogEntry(catalog, name)?.color ?? 'gray';
}

/** The order new tags take the palette's colours: the lively ones first, neighbours far apart, gray last. */
export const NEW_TAG_COLORS: readonly TagColor[] = ['blue', 'green', 'orange', 'purple', 'teal', 'red', 'yellow', 'gray'];

/** The colour a new tag gets: the next in NEW_TAG_COLORS after as many as the catalog has. */
export function nextTagColor(catalog: readonly TagDef[]): TagColor {
  return NEW_TAG_COLORS[catalog.length % NEW_TAG_COLORS.length] ?? 'gray';
}

export const isTagColor = (value: unknown): value is TagColor => typeof value === 'string' && (TAG_COLORS as readonly string[]).includes(value);

/** The names in `names` without later duplicates (by key), in order. */
export function uniqueTags(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = tagKey(n);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The names in `names` but the tag `name` (any case). */
export const withoutTag = (names: readonly string[], name: string): string[] => names.filter((n) => tagKey(n) !== tagKey(name));

/** How a set of tags is written in the activity and CSV: names joined by `sep`. */
export const joinTags = (tags: readonly string[], sep = ', '): string => tags.join(sep);

/** Catalog tags whose name starts with (then contains) `typed`, leaving out `exclude`; for the tag input's suggestions. */
export function suggestTags(catalog: readonly TagDef[], typed: string, exclude: readonly string[], limit = 8): TagDef[] {
  const key = tagKey(typed);
  const taken = new Set(exclude.map(tagKey));
  const starts = (d: TagDef) => (tagKey(d.name).startsWith(key) ? 0 : 1);
  // The sort is stable: within each group, the catalog's order.
  return catalog
    .filter((d) => !taken.has(tagKey(d.name)) && tagKey(d.name).includes(key))
    .sort((a, b) => starts(a) - starts(b))
    .slice(0, limit);
}

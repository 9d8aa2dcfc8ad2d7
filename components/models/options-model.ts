import { refusalText } from '../shared/i18n';
import { createModel, signal } from '@preact/signals';
import { DEFAULT_DISPLAYED } from '../../core/domain/defaults';
import { isSafeEmail } from '../../core/domain/email';
import { SETTINGS_LISTS, type SettingsList } from '../../core/domain/commands';
import type { SlaSettings } from '../../core/domain/sla';
import type { Priority, PropertyDefinition, PropertyType, Settings, Stage, TagColor } from '../../core/domain/types';
import type { Client } from '../../core/messages/client';
import type { Reply } from '../../core/messages/protocol';
import { isBroadPattern, patternProblem, type EnabledSite, type SiteAdapterChoice } from '../../core/messages/sites';
import type { SettingsView, TicketCounts } from '../../core/messages/views';
import type { Platform, Shortcut } from '../shared/platform';
import { allProperties } from '../shared/properties';

/** The options page's sections, in the order of its navigation (`options.html#<section>`). */
export const OPTION_SECTIONS = ['profile', 'teammates', 'stages', 'priorities', 'sla', 'properties', 'details', 'tags', 'snippets', 'sites', 'shortcuts', 'reminders', 'data'] as const;
export type OptionSection = (typeof OPTION_SECTIONS)[number];

export function isOptionSection(value: string): value is OptionSection {
  return (OPTION_SECTIONS as readonly string[]).includes(value);
}

/** What the options page shows after an action: a line for screen readers, and an undo for a removal. */
export interface Notice {
  text: string;
  /** A trashed record `trash.restore` brings back. */
  undoId?: string;
}

/** A site that reaches every site or a whole domain ending, waiting for the agent's confirmation. */
export interface PendingBroadSite {
  pattern: string;
  adapter: SiteAdapterChoice;
}

/** Words the model needs from the page's language (the model itself has no strings). */
export interface OptionsWords {
  saved: string;
  trashed: (name: string) => string;
  restored: string;
  siteAdded: (pattern: string) => string;
  siteRemoved: (pattern: string) => string;
  permissionDenied: (pattern: string) => string;
  /** This list changed in another tab since the page loaded it, so the agent's change was not saved. */
  stale: (list: SettingsList) => string;
  /** A teammate's email that is not an address (the messages would refuse it with a generic "Malformed message"). */
  badEmail: (email: string) => string;
}

/**
 * The options page: a cache of `settings.get` (settings, teammates, saved
 * replies, the local agent's id) and ticket counts per stage, reloaded after
 * every action and on every change broadcast. Settings parts are sent whole
 * (`settings.update`), so the rules check each part as one value.
 */
export const OptionsModel = createModel((client: Client, platform: Platform, words: OptionsWords) => {
  const view = signal<SettingsView | null>(null);
  const counts = signal<TicketCounts | null>(null);
  const sites = signal<EnabledSite[] | null>(null);
  const pendingBroadSite = signal<PendingBroadSite | null>(null);
  const shortcuts = signal<Shortcut[] | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<Notice | null>(null);
  const busy = signal(false);
  const section = signal<OptionSection>('profile');

  async function refresh(): Promise<void> {
    const [settings, count] = await Promise.all([client.settings.get<SettingsView>(), client.views.count<TicketCounts>()]);
    if (settings.ok) view.value = settings.data;
    else error.value = refusalText(settings.error);
    if (count.ok) counts.value = count.data;
  }

  /** Runs one action: clears the last error, shows a refusal as `tip-error`, then reloads. */
  async function run(action: Promise<Reply>, done?: Notice): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const reply = await action;
      if (!reply.ok) {
        error.value = reply.error.stale ? words.stale(reply.error.stale) : refusalText(reply.error);
        notice.value = null;
      } else if (done) {
        notice.value = done;
      }
      await refresh();
      return reply.ok;
    } finally {
      busy.value = false;
    }
  }

  /**
   * Checks the pattern, asks the browser for access (synchronously, inside
   * the agent's click), then records the site. False when refused. A pattern
   * for every site or a whole domain ending waits in `pendingBroadSite` for
   * `confirmBroadSite` instead: no permission is asked before the agent has
   * read what it means.
   */
  function addSite(pattern: string, adapter: SiteAdapterChoice, confirmedBroad = false): Promise<boolean> {
    const trimmed = pattern.trim();
    const problem = patternProblem(trimmed);
    if (problem) {
      error.value = problem;
      return Promise.resolve(false);
    }
    const broad = isBroadPattern(trimmed);
    if (broad && !confirmedBroad) {
      error.value = null;
      pendingBroadSite.value = { pattern: trimmed, adapter };
      return Promise.resolve(false);
    }
    pendingBroadSite.value = null;
    const asked = platform.requestOrigins([trimmed]);
    return (async () => {
      busy.value = true;
      error.value = null;
      try {
        const granted = await asked.catch((e: unknown) => {
          error.value = e instanceof Error ? e.message : String(e);
          return null;
        });
        if (granted === null) return false;
        if (!granted) {
          error.value = words.permissionDenied(trimmed);
          return false;
        }
        const reply = await client.sites.add(trimmed, adapter, broad);
        if (!reply.ok) {
          error.value = refusalText(reply.error);
          return false;
        }
        sites.value = reply.data;
        notice.value = { text: words.siteAdded(trimmed) };
        return true;
      } finally {
        busy.value = false;
      }
    })();
  }

  /**
   * A teammate saved with the agent's own words for a bad address: the
   * message schema (and the rules) check the same thing, but would answer
   * with a message about the message rather than about the address.
   */
  function saveAgent(agent: { id?: string; name: string; email: string }): Promise<boolean> {
    const email = agent.email.trim();
    if (email !== '' && !isSafeEmail(email.toLowerCase())) {
      error.value = words.badEmail(email.slice(0, 80));
      notice.value = null;
      return Promise.resolve(false);
    }
    return run(client.agents.save(agent), { text: words.saved });
  }

  const settings = (): Settings | undefined => view.value?.settings;
  /**
   * Sends whole lists with the clock each had in the copy they were computed
   * from: if another tab saved one since, the rules refuse (shown as
   * `tip-error`) and the reload shows the fresh list. Typed text survives
   * where it can: the add forms keep it on a refusal, and a name edited in
   * place keeps its draft unless the other tab changed that same name.
   */
  const update = (patch: Parameters<Client['settings']['update']>[0]) => {
    const seen = settings()?.clock ?? {};
    const expected: Partial<Record<SettingsList, string>> = {};
    for (const list of SETTINGS_LISTS) {
      const clock = seen[list];
      if (patch[list] !== undefined && clock !== undefined) expected[list] = clock;
    }
    return run(client.settings.update(Object.keys(expected).length > 0 ? { ...patch, expected } : patch), { text: words.saved });
  };

  return {
    view,
    counts,
    sites,
    pendingBroadSite,
    shortcuts,
    error,
    notice,
    busy,
    refresh,
    dismissError() {
      error.value = null;
    },
    section,
    // Action: show one section; what the last one said goes away with it.
    showSection(id: OptionSection) {
      section.value = id;
      error.value = null;
      notice.value = null;
    },

    // Action: the local agent's own name and email (the Profile section).
    saveProfile(name: string, email: string) {
      const meId = view.value?.meId;
      if (!meId) return Promise.resolve(false);
      return saveAgent({ id: meId, name, email });
    },

    // Action: teammates (owners).
    addTeammate(name: string, email: string) {
      return saveAgent({ name, email });
    },
    saveTeammate(id: string, name: string, email: string) {
      return saveAgent({ id, name, email });
    },
    // The local agent can't be removed (the rules refuse; the page offers no button).
    removeTeammate(id: string, name: string) {
      return run(client.agents.delete(id), { text: words.trashed(name), undoId: id });
    },

    // Action: SLA policies and business calendar, sent whole; the rules check every part.
    saveSla(sla: SlaSettings) {
      return update({ sla });
    },

    // Action: whether a customer's new message reopens a closed ticket (R9); one flag, no list, no clock to send.
    setReopenOnMessage(on: boolean) {
      return update({ reopenOnMessage: on });
    },

    // Action: pipeline stages. Each change sends the whole list; the rules keep exactly one closed stage.
    renameStage(id: string, name: string) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      return update({ stages: s.stages.map((st) => (st.id === id ? { ...st, name: name.trim() } : st)) });
    },
    moveStage(id: string, by: -1 | 1) {
      const s = settings();
      return s ? update({ stages: moved(s.stages, id, by) }) : Promise.resolve(false);
    },
    addStage(name: string) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      const stage: Stage = { id: uniqueSlug(name, s.stages.map((st) => st.id), 'stage'), name: name.trim(), closed: false };
      // New stages go before the closed one when it ends the pipeline, as "Closed" usually does.
      const last = s.stages[s.stages.length - 1];
      const stages = last?.closed ? [...s.stages.slice(0, -1), stage, last] : [...s.stages, stage];
      return update({ stages });
    },
    setClosedStage(id: string) {
      const s = settings();
      return s ? update({ stages: s.stages.map((st) => ({ ...st, closed: st.id === id })) }) : Promise.resolve(false);
    },
    /** Removes a stage; `moveTo` is where its tickets go (the rules refuse without it when tickets use the stage). */
    removeStage(id: string, moveTo?: string) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      return update({ stages: s.stages.filter((st) => st.id !== id), ...(moveTo ? { moveTickets: { [id]: moveTo } } : {}) });
    },

    // Action: priorities.
    renamePriority(id: string, name: string) {
      const s = settings();
      return s ? update({ priorities: s.priorities.map((p) => (p.id === id ? { ...p, name: name.trim() } : p)) }) : Promise.resolve(false);
    },
    movePriority(id: string, by: -1 | 1) {
      const s = settings();
      return s ? update({ priorities: moved(s.priorities, id, by) }) : Promise.resolve(false);
    },
    addPriority(name: string) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      const priority: Priority = { id: uniqueSlug(name, s.priorities.map((p) => p.id), 'priority'), name: name.trim() };
      return update({ priorities: [...s.priorities, priority] });
    },
    removePriority(id: string) {
      const s = settings();
      return s ? update({ priorities: s.priorities.filter((p) => p.id !== id) }) : Promise.resolve(false);
    },

    // Action: user-defined properties (`custom.<slug>`); a new one is also shown in the details panel.
    addProperty(name: string, type: PropertyType, options: string[]) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      const slug = uniqueSlug(name, s.properties.map((p) => p.id.slice('custom.'.length)), 'property');
      const property: PropertyDefinition = { id: `custom.${slug}`, name: name.trim(), type, ...(type === 'select' ? { options } : {}) };
      return update({ properties: [...s.properties, property], displayedProperties: [...s.displayedProperties, property.id] });
    },
    saveProperty(id: string, name: string, options?: string[]) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      return update({
        properties: s.properties.map((p) => (p.id === id ? { ...p, name: name.trim(), ...(p.type === 'select' && options ? { options } : {}) } : p)),
      });
    },
    removeProperty(id: string) {
      const s = settings();
      return s ? update({ properties: s.properties.filter((p) => p.id !== id) }) : Promise.resolve(false);
    },

    // Action: R6, the details panel's displayed properties (the same setting the sidebar edits).
    setDisplayed(id: string, shown: boolean) {
      const s = settings();
      if (!s) return Promise.resolve(false);
      // The panel keeps the order properties are defined in, as the sidebar's own editor does.
      const ids = allProperties(s)
        .map((p) => p.id)
        .filter((p) => (p === id ? shown : s.displayedProperties.includes(p)));
      return update({ displayedProperties: ids });
    },
    resetDisplayed() {
      return update({ displayedProperties: [...DEFAULT_DISPLAYED] });
    },

    // Action: saved replies (R14).
    addSnippet(name: string, body: string) {
      return run(client.snippets.save({ name, body }), { text: words.saved });
    },
    saveSnippet(id: string, name: string, body: string) {
      return run(client.snippets.save({ id, name, body }), { text: words.saved });
    },
    removeSnippet(id: string, name: string) {
      return run(client.snippets.delete(id), { text: words.trashed(name), undoId: id });
    },
    // Action: the tag catalog (each a cascade over every live ticket that has the tag).
    renameTag(from: string, to: string) {
      return run(client.tags.rename(from, to), { text: words.saved });
    },
    recolorTag(name: string, color: TagColor) {
      return run(client.tags.recolor(name, color), { text: words.saved });
    },
    removeTag(name: string) {
      return run(client.tags.remove(name), { text: words.saved });
    },
    // Action: undo a removal from the notice.
    undo(id: string) {
      return run(client.trash.restore(id), { text: words.restored });
    },

    // Action: sites the sidebar runs on.
    async loadSites() {
      const reply = await client.sites.list();
      if (reply.ok) sites.value = reply.data;
      else error.value = refusalText(reply.error);
    },
    addSite,
    /** The agent confirmed the pending site: called in the click, so the browser's prompt may show. */
    confirmBroadSite(): Promise<boolean> {
      const pending = pendingBroadSite.value;
      if (!pending) return Promise.resolve(false);
      return addSite(pending.pattern, pending.adapter, true);
    },
    cancelBroadSite() {
      pendingBroadSite.value = null;
    },
    async removeSite(pattern: string) {
      error.value = null;
      const reply = await client.sites.remove(pattern);
      if (!reply.ok) {
        error.value = refusalText(reply.error);
        return;
      }
      sites.value = reply.data;
      notice.value = { text: words.siteRemoved(pattern) };
    },

    // Action: keyboard shortcuts (read from the browser; changed in the browser's own page).
    async loadShortcuts() {
      shortcuts.value = await platform.shortcuts().catch(() => []);
    },
    openShortcutSettings() {
      return platform.openShortcutSettings().catch((e: unknown) => {
        error.value = e instanceof Error ? e.message : String(e);
      });
    },
    canOpenShortcutSettings: signal(platform.canOpenShortcutSettings),
  };
});

export type OptionsModelInstance = InstanceType<typeof OptionsModel>;

/** The list with the item `id` moved one place up (-1) or down (+1). */
export function moved<T extends { id: string }>(list: readonly T[], id: string, by: -1 | 1): T[] {
  const i = list.findIndex((x) => x.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/**
 * A readable id from a name, unique among `taken`: "Waiting on legal" →
 * `waiting-on-legal`, accents dropped ("Revisión" → `revision`); a name with
 * no Latin letters gets `<fallback>-<n>`.
 */
export function uniqueSlug(name: string, taken: readonly string[], fallback: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  const used = new Set(taken);
  if (!used.has(base) && base !== fallback) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

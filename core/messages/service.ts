import type { Command, Outcome, Reader, CommandContext, Refusal } from '../domain/commands';
import type { HelpDeskStore } from '../store';
import { isQuotaExceeded, QUOTA_MESSAGE } from '../store/errors';
import { refusal } from '../domain/refusals';
import { fail, type Reply } from './protocol';
import type { RouterDeps } from './router';
import type { Query } from './schemas';
import { diagnosticsText, HEALTH_SITES, healthPref, type SiteHealthRecord } from '../domain/health';

export type ApplyFn = (reader: Reader, cmd: Command, ctx: CommandContext) => Promise<Outcome>;

/**
 * The store, opened on first use; the connection is all it keeps. A storage
 * failure may mean the connection was closed (a newer version of the
 * extension upgrading the database): `forget` makes the next message reopen it.
 */
export function lazyStore(openStore: () => Promise<HelpDeskStore>): { store(): Promise<HelpDeskStore>; forget(): void } {
  let opening: Promise<HelpDeskStore> | undefined;
  return {
    store: () =>
      (opening ??= openStore().catch((error: unknown) => {
        opening = undefined; // let the next message try again
        throw error;
      })),
    forget: () => {
      const stale = opening;
      opening = undefined;
      // IDBDatabase.close() waits for running transactions, so nothing in flight is cut short.
      void stale?.then((s) => s.close()).catch(() => undefined);
    },
  };
}

/**
 * The background's command and query handlers over the store. The store is
 * opened lazily and only holds a connection: every answer is read from
 * IndexedDB, so a service worker stopped and restarted loses nothing.
 */
export interface ServiceOptions {
  /** "Storage full" in the agent's language (the background's browser.i18n); empty or throwing: the store's English. */
  storageFullMessage?: () => string;
  /** For diagnostics (site health): the extension's version and the browser's user agent. */
  environment?: () => { version: string; userAgent: string };
}

export function createService(openStore: () => Promise<HelpDeskStore>, apply: ApplyFn, opts: ServiceOptions = {}): Pick<RouterDeps, 'execute' | 'query'> {
  const { store, forget } = lazyStore(openStore);
  const storageFull = (fallback: string): Refusal => ({ ...refusal('storage', 'storageFull'), reason: 'quota', message: localized(opts.storageFullMessage) || fallback });
  return {
    async execute(cmd) {
      let s: HelpDeskStore;
      try {
        s = await store();
      } catch (error) {
        // Setting up a new help desk writes too.
        if (isQuotaExceeded(error)) return { ok: false, error: storageFull(QUOTA_MESSAGE) };
        return { ok: false, error: refusal('storage', 'storageOpenFailed', { detail: String(error) }) };
      }
      const outcome = await s.execute(cmd, (reader, ctx) => apply(reader, cmd, ctx));
      if (outcome.ok || outcome.error.code !== 'storage') return outcome;
      // A full disk leaves the connection sound: keep it, so that the next
      // command runs as soon as there is space again, and reads in flight on it
      // are not cut short by a close.
      if (outcome.error.reason === 'quota') return { ok: false, error: storageFull(outcome.error.message) };
      forget();
      return outcome;
    },
    async query(q) {
      try {
        return await runQuery(await store(), q, opts);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A cursor that is not one of ours is the caller's mistake, not the storage's.
        if (error instanceof RangeError) return fail('invalid', 'badCursor', { detail: message });
        // prefs.set writes.
        if (isQuotaExceeded(error)) return { ok: false, error: storageFull(QUOTA_MESSAGE) };
        forget();
        return fail('storage', 'readFailed', { detail: message });
      }
    },
  };
}

function localized(message: (() => string) | undefined): string {
  try {
    return message?.() ?? '';
  } catch {
    return '';
  }
}

async function runQuery(store: HelpDeskStore, q: Query, opts: ServiceOptions): Promise<Reply> {
  switch (q.type) {
    case 'sidebar.view':
      return { ok: true, data: await store.sidebarView(q.conversation) };
    case 'contact.suggestions':
      return { ok: true, data: await store.contactSuggestions(q.conversation) };
    case 'ticket.record': {
      const record = await store.ticketRecord(q.ticketId);
      return record ? { ok: true, data: record } : fail('not_found', 'ticketPurged');
    }
    case 'tickets.list': {
      const { type: _type, ...query } = q;
      return { ok: true, data: await store.listTickets(query) };
    }
    case 'tickets.find': {
      const { type: _type, ...search } = q;
      return { ok: true, data: await store.findTickets(search) };
    }
    case 'tickets.count':
      return { ok: true, data: await store.countTickets() };
    case 'tickets.stats':
      return { ok: true, data: await store.ticketStats(q.dayStarts) };
    case 'trash.list': {
      const { type: _type, ...query } = q;
      return { ok: true, data: await store.listTrash(query) };
    }
    case 'settings.get': {
      const [settings, agents, snippets, meta] = await Promise.all([store.settings(), store.agents(), store.snippets(), store.meta()]);
      return { ok: true, data: { settings, agents, snippets, meId: meta.meId } };
    }
    case 'prefs.get':
      return { ok: true, data: (await store.getPref(q.key)) ?? null };
    case 'prefs.set':
      await store.setPref(q.key, q.value);
      return { ok: true, data: null };
    case 'health.report': {
      // Kept per installation like any pref, never synced; the time is the background's own.
      const record: SiteHealthRecord = { site: q.site, ok: q.ok, failed: q.failed, checked: q.checked, origin: q.origin, at: Date.now() };
      await store.setPref(healthPref(q.site), { ...record });
      return { ok: true, data: null };
    }
    case 'health.diagnostics': {
      // Built here from what was kept, so the text-making stays out of every host page's script.
      const kept = (await store.getPref(healthPref(q.site))) as unknown as SiteHealthRecord | undefined;
      // Another origin's report of the same site (a second Roundcube) is not this page's to read.
      const record = kept?.origin === q.origin ? kept : undefined;
      const env = opts.environment?.() ?? { version: '', userAgent: '' };
      return { ok: true, data: diagnosticsText(record ? [record] : [], { ...env, now: Date.now() }) };
    }
    case 'health.list': {
      const records = await Promise.all(HEALTH_SITES.map((site) => store.getPref(healthPref(site))));
      return { ok: true, data: records.filter((r) => r !== undefined && r !== null) as unknown as SiteHealthRecord[] };
    }
  }
}

import {
  checkHeader,
  checkRecord,
  checkWhole,
  EXPORT_STORES,
  MAX_IMPORT_RECORDS,
  overImportCap,
  type ExportCounts,
  type ExportData,
  type ExportHeader,
  type ExportStore,
} from '../domain/export-format';
import { SCHEMA_VERSION } from '../domain/types';
import { ImportConflict, type HelpDeskStore } from '../store';
import { isQuotaExceeded, QUOTA_MESSAGE } from '../store/errors';
import { refusal } from '../domain/refusals';
import { fail, type ChangeEvent, type ProgressEvent, type Reply } from './protocol';
import type { DataRequest } from './schemas';
import { lazyStore } from './service';

/**
 * Options → Data in the background: export page by page, import in chunks,
 * erase.
 *
 * An export of 100k tickets is several hundred MB of JSON, far over what one
 * runtime message carries (Chrome: 64 MiB), so an import arrives in chunks
 * of at most DATA_CHUNK_MAX records under an import session id. Each chunk is
 * checked record by record as it comes; nothing is written until `commit`,
 * which checks the whole and writes everything in ONE IndexedDB transaction.
 *
 * The session's staged records are the one thing kept in memory: they are
 * not help-desk state but a half-received file. If the service worker stops
 * mid-upload the session is gone, the commit is refused, and nothing changed.
 */

export interface DataServiceDeps {
  openStore(): Promise<HelpDeskStore>;
  broadcast(event: ChangeEvent): void;
  progress(event: ProgressEvent): void;
  /** A new `cmd:<ULID>`-style id for the change events and sessions. */
  newId(): string;
  now(): number;
  /** "Storage full" in the agent's language (the background's browser.i18n); empty or throwing: the store's English. */
  storageFullMessage?: () => string;
}

/** A session nobody sent anything to for this long is dropped. */
export const SESSION_IDLE_MS = 10 * 60 * 1000;

interface ImportSession {
  id: string;
  header: ExportHeader;
  expected: ExportCounts;
  staged: Record<ExportStore, unknown[]>;
  touchedAt: number;
}

export interface ExportSummaryReply {
  counts: ExportCounts;
  marker: string;
  schemaVersion: number;
}

export function createDataService(deps: DataServiceDeps): (request: DataRequest) => Promise<Reply> {
  const { store, forget } = lazyStore(deps.openStore);
  // One import at a time: a new `begin` replaces an unfinished one.
  let session: ImportSession | undefined;

  function current(sessionId: string): ImportSession | undefined {
    if (session && deps.now() - session.touchedAt > SESSION_IDLE_MS) session = undefined;
    if (!session || session.id !== sessionId) return undefined;
    session.touchedAt = deps.now();
    return session;
  }

  const storageFull = () => {
    try {
      return deps.storageFullMessage?.() || QUOTA_MESSAGE;
    } catch {
      return QUOTA_MESSAGE;
    }
  };

  const gone = () => fail('not_found', 'importInterrupted');

  async function handle(request: DataRequest): Promise<Reply> {
    switch (request.action) {
      case 'export.summary': {
        const summary = await (await store()).exportSummary();
        return { ok: true, data: { ...summary, schemaVersion: SCHEMA_VERSION } satisfies ExportSummaryReply };
      }
      case 'export.page':
        return { ok: true, data: await (await store()).exportPage(request.store, request.after, request.limit ?? 1000) };
      case 'export.text':
        return { ok: true, data: await (await store()).exportTextPage(request.store, request.after, request.limit ?? 1000) };
      case 'import.begin': {
        const header = checkHeader(request.header);
        if (!header.ok) return fail('invalid', 'importHeaderInvalid', { detail: header.error });
        // Refused by its announced counts, before any record arrives: its commit could outlast the worker (MAX_IMPORT_RECORDS).
        const total = overImportCap(request.counts);
        if (total !== undefined) {
          return fail('invalid', 'importTooMany', { n: total, max: MAX_IMPORT_RECORDS });
        }
        const staged = Object.fromEntries(EXPORT_STORES.map((s) => [s, []])) as unknown as Record<ExportStore, unknown[]>;
        session = { id: `import:${deps.newId()}`, header: header.value, expected: request.counts, staged, touchedAt: deps.now() };
        return { ok: true, data: { sessionId: session.id } };
      }
      case 'import.chunk': {
        const s = current(request.sessionId);
        if (!s) return gone();
        const list = s.staged[request.store];
        if (list.length + request.records.length > s.expected[request.store]) {
          session = undefined;
          return fail('invalid', 'importMoreThanAnnounced', { store: request.store });
        }
        for (const record of request.records) {
          const checked = checkRecord(request.store, record, list.length);
          if (!checked.ok) {
            session = undefined;
            return fail('invalid', 'importInvalid', { detail: checked.error });
          }
          list.push(checked.value);
        }
        return { ok: true, data: { received: list.length } };
      }
      case 'import.commit': {
        const s = current(request.sessionId);
        if (!s) return gone();
        session = undefined;
        const short = EXPORT_STORES.find((st) => s.staged[st].length !== s.expected[st]);
        if (short) return fail('invalid', 'importIncomplete', { got: s.staged[short].length, expected: s.expected[short], store: short });
        const whole = checkWhole(s.staged as unknown as ExportData);
        if (!whole.ok) return fail('invalid', 'importInvalid', { detail: whole.error });
        try {
          const summary = await (await store()).importData(whole.value, (done, total) =>
            deps.progress({ kind: 'tip.progress', operation: 'import', done, total }),
          );
          deps.broadcast({ kind: 'tip.changed', causeId: deps.newId(), commandType: 'data.import', ids: [] });
          return { ok: true, data: summary };
        } catch (error) {
          if (error instanceof ImportConflict) return fail('conflict', 'importConflict', { detail: error.message });
          // The import's one transaction aborted, so nothing was written; a full disk says nothing
          // against the connection, so it is kept (like a command's, core/messages/service.ts).
          if (isQuotaExceeded(error)) return { ok: false, error: { ...refusal('storage', 'storageFull'), reason: 'quota', message: storageFull() } };
          throw error;
        }
      }
      case 'import.abort':
        if (session?.id === request.sessionId) session = undefined;
        return { ok: true, data: null };
      case 'erase':
        await (await store()).erase();
        deps.broadcast({ kind: 'tip.changed', causeId: deps.newId(), commandType: 'data.erase', ids: [] });
        return { ok: true, data: null };
    }
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      forget();
      return fail('storage', 'storageFailed', { detail: error instanceof Error ? error.message : String(error) });
    }
  };
}

import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_STORES,
  RECORD_TYPES,
  countsOf,
  dataOf,
  type ExportCounts,
  type ExportFile,
  type ExportHeader,
  type ExportStore,
} from '../domain/export-format';
import type { ExportPage, ExportTextPage, ImportSummary } from '../store';
import type { ExportSummaryReply } from './data-service';
import type { Refusal } from '../domain/commands';
import type { Reply } from './protocol';

/**
 * The page side of options → Data: reads an export page by page and sends an
 * import in chunks (core/messages/data-service.ts is the other side). Takes
 * the client's `data` calls, so tests run it against the real background.
 */
export interface DataApi {
  exportSummary(): Promise<Reply<ExportSummaryReply>>;
  exportPage(store: ExportStore, after: string | undefined, limit: number): Promise<Reply<ExportPage>>;
  exportTextPage(store: ExportStore, after: string | undefined, limit: number): Promise<Reply<ExportTextPage>>;
  importBegin(header: ExportHeader, counts: ExportCounts): Promise<Reply<{ sessionId: string }>>;
  importChunk(sessionId: string, store: ExportStore, records: unknown[]): Promise<Reply>;
  importCommit(sessionId: string): Promise<Reply<ImportSummary>>;
  importAbort(sessionId: string): Promise<Reply>;
}

/** A refusal from the background, or a help desk that kept changing while it was read. */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** The refusal, when the background gave one: pages word it in the agent's language. */
  readonly refusal: Refusal | undefined;
  constructor(reason: string | Refusal) {
    super(typeof reason === 'string' ? reason : reason.message);
    this.refusal = typeof reason === 'string' ? undefined : reason;
  }
}

/** Records per message: well under Chrome's 64 MiB per message even for long descriptions. */
export const PAGE_SIZE = 2000;
const ATTEMPTS = 3;

function unwrap<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new DataError(reply.error);
  return reply.data;
}

export type Progress = (done: number, total: number) => void;

/**
 * Reads the given stores page by page and hands each page to `visit`. Every
 * command moves the installation's clock, and each page reports it: when it
 * moved mid-read the read starts over (`begin` is called again), so what
 * `visit` got is always one consistent state.
 */
export async function readSnapshot(
  api: Pick<DataApi, 'exportSummary' | 'exportPage'>,
  stores: readonly ExportStore[],
  begin: (summary: ExportSummaryReply) => void,
  visit: (store: ExportStore, records: unknown[]) => void,
  onProgress?: Progress,
): Promise<ExportSummaryReply> {
  return readPages(
    api,
    stores,
    async (store, after) => {
      const page = unwrap(await api.exportPage(store, after, PAGE_SIZE));
      return { ...page, count: page.records.length };
    },
    begin,
    (store, page) => visit(store, page.records),
    onProgress,
  );
}

interface Paged {
  count: number;
  next: string | null;
  marker: string;
}

/** readSnapshot over any kind of page (records as objects, or already serialised). */
async function readPages<P extends Paged>(
  api: Pick<DataApi, 'exportSummary'>,
  stores: readonly ExportStore[],
  read: (store: ExportStore, after: string | undefined) => Promise<P>,
  begin: (summary: ExportSummaryReply) => void,
  visit: (store: ExportStore, page: P) => void,
  onProgress?: Progress,
): Promise<ExportSummaryReply> {
  for (let attempt = 1; ; attempt++) {
    const summary = unwrap(await api.exportSummary());
    const total = stores.reduce((n, s) => n + summary.counts[s], 0);
    let done = 0;
    let moved = false;
    begin(summary);
    onProgress?.(0, total);
    for (const store of stores) {
      let after: string | undefined;
      do {
        const page = await read(store, after);
        if (page.marker !== summary.marker) {
          moved = true;
          break;
        }
        visit(store, page);
        done += page.count;
        onProgress?.(Math.min(done, total), total);
        after = page.next ?? undefined;
      } while (after !== undefined);
      if (moved) break;
    }
    if (!moved) return summary;
    if (attempt >= ATTEMPTS) throw new DataError('The help desk kept changing while it was read (another tab is saving). Try again in a moment.');
  }
}

/**
 * The export file as text parts, one JSON record per line, in the order of
 * the format (records.tickets … records.settings, then activity). The
 * background serialises each page (`export.text`), so a page is one string
 * here: never parsed, never serialised again, never joined with the others.
 * Parts, not one string: a Blob can take them without ever joining 100k
 * tickets into one JS string. `onProgress` gets records done / total after
 * every page.
 */
export async function exportFileParts(
  api: Pick<DataApi, 'exportSummary' | 'exportTextPage'>,
  exportedAt: Date,
  onProgress?: Progress,
  pageSize = PAGE_SIZE,
): Promise<string[]> {
  let chunks: Record<ExportStore, string[]> = emptyChunks();
  const summary = await readPages(
    api,
    EXPORT_STORES,
    async (store, after) => unwrap(await api.exportTextPage(store, after, pageSize)),
    () => {
      chunks = emptyChunks();
    },
    (store, page) => {
      if (page.count > 0) chunks[store].push(page.text);
    },
    onProgress,
  );
  const header = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    schemaVersion: summary.schemaVersion,
  };
  const parts = [`${JSON.stringify(header).slice(0, -1)},\n"records":{\n`];
  const list = (store: ExportStore) => {
    const body = chunks[store];
    if (body.length === 0) return ['[]'];
    return ['[\n', ...body.flatMap((c, i) => (i === 0 ? [c] : [',\n', c])), '\n]'];
  };
  RECORD_TYPES.forEach((store, i) => parts.push(`${i === 0 ? '' : ',\n'}${JSON.stringify(store)}:`, ...list(store)));
  parts.push('\n},\n"activity":', ...list('activity'), '\n}\n');
  return parts;
}

function emptyChunks(): Record<ExportStore, string[]> {
  return Object.fromEntries(EXPORT_STORES.map((s) => [s, []])) as unknown as Record<ExportStore, string[]>;
}

/**
 * Sends a checked export file to the background in chunks and commits it:
 * the background checks every record again and writes them all in one
 * transaction at commit (or none). `onSent` reports records sent; the
 * background reports its own writing as `tip.progress` events.
 */
export async function sendImport(api: DataApi, file: ExportFile, onSent?: Progress): Promise<ImportSummary> {
  const data = dataOf(file);
  const counts = countsOf(data);
  const total = EXPORT_STORES.reduce((n, s) => n + counts[s], 0);
  const { format, formatVersion, exportedAt, schemaVersion } = file;
  const { sessionId } = unwrap(await api.importBegin({ format, formatVersion, exportedAt, schemaVersion }, counts));
  try {
    let sent = 0;
    onSent?.(0, total);
    for (const store of EXPORT_STORES) {
      const list: unknown[] = data[store];
      for (let i = 0; i < list.length; i += PAGE_SIZE) {
        const chunk = list.slice(i, i + PAGE_SIZE);
        unwrap(await api.importChunk(sessionId, store, chunk));
        sent += chunk.length;
        onSent?.(sent, total);
      }
    }
    return unwrap(await api.importCommit(sessionId));
  } catch (error) {
    // The background dropped the session already when it refused; this is for a failure on our side.
    await api.importAbort(sessionId).catch(() => undefined);
    throw error;
  }
}

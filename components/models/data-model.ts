import { refusalText } from '../shared/i18n';
import { createModel, signal } from '@preact/signals';
import { countsOf, dataOf, MAX_IMPORT_RECORDS, overImportCap, parseExportText, type ExportCounts, type ExportFile } from '../../core/domain/export-format';
import type { Agent, Contact, Settings, Ticket } from '../../core/domain/types';
import type { Client } from '../../core/messages/client';
import { DataError, exportFileParts, readSnapshot, sendImport } from '../../core/messages/data-client';
import type { ImportSummary } from '../../core/store';
import type { Platform } from '../shared/platform';

/**
 * Larger files are refused before they are read. The page reads a file whole
 * as one string, and V8 caps a string at about 512 M characters; an export of
 * 100,000 tickets, each with its conversation and history, measured 337 MB.
 */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

export type DataPhase = 'idle' | 'exporting' | 'reading' | 'preview' | 'sending' | 'writing' | 'erasing';

export interface DataProgress {
  phase: DataPhase;
  done: number;
  total: number;
}

export interface ImportPreview {
  fileName: string;
  exportedAt: string;
  counts: ExportCounts;
}

/** Words the model needs in the page's language. */
export interface DataWords {
  /** Prefix for every refused file: "This file can't be imported: …". */
  refused: (detail: string) => string;
  tooLarge: (megabytes: number) => string;
  /** A file with more records than one import can write before the background may be stopped. */
  tooManyRecords: (records: number, max: number) => string;
  exported: string;
  imported: (summary: ImportSummary) => string;
  erased: string;
  /** Builds the CSV text (labels come from the page). */
  csv: (tickets: Ticket[], context: { settings: Settings; agents: Agent[]; contacts: Map<string, Contact> }) => string;
}

/**
 * Options → Data: export (JSON, full fidelity; tickets as CSV), import
 * (checked, previewed, then applied in one transaction) and erase. Only
 * one of them runs at a time; `progress` drives `tip-progress`.
 */
export const DataModel = createModel((client: Client, platform: Platform, words: DataWords) => {
  const phase = signal<DataPhase>('idle');
  const progress = signal<DataProgress | null>(null);
  const preview = signal<ImportPreview | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);
  let pending: ExportFile | undefined;

  const report = (p: DataPhase) => (done: number, total: number) => {
    progress.value = { phase: p, done, total };
  };

  /** Runs one operation; anything thrown becomes the visible error. */
  async function exclusive(p: DataPhase, work: () => Promise<void>): Promise<void> {
    if (phase.value !== 'idle' && phase.value !== 'preview') return;
    phase.value = p;
    error.value = null;
    notice.value = null;
    progress.value = { phase: p, done: 0, total: 0 };
    try {
      await work();
    } catch (e) {
      error.value = e instanceof DataError && e.refusal ? refusalText(e.refusal) : e instanceof Error ? e.message : String(e);
    } finally {
      if (phase.value === p) phase.value = 'idle';
      progress.value = null;
    }
  }

  const stamp = (now: Date) => now.toISOString().slice(0, 10);

  return {
    phase,
    progress,
    preview,
    error,
    notice,
    dismissError() {
      error.value = null;
    },

    // Action: everything as JSON, one record per line, trashed records and sync fields included.
    exportJson() {
      return exclusive('exporting', async () => {
        const now = new Date();
        const parts = await exportFileParts(client.data, now, report('exporting'));
        platform.download(new Blob(parts, { type: 'application/json' }), `tickets-in-place-${stamp(now)}.json`);
        notice.value = words.exported;
      });
    },

    // Action: live tickets as CSV for a spreadsheet.
    exportCsv() {
      return exclusive('exporting', async () => {
        let settings: Settings | undefined;
        let agents: Agent[] = [];
        let contacts = new Map<string, Contact>();
        let tickets: Ticket[] = [];
        await readSnapshot(
          client.data,
          ['settings', 'agents', 'contacts', 'tickets'],
          () => {
            [settings, agents, contacts, tickets] = [undefined, [], new Map(), []];
          },
          (store, records) => {
            if (store === 'settings') settings = records[0] as Settings;
            else if (store === 'agents') agents.push(...(records as Agent[]));
            else if (store === 'contacts') for (const c of records as Contact[]) contacts.set(c.id, c);
            else tickets.push(...(records as Ticket[]).filter((t) => t.deletedAt === null));
          },
          report('exporting'),
        );
        if (!settings) throw new Error('The help desk has no settings record.');
        const csv = words.csv(tickets, { settings, agents, contacts });
        platform.download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `tickets-in-place-tickets-${stamp(new Date())}.csv`);
        notice.value = words.exported;
      });
    },

    // Action: a file was picked — read and check it all here first, then show what it holds.
    chooseFile(file: File) {
      preview.value = null;
      pending = undefined;
      return exclusive('reading', async () => {
        if (file.size > MAX_IMPORT_BYTES) throw new Error(words.tooLarge(Math.round(file.size / 1024 / 1024)));
        const checked = parseExportText(await file.text());
        if (!checked.ok) throw new Error(words.refused(checked.error));
        const counts = countsOf(dataOf(checked.value));
        // The background refuses it too; saying so here spares the agent sending it all first.
        const over = overImportCap(counts);
        if (over !== undefined) throw new Error(words.refused(words.tooManyRecords(over, MAX_IMPORT_RECORDS)));
        pending = checked.value;
        preview.value = { fileName: file.name, exportedAt: checked.value.exportedAt, counts };
        phase.value = 'preview';
      });
    },

    cancelImport() {
      pending = undefined;
      preview.value = null;
      if (phase.value === 'preview') phase.value = 'idle';
    },

    // Action: the previewed file goes to the background in chunks and is applied in one transaction.
    applyImport() {
      const file = pending;
      if (!file) return Promise.resolve();
      return exclusive('sending', async () => {
        const stop = client.onProgress((event) => {
          if (event.operation === 'import') {
            phase.value = 'writing';
            progress.value = { phase: 'writing', done: event.done, total: event.total };
          }
        });
        try {
          const summary = await sendImport(client.data, file, (done, total) => {
            if (phase.value === 'sending') progress.value = { phase: 'sending', done, total };
          });
          notice.value = words.imported(summary);
        } catch (e) {
          throw new Error(words.refused(e instanceof DataError && e.refusal ? refusalText(e.refusal) : e instanceof Error ? e.message : String(e)));
        } finally {
          stop();
          pending = undefined;
          preview.value = null;
          phase.value = 'idle';
        }
      });
    },

    // Action: erase all data (after the page's confirmation).
    erase() {
      return exclusive('erasing', async () => {
        const reply = await client.data.erase();
        if (!reply.ok) throw new Error(refusalText(reply.error));
        notice.value = words.erased;
      });
    },
  };
});

export type DataModelInstance = InstanceType<typeof DataModel>;

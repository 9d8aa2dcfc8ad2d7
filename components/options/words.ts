import { fill, plural } from '../dashboard/format';
import type { SettingsList } from '../../core/domain/commands';
import { builtinName, t, type MessageKey } from '../shared/i18n';
import { agentLabel, priorityLabel, stageLabel } from '../shared/properties';
import type { DataWords } from '../models/data-model';
import type { OptionsWords } from '../models/options-model';
import { ticketsCsv, type CsvLabels } from './tickets-csv';

const STALE_KEY = {
  stages: 'secVersion_staleStages',
  priorities: 'secVersion_stalePriorities',
  properties: 'secVersion_staleProperties',
} as const satisfies Record<SettingsList, MessageKey>;

/** The options models' sentences in the agent's language. */
export function optionsWords(): OptionsWords {
  return {
    saved: t('opt_saved'),
    trashed: (name) => fill('opt_trashed', { name }),
    restored: t('opt_restored'),
    siteAdded: (pattern) => fill('opt_siteAdded', { pattern }),
    siteRemoved: (pattern) => fill('opt_siteRemoved', { pattern }),
    permissionDenied: (pattern) => fill('opt_permissionDenied', { pattern }),
    stale: (list) => t(STALE_KEY[list]),
    badEmail: (email) => fill('secIntegrity_badEmail', { email }),
  };
}

export function dataWords(): DataWords {
  return {
    refused: (detail) => fill('data_refused', { detail }),
    tooLarge: (megabytes) => fill('data_tooLarge', { size: megabytes }),
    tooManyRecords: (records, max) => fill('secImport_tooManyRecords', { records, max }),
    exported: t('data_exported'),
    imported: (s) => plural('data_imported', s.created + s.merged + s.unchanged, { created: s.created, merged: s.merged }),
    erased: t('data_erased'),
    csv: (tickets, context) => ticketsCsv(tickets, context, csvLabels()),
  };
}

function csvLabels(): CsvLabels {
  // Built-in property names, as the details panel shows them.
  const settingsFree = (id: string, fallback: string) => builtinName(`prop:${id}`, fallback);
  return {
    headers: {
      id: t('data_csvId'),
      shortId: t('data_csvShortId'),
      name: settingsFree('name', 'Name'),
      status: settingsFree('status', 'Status'),
      priority: settingsFree('priority', 'Priority'),
      owner: settingsFree('owner', 'Owner'),
      category: settingsFree('category', 'Category'),
      description: settingsFree('description', 'Description'),
      source: settingsFree('source', 'Source'),
      contact: t('contact'),
      contactAddress: t('data_csvContactAddress'),
      created: settingsFree('createDate', 'Create date'),
      lastActivity: settingsFree('lastActivity', 'Last activity'),
      closed: settingsFree('closeDate', 'Close date'),
      slaFirstResponse: t('sla_csvFirstResponse'),
      slaBreached: t('sla_csvBreached'),
    },
    slaTarget: (target) => t(target === 'firstResponse' ? 'sla_firstResponse' : 'sla_resolution'),
    stage: stageLabel,
    priority: priorityLabel,
    owner: (agents, id) => (id ? agentLabel(agents, id) : ''),
    source: (source) => builtinName(`source:${source}`, source === 'email' ? 'Email' : 'Chat'),
  };
}


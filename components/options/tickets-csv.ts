import Papa from 'papaparse';
import { shortId } from '../../core/domain/ids';
import { SLA_TARGETS, type SlaTarget } from '../../core/domain/sla';
import type { Agent, Contact, Settings, Ticket } from '../../core/domain/types';

/** What a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** How each column is headed and how ids become names, in the agent's language (the page passes them). */
export interface CsvLabels {
  headers: {
    id: string;
    shortId: string;
    name: string;
    status: string;
    priority: string;
    owner: string;
    category: string;
    description: string;
    source: string;
    contact: string;
    contactAddress: string;
    created: string;
    lastActivity: string;
    closed: string;
    /** SLA: when the first response was recorded, and which targets were breached. */
    slaFirstResponse: string;
    slaBreached: string;
  };
  /** An SLA target's name (`firstResponse`, `resolution`). */
  slaTarget(target: SlaTarget): string;
  stage(settings: Settings, id: string): string;
  priority(settings: Settings, id: string): string;
  owner(agents: readonly Agent[], id: string | null): string;
  source(source: Ticket['source']): string;
}

/**
 * Live tickets as CSV for a spreadsheet: one row per ticket, names instead of
 * ids, dates in ISO 8601 (UTC), one column per user-defined property.
 * Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` …) are
 * escaped: ticket names and descriptions come from email subjects anyone can write.
 */
export function ticketsCsv(
  tickets: readonly Ticket[],
  context: { settings: Settings; agents: readonly Agent[]; contacts: ReadonlyMap<string, Contact> },
  labels: CsvLabels,
): string {
  const { settings, agents, contacts } = context;
  const h = labels.headers;
  const date = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
  const fields = [
    h.id,
    h.shortId,
    h.name,
    h.status,
    h.priority,
    h.owner,
    h.category,
    h.description,
    h.source,
    h.contact,
    h.contactAddress,
    h.created,
    h.lastActivity,
    h.closed,
    h.slaFirstResponse,
    h.slaBreached,
    ...settings.properties.map((p) => p.name),
  ];
  const data = tickets
    .filter((t) => t.deletedAt === null)
    .map((t) => {
      const contact = t.contactId ? contacts.get(t.contactId) : undefined;
      return [
        t.id,
        shortId(t.id),
        t.name,
        labels.stage(settings, t.status),
        labels.priority(settings, t.priority),
        labels.owner(agents, t.ownerId),
        t.category,
        t.description,
        labels.source(t.source),
        contact?.name ?? '',
        contact?.email ?? contact?.handle ?? '',
        date(t.createdAt),
        date(t.lastActivityAt),
        date(t.closedAt),
        date(t.sla?.firstResponseAt ?? null),
        SLA_TARGETS.filter((target) => t.sla?.marks[target]?.breached !== undefined).map(labels.slaTarget).join(', '),
        // Numbers stay numbers: the formula escape below leaves them alone, so -5 is not written '-5.
        ...settings.properties.map((p) => t.custom[p.id] ?? ''),
      ];
    });
  // A byte order mark so spreadsheet programs read the file as UTF-8 (accents, names in any script).
  // papaparse's own `escapeFormulae: true` pattern ends in `.*$`, which misses a cell with a line break.
  return `\uFEFF${Papa.unparse({ fields, data }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}`;
}

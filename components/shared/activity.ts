import { shortId } from '../../core/domain/ids';
import { REOPENED_BY_MESSAGE, type Activity, type Agent, type Conversation, type CustomValue, type Settings } from '../../core/domain/types';
import { SLA_RESPONDED } from '../../core/domain/sla';
import { formatDateTime, t, type MessageKey } from './i18n';
import { agentLabel, priorityLabel, propertyLabel, stageLabel } from './properties';

/** One activity entry in words: who, what, old → new (R7 timeline). */
export interface ActivityView {
  who: string;
  what: string;
  /** The value before and after, for property and owner changes. */
  from?: string;
  to?: string;
  /** The conversation an entry is about (its subject), if any. */
  subject?: string;
  /** A note's text. */
  text?: string;
}

/** Kinds whose words live under the `atc_act_` keys. */
const ATC_KINDS: ReadonlySet<string> = new Set(['note.edited', 'note.deleted', 'note.restored', 'contact.unflagged']);

/** Who did what, old → new, for one activity entry (R7 timeline). */
export function describeActivity(
  a: Activity,
  settings: Settings,
  agents: readonly Agent[],
  meId?: string,
  conversations: readonly Conversation[] = [],
): ActivityView {
  const who = agentLabel(agents, a.agentId, meId);
  if (a.kind === 'ticket.merged' || a.kind === 'ticket.unmerged') {
    const ids = { from: shortId(String(a.from ?? '')), to: shortId(String(a.to ?? '')) };
    const words = t(a.kind === 'ticket.merged' ? 'mrg_actMerged' : 'mrg_actUnmerged');
    return { who, what: words.replace(/\{(from|to)\}/g, (_, k: 'from' | 'to') => ids[k]) };
  }
  if (a.kind === 'ticket.snoozed') {
    const until = typeof a.to === 'number' ? formatDateTime(a.to) : '';
    const what = until ? t('timeActSnoozedUntil').replace('{time}', until) : t('timeActSnoozed');
    return { who, what: a.text === 'reply' ? `${what} ${t('timeActOrReply')}` : what };
  }
  if (a.kind === 'ticket.woke') return { who, what: t(a.text === 'time' ? 'timeActWokeTime' : a.text === 'message' ? 'timeActWokeMessage' : 'timeActWokeAgent') };
  const what = t(`${ATC_KINDS.has(a.kind) ? 'atc_' : ''}act_${a.kind.replace('.', '_')}` as MessageKey);
  const conversation = a.conversationId ? conversations.find((c) => c.id === a.conversationId) : undefined;
  const subject = conversation ? conversation.subject || conversation.key : undefined;
  if (a.kind === 'note.added' || a.kind === 'note.deleted' || a.kind === 'note.restored') return { who, what, text: a.text };
  // The note's text before and after: what it said is never lost.
  if (a.kind === 'note.edited') return { who, what, from: String(a.from ?? ''), to: String(a.to ?? '') };
  if (a.kind === 'conversation.reopened' && a.text === REOPENED_BY_MESSAGE) return { who, what: t('selActReopenedByMessage'), subject };
  // "X into Y" / "X from Y": the contacts' names as they were then.
  if (a.kind === 'contact.merged') return { who, what: `${t('idn_actMerged')}: ${a.text ?? ''}` };
  if (a.kind === 'contact.split') return { who, what: `${t('idn_actSplit')}: ${a.text ?? ''}` };
  // A breach is the clock's doing, not the agent's whose device wrote it down.
  if (a.kind === 'ticket.sla') return { who: a.text === SLA_RESPONDED ? who : t('sla_title'), what: slaActivityWords(a) };
  if (a.kind === 'conversation.owner') {
    const from = agentLabel(agents, typeof a.from === 'string' ? a.from : null, meId);
    const to = agentLabel(agents, typeof a.to === 'string' ? a.to : null, meId);
    return { who, what, subject, from, to };
  }
  if (a.kind !== 'ticket.property' || !a.field) return { who, what, subject };
  const show = (v: CustomValue | undefined) => valueLabel(a.field!, v, settings, agents, meId);
  const from = show(a.from);
  const to = show(a.to);
  return { who, what: `${what} ${propertyLabel(settings, a.field)}`, from, to };
}

/** A `ticket.sla` entry: a breach of a target, or the first response (seen on the page or marked by hand). */
function slaActivityWords(a: Activity): string {
  if (a.text === SLA_RESPONDED) return t(a.to === 'agent' ? 'sla_actRespondedAgent' : 'sla_actRespondedPage');
  return t(a.field === 'resolution' ? 'sla_actBreachedResolution' : 'sla_actBreachedFirstResponse');
}

function valueLabel(field: string, v: CustomValue | undefined, settings: Settings, agents: readonly Agent[], meId?: string): string {
  if (v === null || v === undefined || v === '') return t('empty');
  if (field === 'status') return stageLabel(settings, String(v));
  if (field === 'priority') return priorityLabel(settings, String(v));
  if (field === 'owner') return agentLabel(agents, String(v), meId);
  if (field === 'due' && typeof v === 'number') return formatDateTime(v);
  return String(v);
}

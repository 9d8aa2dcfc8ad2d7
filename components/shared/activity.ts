import type { Activity, Agent, CustomValue, Settings } from '../../core/domain/types';
import { t, type MessageKey } from './i18n';
import { agentLabel, priorityLabel, propertyLabel, stageLabel } from './properties';

/** Who did what, old → new, for one activity entry (R7 timeline). */
export function describeActivity(a: Activity, settings: Settings, agents: readonly Agent[], meId?: string): { who: string; what: string; change?: string } {
  const who = agentLabel(agents, a.agentId, meId);
  const what = t(`act_${a.kind.replace('.', '_')}` as MessageKey);
  if (a.kind !== 'ticket.property' || !a.field) return { who, what: a.text && a.kind === 'note.added' ? `${what}: ${a.text}` : what };
  const show = (v: CustomValue | undefined) => valueLabel(a.field!, v, settings, agents, meId);
  return { who, what: `${what} ${propertyLabel(settings, a.field)}`, change: `${show(a.from)} → ${show(a.to)}` };
}

function valueLabel(field: string, v: CustomValue | undefined, settings: Settings, agents: readonly Agent[], meId?: string): string {
  if (v === null || v === undefined || v === '') return t('empty');
  if (field === 'status') return stageLabel(settings, String(v));
  if (field === 'priority') return priorityLabel(settings, String(v));
  if (field === 'owner') return agentLabel(agents, String(v), meId);
  return String(v);
}

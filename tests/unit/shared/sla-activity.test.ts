import { describeActivity } from '../../../components/shared/activity';
import { defaultSettings } from '../../../core/domain/defaults';
import type { Activity, Agent } from '../../../core/domain/types';
import { useLocale } from '../locale';

/** The history's `ticket.sla` lines: a breach is the SLA's, a first response the agent's. */

const settings = defaultSettings({ now: 0, clock: '0-0-x', deviceId: 'd', agentId: 'agent:me', causeId: 'c', timeZone: 'UTC' });
const me = { id: 'agent:me', name: 'Ana' } as Agent;
const entry = (over: Partial<Activity>): Activity => ({
  id: 'activity:1:2',
  schemaVersion: 1,
  ticketId: 'ticket:1',
  at: 0,
  clock: '0-0-x',
  agentId: 'agent:me',
  deviceId: 'd',
  causeId: 'c',
  kind: 'ticket.sla',
  ...over,
});

describe('SLA history lines', () => {
  it('words a breach as the SLA’s and each first response as the agent’s, in English and Spanish', () => {
    useLocale('en');
    expect(describeActivity(entry({ field: 'resolution', text: 'breached', to: 1 }), settings, [me])).toEqual({ who: 'SLA', what: 'resolution target breached' });
    expect(describeActivity(entry({ field: 'firstResponse', text: 'responded', to: 'agent' }), settings, [me])).toMatchObject({ who: 'Ana', what: 'marked the first response as sent' });
    useLocale('es');
    expect(describeActivity(entry({ field: 'firstResponse', text: 'breached', to: 1 }), settings, [me]).what).toBe('objetivo de primera respuesta incumplido');
    expect(describeActivity(entry({ field: 'firstResponse', text: 'responded', to: 'page' }), settings, [me]).what).toBe('primera respuesta vista en la página');
  });
});

import fc from 'fast-check';
import type { CommandContext } from '../../../core/domain/commands';
import { compareClock, nextClock, receiveClock } from '../../../core/domain/hlc';
import { mergeRecords } from '../../../core/domain/merge';
import { createRecord, maxClockOf, updateRecord, type Fields } from '../../../core/domain/records';
import type { Ticket } from '../../../core/domain/types';

/**
 * docs/data.md "The field merge": three devices hold copies of one ticket,
 * edit them offline (each with its own, skewed, wall clock) and sometimes
 * sync pairwise. Whatever happened, merging their copies is commutative,
 * associative and idempotent, and every field ends with its latest write.
 */

const DEVICES = 3;
type Field = 'name' | 'priority' | 'ownerId' | 'status' | 'deletedAt' | 'custom.a' | 'custom.b';
const FIELDS: Field[] = ['name', 'priority', 'ownerId', 'status', 'deletedAt', 'custom.a', 'custom.b'];

type Op =
  | { kind: 'edit'; dev: number; field: Field; value: number; advance: number }
  | { kind: 'sync'; from: number; to: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    dev: fc.nat(DEVICES - 1),
    field: fc.constantFrom(...FIELDS),
    value: fc.nat(4),
    // Often 0: several edits in one millisecond exercise the HLC counter and the tie-breaks.
    advance: fc.oneof(fc.constant(0), fc.nat(50)),
  }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(DEVICES - 1), to: fc.nat(DEVICES - 1) }),
);

interface Device {
  id: string;
  wall: number;
  last: string | null;
  copy: Ticket;
}

/** What an edit writes: some values repeat on purpose, so equal values under different clocks occur. */
function changesFor(ticket: Ticket, field: Field, value: number, now: number): Partial<Fields<Ticket>> {
  switch (field) {
    case 'name':
      return { name: `name ${value}` };
    case 'priority':
      return { priority: ['low', 'medium', 'high', 'urgent', 'medium'][value] ?? 'low' };
    case 'ownerId':
      return { ownerId: value % 2 ? null : `agent:${value}` };
    case 'status':
      return { status: ['new', 'waiting-us', 'closed', 'new', 'waiting-contact'][value] ?? 'new' };
    case 'deletedAt':
      return { deletedAt: value % 2 ? null : now };
    case 'custom.a':
    case 'custom.b':
      return { custom: { ...ticket.custom, [field]: value === 0 ? null : value } };
  }
}

function context(dev: Device, n: number): CommandContext {
  const clock = nextClock(dev.last, dev.wall, dev.id);
  dev.last = clock;
  return {
    now: dev.wall,
    clock,
    causeId: `cmd:${dev.id}-${n}`,
    agentId: `agent:${dev.id}`,
    deviceId: dev.id,
    newUlid: () => `U${n}`,
  };
}

function valueOf(t: Ticket, field: Field): unknown {
  return field.startsWith('custom.') ? t.custom[field] : t[field as Exclude<Field, 'custom.a' | 'custom.b'>];
}

/** Plays the ops; returns the devices' copies and, per field, the value of its latest write (by clock). */
function play(ops: Op[]): { copies: Ticket[]; latest: Map<string, { clock: string; value: unknown }> } {
  const creation: CommandContext = {
    now: 1_000,
    clock: nextClock(null, 1_000, 'dev0'),
    causeId: 'cmd:create',
    agentId: 'agent:dev0',
    deviceId: 'dev0',
    newUlid: () => 'U0',
  };
  const created = createRecord<Ticket>(creation, 'ticket:T', {
    name: 'start',
    status: 'new',
    priority: 'medium',
    ownerId: null,
    category: '',
    description: '',
    source: 'email',
    contactId: null,
    closedAt: null,
    lastActivityAt: 1_000,
    custom: {},
    mergedInto: null,
  });
  // Skewed wall clocks; every device got the new ticket by sync, so its HLC has moved past the creation.
  const devices: Device[] = [0, 7, -5].map((skew, i) => {
    const id = `dev${i}`;
    const wall = 1_000 + skew;
    return { id, wall, last: receiveClock(null, creation.clock, wall, id), copy: created };
  });
  const latest = new Map<string, { clock: string; value: unknown }>();
  ops.forEach((op, n) => {
    if (op.kind === 'sync') {
      const from = devices[op.from] as Device;
      const to = devices[op.to] as Device;
      to.copy = mergeRecords(to.copy, from.copy);
      to.last = receiveClock(to.last, maxClockOf(from.copy), to.wall, to.id);
      return;
    }
    const dev = devices[op.dev] as Device;
    dev.wall += op.advance;
    const ctx = context(dev, n + 1);
    const next = updateRecord(ctx, dev.copy, changesFor(dev.copy, op.field, op.value, dev.wall));
    if (!next) return;
    dev.copy = next;
    const prev = latest.get(op.field);
    if (!prev || compareClock(ctx.clock, prev.clock) > 0) latest.set(op.field, { clock: ctx.clock, value: valueOf(next, op.field) });
  });
  return { copies: devices.map((d) => d.copy), latest };
}

const opsArb = fc.array(opArb, { maxLength: 40 });

describe('field-by-field merge of replicated records (docs/data.md)', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const [a, b, c] = play(ops).copies as [Ticket, Ticket, Ticket];
        expect(mergeRecords(a, b)).toStrictEqual(mergeRecords(b, a));
        expect(mergeRecords(b, c)).toStrictEqual(mergeRecords(c, b));
      }),
      { numRuns: 200 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const [a, b, c] = play(ops).copies as [Ticket, Ticket, Ticket];
        expect(mergeRecords(mergeRecords(a, b), c)).toStrictEqual(mergeRecords(a, mergeRecords(b, c)));
      }),
      { numRuns: 200 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const [a, b] = play(ops).copies as [Ticket, Ticket];
        expect(mergeRecords(a, a)).toStrictEqual(a);
        const ab = mergeRecords(a, b);
        expect(mergeRecords(ab, b)).toStrictEqual(ab);
        expect(mergeRecords(ab, a)).toStrictEqual(ab);
      }),
      { numRuns: 200 },
    );
  });

  it('converges on the latest write of every field, with the per-field max clock and max version', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const { copies, latest } = play(ops);
        const [a, b, c] = copies as [Ticket, Ticket, Ticket];
        const all = mergeRecords(mergeRecords(a, b), c);
        for (const [field, { clock, value }] of latest) {
          expect(valueOf(all, field as Field)).toStrictEqual(value);
          expect(all.clock[field]).toBe(clock);
        }
        expect(all.version).toBe(Math.max(a.version, b.version, c.version));
      }),
      { numRuns: 200 },
    );
  });

  it('a field without a clock loses to one with a clock', () => {
    const { copies } = play([{ kind: 'edit', dev: 1, field: 'name', value: 3, advance: 1 }]);
    const [a, b] = copies as [Ticket, Ticket];
    const unclocked = { ...b, clock: { ...b.clock } };
    delete unclocked.clock.name;
    expect(mergeRecords(a, unclocked).name).toBe(a.name);
    expect(mergeRecords(unclocked, a).name).toBe(a.name);
  });

  it('equal clocks with different values (hand-made copies) still merge the same in both orders', () => {
    const { copies } = play([]);
    const [a] = copies as [Ticket];
    const b = { ...a, name: 'other', updatedBy: 'agent:zed' };
    expect(mergeRecords(a, b)).toStrictEqual(mergeRecords(b, a));
    expect(mergeRecords(a, b).name).toBe('start'); // 'start' > 'other': the larger value wins the tie
  });
});

import './setup';
import type { CommandContext, Outcome, Reader, Write } from '../../../core/domain/commands';
import { compareClock, nextClock } from '../../../core/domain/hlc';
import type { Ticket } from '../../../core/domain/types';
import {
  activity,
  applyWrites,
  bumped,
  conversation,
  note,
  openTestDesk,
  rawGetAll,
  SEED_COMMAND,
  seed,
  ticket,
} from './fixtures';

const FIVE_WRITES = (): Write[] => [
  { op: 'put', record: ticket(1) },
  { op: 'put', record: conversation(2, { ticketId: ticket(1).id }) },
  { op: 'put', record: conversation(3, { ticketId: ticket(1).id }) },
  { op: 'put', record: note(4, ticket(1).id) },
  { op: 'put', record: ticket(5) },
];

async function storedCounts(factory: Parameters<typeof rawGetAll>[0]) {
  const [tickets, conversations, notes, acts] = await Promise.all([
    rawGetAll(factory, 'tickets'),
    rawGetAll(factory, 'conversations'),
    rawGetAll(factory, 'notes'),
    rawGetAll(factory, 'activity'),
  ]);
  return { tickets: tickets.length, conversations: conversations.length, notes: notes.length, activity: acts.length };
}

const NOTHING = { tickets: 0, conversations: 0, notes: 0, activity: 0 };

describe('store.execute', () => {
  it('gives apply a context from meta and a reader over the same transaction, then writes everything', async () => {
    const { store, factory, clock } = await openTestDesk();
    const meta = await store.meta();
    clock.advance(1000);
    let seen: CommandContext | undefined;
    const outcome = await store.execute(SEED_COMMAND, async (reader, ctx) => {
      seen = ctx;
      const settings = await reader.settings();
      expect(settings.stages.length).toBeGreaterThan(0);
      return { ok: true, value: { writes: FIVE_WRITES(), activity: [activity(9, ticket(1).id)], result: 'made' } };
    });

    expect(outcome).toMatchObject({ ok: true, value: { result: 'made' } });
    expect(seen).toMatchObject({ now: clock.now(), agentId: meta.meId, deviceId: meta.deviceId });
    expect(seen?.clock).toBe(nextClock(meta.lastClock, clock.now(), meta.deviceId));
    expect(seen?.causeId).toMatch(/^cmd:\w{26}$/);
    expect(await storedCounts(factory)).toEqual({ tickets: 2, conversations: 2, notes: 1, activity: 1 });
    expect((await store.meta()).lastClock).toBe(seen?.clock);
  });

  it('keeps the clock moving forward when the wall clock goes back', async () => {
    const { store, clock } = await openTestDesk();
    const clocks: string[] = [];
    const remember = async (_r: Reader, ctx: CommandContext): Promise<Outcome> => {
      clocks.push(ctx.clock);
      return { ok: true, value: { writes: [], activity: [] } };
    };
    await store.execute(SEED_COMMAND, remember);
    clock.advance(-60_000);
    await store.execute(SEED_COMMAND, remember);
    await store.execute(SEED_COMMAND, remember);
    expect(compareClock(clocks[0]!, clocks[1]!)).toBe(-1);
    expect(compareClock(clocks[1]!, clocks[2]!)).toBe(-1);
  });

  it('routes removes by id prefix and hard-deletes', async () => {
    const { store, factory } = await openTestDesk();
    await seed(store, [ticket(1), conversation(2), note(3, ticket(1).id)]);
    const outcome = await store.execute(
      SEED_COMMAND,
      applyWrites([
        { op: 'remove', id: ticket(1).id },
        { op: 'remove', id: conversation(2).id },
        { op: 'remove', id: note(3, ticket(1).id).id },
      ]),
    );
    expect(outcome.ok).toBe(true);
    expect(await storedCounts(factory)).toEqual(NOTHING);
  });

  it('writes nothing for a refusal and returns it as is', async () => {
    const { store, factory } = await openTestDesk();
    const before = await store.meta();
    const refusal: Outcome = { ok: false, error: { code: 'conflict', key: 'conversationHasTicket', message: 'This conversation already has a ticket.' } };
    const outcome = await store.execute(SEED_COMMAND, async (reader) => {
      await reader.ticket('ticket:nope');
      return refusal;
    });
    expect(outcome).toEqual(refusal);
    expect(await storedCounts(factory)).toEqual(NOTHING);
    expect((await store.meta()).lastClock).toBe(before.lastClock);
  });

  it('rolls back every write when IndexedDB fails at the 3rd write of 5', async () => {
    const calls: number[] = [];
    const { store, factory } = await openTestDesk({
      faultInjector: (_write, index) => {
        calls.push(index);
        if (index === 2) throw new Error('QuotaExceededError: disk full (simulated)');
      },
    });
    const before = await store.meta();
    const outcome = await store.execute(SEED_COMMAND, applyWrites(FIVE_WRITES(), [activity(9, ticket(1).id)]));

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('storage');
    expect(outcome.error.message).toContain('disk full (simulated)');
    expect(outcome.error.message).toContain('Nothing was changed');
    expect(outcome.error.message).toContain('trash.purge');
    expect(calls).toEqual([0, 1, 2]);
    expect(await storedCounts(factory)).toEqual(NOTHING);
    expect((await store.meta()).lastClock).toBe(before.lastClock);
  });

  it('rolls back when IndexedDB itself rejects a write (unique source+key)', async () => {
    const { store, factory } = await openTestDesk();
    const outcome = await store.execute(
      SEED_COMMAND,
      applyWrites([
        { op: 'put', record: ticket(1) },
        { op: 'put', record: conversation(2, { key: 'same' }) },
        { op: 'put', record: conversation(3, { key: 'same' }) },
      ]),
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/ConstraintError/);
    expect(await storedCounts(factory)).toEqual(NOTHING);
  });

  it('refuses to overwrite an activity entry (append-only)', async () => {
    const { store, factory } = await openTestDesk();
    const entry = activity(1, ticket(1).id);
    await seed(store, [], [entry]);
    const outcome = await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: ticket(2) }], [entry]));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(await storedCounts(factory)).toEqual({ ...NOTHING, activity: 1 });
  });

  describe('version compare-and-set', () => {
    it('accepts a new record at version 1 and each next version', async () => {
      const { store } = await openTestDesk();
      const t1 = ticket(1);
      await seed(store, [t1]);
      const t2 = bumped(t1, { name: 'Renamed' });
      expect((await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: t2 }]))).ok).toBe(true);
      expect((await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: bumped(t2) }]))).ok).toBe(true);
      expect(await store.read((r) => r.ticket(t1.id))).toMatchObject({ version: 3, name: 'Renamed' });
    });

    it.each([
      ['a stale version', (t: Ticket) => bumped(t)],
      ['a new record over an existing one', (t: Ticket) => ({ ...t, name: 'Twin' })],
      ['a version that skips one', (t: Ticket) => bumped(bumped(bumped(t)))],
    ])('refuses %s with a conflict and writes nothing', async (_label, make) => {
      const { store, factory } = await openTestDesk();
      const t1 = ticket(1);
      await seed(store, [t1]);
      await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: bumped(t1, { name: 'Won' }) }]));

      const outcome = await store.execute(
        SEED_COMMAND,
        applyWrites([{ op: 'put', record: ticket(7) }, { op: 'put', record: make(t1) }]),
      );
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: 'This ticket changed elsewhere (another tab or window saved it first). Try again.' },
      });
      expect(await rawGetAll(factory, 'tickets')).toEqual([expect.objectContaining({ id: t1.id, version: 2, name: 'Won' })]);
    });

    it('refuses a version-2 record that was never stored', async () => {
      const { store } = await openTestDesk();
      const outcome = await store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: bumped(ticket(1)) }]));
      expect(outcome).toMatchObject({ ok: false, error: { code: 'conflict' } });
    });
  });

  it('serializes concurrent commands: each reads what the previous one wrote', async () => {
    const { store } = await openTestDesk();
    const t = ticket(1);
    await seed(store, [t]);
    const increment = async (reader: Reader, ctx: CommandContext): Promise<Outcome> => {
      const current = await reader.ticket(t.id);
      if (!current) return { ok: false, error: { code: 'not_found', key: 'ticketGone', message: 'gone' } };
      const next = bumped(current, { name: `v${current.version + 1}`, clock: { name: ctx.clock } });
      return { ok: true, value: { writes: [{ op: 'put', record: next }], activity: [], result: ctx.clock } };
    };
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => store.execute(SEED_COMMAND, increment)));

    expect(outcomes.every((o) => o.ok)).toBe(true);
    const stored = await store.read((r) => r.ticket(t.id));
    expect(stored).toMatchObject({ version: 26, name: 'v26' });
    const clocks = outcomes.map((o) => (o.ok ? String(o.value.result) : ''));
    expect(new Set(clocks).size).toBe(25);
    expect(stored?.clock.name).toBe([...clocks].sort(compareClock).at(-1));
    expect((await store.meta()).lastClock).toBe(stored?.clock.name);
  });

  it('makes the loser of a read-then-write race conflict instead of overwriting', async () => {
    const { store } = await openTestDesk();
    const t = ticket(1);
    await seed(store, [t]);
    // Two tabs computed their edit from the same version-1 copy.
    const [a, b] = await Promise.all([
      store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: bumped(t, { name: 'A' }) }])),
      store.execute(SEED_COMMAND, applyWrites([{ op: 'put', record: bumped(t, { name: 'B' }) }])),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await store.read((r) => r.ticket(t.id))).toMatchObject({ name: 'A', version: 2 });
  });

  describe('a full disk (QuotaExceededError)', () => {
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    afterEach(() => vi.restoreAllMocks());

    /** What a browser does when a put finds no space: the request fails with the error, and the transaction aborts with it. */
    function failNextPutRequest(): void {
      const put = IDBObjectStore.prototype.put;
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(function (this: IDBObjectStore) {
        // fake-indexeddb's own request queue (no public way to fail a request): the operation throws, so the
        // request gets an error event and, not prevented, the transaction aborts with QuotaExceededError.
        const tx = this.transaction as unknown as { _execRequestAsync(op: { operation: () => never; source: unknown }): IDBRequest };
        return tx._execRequestAsync({ operation: () => { throw quota(); }, source: this });
      });
      expect(IDBObjectStore.prototype.put).not.toBe(put);
    }

    for (const [how, arm] of [
      ['a put throws it', () => vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => { throw quota(); })],
      ["a put's request fails with it and the transaction aborts", failNextPutRequest],
    ] as const) {
      it(`refuses with storage/quota when ${how}, writes nothing, and the next command writes`, async () => {
        const { store, factory } = await openTestDesk();
        const before = await store.meta();
        arm();
        const outcome = await store.execute(SEED_COMMAND, applyWrites(FIVE_WRITES(), [activity(9, ticket(1).id)]));

        expect(outcome).toMatchObject({ ok: false, error: { code: 'storage', reason: 'quota' } });
        if (!outcome.ok) expect(outcome.error.message).toBe("Could not save (trash.purge): the browser's storage for the extension is full [QuotaExceededError]. Nothing was changed.");
        expect(await storedCounts(factory)).toEqual(NOTHING);
        expect((await store.meta()).lastClock).toBe(before.lastClock);

        // Space is back: the same connection writes the next command whole.
        const again = await store.execute(SEED_COMMAND, applyWrites(FIVE_WRITES(), [activity(9, ticket(1).id)]));
        expect(again.ok).toBe(true);
        expect(await storedCounts(factory)).toEqual({ tickets: 2, conversations: 2, notes: 1, activity: 1 });
      });
    }

    it('tags no other storage failure as quota', async () => {
      const { store } = await openTestDesk();
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
        throw new DOMException('Disk I/O failed.', 'UnknownError');
      });
      const outcome = await store.execute(SEED_COMMAND, applyWrites(FIVE_WRITES()));
      expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
      if (!outcome.ok) expect(outcome.error.reason).toBeUndefined();
    });
  });

  describe('never throws', () => {
    it('reports an exception in apply as internal', async () => {
      const { store, factory } = await openTestDesk();
      const outcome = await store.execute(SEED_COMMAND, async () => {
        throw new TypeError('boom');
      });
      expect(outcome).toMatchObject({
        ok: false,
        error: { code: 'internal', message: 'Could not apply trash.purge: TypeError: boom. Nothing was changed.' },
      });
      expect(await storedCounts(factory)).toEqual(NOTHING);
    });

    it('reports a write to an id no store holds as internal, writing nothing', async () => {
      const { store, factory } = await openTestDesk();
      const outcome = await store.execute(
        SEED_COMMAND,
        applyWrites([{ op: 'put', record: ticket(1) }, { op: 'remove', id: 'widget:1' }]),
      );
      expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
      if (!outcome.ok) expect(outcome.error.message).toContain("'widget:1'");
      expect(await storedCounts(factory)).toEqual(NOTHING);
    });

    it('reports a transaction that closed under an apply awaiting other work as storage', async () => {
      const { store, factory } = await openTestDesk();
      const outcome = await store.execute(SEED_COMMAND, async (reader) => {
        await reader.ticket('ticket:x');
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { ok: true, value: { writes: [{ op: 'put', record: ticket(1) }], activity: [] } };
      });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
      expect(await storedCounts(factory)).toEqual(NOTHING);
    });

    it('reports a closed connection as storage', async () => {
      const { store } = await openTestDesk();
      store.close();
      const outcome = await store.execute(SEED_COMMAND, applyWrites([]));
      expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
    });

    it('reports an IndexedDB failure inside apply as storage, not as a bug in the rules', async () => {
      const { store, factory } = await openTestDesk();
      const outcome = await store.execute(SEED_COMMAND, async (reader) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        // The transaction committed meanwhile: IndexedDB itself refuses this read.
        await reader.ticket('ticket:x');
        return { ok: true, value: { writes: [{ op: 'put', record: ticket(1) }], activity: [] } };
      });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'storage' } });
      if (!outcome.ok) expect(outcome.error.message).toContain('[InvalidStateError]');
      expect(await storedCounts(factory)).toEqual(NOTHING);
    });
  });
});

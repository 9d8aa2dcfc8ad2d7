import * as v from 'valibot';
import { mentionedIn, phoneOrNull } from '../../core/adapters/generic';
import { MAX_MENTIONED } from '../../core/domain/mentioned';
import { SnapshotSchema, isMentionedValue } from '../../core/messages/schemas';

const snapshot = (contact: Record<string, unknown>) => ({
  source: 'whatsapp',
  key: 'k',
  subject: 's',
  channel: 'chat',
  hostUrl: 'https://web.whatsapp.com/',
  contact: { name: 'n', email: null, handle: null, ...contact },
});
const accepted = (contact: Record<string, unknown>) => v.safeParse(SnapshotSchema, snapshot(contact)).success;

describe('mentioned addresses and phones', () => {
  it('reads addresses (lower-cased) and international phones in the order written, once each', () => {
    expect(
      mentionedIn(['Write me at Rosa.Lind@Example.org or call +34 600 11 12 22.', 'again: rosa.lind@example.org, +34-600-111-222', 'or +1 (555) 010-4477']),
    ).toEqual(['rosa.lind@example.org', '+34600111222', '+15550104477']);
  });

  it('leaves out the contact’s own identities', () => {
    expect(mentionedIn(['I am +34600000003, mail me at a@example.com'], ['+34600000003', 'A@example.com'])).toEqual([]);
  });

  it.each([
    ['a number without its country code', 'call 600 111 222'],
    ['an order number', 'order #5120-77'],
    ['too few digits', '+34 600'],
    ['too many digits', '+34 600 111 222 333 444'],
    ['a number glued to a word', 'ref+34600111222'],
    ['an address with URL syntax', 'a@b.co?bcc=x@evil'],
  ])('reads nothing from %s', (_what, text) => {
    const found = mentionedIn([text]);
    expect(found.filter((f) => f.startsWith('+'))).toEqual([]);
    for (const value of found) expect(isMentionedValue(value)).toBe(true);
  });

  it(`keeps at most ${MAX_MENTIONED}, the first ones`, () => {
    const texts = Array.from({ length: 40 }, (_, i) => `user${i}@example.com and +34 600 000 ${String(100 + i)}`);
    expect(mentionedIn(texts)).toEqual(['user0@example.com', '+34600000100', 'user1@example.com', '+34600000101', 'user2@example.com']);
  });

  it('reads a bounded part of huge texts (10 KB each, many of them)', () => {
    const junk = 'x'.repeat(9_990) + ' a@example.com';
    expect(mentionedIn([junk])).toEqual([]);
    const many = Array.from({ length: 100 }, () => 'y'.repeat(10_000));
    expect(mentionedIn([...many, 'late@example.com'])).toEqual([]);
    expect(mentionedIn([`${'a'.repeat(10_000)}@example.com`])).toEqual([]);
  });

  it.each([
    ['+34 611 22 33 44', '+34611223344'],
    ['+1 (555) 010-4477', '+15550104477'],
    ['34611223344', null],
    ['+0 611 22 33 44', null],
    ['+34 611 <b>', null],
    ['', null],
  ])('phoneOrNull(%j) → %j', (value, expected) => {
    expect(phoneOrNull(value)).toBe(expected);
  });

  it('the background accepts what the adapters report and refuses anything else', () => {
    expect(accepted({})).toBe(true);
    expect(accepted({ phone: null, mentioned: [] })).toBe(true);
    expect(accepted({ phone: '+34600111222', mentioned: ['a@example.com', '+15550104477'] })).toBe(true);
    expect(accepted({ phone: '+34 600 111 222' })).toBe(false);
    expect(accepted({ phone: '600111222' })).toBe(false);
    expect(accepted({ mentioned: Array.from({ length: MAX_MENTIONED + 1 }, (_, i) => `u${i}@example.com`) })).toBe(false);
    expect(accepted({ mentioned: ['<img src=x onerror=alert(1)>@example.com'] })).toBe(false);
    expect(accepted({ mentioned: ['A@Example.com'] })).toBe(false);
    expect(accepted({ mentioned: [`${'a'.repeat(10_000)}@example.com`] })).toBe(false);
    expect(accepted({ mentioned: ['javascript:alert(1)'] })).toBe(false);
    expect(accepted({ mentioned: 'a@example.com' })).toBe(false);
  });
});

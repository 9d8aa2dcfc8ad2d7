import { compareClock, nextClock, parseClock, receiveClock } from '../../../core/domain/hlc';

describe('hybrid logical clock', () => {
  it('advances with the wall clock and never goes backwards', () => {
    const a = nextClock(null, 1000, 'dev1');
    const b = nextClock(a, 900, 'dev1');
    const c = nextClock(b, 2000, 'dev1');
    expect(compareClock(a, b)).toBe(-1);
    expect(compareClock(b, c)).toBe(-1);
    expect(parseClock(b)).toEqual({ ms: 1000, counter: 1, deviceId: 'dev1' });
  });
  it('breaks ties by device id', () => {
    expect(compareClock(nextClock(null, 5, 'a'), nextClock(null, 5, 'b'))).toBe(-1);
  });
  it('moves past a received remote clock', () => {
    const remote = nextClock(null, 5000, 'other');
    const mine = receiveClock(nextClock(null, 10, 'me'), remote, 20, 'me');
    expect(compareClock(remote, mine)).toBe(-1);
  });
});

import { ADAPTERS, adapterFor } from '../../core/adapters/registry';
import { fixturesOf, loadFixture } from './load-fixture';

/** The URL each adapter's fixtures were captured at (a fixture's own comment names the path). */
const FIXTURE_ORIGIN: Record<string, string> = { demo: 'http://127.0.0.1:5174/' };

describe('adapter registry (meta-tests)', () => {
  it.each(ADAPTERS.map((a) => [a.id]))('%s has fixtures and an origin to load them at', (id) => {
    expect(fixturesOf(id).length).toBeGreaterThan(0);
    expect(FIXTURE_ORIGIN[id]).toBeDefined();
  });

  it('every fixture is served by its own adapter and by no other', () => {
    for (const adapter of ADAPTERS) {
      for (const file of fixturesOf(adapter.id)) {
        const url = FIXTURE_ORIGIN[adapter.id]!;
        const doc = loadFixture(adapter.id, file);
        expect(adapterFor(new URL(url), doc)?.id, `${adapter.id}/${file}`).toBe(adapter.id);
        for (const other of ADAPTERS.filter((a) => a !== adapter)) {
          expect(other.detect(new URL(url), doc), `${other.id} must not claim ${adapter.id}/${file}`).toBe(false);
        }
      }
    }
  });
});

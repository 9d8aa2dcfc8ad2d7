import * as v from 'valibot';
import { builtinMatches, buildHasDemo, CONTENT_MATCHES, DEMO_MATCHES, E2E_EXTRA_MATCHES, SITE_MATCHES } from '../../core/adapters/matches';
import { readPage } from '../../core/adapters/page';
import { ADAPTERS, adapterById, adapterFor } from '../../core/adapters/registry';
import { SOURCES } from '../../core/domain/types';
import { SnapshotSchema } from '../../core/messages/schemas';
import { FIXTURE_ORIGIN, fixtureUrl, fixturesOf, loadFixture } from './load-fixture';

/** Generic mode says yes to every web page: it is the fallback, so it claims nothing first. */
const SPECIFIC = ADAPTERS.filter((a) => a.id !== 'generic');

describe('adapter registry (meta-tests)', () => {
  it.each(ADAPTERS.map((a) => [a.id]))('%s has fixtures and an origin to load them at', (id) => {
    expect(fixturesOf(id).length).toBeGreaterThan(0);
    expect(FIXTURE_ORIGIN[id]).toBeDefined();
  });

  it('each adapter says how its pages get room beside the sidebar: the sites are app shells, any page decides on its first layout, the demo makes its own', () => {
    const rooms = Object.fromEntries(ADAPTERS.map((a) => [a.id, a.room ?? 'flow']));
    expect(rooms).toEqual({ demo: 'self', gmail: 'shell', outlook: 'shell', slack: 'shell', whatsapp: 'shell', roundcube: 'shell', generic: 'auto' });
  });

  it('registers one adapter per source, generic last', () => {
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual([...SOURCES].sort());
    expect(ADAPTERS.at(-1)?.id).toBe('generic');
  });

  it('every fixture is claimed by its own adapter first, and by no other specific adapter', () => {
    for (const adapter of ADAPTERS) {
      for (const file of fixturesOf(adapter.id)) {
        const url = FIXTURE_ORIGIN[adapter.id]!;
        const doc = loadFixture(adapter.id, file);
        expect(adapterFor(new URL(url), doc)?.id, `${adapter.id}/${file}`).toBe(adapter.id);
        for (const other of SPECIFIC.filter((a) => a !== adapter)) {
          expect(other.detect(new URL(url), doc), `${other.id} must not claim ${adapter.id}/${file}`).toBe(false);
        }
      }
    }
    // Parses every saved page: grows with the fixtures, and slows on a busy machine.
  }, 30_000);

  it('every conversation read from a fixture is one the background accepts', () => {
    for (const adapter of ADAPTERS) {
      // A `-changed-` page is a site after a redesign: unreadable by design (health.test.ts).
      for (const file of fixturesOf(adapter.id).filter((f) => !f.includes('-changed-'))) {
        const doc = loadFixture(adapter.id, file);
        const state = readPage(adapter, doc, fixtureUrl(adapter.id, doc));
        expect(state.kind, `${adapter.id}/${file}`).not.toBe('unreadable');
        if (state.kind !== 'conversation') continue;
        const checked = v.safeParse(SnapshotSchema, state.snapshot);
        expect(checked.issues?.map((i) => i.message), `${adapter.id}/${file}`).toBeUndefined();
        expect(state.snapshot.source).toBe(adapter.id);
      }
    }
  }, 30_000);

  it('falls back to generic mode on any other web page, and to nothing off the web', () => {
    const doc = loadFixture('generic', fixturesOf('generic')[0]!);
    expect(adapterFor(new URL('https://intranet.example.com/cases/7'), doc)?.id).toBe('generic');
    expect(adapterFor(new URL('file:///tmp/case.html'), doc)).toBeNull();
  });

  it('finds adapters by id', () => {
    for (const adapter of ADAPTERS) expect(adapterById(adapter.id)).toBe(adapter);
    expect(adapterById('auto')).toBeNull();
  });

  it("runs the content script on every named site's patterns and the demo inbox", () => {
    for (const adapter of SPECIFIC) {
      for (const pattern of adapter.matches) expect(CONTENT_MATCHES, `${adapter.id}: ${pattern}`).toContain(pattern);
    }
    expect(CONTENT_MATCHES).toEqual([...SITE_MATCHES, ...DEMO_MATCHES]);
  });

  it('the store build runs on the named sites only; the demo build (and dev mode) adds the demo inbox at its default address, the e2e build any local port', () => {
    expect(builtinMatches('production')).toEqual([...SITE_MATCHES]);
    expect(builtinMatches('production').filter((p) => /5174|127\.0\.0\.1|localhost/.test(p))).toEqual([]);
    expect(builtinMatches('demo')).toEqual([...SITE_MATCHES, ...DEMO_MATCHES]);
    expect(builtinMatches('e2e')).toEqual([...SITE_MATCHES, ...DEMO_MATCHES, ...E2E_EXTRA_MATCHES]);
    expect(builtinMatches('development')).toEqual([...SITE_MATCHES, ...DEMO_MATCHES]);
    expect([buildHasDemo('production'), buildHasDemo('demo'), buildHasDemo('e2e'), buildHasDemo('development')]).toEqual([false, true, true, true]);
  });
});

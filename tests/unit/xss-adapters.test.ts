// @vitest-environment jsdom
import * as v from 'valibot';
import { readPage } from '../../core/adapters/page';
import { ADAPTERS, adapterById } from '../../core/adapters/registry';
import { MAX_MENTIONED } from '../../core/domain/mentioned';
import { SnapshotSchema, isMentionedValue } from '../../core/messages/schemas';
import type { ConversationSnapshot } from '../../core/domain/types';
import { fixtureUrl, fixturesOf, loadFixture } from '../adapters/load-fixture';
import { XSS_PAYLOADS, collapsed } from '../fixtures/xss/payloads';

/**
 * The adapters read host pages as text, never as HTML: a subject or a sender name that
 * is hostile text comes back as that text, and markup in the host's DOM comes back as
 * its text only (no tags), so nothing an adapter returns can be markup for the sidebar.
 */

interface Case {
  name: string;
  adapter: (typeof ADAPTERS)[number];
  file: string;
  url: string;
  snapshot: ConversationSnapshot;
}

/** Every fixture an adapter reads a conversation from. */
const CASES: Case[] = ADAPTERS.flatMap((adapter) =>
  fixturesOf(adapter.id).flatMap((file) => {
    const doc = loadFixture(adapter.id, file);
    const url = fixtureUrl(adapter.id, doc);
    const state = readPage(adapter, doc, url);
    return state.kind === 'conversation' ? [{ name: `${adapter.id}/${file}`, adapter, file, url, snapshot: state.snapshot }] : [];
  }),
);

/** The text nodes (title included) whose text holds `needle`. */
function textNodesWith(doc: Document, needle: string): Text[] {
  const found: Text[] = [];
  const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((n as Text).data.includes(needle)) found.push(n as Text);
  }
  return found;
}

const strings = (s: ConversationSnapshot) => [
  s.key,
  s.subject,
  s.hostUrl,
  s.contact.name,
  s.contact.email ?? '',
  s.contact.handle ?? '',
  s.contact.phone ?? '',
  ...(s.contact.mentioned ?? []),
];

describe('adapters read hostile host pages as text', () => {
  it('reads a conversation from a fixture of every adapter', () => {
    expect(new Set(CASES.map((c) => c.adapter.id))).toEqual(new Set(ADAPTERS.map((a) => a.id)));
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: a hostile subject and sender name come back as text, never decoded', (_name, c) => {
    const fields = (['subject', 'name'] as const).map((f) => (f === 'subject' ? c.snapshot.subject : c.snapshot.contact.name)).filter((t) => t.length >= 3);
    const original = loadFixture(c.adapter.id, c.file);
    // Only text the fixture shows verbatim (some adapters read a name from an attribute or split "Name <address>").
    const shown = fields.filter((before) => textNodesWith(original, before).length > 0);
    expect(shown.length, `${c.name}: no subject or name shown as text to replace`).toBeGreaterThan(0);
    // The whole corpus through one demo page; every sixth payload through the others (each read of a
    // saved page in jsdom costs tens of milliseconds), the entity-encoded ones always.
    const whole = c === CASES[0];
    const corpus = whole ? XSS_PAYLOADS : XSS_PAYLOADS.filter((p, i) => p.length < 2000 && (i % 6 === 0 || p.includes('&')));
    for (const payload of corpus) {
      const doc = original.cloneNode(true) as Document;
      for (const before of shown) for (const node of textNodesWith(doc, before)) node.data = node.data.split(before).join(payload);
      const state = readPage(c.adapter, doc, c.url);
      const what = `${c.name} with ${JSON.stringify(payload.slice(0, 60))}`;
      expect(state.kind, what).toBe('conversation');
      if (state.kind !== 'conversation') continue;
      const literal = collapsed(payload, Infinity);
      for (const value of strings(state.snapshot)) {
        // Whatever markup-like text comes back is the payload's own characters: no entity decoded, nothing added.
        for (let at = value.indexOf('<'); at !== -1; at = value.indexOf('<', at + 1)) {
          const piece = value.slice(at, at + 12);
          expect(literal.includes(piece) || strings(c.snapshot).some((s) => s.includes(piece)), `${what}: ${JSON.stringify(value.slice(0, 120))}`).toBe(true);
        }
      }
      if (c.adapter.id === 'demo') {
        // The demo inbox marks its subject and sender: both come back exactly, cut to the adapter's limits.
        expect(state.snapshot.subject, what).toBe(collapsed(payload, 500));
        expect(state.snapshot.contact.name, what).toBe(collapsed(payload, 200));
      }
    }
  }, 120_000);

  it.each(CASES.map((c) => [c.name, c] as const))('%s: markup in the host page comes back without a tag', (_name, c) => {
    const doc = loadFixture(c.adapter.id, c.file);
    // Attributes and elements only (no <script> or <style>, whose text is text): none of it may come back.
    const markup =
      '<b>bold</b> <img src=x onerror=window.__tipXssMarkup=1> <svg onload=window.__tipXssMarkup=1></svg> ' +
      '<a href="javascript:window.__tipXssMarkup=1">link</a> <iframe srcdoc="<img src=x onerror=window.__tipXssMarkup=1>"></iframe> ' +
      '<details open ontoggle=window.__tipXssMarkup=1></details> <input value="window.__tipXssMarkup=1">';
    let replaced = 0;
    for (const before of [c.snapshot.subject, c.snapshot.contact.name].filter((t) => t.length >= 3)) {
      for (const node of textNodesWith(doc, before)) {
        const parent = node.parentElement;
        // A <title> holds text only; elsewhere the hostile markup becomes real elements in the host DOM.
        if (!parent || parent.tagName === 'TITLE') continue;
        parent.innerHTML = `${before} ${markup}`;
        replaced++;
      }
    }
    const state = readPage(c.adapter, doc, c.url);
    if (replaced === 0 || state.kind !== 'conversation') return;
    expect(strings(state.snapshot).join(' '), c.name).not.toContain('__tipXssMarkup');
    expect(strings(state.snapshot).join(' '), c.name).not.toContain('<b>bold');
  });
});

/**
 * `contact.mentioned` is read from what customers type: the one field a
 * hostile customer fills at will. Whatever they write, what comes back is a
 * few checked values the background accepts.
 */
describe('mentioned addresses and phones from hostile messages', () => {
  /** A customer's message in each chat fixture that reports mentions. */
  const MESSAGES = [
    ['whatsapp', '2026-12-07-chat-saved-contact-mentions.html', 'https://web.whatsapp.com/', '.message-in span.selectable-text > span'],
    ['slack', '2026-12-07-direct-message-mentions.html', 'https://app.slack.com/client/T0123ABCD/D0CUST0042', '[data-qa="message-text"] .p-rich_text_section'],
    ['generic', '2026-12-07-chat-email-in-message.html', 'https://chat.example.com/c/rosa-lind', 'article.message--incoming .message-body p'],
  ] as const;

  const readWith = (site: (typeof MESSAGES)[number], write: (el: Element) => void) => {
    const [id, file, url, selector] = site;
    const doc = loadFixture(id, file);
    const el = doc.querySelector(selector);
    if (!el) throw new Error(`${id}/${file}: no customer message at ${selector}`);
    write(el);
    const state = readPage(adapterById(id)!, doc, url);
    if (state.kind !== 'conversation') throw new Error(`${id}/${file}: ${state.kind}`);
    return state.snapshot;
  };

  const expectChecked = (snapshot: ConversationSnapshot, what: string) => {
    const mentioned = snapshot.contact.mentioned ?? [];
    expect(mentioned.length, what).toBeLessThanOrEqual(MAX_MENTIONED);
    for (const value of mentioned) {
      expect(isMentionedValue(value), `${what}: ${JSON.stringify(value)}`).toBe(true);
      expect(value, what).not.toMatch(/[<>"'`&?#%\s]/);
    }
    expect(v.safeParse(SnapshotSchema, snapshot).issues?.map((i) => i.message), what).toBeUndefined();
  };

  it.each(MESSAGES.map((m) => [`${m[0]}/${m[1]}`, m] as const))('%s: payloads around and inside addresses come back as checked values only', (_name, site) => {
    for (const payload of XSS_PAYLOADS.filter((p, i) => p.length < 2000 && i % 3 === 0)) {
      const snapshot = readWith(site, (el) => {
        el.textContent = `${payload} ${payload}@example.com <${payload}>x@example.com mail:${payload}+34 600 111 222 ok@example.com`;
      });
      expectChecked(snapshot, `${site[0]} with ${JSON.stringify(payload.slice(0, 60))}`);
      expect(snapshot.contact.mentioned ?? [], site[0]).toContain('ok@example.com');
    }
  });

  it.each(MESSAGES.map((m) => [`${m[0]}/${m[1]}`, m] as const))('%s: markup in a message gives its text, never a tag', (_name, site) => {
    const snapshot = readWith(site, (el) => {
      el.innerHTML = '<img src=x onerror=window.__tipXssMarkup=1>bob@example.com <b>+34 600 111 222</b> <a href="mailto:eve@evil.example?bcc=all@example.com">write</a>';
    });
    expectChecked(snapshot, site[0]);
    expect(snapshot.contact.mentioned, site[0]).toEqual(expect.arrayContaining(['bob@example.com', '+34600111222']));
    expect(strings(snapshot).join(' ')).not.toContain('__tipXssMarkup');
  });

  it.each(MESSAGES.map((m) => [`${m[0]}/${m[1]}`, m] as const))('%s: a thousand addresses, or 10 KB strings, give at most five checked values', (_name, site) => {
    const many = readWith(site, (el) => {
      el.textContent = Array.from({ length: 1000 }, (_, i) => `u${i}@example.com +34 600 ${String(100000 + i)}`).join(' ');
    });
    expectChecked(many, `${site[0]} (1000 addresses)`);
    expect(many.contact.mentioned, site[0]).toHaveLength(MAX_MENTIONED);
    const huge = readWith(site, (el) => {
      el.textContent = `${'a'.repeat(10_000)}@example.com ${'+1'.repeat(5_000)} ${'x.'.repeat(5_000)}@${'y.'.repeat(5_000)}com`;
    });
    expectChecked(huge, `${site[0]} (10 KB strings)`);
    // Nothing from the huge message: what the customer's other messages mention, and only that.
    const without = readWith(site, (el) => (el.textContent = ''));
    expect(huge.contact.mentioned, site[0]).toEqual(without.contact.mentioned);
  });
});

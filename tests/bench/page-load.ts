import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer';
import { findChrome } from '../e2e/chrome';
import { CHROME_FLAGS } from '../e2e/harness';
import { ROOT } from '../e2e/paths';

/** Loads per configuration and page (TIP_BENCH_LOADS); the issue asks for at least 20. */
export const LOADS = Math.max(1, Math.floor(Number(process.env.TIP_BENCH_LOADS ?? 20)) || 20);
/** P6: seconds of host mutations per run, and runs per configuration. */
export const P6_SECONDS = Math.max(1, Number(process.env.TIP_BENCH_P6_SECONDS ?? 10) || 10);
export const P6_RUNS = Math.max(1, Math.floor(Number(process.env.TIP_BENCH_P6_RUNS ?? 2)) || 2);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank 95th percentile (with 20 samples: the 19th smallest). */
export function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
/** "median / p95" in ms. */
export const stat = (xs: readonly number[]) => (xs.length ? `${ms(median(xs))} / ${ms(p95(xs))}` : '—');
export const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(1)}` : '—');


/** Headless Chromium with extensions allowed but none loaded: the "no extension" column. */
export async function launchWithoutExtension(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tip-bench-none-'));
  const browser = await puppeteer.launch({
    executablePath: await findChrome(),
    headless: true,
    pipe: true,
    enableExtensions: true,
    userDataDir,
    defaultViewport: { width: 1400, height: 900 },
    args: CHROME_FLAGS,
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The floor: the smallest MV3 extension with a content script, which does
 * nothing, on the same URLs and at the same moment (`document_end`, like ours)
 * as our content scripts. Its service worker is empty too; it is there so the
 * harness's launchBrowser finds the extension started.
 */
export function writeFloorExtension(matches: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tip-bench-floor-'));
  const manifest = {
    manifest_version: 3,
    name: 'Empty content script (bench floor)',
    version: '1.0.0',
    background: { service_worker: 'worker.js' },
    content_scripts: [{ matches, js: ['empty.js'], run_at: 'document_end' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'empty.js'), '// nothing\n');
  writeFileSync(join(dir, 'worker.js'), '// nothing\n');
  return dir;
}

/**
 * Ours, measurable: a temp copy of a build with
 * - each content script's `attachShadow({mode:"closed"})` made "open", the one
 *   string that differs from the e2e build's, so that the bench can create a
 *   ticket through the sidebar and time, from inside the page, when the sidebar
 *   and the card appear and when a status re-renders (P3, P4); a closed root
 *   costs the same to build and render;
 * - the extra host permissions the agent grants at the prompt when enabling a
 *   site in the options (a headless browser has no prompt to accept).
 * Everything else is the build's, byte for byte.
 */
export function writeOursCopy(buildDir: string, extraHostPermissions: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tip-bench-ours-'));
  cpSync(buildDir, dir, { recursive: true });
  const scripts = join(dir, 'content-scripts');
  for (const name of readdirSync(scripts).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(scripts, name), 'utf8');
    const count = code.split('mode:"closed"').length - 1;
    // One sidebar per script; any other count means the build changed shape.
    if (count > 1) throw new Error(`${name}: ${count} closed shadow roots, expected at most one`);
    if (count === 1) writeFileSync(join(scripts, name), code.replace('mode:"closed"', 'mode:"open"'));
  }
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...extraHostPermissions])];
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return dir;
}

/** A saved page served at 127.0.0.1 on a free port, at `/` whatever the query; its assets weren't saved (404). */
export async function serveFixture(file: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = readFileSync(join(ROOT, file));
  const server: Server = createServer((req, res) => {
    const found = new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/';
    res.writeHead(found ? 200 : 404, { 'Content-Type': found ? 'text/html; charset=utf-8' : 'text/plain', 'Cache-Control': 'no-store' });
    res.end(found ? html : 'not saved');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A page with CPU-time metrics on (Performance.getMetrics in thread ticks). */
export async function metricsSession(page: Page): Promise<CDPSession> {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/**
 * The renderer main thread's CPU time for the current document, in ms:
 * TaskDuration counts every task (script, style, layout, paint) and starts
 * again from zero with each document.
 */
export async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = metrics.find((x) => x.name === 'TaskDuration');
  if (!m) throw new Error('Performance.getMetrics has no TaskDuration');
  return m.value * 1000;
}

/** P1: one load of `url`, its main-thread time read at load + 500 ms. */
export async function loadCost(page: Page, cdp: CDPSession, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  await sleep(500);
  return taskDuration(cdp);
}

/**
 * P3's marks, installed before the page's own scripts: when the sidebar and a
 * ticket card first exist in a shadow root. A MutationObserver, not polling:
 * its callback runs at the end of the very task that inserted the node, so it
 * times to the microsecond, where a poll (timers clamped to 4 ms, frames every
 * 16 ms) would be coarser than the 15 ms target. It watches the children of
 * `<html>` and `<body>` for the sidebar's host, then that host's open shadow
 * root; its own cost falls on the marks' page only, never on P1's loads.
 */
export const P3_MARKS_SCRIPT = `(() => {
  const marks = {};
  window.__tipMarks = marks;
  const watched = new WeakSet();
  const check = (root) => {
    const now = performance.now();
    if (marks.sidebar === undefined && root.querySelector('[data-testid="tip-sidebar"]')) marks.sidebar = now;
    if (marks.card === undefined && root.querySelector('[data-testid="tip-ticket-card"]')) marks.card = now;
  };
  const onShadow = new MutationObserver((records) => { for (const r of records) check(r.target.getRootNode()); });
  const look = () => {
    for (const parent of [document.documentElement, document.body]) {
      if (!parent) continue;
      for (const el of parent.children) {
        const root = el.shadowRoot;
        if (root && !watched.has(root)) {
          watched.add(root);
          onShadow.observe(root, { childList: true, subtree: true });
          check(root);
        }
      }
    }
  };
  // The document, <html> and <body> are watched as each comes to exist (this runs before <html> does).
  const hooked = new WeakSet();
  const onTop = new MutationObserver(() => { hook(); look(); });
  const hook = () => {
    for (const node of [document, document.documentElement, document.body]) {
      if (node && !hooked.has(node)) { hooked.add(node); onTop.observe(node, { childList: true }); }
    }
  };
  hook();
  look();
})();`;

export interface P3Marks {
  dcl: number;
  sidebar?: number;
  card?: number;
}

/** Where P6's host page adds and removes its nodes: its main content, as an SPA re-renders. */
export const P6_CONTAINER = '#reading, main, [role="main"], #layout-content, #messagebody';

/**
 * P6: the host adds 1,000 nodes a second to its main content (removing as
 * many old ones, as an SPA re-rendering a list) for `seconds`; returns the
 * main thread's CPU time over that window (ms). Each 10 ms tick catches up
 * to the count due by then, so a late timer on a busy machine changes when
 * nodes come, not how many: every column gets the same work.
 */
export async function mutationWindow(page: Page, cdp: CDPSession, seconds: number): Promise<number> {
  const before = await taskDuration(cdp);
  const added = await page.evaluate(
    (selector, durationMs) =>
      new Promise<number>((resolve) => {
        const parent = document.querySelector(selector) ?? document.body;
        const box = document.createElement('div');
        parent.append(box);
        const total = durationMs; // 1 node per ms
        const start = performance.now();
        let n = 0;
        const addUpTo = (due: number) => {
          for (; n < Math.min(total, due); n++) {
            const p = document.createElement('p');
            p.textContent = `Live update ${n}`;
            box.append(p);
            if (box.childElementCount > 200) box.firstElementChild?.remove();
          }
        };
        const timer = setInterval(() => {
          addUpTo(Math.floor(performance.now() - start));
          if (n < total) return;
          clearInterval(timer);
          box.remove();
          resolve(n);
        }, 10);
      }),
    P6_CONTAINER,
    seconds * 1000,
  );
  if (added !== seconds * 1000) throw new Error(`P6 added ${added} nodes, not ${seconds * 1000}`);
  return (await taskDuration(cdp)) - before;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it: comparable with TaskDuration in thread ticks. */
  tdur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string; data?: { url?: string; frame?: string }; beginData?: { url?: string } };
}

/** What a trace's event names mean to the team: which kind of main-thread work. */
function kindOf(e: TraceEvent): string {
  const n = e.name;
  if (/^(Layout|UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|InvalidateLayout|IntersectionObserverController::computeIntersections|LayoutShift)$/.test(n)) return 'style & layout';
  if (/^(Paint|PrePaint|Layerize|Commit|UpdateLayer|CompositeLayers|PaintImage|Decode Image|ImageDecodeTask|UpdateLayerTree|RasterTask|BeginMainThreadFrame|Animation)$/.test(n)) return 'paint, pre-paint, layerize, commit';
  if (/^(ParseHTML|ParseAuthorStyleSheet|ResourceReceivedData|ResourceSendRequest|ResourceReceiveResponse|ResourceFinish)$/.test(n)) return 'HTML/CSS parsing, loading';
  if (/^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.parseOnBackground|V8\.ScriptCompiler|v8\.produceCache|v8\.produceModuleCache|CacheScript)$/.test(n)) return 'script compile';
  if (/GC|MajorGC|MinorGC|V8\.GC/.test(n)) return 'garbage collection';
  if (/^(EvaluateScript|v8\.evaluateModule|FunctionCall|v8\.callFunction|v8\.run|V8\.Execute|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|v8\.runMicrotasks|FireIdleCallback|XHRReadyStateChange|v8\.callModuleMethod)$/.test(n)) return 'script evaluation, calls, microtasks';
  return 'other (task overhead, IPC)';
}

export interface TraceSummary {
  /** Self time (ms) on the page's renderer main thread, by kind. */
  byKind: Map<string, number>;
  /** Self time (ms) by event name. */
  byName: Map<string, number>;
  /** How many times each event name occurred (Layout: how often the page was laid out). */
  counts: Map<string, number>;
  /** Script self time (ms) in scripts from chrome-extension:// URLs, and from the page. */
  extensionScript: number;
  pageScript: number;
  total: number;
}

/**
 * Sums a trace's complete events on the main thread of the renderer that
 * loaded `url`, as self time (an event's duration less its children's), so
 * a layout forced by a script counts as layout, not twice; in thread time
 * where the event has it (wall time includes waiting for the other core).
 */
export function summariseTrace(trace: { traceEvents: TraceEvent[] } | TraceEvent[], url: string): TraceSummary {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const host = new URL(url).host;
  const loaded = events.filter((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').includes(host)).at(-1);
  const main = mains.find((m) => loaded && m.pid === loaded.pid && m.tid === loaded.tid) ?? mains[0];
  if (!main) throw new Error('no renderer main thread in the trace');
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const byKind = new Map<string, number>();
  const byName = new Map<string, number>();
  const counts = new Map<string, number>();
  let extensionScript = 0;
  let pageScript = 0;
  let total = 0;
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur!;
  const add = (map: Map<string, number>, key: string, v: number) => map.set(key, (map.get(key) ?? 0) + v);
  // Self times through a stack of open events (complete events nest on one thread).
  const stack: { e: TraceEvent; end: number; child: number; url: string }[] = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= until) {
      const top = stack.pop()!;
      const self = Math.max(0, cpu(top.e) - top.child) / 1000;
      const kind = kindOf(top.e);
      add(byKind, kind, self);
      add(byName, top.e.name, self);
      add(counts, top.e.name, 1);
      if (kind.startsWith('script')) {
        if (top.url.startsWith('chrome-extension://')) extensionScript += self;
        else if (top.url) pageScript += self;
      }
      if (stack.length) stack[stack.length - 1]!.child += cpu(top.e);
      else total += cpu(top.e) / 1000;
    }
  };
  for (const e of mine) {
    close(e.ts);
    const parentUrl = stack.length ? stack[stack.length - 1]!.url : '';
    stack.push({ e, end: e.ts + e.dur!, child: 0, url: e.args?.data?.url || parentUrl });
  }
  close(Number.POSITIVE_INFINITY);
  return { byKind, byName, counts, extensionScript, pageScript, total };
}

/** DevTools' timeline without its disabled-by-default extras, whose bookkeeping (invalidation tracking, stacks) would outweigh the work. */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute', 'v8'];

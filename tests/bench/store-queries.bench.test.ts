import type { CDPSession } from 'puppeteer';
import { extensionUrl } from '../e2e/dashboard-helpers';
import { benchVariation as vary, importCopies } from '../e2e/generated-export';
import { launchBrowser, type Launched } from '../e2e/harness';
import { captureDownloads, exportViaPage, openOptions } from '../e2e/options-helpers';

/**
 * `npm run bench`: where the dashboard's and the sidebar's time goes at scale,
 * query by query, as the background answers them (message round trip
 * included; `settings.get` is the round-trip floor). TIP_BENCH_QUERY_TICKETS
 * sets the size (default 20,000). Each query runs 7 times; the median and the
 * worst are printed. The service worker's heap (CDP `Runtime.getHeapUsage` on
 * its target) is sampled while the import and a full export run. Asserts only
 * the results, never the times.
 */
const N = Number(process.env.TIP_BENCH_QUERY_TICKETS ?? 20_000);

let launched: Launched | undefined;
afterAll(async () => {
  await launched?.close();
});

interface Timed {
  label: string;
  median: number;
  worst: number;
  note: string;
}

/**
 * Samples the worker's heap every 100 ms while `work` runs: the largest used
 * size as it is (garbage included), and, once a second after a forced
 * collection, the largest live size (what the worker really holds). In MB.
 */
async function peakHeap<T>(session: CDPSession, work: () => Promise<T>): Promise<[T, { used: number; live: number }]> {
  let used = 0;
  let live = 0;
  let on = true;
  const usage = async () => ((await session.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))) as { usedSize: number }).usedSize;
  const sampler = (async () => {
    for (let tick = 1; on; tick++) {
      used = Math.max(used, await usage());
      if (tick % 10 === 0) {
        await session.send('HeapProfiler.collectGarbage').catch(() => undefined);
        live = Math.max(live, await usage());
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const value = await work();
    return [value, { used: Math.round(used / 1024 / 1024), live: Math.round(live / 1024 / 1024) }];
  } finally {
    on = false;
    await sampler;
  }
}

it(`store queries with ${N} tickets`, { timeout: 3_600_000 }, async () => {
  launched = await launchBrowser();
  const worker = await launched.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(launched!.extensionId));
  const session = await worker.createCDPSession();
  const [imported, importHeap] = await peakHeap(session, () => importCopies(launched!, N, vary));
  const options = await openOptions(launched, 'data');
  const downloads = await captureDownloads(launched);
  const exportStarted = performance.now();
  const [exported, exportHeap] = await peakHeap(session, () => exportViaPage(options, downloads));
  const exportMs = Math.round(performance.now() - exportStarted);
  expect((exported.json.records as { tickets: unknown[] }).tickets).toHaveLength(N + 1);
  await options.close();
  downloads.remove();
  const page = await launched.browser.newPage();
  await page.goto(extensionUrl(launched, '/ticket.html?id=none'));

  /** Sends `messages` in order `runs` times; the time of each run, and the last run's replies. */
  const run = (messages: unknown[], runs = 7) =>
    page.evaluate(
      async (batch, times) => {
        const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime;
        const ms: number[] = [];
        let last: unknown[] = [];
        for (let r = 0; r < times; r++) {
          const started = performance.now();
          const out: unknown[] = [];
          for (const m of batch) out.push(await rt.sendMessage(m));
          ms.push(performance.now() - started);
          last = out;
        }
        return { ms, last };
      },
      messages,
      runs,
    ) as Promise<{ ms: number[]; last: { ok: boolean; data: Record<string, unknown> }[] }>;

  /** Pages a list query to its end; time of the whole walk, pages and matches. */
  const pageAll = (q: Record<string, unknown>, runs = 3) =>
    page.evaluate(
      async (base, times) => {
        const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime;
        const ms: number[] = [];
        let pages = 0;
        let items = 0;
        let firstPageMs = 0;
        for (let r = 0; r < times; r++) {
          const started = performance.now();
          pages = 0;
          items = 0;
          let cursor: string | null | undefined;
          do {
            const reply = (await rt.sendMessage({ kind: 'tip.query', query: cursor ? { ...base, cursor } : base })) as {
              ok: boolean;
              data: { items: unknown[]; nextCursor: string | null };
            };
            if (!reply.ok) throw new Error(JSON.stringify(reply));
            if (pages === 0) firstPageMs = performance.now() - started;
            pages++;
            items += reply.data.items.length;
            cursor = reply.data.nextCursor;
          } while (cursor);
          ms.push(performance.now() - started);
        }
        return { ms, pages, items, firstPageMs };
      },
      { type: 'tickets.list', ...q },
      runs,
    );

  const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? NaN;
  const rows: Timed[] = [];
  const time = async (label: string, message: unknown, check?: (data: Record<string, unknown>) => string) => {
    const { ms, last } = await run([message]);
    const reply = last[0];
    if (!reply?.ok) throw new Error(`${label}: ${JSON.stringify(reply)}`);
    rows.push({ label, median: median(ms), worst: Math.max(...ms), note: check?.(reply.data) ?? '' });
  };
  const q = (query: unknown) => ({ kind: 'tip.query', query });
  const today = new Date();
  const dayStarts = Array.from({ length: 15 }, (_, i) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - 13 + i).getTime());
  const items = (d: Record<string, unknown>) => `${(d.items as unknown[]).length} rows`;

  await time('round trip (settings.get)', q({ type: 'settings.get' }));
  await time('tickets.count', q({ type: 'tickets.count' }), (d) => {
    expect(d.total).toBe(N + 1);
    return `total ${String(d.total)}`;
  });
  await time('tickets.stats (14 days)', q({ type: 'tickets.stats', dayStarts }));
  await time('first page, newest first', q({ type: 'tickets.list', sort: 'updatedAt', direction: 'desc', limit: 50 }), items);
  await time('first page, priority low', q({ type: 'tickets.list', priority: 'low', sort: 'updatedAt', direction: 'desc', limit: 50 }), items);
  await time('first page, status + priority, oldest first', q({ type: 'tickets.list', status: 'new', priority: 'low', sort: 'createdAt', direction: 'asc', limit: 50 }), items);
  await time('first page, source chat', q({ type: 'tickets.list', source: 'chat', sort: 'updatedAt', direction: 'desc', limit: 50 }), items);
  const snapshot = (i: number) => ({
    source: 'demo',
    key: `bulk-${i}`,
    subject: `Generated ticket ${i}`,
    channel: 'email',
    hostUrl: `http://127.0.0.1:5174/c/bulk-${i}`,
    contact: { name: 'Customer 1', email: 'customer.1@example.com', handle: null },
  });
  await time('sidebar.view (conversation lookup + view)', q({ type: 'sidebar.view', conversation: snapshot(Math.floor(N / 2) + 1) }), (d) => {
    expect(d.ticket).not.toBeNull();
    return 'found';
  });

  for (const [label, search, expected] of [
    ['search "needle" (all pages)', 'needle', Math.ceil(N / 500)],
    ['search "customer.5@example" (all pages)', 'customer.5@example', undefined],
  ] as const) {
    const walked = await pageAll({ search, sort: 'updatedAt', direction: 'desc', limit: 50 });
    if (expected !== undefined) expect(walked.items).toBe(expected);
    rows.push({
      label,
      median: median(walked.ms),
      worst: Math.max(...walked.ms),
      note: `${walked.items} matches in ${walked.pages} pages; first page ${Math.round(walked.firstPageMs)} ms`,
    });
  }

  const table = rows.map((r) => `| ${r.label} | ${r.median.toFixed(1)} | ${r.worst.toFixed(1)} | ${r.note} |`).join('\n');
  console.log(
    `\n| ${N} tickets | median ms | worst ms | |\n|---|---|---|---|\n${table}\n` +
      `| import (send + write) | ${imported.applyMs} ms | worker heap peak ${importHeap.used} MB, live ${importHeap.live} MB | ${(imported.bytes / 1024 / 1024).toFixed(0)} MB file |\n` +
      `| full export (click to file) | ${exportMs} ms | worker heap peak ${exportHeap.used} MB, live ${exportHeap.live} MB | |\n`,
  );
});

import type { CDPSession } from 'puppeteer';
import { benchVariation as vary, importCopies } from '../e2e/generated-export';
import { mkdirSync, readFileSync } from 'node:fs';
import { captureDownloads, openOptions } from '../e2e/options-helpers';
import { launchBrowser, waitForTestId, type Launched } from '../e2e/harness';

/**
 * `npm run bench`: where a full export's time goes. Imports
 * TIP_BENCH_EXPORT_TICKETS tickets (default 20,000), then clicks Export on the
 * options page with a CPU profile (CDP `Profiler`, 1 ms sampling) running in
 * the service worker and in the options page. Prints, for each side, the
 * self time of the costliest functions and what the rest was (idle = waiting
 * on IndexedDB or a message). Asserts only the exported count.
 */
const N = Number(process.env.TIP_BENCH_EXPORT_TICKETS ?? 20_000);

let launched: Launched | undefined;
afterAll(async () => {
  await launched?.close();
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function startProfile(session: CDPSession): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 1000 });
  await session.send('Profiler.start');
}

/** Self time per function (ms), the top `n`, plus the totals of idle, GC and all JS. */
function summarise(profile: Profile, n = 12): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const file = frame?.url.split('/').pop() ?? '';
    const key = frame ? `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}` : '?';
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return `sampled ${Math.round(total)} ms\n${rows.map(([k, ms]) => `  ${Math.round(ms).toString().padStart(6)} ms  ${k}`).join('\n')}`;
}

it(`export profile with ${N} tickets`, { timeout: 3_600_000 }, async () => {
  launched = await launchBrowser();
  const imported = await importCopies(launched, N, vary);
  console.log('imported', imported);
  const worker = await launched.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(launched!.extensionId));
  const workerSession = await worker.createCDPSession();
  const options = await openOptions(launched, 'data');
  const pageSession = await options.createCDPSession();
  const downloads = await captureDownloads(launched);
  await startProfile(workerSession);
  await startProfile(pageSession);
  const started = performance.now();
  // The notice shows once the page has handed the Blob to the download: before it, reading; after it, the download.
  const noticed = options.waitForFunction(() => (document.querySelector('[data-testid="tip-data-notice"]')?.textContent ?? '') !== '', { timeout: 600_000, polling: 10 });
  await (await waitForTestId(options, 'tip-export', { visible: true })).click();
  await noticed;
  const readMs = Math.round(performance.now() - started);
  const path = await downloads.next('.json', 600_000);
  const ms = Math.round(performance.now() - started);
  const exported = JSON.parse(readFileSync(path, 'utf8')) as { records: { tickets: unknown[] } };
  const { profile: workerProfile } = (await workerSession.send('Profiler.stop')) as unknown as { profile: Profile };
  const { profile: pageProfile } = (await pageSession.send('Profiler.stop')) as unknown as { profile: Profile };
  expect(exported.records.tickets).toHaveLength(N + 1);
  // The same reads in the worker alone, without a message: getAll in pages of `size` (0: one getAll per store), then JSON.stringify of each record.
  const alone = async (size: number) => ((await workerSession.send('Runtime.evaluate', {
    awaitPromise: true,
    returnByValue: true,
    expression: `(async () => {
      const db = await new Promise((ok, ko) => { const r = indexedDB.open('tickets-in-place'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      let idb = 0, json = 0, bytes = 0;
      for (const store of ${JSON.stringify(['tickets', 'conversations', 'contacts', 'agents', 'notes', 'snippets', 'settings', 'activity'])}) {
        let after;
        for (;;) {
          let t = performance.now();
          const os = db.transaction(store).objectStore(store);
          const records = await req(os.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), ${size} || undefined));
          idb += performance.now() - t;
          t = performance.now();
          bytes += records.map((r) => JSON.stringify(r)).join(',\\n').length;
          json += performance.now() - t;
          if (${size} === 0 || records.length < ${size}) break;
          after = records[records.length - 1].id;
        }
      }
      db.close();
      return { idb: Math.round(idb), json: Math.round(json), mb: Math.round(bytes / 1048576) };
    })()`,
  })) as { result: { value: { idb: number; json: number; mb: number } } }).result.value;
  const sizes = [500, 2000, 5000, 0];
  const reads: string[] = [];
  for (const size of sizes) {
    const r = await alone(size);
    reads.push(`  batch ${size || 'whole store'}: getAll ${r.idb} ms, JSON.stringify ${r.json} ms, ${r.mb} MB`);
  }
  console.log(`\nfull export of ${N} tickets, click to file: ${ms} ms (read + build until the download starts: ${readMs} ms; the download: ${ms - readMs} ms)\nthe same reads in the worker alone, without messages:\n${reads.join('\n')}\n`);
  // What the agent sees meanwhile, light and dark (TIP_BENCH_SHOTS: a folder for the pictures).
  const shots = process.env.TIP_BENCH_SHOTS;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await (await waitForTestId(options, 'tip-export', { visible: true })).click();
      await waitForTestId(options, 'tip-export-progress', { visible: true });
      await options.waitForFunction(() => Number(document.querySelector('[data-testid="tip-export-progress"]')?.getAttribute('value')) > 0, { timeout: 60_000, polling: 10 });
      await options.screenshot({ path: `${shots}/export-progress-${scheme}.png` });
      await downloads.next('.json', 600_000);
    }
  }
  downloads.remove();
  console.log(`\nservice worker: ${summarise(workerProfile)}\n\noptions page: ${summarise(pageProfile)}\n`);
});

import { sendAll } from '../e2e/dashboard-helpers';
import { importCopies, type Variation } from '../e2e/generated-export';
import { launchBrowser, type Launched } from '../e2e/harness';

/**
 * `npm run bench`: how many records a second the real import path applies in
 * Chromium (send in chunks, then the one commit transaction), the number
 * MAX_IMPORT_RECORDS (core/domain/export-format.ts) is derived from.
 * TIP_BENCH_IMPORT_TICKETS sets the size (default 20,000 tickets, about
 * 60,000 records). Prints; asserts only that every record arrived.
 */
const N = Number(process.env.TIP_BENCH_IMPORT_TICKETS ?? 20_000);
const vary = (i: number): Variation => ({ name: `Generated ticket ${i}`, priority: 'medium', channel: i % 3 === 0 ? 'chat' : 'email', contact: i % 97 });

let launched: Launched | undefined;
afterAll(async () => {
  await launched?.close();
});

it(`import throughput with ${N} tickets`, { timeout: 3_600_000 }, async () => {
  launched = await launchBrowser();
  const imported = await importCopies(launched, N, vary);
  const [summary] = await sendAll(launched, [{ kind: 'tip.data', action: 'export.summary' }]);
  if (!summary?.ok) throw new Error('no export summary');
  const counts = (summary.data as { counts: Record<string, number> }).counts;
  const records = Object.values(counts).reduce((n, c) => n + c, 0);
  expect(counts.tickets).toBe(N + 1);
  const perSecond = Math.round(records / (imported.applyMs / 1000));
  console.log(`\n| import of ${N} tickets | measured |\n|---|---|\n| records | ${records} |\n| send + write | ${imported.applyMs} ms |\n| records/s (send + write) | ${perSecond} |\n`);
});

import { readFileSync } from 'node:fs';
import { DEMO_BUILD_DIR } from '../e2e/paths';
import { GROWTH_ALLOWED, measureContentScripts, readRecordedSizes, updatingSizes, writeRecordedSizes } from './content-sizes';

/**
 * `npm run bench`: what each host page downloads and parses before the
 * sidebar shows, in the demo build (the release build's scripts, byte for
 * byte, plus the demo inbox's; built once by tests/bench/global-setup.ts;
 * gzip level 9 with Node's zlib), against the sizes recorded in
 * tests/bench/content-sizes.json, which the size gate in
 * tests/e2e/store-build.e2e.test.ts holds each script to (+3 % at most).
 * `TIP_UPDATE_SIZES=1 npm run bench` rewrites the record. Prints a
 * table; asserts only that every script was built and is a script.
 */
const OUT = DEMO_BUILD_DIR;

it('content scripts against their recorded sizes', () => {
  const scripts = measureContentScripts(OUT);
  expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['demo.js', 'gmail.js', 'outlook.js', 'slack.js', 'whatsapp.js', 'roundcube.js', 'generic.js', 'site.js']));
  for (const name of Object.keys(scripts)) {
    expect(readFileSync(`${OUT}/content-scripts/${name}`).toString('utf8', 0, 200)).toMatch(/^var |^\(function|^"use strict"|^\S/);
  }
  const recorded = updatingSizes() ? {} : readRecordedSizes();
  const rows = Object.entries(scripts).map(([name, bytes]) => {
    const before = recorded[name];
    const change = before === undefined ? 'not recorded' : `${bytes >= before ? '+' : ''}${(((bytes - before) / before) * 100).toFixed(1)} %`;
    const gate = before === undefined ? '' : bytes > before * (1 + GROWTH_ALLOWED) ? 'over the gate' : 'within';
    return `| \`${name}\` | ${bytes.toLocaleString('en')} B | ${before?.toLocaleString('en') ?? '—'} | ${change} ${gate} |`;
  });
  if (updatingSizes()) writeRecordedSizes(scripts);
  console.log(
    [
      '',
      `| content script (demo build, zlib gzip level 9) | size | recorded (tests/bench/content-sizes.json) | change (gate: +${GROWTH_ALLOWED * 100} %) |`,
      '| --- | --- | --- | --- |',
      ...rows,
      updatingSizes() ? '\nTIP_UPDATE_SIZES=1: tests/bench/content-sizes.json rewritten with these sizes.' : '',
      '',
    ].join('\n'),
  );
});

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DEMO_BUILD_ARGS, DEMO_BUILD_DIR, RELEASE_BUILD_ENV, ROOT } from '../e2e/paths';

/**
 * `npm run bench`: what each host page downloads and parses before the
 * sidebar shows, in the demo build (the release build's scripts, byte for
 * byte, plus the demo inbox's; gzip level 9 with Node's zlib; GNU
 * `gzip -9` comes out about 0.5% smaller), against the content
 * scripts' 20 KB budget (docs/ui-contract.md "Size budget": 20,000 bytes), and the sidebar's extras,
 * which a page runs only once the agent reaches for the sidebar. Prints a
 * table; asserts only that every script was built and is a script.
 */
const BUDGET = 20_000;
const OUT = DEMO_BUILD_DIR;

it('content scripts against their budget', { timeout: 300_000 }, () => {
  execFileSync('npx', [...DEMO_BUILD_ARGS], { cwd: ROOT, stdio: 'ignore', env: RELEASE_BUILD_ENV });
  const gzipped = (file: string) => {
    const code = readFileSync(file);
    expect(code.toString('utf8', 0, 200)).toMatch(/^var |^\(function|^"use strict"|^\S/);
    return gzipSync(code, { level: 9 }).length;
  };
  const scripts = readdirSync(`${OUT}/content-scripts`).filter((f) => f.endsWith('.js'));
  expect(scripts).toEqual(expect.arrayContaining(['demo.js', 'gmail.js', 'outlook.js', 'slack.js', 'whatsapp.js', 'roundcube.js', 'generic.js', 'site.js']));
  const rows = scripts.map((name) => {
    const bytes = gzipped(`${OUT}/content-scripts/${name}`);
    return `| \`${name}\` | ${bytes.toLocaleString('en')} B | ${bytes <= BUDGET ? 'within' : `${(bytes - BUDGET).toLocaleString('en')} B over`} |`;
  });
  const extras = gzipped(`${OUT}/sidebar-extras.js`);
  console.log(
    [
      '',
      '| content script (release scripts in the demo build, zlib gzip level 9) | size | 20 KB budget (20,000 B) |',
      '| --- | --- | --- |',
      ...rows,
      `| \`sidebar-extras.js\` (on first use) | ${extras.toLocaleString('en')} B | not on the page's start |`,
      '',
    ].join('\n'),
  );
});

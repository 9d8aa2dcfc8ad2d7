import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real Roundcube 1.6 (Debian's package) with its own IMAP server, for the
 * e2e tests: everything in one temp dir, on 127.0.0.1 only, on free ports.
 *
 * - dovecot: own config (`dovecot -F -c <conf>`), no SSL, one passwd-file
 *   user, a Maildir seeded by writing the files in ./mail (uids 1…n in file
 *   order, fixed by writing dovecot's uidlist too). Dovecot refuses uid 0
 *   for mail and for its login processes, so it runs "rootless" as the
 *   current user, or as `nobody` when that is root.
 * - Roundcube: own config dir through `ROUNDCUBE_CONFIG_DIR` (Debian's
 *   `program/include/iniset.php` reads it; `defaults.inc.php` and
 *   `mimetypes.php` are copied from /etc/roundcube), sqlite database (the
 *   schema is created on first use), logs and temp in the temp dir, no
 *   plugins, elastic skin, served by `php -S` with PHP_CLI_SERVER_WORKERS=4.
 *
 * Install the packages with `bash tests/e2e/roundcube/install.sh` (root).
 */

export interface SeedMessage {
  uid: number;
  file: string;
  fromName: string;
  fromEmail: string;
}

export interface RunningRoundcube {
  /** The webmail's base URL, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** Its origin as an enabled-site match pattern: http://127.0.0.1:40123/* */
  pattern: string;
  user: string;
  password: string;
  /** The seeded INBOX, uid order. */
  messages: SeedMessage[];
  /** The temp dir (dovecot.log, roundcube/logs/errors.log when something fails). */
  dir: string;
  stop(): Promise<void>;
}

export type StartResult = RunningRoundcube | { skipped: string };

const PUBLIC_HTML = '/var/lib/roundcube/public_html';
const DEBIAN_CONFIG = '/etc/roundcube';
const MAIL_DIR = fileURLToPath(new URL('./mail/', import.meta.url));
const USER = 'agent@example.org';
const INSTALL_HINT = 'install it with: sudo bash tests/e2e/roundcube/install.sh';

function which(cmd: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || null : null;
}

/** Why the tests can't run Roundcube here, or null when everything is installed. */
export function missingPieces(): string | null {
  const missing: string[] = [];
  if (!existsSync(`${PUBLIC_HTML}/index.php`)) missing.push(`Roundcube (${PUBLIC_HTML}/index.php)`);
  if (!existsSync(`${DEBIAN_CONFIG}/defaults.inc.php`)) missing.push(`${DEBIAN_CONFIG}/defaults.inc.php`);
  if (!existsSync('/usr/share/roundcube/program/lib/Roundcube/db/sqlite.php')) missing.push('roundcube-sqlite3');
  if (!which('dovecot') || !existsSync('/usr/lib/dovecot/imap')) missing.push('dovecot-imapd');
  const php = which('php');
  if (!php) missing.push('php-cli');
  else {
    const modules = spawnSync(php, ['-m'], { encoding: 'utf8' }).stdout ?? '';
    for (const m of ['pdo_sqlite', 'intl', 'mbstring']) if (!new RegExp(`^${m}$`, 'mi').test(modules)) missing.push(`php ${m}`);
  }
  return missing.length ? `Roundcube e2e skipped: not installed here (missing ${missing.join(', ')}); ${INSTALL_HINT}` : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** uid/gid/name of the unprivileged user dovecot runs as. */
function dovecotUser(): { uid: number; gid: number; user: string; group: string } {
  const uid = process.getuid?.() ?? 0;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
  const groups = readFileSync('/etc/group', 'utf8').split('\n').map((l) => l.split(':'));
  const entry = uid === 0 ? passwd.find((p) => p[0] === 'nobody') : passwd.find((p) => Number(p[2]) === uid);
  if (!entry) throw new Error(uid === 0 ? 'No "nobody" user to run dovecot as' : `No passwd entry for uid ${uid}`);
  const gid = Number(entry[3]);
  const group = groups.find((g) => Number(g[2]) === gid)?.[0];
  if (!group) throw new Error(`No group with gid ${gid}`);
  return { uid: Number(entry[2]), gid, user: entry[0]!, group };
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(head);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

/** Writes the seed messages into Maildir/cur (unread) and dovecot's uidlist so uids follow file order. */
function seedMaildir(maildir: string): SeedMessage[] {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  const files = readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort();
  const base = 1_795_000_000;
  const uidlist = [`3 V${base} N${files.length + 1}`];
  const messages = files.map((file, i) => {
    const raw = readFileSync(join(MAIL_DIR, file), 'utf8');
    const name = `${base + i}.M${i + 1}P1.tip-e2e`;
    writeFileSync(join(maildir, 'cur', `${name}:2,`), raw);
    uidlist.push(`${i + 1} :${name}`);
    const from = header(raw, 'From');
    const email = /<([^<>]+)>/.exec(from)?.[1] ?? from;
    return { uid: i + 1, file, fromName: from.replace(/\s*<[^<>]*>\s*$/, '').replace(/^"|"$/g, ''), fromEmail: email };
  });
  writeFileSync(join(maildir, 'dovecot-uidlist'), `${uidlist.join('\n')}\n`);
  return messages;
}

function dovecotConf(dir: string, port: number, run: { user: string; group: string }): string {
  return `# tests/e2e/roundcube/server.ts: a throwaway IMAP server for the e2e tests.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = tip-e2e-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${run.user}
default_internal_group = ${run.group}
default_login_user = ${run.user}
mail_location = maildir:${dir}/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

function roundcubeConf(dir: string, imapPort: number): string {
  const php = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `<?php
// tests/e2e/roundcube/server.ts: Roundcube for the e2e tests (ROUNDCUBE_CONFIG_DIR).
$config = [];
$config['db_dsnw'] = ${php(`sqlite:///${dir}/roundcube/roundcube.db?mode=0640`)};
$config['imap_host'] = ${php(`127.0.0.1:${imapPort}`)};
$config['smtp_host'] = '';
$config['des_key'] = ${php(randomBytes(18).toString('base64').slice(0, 24))};
$config['plugins'] = [];
$config['skin'] = 'elastic';
$config['enable_installer'] = false;
$config['enable_spellcheck'] = false;
$config['support_url'] = '';
$config['product_name'] = 'Roundcube Webmail';
$config['log_dir'] = ${php(`${dir}/roundcube/logs/`)};
$config['temp_dir'] = ${php(`${dir}/roundcube/temp/`)};
$config['language'] = 'en_US';
$config['timezone'] = 'UTC';
`;
}

/** Resolves when `check` passes, retrying every 100 ms; throws with the last error after `tries`. */
async function waitUntil(what: string, check: () => Promise<void>, child: ChildProcess, tries = 100): Promise<void> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before answering`);
    try {
      await check();
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer after ${tries} tries: ${String(last)}`);
}

/** The IMAP greeting, then a real LOGIN: auth and the mail user work. */
function imapLogin(port: number, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    let sent = false;
    socket.setTimeout(3000, () => socket.destroy(new Error('IMAP timeout')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (!sent && /^\* OK .*ready/m.test(buffer)) {
        sent = true;
        socket.write(`a LOGIN "${USER}" "${password}"\r\nb SELECT INBOX\r\nc LOGOUT\r\n`);
      }
      if (/^c OK/m.test(buffer)) {
        socket.end();
        if (/^a OK/m.test(buffer) && /^b OK/m.test(buffer)) resolve();
        else reject(new Error(`IMAP login failed: ${buffer.trim().split('\n').slice(-4).join(' | ')}`));
      }
    });
  });
}

async function loginPageAnswers(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('rcmloginuser')) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 200)}`);
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Kills a child and everything it forked (its own process group), then waits for it. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts dovecot and Roundcube, or says why it can't (`{ skipped }`) when the
 * packages are not installed. Fails (throws) when they are installed but
 * don't come up: that is a broken setup, not a reason to skip.
 */
export async function startRoundcube(): Promise<StartResult> {
  const missing = missingPieces();
  if (missing) return { skipped: missing };

  const dir = mkdtempSync(join(tmpdir(), 'tip-roundcube-'));
  const children: ChildProcess[] = [];
  const killAllSync = () => {
    for (const c of children) {
      if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
  };
  process.once('exit', killAllSync);
  const stop = async () => {
    process.off('exit', killAllSync);
    await Promise.all(children.map(killGroup));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const password = `tip-${randomBytes(6).toString('hex')}`;
    const run = dovecotUser();
    const [imapPort, httpPort] = [await freePort(), await freePort()];

    // dovecot: its files belong to the user it runs as; the temp dir only needs to be traversable.
    chmodSync(dir, 0o711);
    const dovecotDir = join(dir, 'dovecot');
    for (const sub of ['', 'run', 'state']) mkdirSync(join(dovecotDir, sub), { recursive: true });
    const messages = seedMaildir(join(dovecotDir, 'Maildir'));
    writeFileSync(join(dovecotDir, 'users'), `${USER}:{PLAIN}${password}:${run.uid}:${run.gid}::${dovecotDir}::\n`, { mode: 0o600 });
    writeFileSync(join(dovecotDir, 'dovecot.log'), '');
    const conf = join(dovecotDir, 'dovecot.conf');
    writeFileSync(conf, dovecotConf(dovecotDir, imapPort, run));
    const chownTree = (p: string): void => {
      chownSync(p, run.uid, run.gid);
      for (const e of readdirSync(p, { withFileTypes: true })) {
        if (e.isDirectory()) chownTree(join(p, e.name));
        else chownSync(join(p, e.name), run.uid, run.gid);
      }
    };
    if (process.getuid?.() === 0) chownTree(dovecotDir);

    const dovecot = spawn('dovecot', ['-F', '-c', conf], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(process.getuid?.() === 0 ? { uid: run.uid, gid: run.gid } : {}),
    });
    children.push(dovecot);
    let dovecotErr = '';
    dovecot.stderr?.on('data', (d) => (dovecotErr += d));
    await waitUntil('dovecot', () => imapLogin(imapPort, password), dovecot).catch((error: Error) => {
      throw new Error(`${error.message}\n${dovecotErr}\n${tail(join(dovecotDir, 'dovecot.log'))}`);
    });

    // Roundcube: own config dir with Debian's defaults.
    const rcDir = join(dir, 'roundcube');
    const configDir = join(rcDir, 'config');
    for (const sub of ['config', 'logs', 'temp']) mkdirSync(join(rcDir, sub), { recursive: true });
    for (const f of ['defaults.inc.php', 'mimetypes.php']) {
      if (existsSync(join(DEBIAN_CONFIG, f))) copyFileSync(join(DEBIAN_CONFIG, f), join(configDir, f));
    }
    writeFileSync(join(configDir, 'config.inc.php'), roundcubeConf(dir, imapPort));

    const url = `http://127.0.0.1:${httpPort}/`;
    const php = spawn('php', ['-S', `127.0.0.1:${httpPort}`, '-t', PUBLIC_HTML], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ROUNDCUBE_CONFIG_DIR: configDir, PHP_CLI_SERVER_WORKERS: '4' },
    });
    children.push(php);
    let phpErr = '';
    php.stderr?.on('data', (d: Buffer) => {
      phpErr = (phpErr + d.toString('utf8')).slice(-4000);
    });
    await waitUntil('Roundcube (php -S)', () => loginPageAnswers(url), php).catch((error: Error) => {
      throw new Error(`${error.message}\n${phpErr.slice(-1500)}\n${tail(join(rcDir, 'logs', 'errors.log'))}`);
    });

    return { url, pattern: `http://127.0.0.1:${httpPort}/*`, user: USER, password, messages, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

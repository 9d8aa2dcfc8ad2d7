// Static server for the demo inbox (Northwind Support). Node >= 20, no dependencies.
//
//   node demo/serve.mjs            -> http://127.0.0.1:5174/
//   PORT=0 node demo/serve.mjs     -> a free port
//
// Serves demo/public/. Paths that are not files (`/`, `/c/<key>`, …) get index.html so every
// conversation URL reloads; a missing asset-like path (`/nope.js`) is a 404. Loopback only.
// Tests can start it in-process:  const { url, close } = await startDemoServer({ port: 0 });

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEFAULT_PORT = 5174;
export const DEFAULT_HOST = '127.0.0.1';

const ROOT = fileURLToPath(new URL('./public/', import.meta.url));
const INDEX = path.join(ROOT, 'index.html');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** A plain-text response. */
function sendText(res, status, text, extra = {}) {
  const body = `${text}\n`;
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function sendFile(res, file) {
  const body = await readFile(file);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Map a request target to a file under ROOT. Returns `{ file }`, `{ fallback: true }` (serve
 * index.html), or `{ status }` for a refused request.
 */
async function resolveTarget(target) {
  if (!target || !target.startsWith('/')) return { status: 400 };
  const rawPath = target.split(/[?#]/, 1)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  // No `..` segment, however it was spelled (`/../`, `%2e%2e`, `..%2f`, backslashes).
  if (decoded.split(/[/\\]+/).some((segment) => segment === '..')) return { status: 403 };
  const file = path.resolve(ROOT, `.${decoded}`);
  if (file !== ROOT.replace(/[\\/]$/, '') && !file.startsWith(ROOT)) return { status: 403 };
  if (await isFile(file)) return { file };
  // `/nope.css` is a missing asset, not a route.
  const ext = path.extname(decoded).toLowerCase();
  if (ext && Object.hasOwn(TYPES, ext) && ext !== '.html') return { status: 404 };
  return { fallback: true };
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const target = await resolveTarget(req.url ?? '');
  if (target.file) return sendFile(res, target.file);
  if (target.fallback) return sendFile(res, INDEX);
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[target.status] ?? 'Error';
  sendText(res, target.status, reason);
}

/**
 * Start the demo inbox server.
 * @param {{ port?: number, host?: string }} [options] port 0 picks a free port.
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoServer({ port = DEFAULT_PORT, host = DEFAULT_HOST } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return import.meta.url === pathToFileURL(process.argv[1]).href;
  }
}

async function main() {
  const raw = process.env.PORT?.trim() || String(DEFAULT_PORT);
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid PORT "${raw}": use a number from 0 to 65535 (0 picks a free port).`);
    process.exit(2);
  }
  let server;
  try {
    server = await startDemoServer({ port, host: DEFAULT_HOST });
  } catch (error) {
    const hint = error?.code === 'EADDRINUSE' ? ` Port ${port} is in use; try PORT=<other> (PORT=0 picks a free one).` : '';
    console.error(`Demo inbox could not start: ${error?.message ?? error}.${hint}`);
    process.exit(1);
  }
  console.log(`Demo inbox: ${server.url}`);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (isMain()) await main();

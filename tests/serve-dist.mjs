// A minimal static server for dist/ on 127.0.0.1 (the page under test makes no other requests).
//   node tests/serve-dist.mjs PORT [--cors] [--prefix /a/b] [--root DIR]
// Also importable: startServer({ port, root, prefix, cors }) resolves to the http.Server.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only: the shared fixtures under /fixtures/, so `?src=` can fetch a real archive same-origin.
const fixtures = join(process.cwd(), '..', 'shared', 'fixtures');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.tar': 'application/x-tar', '.svg': 'image/svg+xml' };

/**
 * Serves `root` (dist/ by default) under `prefix` (`/` by default; `/a/b` serves it at /a/b/) on
 * `port`. `cors`: answer any origin (a documentation site's CDN, another origin for `?src=`).
 */
export function startServer({ port, root = join(process.cwd(), 'dist'), prefix = '/', cors = false }) {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = cors ? { 'access-control-allow-origin': '*' } : {};
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path.startsWith('/fixtures/')) return send(res, join(fixtures, path.slice('/fixtures/'.length)), fixtures, headers);
    if (`${path}/` === base) {
      res.writeHead(301, { location: base + url.search });
      return res.end();
    }
    if (!path.startsWith(base)) return notFound(res);
    path = path.slice(base.length - 1);
    if (path === '/' || path === '') path = '/index.html';
    send(res, join(root, path), root, headers);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

function send(res, file, within, headers) {
  try {
    if (!resolve(file).startsWith(resolve(within)) || !statSync(file).isFile()) throw new Error('not found');
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache', ...headers });
    createReadStream(file).pipe(res);
  } catch {
    notFound(res);
  }
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const port = Number(argv[0] || 8082);
  const root = opt('--root') ? resolve(opt('--root')) : undefined;
  await startServer({ port, root, prefix: opt('--prefix') || '/', cors: argv.includes('--cors') });
  console.log(`serving ${root || 'dist'} on http://127.0.0.1:${port}${opt('--prefix') || '/'}`);
}

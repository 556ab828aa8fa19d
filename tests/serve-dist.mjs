// A minimal static server for dist/ on 127.0.0.1 (the page under test makes no other requests).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const root = join(process.cwd(), 'dist');
// Test-only: the shared fixtures under /fixtures/, so `?src=` can fetch a real archive same-origin.
const fixtures = join(process.cwd(), '..', 'shared', 'fixtures');
const port = Number(process.argv[2] || 8082);
// `--cors`: a second origin for the `?src=` tests, answering any origin (like a documentation CDN).
const cors = process.argv.includes('--cors');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.tar': 'application/x-tar', '.svg': 'image/svg+xml' };

createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  if (path === '/' || path === '') path = '/index.html';
  const base = path.startsWith('/fixtures/') ? fixtures : root;
  const file = join(base, path.replace(/^\/fixtures\//, '/'));
  try {
    if (!file.startsWith(base) || !statSync(file).isFile()) throw new Error('not found');
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream',
      ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));

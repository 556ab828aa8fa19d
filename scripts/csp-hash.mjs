// Trunk post-build hook: replaces 'unsafe-inline' in the page's script-src with the sha256 hashes of
// the inline scripts Trunk wrote (its module loader), so the CSP allows exactly those and nothing else.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (!html.includes("script-src 'self' 'unsafe-inline'")) {
  console.error('csp-hash: the CSP in index.html does not have the expected script-src');
  process.exit(1);
}
html = html.replace("script-src 'self' 'unsafe-inline'", `script-src 'self' ${hashes.join(' ')}`);
writeFileSync(file, html);
console.log(`csp-hash: script-src pinned to ${hashes.length} inline script hash(es)`);

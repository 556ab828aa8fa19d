// Trunk post-build hook: fills in the service worker (dist/sw.js) with the list of the app's files
// and a build id (a hash of them all), so each build gets its own cache.
//   node scripts/sw-manifest.mjs [DIR]   (DIR: Trunk's staging dir, or dist/)
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const sw = join(dir, 'sw.js');
const files = readdirSync(dir).filter((f) => f !== 'sw.js' && statSync(join(dir, f)).isFile()).sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dir, f)));
const build = hash.digest('hex').slice(0, 16);
let text = readFileSync(sw, 'utf8');
if (!text.includes("'__STRATA_FILES__'") || !text.includes('__STRATA_BUILD__')) {
  console.error('sw-manifest: dist/sw.js has no placeholders (already filled in?)');
  process.exit(1);
}
text = text.replace("['__STRATA_FILES__']", JSON.stringify(files)).replace('__STRATA_BUILD__', build);
writeFileSync(sw, text);
console.log(`sw-manifest: ${files.length} files, cache strata-${build}`);

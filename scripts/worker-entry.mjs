// Trunk post-build hook: fills in the worker's script (dist/worker.js) with the file names of the
// page's module and its wasm, which Trunk hashes (strata-web-<hash>.js, strata-web-<hash>_bg.wasm),
// so the worker runs the same module.
//   node scripts/worker-entry.mjs [DIR]   (DIR: Trunk's staging dir, or dist/)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const modules = readdirSync(dir).filter((f) => /^strata-web-[0-9a-f]+\.js$/.test(f));
if (modules.length !== 1) {
  console.error(`worker-entry: expected one strata-web-<hash>.js in ${dir}, found ${JSON.stringify(modules)}`);
  process.exit(1);
}
const wasm = modules[0].replace(/\.js$/, '_bg.wasm');
if (!readdirSync(dir).includes(wasm)) {
  console.error(`worker-entry: ${wasm} is not in ${dir}`);
  process.exit(1);
}
const file = join(dir, 'worker.js');
const text = readFileSync(file, 'utf8');
if (!text.includes('__STRATA_MODULE__') || !text.includes('__STRATA_WASM__')) {
  console.error('worker-entry: worker.js has no placeholder (already filled in?)');
  process.exit(1);
}
writeFileSync(file, text.replace('__STRATA_MODULE__', modules[0]).replace('__STRATA_WASM__', wasm));
console.log(`worker-entry: the worker runs ${modules[0]}`);

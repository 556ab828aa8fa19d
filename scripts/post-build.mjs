// Trunk's one post-build hook, so its steps run in order on the staging dir: first the CSP pinned
// to the loader's hash (index.html is then final), the worker's script pointed at the page's
// module, then the service worker's file list and build id (which hash them too).
import { execFileSync } from 'node:child_process';

for (const step of ['scripts/csp-hash.mjs', 'scripts/worker-entry.mjs', 'scripts/sw-manifest.mjs']) {
  execFileSync(process.execPath, [step], { stdio: 'inherit' });
}

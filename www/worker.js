// Strata's worker: the page's own WebAssembly module, started in a module worker. Its `main` sees no
// `window` and runs the worker's jobs (crate/web/src/worker/entry.rs), so the page and its workers
// share one module: it is transferred once. The file names (Trunk hashes them) are filled in after
// the build by scripts/worker-entry.mjs.
//
// A job may be posted before the module is ready (a helper is handed its share as soon as it is
// started): such messages are kept here and handed to the module's own handler once it is set.
import init from './__STRATA_MODULE__';

const early = [];
const keep = (e) => early.push(e);
self.onmessage = keep;

init({ module_or_path: './__STRATA_WASM__' }).then(() => {
  if (self.onmessage === keep) return;
  for (const e of early.splice(0)) self.onmessage(e);
});

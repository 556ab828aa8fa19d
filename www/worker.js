// Strata's worker: the page's own WebAssembly module, started in a module worker. Its `main` sees no
// `window` and runs the worker's jobs (crate/web/src/worker/entry.rs), so the page and its workers
// share one module: it is transferred once. The file names (Trunk hashes them) are filled in after
// the build by scripts/worker-entry.mjs.
import init from './__STRATA_MODULE__';

init({ module_or_path: './__STRATA_WASM__' });

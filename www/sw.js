// Strata's service worker: after the first visit the app (its page, scripts, wasm and with them
// the built-in samples) works offline. The build fills in BUILD and FILES (scripts/sw-manifest.mjs):
// the cache is named after the build, so a new deployment installs a new cache and drops the old.
// Only the app's own files are ever cached: archives (`?src=` or opened files) never are, and
// requests to other origins are left to the network.
const BUILD = '__STRATA_BUILD__';
const FILES = ['__STRATA_FILES__'];
const CACHE = `strata-${BUILD}`;
const scope = () => new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new URL(f, scope()).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('strata-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  const file = url.pathname.slice(base.pathname.length);
  const page = request.mode === 'navigate' && (file === '' || file === 'index.html');
  if (!page && !FILES.includes(file)) return;
  const key = page ? new URL('index.html', base).href : url.origin + url.pathname;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(request)),
  );
});

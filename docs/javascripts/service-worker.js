// Service worker (served as /sw.js, written by plugin/combien_site/service_worker.py with the list below
// filled in): after a first visit, the calculator starts without the network.
//
// - Files whose names carry a content hash (runtime, wheels, standard library, rates, page
//   scripts) never change: precached at install, then served from the cache.
// - Pages are fetched from the network first, so a rebuild (new rates, new scripts) reaches a
//   returning reader on the next visit; the cached copy answers only when offline.
// - A new build is a new worker: it installs, takes over at once and drops the old cache.

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `combien-paie-tiktok-${VERSION}`;
const scope = new URL(self.registration.scope);
const immutable = new Set(PRECACHE.filter((path) => !path.endsWith("/")).map((path) => new URL(path, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  url.search = "";
  if (immutable.has(url.href)) {
    event.respondWith(caches.match(url.href).then((hit) => hit ?? fetch(request)));
  } else {
    event.respondWith(networkFirst(request, url.href));
  }
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw error;
  }
}

// Service worker (served as /sw.js, written by plugin/combien_site/service_worker.py with the manifest
// below filled in): after a first visit, the calculator starts without the network.
//
// The cache is keyed by URL and content hash, as Workbox's precache is: MANIFEST lists every file
// to keep as {url, revision} (revision: the sha256 of its bytes, written at build time), and each
// is stored under `url?__revision=REVISION`. So a new build costs a returning reader only what
// changed: install fetches only the entries whose revision is not cached yet (a new rate: the
// rates file and the calculator pages, never the 9.6 MB runtime), activate deletes only the
// entries no longer listed.
//
// - Files whose names carry a content hash (runtime, wheels, standard library, rates, page
//   scripts) never change: served from the cache.
// - Pages are fetched from the network first, so a rebuild reaches a returning reader on the next
//   visit; the cached copy answers only when offline.
// - The calculator's worker keeps its memory snapshot in a cache of its own (SNAPSHOTS, see
//   calculator-worker.mjs), which this worker leaves alone.

const MANIFEST = __MANIFEST__;
const CACHE = "combien-paie-tiktok-precache";
const SNAPSHOTS = "combien-paie-tiktok-snapshot";
const scope = new URL(self.registration.scope);
const keyOf = new Map(MANIFEST.map(({ url, revision }) => {
  const address = new URL(url, scope);
  return [address.href, `${address.href}?__revision=${revision}`];
}));

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

async function precache() {
  const cache = await caches.open(CACHE);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  await Promise.all([...keyOf].filter(([, key]) => !cached.has(key)).map(async ([address, key]) => {
    // Past the HTTP cache (revalidated): the bytes must be this revision's.
    const response = await fetch(address, { cache: "no-cache" });
    if (!response.ok) throw new Error(`${address}: HTTP ${response.status}`);
    await cache.put(key, response);
  }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(cleanUp().then(() => self.clients.claim()));
});

async function cleanUp() {
  const listed = new Set(keyOf.values());
  const cache = await caches.open(CACHE);
  // Only listed entries have a revision; what a page fetched itself (other pages, Material's search files)
  // is kept under its plain address and refreshed whenever it is fetched online, so it stays for offline use.
  const stale = (await cache.keys()).filter((request) => request.url.includes("?__revision=") &&
    !listed.has(request.url));
  await Promise.all(stale.map((request) => cache.delete(request)));
  // Caches of earlier versions of this worker (one per build), never the snapshot's.
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("combien-paie-tiktok-") && name !== CACHE &&
    name !== SNAPSHOTS).map((name) => caches.delete(name)));
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  url.search = "";
  const key = keyOf.get(url.href);
  if (key !== undefined && !url.pathname.endsWith("/")) {
    event.respondWith(caches.match(key, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
  } else {
    event.respondWith(networkFirst(request, key ?? url.href));
  }
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // A listed page is kept under its listed key (a newer copy answers offline until the next build);
    // anything else the reader opened, under its address.
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw error;
  }
}

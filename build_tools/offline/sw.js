// Service worker of the trastuzumab guide (generated from build_tools/offline/sw.js).
// Precached files (the calculator's runtime) are served cache-first; pages network-first with
// the cache as the offline fallback. BUILD changes with any precached byte, so a new deploy
// installs a new worker that replaces the old cache.
const BUILD = "__BUILD__";
const CACHE_PREFIX = "__CACHE_PREFIX__";
const PRECACHE = __PRECACHE__;
const PAGES = __PAGES__;
const CACHE = `${CACHE_PREFIX}${BUILD}`;
const scope = new URL(self.registration.scope);
const precacheUrls = new Set(PRECACHE.map((path) => new URL(path, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One put per file, as Workbox does. cache: "no-cache" revalidates each file with the
      // server: a new build never precaches a stale copy from the HTTP cache, and a file the
      // page has just loaded (the 10 MB wasm) comes back as a 304, not a second download.
      const urls = [...PRECACHE, ...PAGES].map((path) => new URL(path, scope).href);
      await Promise.all(
        urls.map(async (href) => {
          const response = await fetch(new Request(href, { cache: "no-cache" }));
          if (!response.ok) throw new Error(`precache ${href}: HTTP ${response.status}`);
          await cache.put(href, response);
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  url.search = "";
  url.hash = "";
  if (precacheUrls.has(url.href)) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => (await cache.match(url.href)) || fetch(request)),
    );
  } else if (request.mode === "navigate") {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (!response.ok) return response;
          // Read the whole page before caching it: putting a stream that breaks half-way (a
          // connection lost mid-body) would drop the good copy the offline fallback needs.
          const body = await response.arrayBuffer();
          const copy = () =>
            new Response(body, { status: response.status, headers: response.headers });
          event.waitUntil((async () => (await caches.open(CACHE)).put(url.href, copy()))());
          return copy();
        } catch (error) {
          const cached = await (await caches.open(CACHE)).match(url.href);
          if (cached) return cached;
          throw error;
        }
      })(),
    );
  }
});

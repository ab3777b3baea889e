// Service worker of the trastuzumab guide (generated from build_tools/offline/sw.js).
// Precached files (the calculator's runtime) are served cache-first; pages network-first with
// the cache as the offline fallback. BUILD changes with any precached byte, so a new deploy
// installs a new worker that replaces the old cache.
const BUILD = "__BUILD__";
const PRECACHE = __PRECACHE__;
const PAGES = __PAGES__;
const CACHE = `guide-${BUILD}`;
const scope = new URL(self.registration.scope);
const precacheUrls = new Set(PRECACHE.map((path) => new URL(path, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: "reload" bypasses the HTTP cache, so a new build never precaches a stale copy.
      const urls = [...PRECACHE, ...PAGES].map((path) => new URL(path, scope).href);
      await cache.addAll(urls.map((href) => new Request(href, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("guide-") && key !== CACHE) await caches.delete(key);
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
          if (response.ok) (await caches.open(CACHE)).put(url.href, response.clone());
          return response;
        } catch (error) {
          const cached = await caches.match(url.href);
          if (cached) return cached;
          throw error;
        }
      })(),
    );
  }
});

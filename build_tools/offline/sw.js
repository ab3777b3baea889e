// Service worker of the trastuzumab guide (generated from build_tools/offline/sw.js).
//
// SHELL (every page and what it needs to render) is cached when this worker installs; RUNTIME
// (the calculator's Pyodide, ~20 MB) only once a page has used the calculator. Both map each
// URL to the sha256 prefix of this build's bytes: the worker serves its own build's files only,
// cache-first, so a page it controls never mixes two builds. A new build's worker installs and
// then waits (no skipWaiting at install, no clients.claim): the page offers a reload
// (offline.mjs), and the worker takes over only when the reader accepts (SKIP_WAITING).
const BUILD = "__BUILD__";
const CACHE_PREFIX = "__CACHE_PREFIX__";
const SHELL = __SHELL__;
const RUNTIME = __RUNTIME__;
const CACHE = `${CACHE_PREFIX}${BUILD}`;
const scope = new URL(self.registration.scope);
const href = (path) => new URL(path, scope).href;
const hashes = new Map(Object.entries({ ...SHELL, ...RUNTIME }).map(([p, h]) => [href(p), h]));
const shellUrls = Object.keys(SHELL).map(href);
const runtimeUrls = Object.keys(RUNTIME).map(href);

class StaleFile extends Error {}

async function digest(buffer) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 16);
}

// This build's copy of `url`: from an older cache when the bytes are the same, else from the
// server (revalidated: an unchanged file the page has just loaded comes back as a 304).
// A server that already holds a newer build answers with other bytes: StaleFile. `signal`: the
// page's request, so a download the page gives up (the calculator's snapshot on a slow link)
// stops here too.
async function fetchChecked(url, signal) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE) continue;
    const old = await (await caches.open(name)).match(url);
    if (old) {
      const body = await old.arrayBuffer();
      if ((await digest(body)) === hashes.get(url)) return new Response(body, old);
    }
  }
  const response = await fetch(new Request(url, { cache: "no-cache", signal }));
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if ((await digest(body)) !== hashes.get(url)) throw new StaleFile(url);
  return new Response(body, response);
}

async function keep(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.map(async (url) => {
      if (!(await cache.match(url))) await cache.put(url, await fetchChecked(url));
    }),
  );
}

// Whether an earlier build's cache holds the runtime (any of its files: a new build may have
// renamed some, e.g. the wheel, but not Pyodide's own).
async function usedCalculator() {
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    for (const url of runtimeUrls) if (await cache.match(url)) return true;
  }
  return false;
}

async function notifyUpdate() {
  for (const client of await self.clients.matchAll()) client.postMessage({ type: "UPDATE_NEEDED" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      // A reader who used the calculator keeps it across updates (unchanged files are copied).
      const runtime = await usedCalculator();
      await keep(runtime ? [...shellUrls, ...runtimeUrls] : shellUrls);
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      }
    })(),
  );
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  else if (type === "CACHE_RUNTIME") {
    event.waitUntil(
      keep(runtimeUrls).catch((error) => {
        if (error instanceof StaleFile) return notifyUpdate();
      }),
    );
  }
});

async function respond(event, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(url);
  if (cached) return cached;
  try {
    const response = await fetchChecked(url, event.request.signal);
    event.waitUntil(cache.put(url, response.clone()));
    return response;
  } catch (error) {
    if (!(error instanceof StaleFile)) throw error;
    // The server has a newer build: never hand this page a file of another build.
    event.waitUntil(notifyUpdate());
    return new Response("This file belongs to a newer version of the guide: reload the page.", {
      status: 409,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  url.search = "";
  url.hash = "";
  // Files that are not this build's (other pages, feeds, status.json) go to the network as
  // they would without a worker.
  if (hashes.has(url.href)) event.respondWith(respond(event, url.href));
});

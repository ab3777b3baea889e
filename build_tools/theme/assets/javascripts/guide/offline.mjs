// The page's side of the service worker (build_tools/offline/sw.js), on every page:
//  - registers it once the page has loaded, so every page works offline after one visit; on a
//    page whose calculator is starting, only once it is ready (or failed) and a reader's typing
//    has paused (runtime.mjs `quiet`): the worker's first install downloads and hashes every
//    page of the site, which must share neither a slow link with Python nor the CPU with the
//    reader's first keystrokes;
//  - shows "A new version of this guide is available" when a new build's worker has installed
//    and waits. The waiting worker takes over only when the reader asks (SKIP_WAITING); every
//    page it then controls reloads, so an open page never runs old and new files together;
//  - asks it to keep the calculator's runtime, only once the calculator has been used.

const SW_URL = new URL("../../../sw.js", import.meta.url);
const UPDATE_CHECK_MS = 60000;

const supported = "serviceWorker" in navigator;
let lastCheck = 0;

function showUpdate(waiting) {
  if (document.querySelector("[data-guide-update]")) return;
  const bar = document.createElement("div");
  bar.className = "guide-update";
  bar.setAttribute("role", "status");
  bar.dataset.guideUpdate = "";
  const text = document.createElement("span");
  text.textContent = "A new version of this guide is available —";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Reload";
  button.addEventListener("click", () => {
    button.disabled = true;
    // The new worker activates, takes control and "controllerchange" reloads this page.
    waiting.postMessage({ type: "SKIP_WAITING" });
  });
  bar.append(text, button);
  document.body.append(bar);
}

function watchForUpdates(registration) {
  // Only an update is offered: a first install (no controller yet) has nothing to replace.
  const offer = (worker) => {
    if (worker && navigator.serviceWorker.controller) showUpdate(worker);
  };
  offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed") offer(worker);
    });
  });
}

function checkForUpdate() {
  if (!supported || Date.now() - lastCheck < UPDATE_CHECK_MS) return;
  lastCheck = Date.now();
  navigator.serviceWorker.getRegistration(SW_URL.href).then((r) => r && r.update()).catch(() => {});
}

const CALCULATOR_WAIT_MS = 60000;

function register() {
  const calculator = window.__guideCalculator;
  const starting = calculator && (calculator.quiet || calculator.settled);
  if (starting) {
    const timeout = new Promise((resolve) => setTimeout(resolve, CALCULATOR_WAIT_MS));
    Promise.race([starting, timeout]).then(registerNow);
  } else {
    registerNow();
  }
}

function registerNow() {
  navigator.serviceWorker
    .register(SW_URL)
    .then((registration) => {
      lastCheck = Date.now();
      watchForUpdates(registration);
    })
    .catch(() => {
      // Offline support is an enhancement: the site works without it.
    });
}

// Ask the worker that controls this page (or the active one) to keep the calculator's runtime.
export function cacheRuntimeForOffline() {
  if (!supported) return;
  navigator.serviceWorker.ready
    .then((registration) => {
      const worker = navigator.serviceWorker.controller || registration.active;
      if (worker) worker.postMessage({ type: "CACHE_RUNTIME" });
    })
    .catch(() => {});
}

if (supported) {
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  navigator.serviceWorker.addEventListener("message", (event) => {
    // The worker found a file changed on the server: a new build is out; fetch its worker.
    if (event.data && event.data.type === "UPDATE_NEEDED") {
      lastCheck = 0;
      checkForUpdate();
    }
  });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
  // Material's instant navigation fetches pages without a navigation, so without this the
  // browser would not look for a new worker until the next full page load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(checkForUpdate);
  }
}

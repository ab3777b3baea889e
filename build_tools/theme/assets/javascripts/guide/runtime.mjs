// One calculator worker per page session: it survives Material's instant navigation, because the
// document (and this module) stays alive while Material swaps the page content.
//
// Readers pay only for what they use (issue 15): the worker (and its ~20 MB of Python) starts
//  - at once when prestart.js started it from <head> (the calculator page, or a URL that fills
//    the form), or when the URL fills the form after an instant navigation;
//  - otherwise when a calculator comes within START_MARGIN of the viewport, or on the first
//    focus, pointer or key press inside it.
// Until then the form is in its "loading" state, like during the start itself.

import { cacheRuntimeForOffline } from "./offline.mjs";
import { INITIAL, START_TIMEOUT_MS, UNSUPPORTED, failedResponse, nextState } from "./runtime-state.mjs";

const START_MARGIN = "1200px 0px";
// Work that can wait (the service worker's first install and its copy of the runtime, ~20 MB
// downloaded and hashed) starts only once the calculator has had no call for this long: right
// after ready a reader types, and each keystroke must not share the CPU with it.
const QUIET_MS = 3000;

let runtime = null;

function wantsInput(root) {
  const form = root.querySelector("form");
  const keys = [...new URLSearchParams(window.location.search).keys()];
  return Boolean(form) && keys.some((key) => form.elements.namedItem(key) !== null);
}

function createRuntime() {
  const listeners = new Set();
  const calls = new Map();
  let nextId = 1;
  let state = INITIAL;
  let worker = null;
  let watched = null; // {observer, root, stop} while waiting for the reader
  let lastCall = 0;
  let quietResolve = () => {};
  const quiet = new Promise((resolve) => { quietResolve = resolve; });
  // Resolves QUIET_MS after ready with no call in between (checked again after each call).
  function whenQuiet() {
    const wait = lastCall + QUIET_MS - performance.now();
    if (wait <= 0) quietResolve();
    else setTimeout(whenQuiet, wait);
  }

  const setState = (next) => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(state);
  };
  const dispatch = (event) => setState(nextState(state, event));

  function subscribe(listener) {
    listeners.add(listener);
    listener(state);
    return () => listeners.delete(listener);
  }

  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    setState(UNSUPPORTED);
    const rejectAll = () =>
      Promise.resolve({ ok: false, errors: [{ field: null, message: state.message }] });
    const rejectText = () => rejectAll().then((r) => JSON.stringify(r));
    return {
      get state() { return state; },
      get started() { return true; },
      subscribe, start() {}, watch() {}, evaluate: rejectAll, evaluateForm: rejectAll,
      evaluateFormText: rejectText, summaryText: rejectText,
      // The CLI's output shape: one {"errors"} line.
      reclassify: () => Promise.resolve(`${JSON.stringify({ errors: [{ field: null, message: state.message }] })}\n`),
    };
  }

  let timer = 0;
  function onMessage(event) {
    const message = event.data;
    if (message.type === "result" || message.type === "failed") {
      const waiting = calls.get(message.id);
      calls.delete(message.id);
      if (waiting) waiting.resolve(message.type === "failed" ? failedResponse(message.call) : message.response);
      return;
    }
    if (message.type === "ready" || message.type === "error") clearTimeout(timer);
    // make bench reads the start mode and why it was chosen (start-mode.mjs) from the mark.
    if (message.type === "ready") {
      performance.mark("calculator-ready", { detail: { mode: message.mode, why: message.why } });
    }
    dispatch(message);
    // Only readers who used the calculator keep its runtime for offline use, once it is quiet.
    if (message.type === "ready") {
      lastCall = performance.now();
      whenQuiet();
      quiet.then(cacheRuntimeForOffline);
    }
    if (message.type === "error") quietResolve();
  }
  function onError(event) {
    clearTimeout(timer);
    quietResolve();
    dispatch({ type: "worker-error", message: event.message });
  }

  function start() {
    if (worker !== null) return;
    unwatch();
    // prestart.js (in <head> of calculator pages) may have started the worker already.
    const early = window.__guideCalculator;
    worker = early
      ? early.worker
      : new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
    // prestart.js is async: should it run only now, it must not start a second worker.
    if (!early) {
      const settled = new Promise((resolve) => {
        const unsubscribe = subscribe((s) => {
          if (s.name !== "loading") queueMicrotask(() => { unsubscribe(); resolve(); });
        });
      });
      window.__guideCalculator = { worker, settled, takeEarlyEvents: () => [] };
    }
    // offline.mjs registers the service worker once the calculator is quiet.
    window.__guideCalculator.quiet = quiet;
    // A Content-Security-Policy that blocks WebAssembly makes Pyodide hang rather than fail.
    timer = setTimeout(() => {
      dispatch({ type: "timeout" });
      quietResolve();
    }, START_TIMEOUT_MS);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    if (early) {
      // Same task as the listeners above: no event can fall between taking and replaying.
      for (const event of early.takeEarlyEvents()) (event.type === "error" ? onError : onMessage)(event);
    }
  }

  function unwatch() {
    if (watched === null) return;
    watched.observer?.disconnect();
    watched.stop();
    watched = null;
  }

  // Start when `root` (a calculator on the current page) is about to be needed.
  function watch(root) {
    if (worker !== null) return;
    if (window.__guideCalculator || wantsInput(root)) {
      start();
      return;
    }
    unwatch();
    const events = ["focusin", "pointerdown", "keydown"];
    const onUse = () => start();
    for (const name of events) root.addEventListener(name, onUse, { once: true, passive: true });
    if (!("IntersectionObserver" in window)) {
      start();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => { if (entries.some((e) => e.isIntersecting)) start(); },
      { rootMargin: START_MARGIN },
    );
    observer.observe(root);
    watched = {
      observer,
      root,
      stop: () => { for (const name of events) root.removeEventListener(name, onUse); },
    };
  }

  // `evaluateFormText` and `summaryText` take `{"fields", "context"}` as JSON text (the form's
  // values and what only the page knows); `evaluate` a JSON input object (used by parity tests).
  function call(type, input) {
    start();
    lastCall = performance.now();
    const id = nextId++;
    return new Promise((resolve) => {
      calls.set(id, { resolve });
      worker.postMessage({ id, type, input });
    });
  }
  // JSON text both ways (no structured clone of objects): the page parses the reply once.
  const evaluateFormText = (text) => call("evaluate_form", text);
  const summaryText = (text) => call("summary_form", text);
  const evaluateForm = (fields, context = {}) => evaluateFormText(JSON.stringify({ fields, context })).then(JSON.parse);
  const evaluate = (input) => call("evaluate", JSON.stringify(input)).then(JSON.parse);
  // The "Re-classify a file" tool: {text, format, editions} → the CLI's output text.
  const reclassify = (input) => call("reclassify", JSON.stringify(input));

  return {
    get state() { return state; },
    get started() { return worker !== null; },
    subscribe, start, watch, evaluate, evaluateForm, evaluateFormText, summaryText, reclassify,
  };
}

// The page's runtime; `root` (a calculator element) arms its start (see the top of this file).
export function getRuntime(root) {
  if (runtime === null) runtime = createRuntime();
  if (root) runtime.watch(root);
  return runtime;
}

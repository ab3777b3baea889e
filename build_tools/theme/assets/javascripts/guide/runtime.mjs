// One calculator worker per page session: it survives Material's instant navigation, because the
// document (and this module) stays alive while Material swaps the page content.

import { INITIAL, START_TIMEOUT_MS, UNSUPPORTED, nextState } from "./runtime-state.mjs";

let runtime = null;

function createRuntime() {
  const listeners = new Set();
  const calls = new Map();
  let nextId = 1;
  let state = INITIAL;

  const setState = (next) => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(state);
  };
  const dispatch = (event) => setState(nextState(state, event));

  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    setState(UNSUPPORTED);
    return { get state() { return state; }, subscribe, evaluate: rejectAll, evaluateForm: rejectAll };
  }

  // prestart.js (in <head> of calculator pages) has usually started the worker already.
  const early = window.__guideCalculator;
  const worker = early
    ? early.worker
    : new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  // A Content-Security-Policy that blocks WebAssembly makes Pyodide hang rather than fail.
  const timer = setTimeout(() => dispatch({ type: "timeout" }), START_TIMEOUT_MS);

  function onMessage(event) {
    const message = event.data;
    if (message.type === "result") {
      const call = calls.get(message.id);
      calls.delete(message.id);
      if (call) call.resolve(message.response);
      return;
    }
    if (message.type === "ready" || message.type === "error") clearTimeout(timer);
    if (message.type === "ready") performance.mark("calculator-ready");
    dispatch(message);
    if (message.type === "ready") registerServiceWorker();
  }
  function onError(event) {
    clearTimeout(timer);
    dispatch({ type: "worker-error", message: event.message });
  }
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  if (early) {
    // Same task as the listeners above: no event can fall between taking and replaying.
    for (const event of early.takeEarlyEvents()) (event.type === "error" ? onError : onMessage)(event);
  }

  function subscribe(listener) {
    listeners.add(listener);
    listener(state);
    return () => listeners.delete(listener);
  }

  // `evaluateForm` takes the form's text values; `evaluate` a JSON input (used by parity tests).
  function call(type, input) {
    const id = nextId++;
    return new Promise((resolve) => {
      calls.set(id, { resolve });
      worker.postMessage({ id, type, input });
    });
  }
  const evaluateForm = (fields) => call("evaluate_form", fields);
  const evaluate = (input) => call("evaluate", input);

  function rejectAll() {
    return Promise.resolve({ ok: false, errors: [{ field: null, message: state.message }] });
  }

  return { get state() { return state; }, subscribe, evaluate, evaluateForm };
}

// Registered only once the calculator is ready: its files are then in the HTTP cache, so the
// service worker's precache does not download them a second time.
// It also waits for the page's load event (the usual advice), so the precache never competes
// with the page's own requests.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register(new URL("../../../sw.js", import.meta.url)).catch(() => {
      // Offline support is an enhancement: the calculator already works without it.
    });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

export function getRuntime() {
  if (runtime === null) runtime = createRuntime();
  return runtime;
}

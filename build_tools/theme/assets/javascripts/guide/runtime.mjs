// One calculator worker per page session: it survives Material's instant navigation, because the
// document (and this module) stays alive while Material swaps the page content.

const START_TIMEOUT_MS = 60000;

let runtime = null;

function createRuntime() {
  const listeners = new Set();
  const calls = new Map();
  let nextId = 1;
  let state = { name: "loading", stage: "starting", message: "" };

  const setState = (next) => {
    state = next;
    for (const listener of listeners) listener(state);
  };

  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    setState({
      name: "error",
      stage: "unsupported",
      message:
        "This browser cannot run the calculator: it needs WebAssembly and Web Workers. " +
        "The article's criteria tables give the same rules.",
    });
    return { get state() { return state; }, subscribe, evaluate: rejectAll, evaluateForm: rejectAll, reclassify: rejectAll };
  }

  // prestart.js (in <head> of calculator pages) has usually started the worker already.
  const early = window.__guideCalculator;
  const worker = early
    ? early.worker
    : new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  // A Content-Security-Policy that blocks WebAssembly makes Pyodide hang rather than fail.
  const timer = setTimeout(() => {
    if (state.name === "loading") {
      setState({
        name: "error",
        stage: "timeout",
        message: "The calculator did not start within 60 seconds. Reload the page to try again.",
      });
    }
  }, START_TIMEOUT_MS);

  function onMessage(event) {
    const message = event.data;
    if (message.type === "progress") setState({ name: "loading", stage: message.stage, message: "" });
    else if (message.type === "ready") {
      clearTimeout(timer);
      performance.mark("calculator-ready");
      setState({ name: "ready", stage: "ready", message: "", version: message.version, mode: message.mode });
      registerServiceWorker();
    } else if (message.type === "error") {
      clearTimeout(timer);
      setState({ name: "error", stage: "failed", message: `The calculator could not start: ${message.message}` });
    } else if (message.type === "result") {
      const call = calls.get(message.id);
      calls.delete(message.id);
      if (call) call.resolve(message.response);
    }
  }
  function onError(event) {
    clearTimeout(timer);
    setState({ name: "error", stage: "failed", message: `The calculator could not start: ${event.message || "worker error"}` });
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
  // The "Re-classify a file" tool: {text, format, editions} → the CLI's output text.
  const reclassify = (input) => call("reclassify", input);

  function rejectAll() {
    return Promise.resolve({ ok: false, errors: [{ field: null, message: state.message }] });
  }

  return { get state() { return state; }, subscribe, evaluate, evaluateForm, reclassify };
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

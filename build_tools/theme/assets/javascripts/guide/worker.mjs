// Module Web Worker: runs the `calculator` package under self-hosted Pyodide, off the main thread.
// Protocol (plain data only):
//   worker -> page  {type: "progress", stage}  |  {type: "ready", version, mode, why}
//                   |  {type: "error", message, network}   (network: a file could not be fetched)
//   page -> worker  {id, type: "evaluate_form", input}  JSON text: {fields, context}: the form's
//                                                       values by input name, {review}
//                   {id, type: "evaluate", input}       JSON text: an input object (CONTRIBUTING.md#calculator-json)
//                   {id, type: "summary_form", input}   JSON text: {fields, context}
//                   {id, type: "reclassify", input}     JSON text: {text, format, editions}
//   worker -> page  {id, type: "failed", call}           Python itself failed (never an input
//                                                       error): the page words it
//   worker -> page  {id, type: "result", response}      JSON text: {ok, view | errors} for
//                   "evaluate_form" (the view alone: the page renders nothing else),
//                   {ok, result | errors} for "evaluate", {ok, summary | errors} for "summary_form"
//                   (for "reclassify": the CLI's output text, row lines then the summary line)
//   (calculator.doors.bridge.page_form_json, evaluate_json and summary_form_json return JSON text
//   and never raise; the text is passed through untouched, so it is parsed once, on the page)
// No clinical logic lives here: the worker only moves JSON text in and out of Python.

const pyodideBase = new URL("../../../pyodide/", import.meta.url).href;

// The worker's two helper modules load beside the downloads below, not before them: static
// imports would hold the whole worker until they arrived, one more round trip (about 0.3 s on
// the phone profile) before it asks for the 10 MB wasm.
const helpers = Promise.all([import("./start-mode.mjs"), import("./kept-snapshot.mjs")]).then(
  ([startMode, keptSnapshot]) => ({ ...startMode, ...keptSnapshot }),
);
helpers.catch(() => {}); // awaited where they are used

let bridge = null;
const pending = [];

// Downloads started at once, whichever start is chosen (the wasm and the lock file now, the
// standard library as soon as runtime.json names it): Pyodide's own fetch of such a URL gets a
// copy of the download already under way, and so does a second start after a first was given
// up (a snapshot start cancelled on a slow link).
const early = new Map();
const nativeFetch = self.fetch.bind(self);
function prefetch(url) {
  const started = nativeFetch(url);
  started.catch(() => {}); // reported by whoever uses it
  early.set(url, started);
}
self.fetch = (input, init) => {
  const url = typeof input === "string" ? input : input.href || input.url;
  const started = early.get(url);
  return started && !(init && init.signal) ? started.then((r) => r.clone()) : nativeFetch(input, init);
};

function post(message) {
  self.postMessage(message);
}

// The memory snapshot (see build_tools/pyodide/make_snapshot.mjs) is gzip-compressed; a host
// that already decoded it (Content-Encoding) hands over the raw bytes, so check the magic. It is
// decompressed as it streams in, and the decompressed copy is kept for later visits under the
// content-hashed name (kept-snapshot.mjs: a new build never reads an old snapshot).

// Kept once the calculator has had no call for a few seconds: copying and storing 31 MB must not
// delay the reader's first results.
const QUIET_MS = 3000;
let lastCall = 0;

function whenQuiet(task) {
  const wait = lastCall + QUIET_MS - performance.now();
  if (wait <= 0) task();
  else setTimeout(() => whenQuiet(task), wait);
}

// `stream` decompressed if it starts with gzip's magic bytes, else as it is.
async function gunzipIfNeeded(stream) {
  const reader = stream.getReader();
  const first = await reader.read();
  const whole = new ReadableStream({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const bytes = first.value || new Uint8Array();
  const gzipped = bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return gzipped ? whole.pipeThrough(new DecompressionStream("gzip")) : whole;
}

// The snapshot's download: decompressed as it arrives; `firstByte` resolves when its first
// bytes arrive, `progress()` says how far it is since then.
function downloadSnapshot(url) {
  const controller = new AbortController();
  let firstByteAt = 0;
  let arrived = () => {};
  const firstByte = new Promise((resolve) => { arrived = resolve; });
  let receivedBytes = 0;
  const count = new TransformStream({
    transform(chunk, out) {
      if (receivedBytes === 0) {
        firstByteAt = performance.now();
        arrived();
      }
      receivedBytes += chunk.byteLength;
      out.enqueue(chunk);
    },
  });
  const done = (async () => {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const raw = await gunzipIfNeeded(response.body.pipeThrough(count));
    return new Uint8Array(await new Response(raw).arrayBuffer());
  })();
  done.catch(() => {}); // handled where it is awaited
  return {
    done,
    firstByte,
    abort: () => controller.abort(),
    progress: () => ({ receivedBytes, elapsedMs: performance.now() - firstByteAt }),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The snapshot's bytes, or null for a plain start, and why (start-mode.mjs decides).
async function snapshotOrPlain(manifest, keptCopy) {
  const { FIRST_BYTE_MS, PROBE_MS, firstChoice, probeChoice, canKeep, keep } = await helpers;
  const url = `${pyodideBase}${manifest.snapshot}`;
  const kept = await keptCopy;
  if (kept && kept.name === manifest.snapshot) return { bytes: kept.bytes, why: "kept" };
  // The service worker's copy (a reader who used the calculator before this build's
  // decompressed copy was made) needs no download either.
  const cached = "caches" in self && Boolean(await caches.match(url).catch(() => undefined));
  const connection = self.navigator.connection || {};
  const first = firstChoice({
    kept: cached,
    saveData: Boolean(connection.saveData),
    effectiveType: connection.effectiveType || "",
  });
  if (first === "plain") return { bytes: null, why: "slow-link" };
  const download = downloadSnapshot(url);
  if (first === "probe") {
    const judge = async () => {
      const started = await Promise.race([download.firstByte.then(() => true), sleep(FIRST_BYTE_MS)]);
      if (!started) return "plain";
      await sleep(PROBE_MS);
      return probeChoice({ ...download.progress(), totalBytes: manifest.snapshot_bytes });
    };
    const verdict = await Promise.race([
      download.done.then(() => "snapshot", () => "snapshot"), // a failure is reported below
      judge(),
    ]);
    if (verdict === "plain") {
      download.abort();
      return { bytes: null, why: "slow-link" };
    }
  }
  const bytes = await download.done;
  // A copy now: loadPyodide takes over the buffer's memory.
  if (canKeep()) {
    const copy = bytes.slice();
    lastCall = performance.now();
    // Only an optimisation: if it cannot be kept, the next visit decompresses again.
    whenQuiet(() => keep(manifest.snapshot, copy).catch(() => {}));
  }
  return { bytes, why: first === "probe" ? "fast-link" : "cached" };
}

function loadOptions(manifest) {
  return {
    indexURL: pyodideBase,
    // Only the modules the calculator imports, as bytecode (build_tools/pyodide/stdlib.py).
    stdLibURL: `${pyodideBase}${manifest.stdlib}`,
    lockFileURL: `${pyodideBase}pyodide-lock.json`,
    // The npm build points this at a CDN by default; the site serves every file itself.
    packageBaseUrl: pyodideBase,
    stdout: () => {},
    stderr: () => {},
  };
}

// The snapshot start was given up for a plain one (start-mode.mjs).
class PlainStart extends Error {}

async function start() {
  post({ type: "progress", stage: "runtime" });
  prefetch(`${pyodideBase}pyodide.asm.wasm`);
  // The kept snapshot is read at once, before runtime.json says which one this build wants.
  const keptCopy = helpers.then(({ readKept }) => readKept());
  keptCopy.catch(() => {}); // handled where it is awaited
  prefetch(`${pyodideBase}pyodide-lock.json`);
  // Everything the start needs begins at once: the snapshot (download, or the kept copy) as
  // soon as runtime.json names it, and both of Pyodide's modules. pyodide.mjs later imports
  // pyodide.asm.mjs (1.2 MB) by the same URL, and the module map hands over this copy, already
  // fetched and parsed while the rest was loading.
  const manifestPromise = fetch(`${pyodideBase}runtime.json`)
    .then((r) => r.json())
    .then((m) => {
      prefetch(`${pyodideBase}${m.stdlib}`);
      return m;
    });
  const snapshot = manifestPromise.then((m) =>
    m.snapshot ? snapshotOrPlain(m, keptCopy) : { bytes: null, why: "no-snapshot" },
  );
  snapshot.catch(() => {}); // handled where it is awaited
  import(`${pyodideBase}pyodide.asm.mjs`).catch(() => {}); // loadPyodide reports any failure
  const [{ loadPyodide }, manifest] = await Promise.all([
    import(`${pyodideBase}pyodide.mjs`),
    manifestPromise,
  ]);
  let pyodide = null;
  let mode = "plain";
  let why = "no-snapshot";
  if (manifest.snapshot) {
    // Started at once with the snapshot still on its way: Pyodide fetches and prepares the rest
    // meanwhile. A plain verdict rejects the snapshot, and the start is made again plainly.
    const bytes = snapshot.then((chosen) => {
      why = chosen.why;
      if (!chosen.bytes) throw new PlainStart();
      return chosen.bytes;
    });
    // Marked as handled now: on a slow start the plain verdict can come before loadPyodide has
    // reached its `await` of the snapshot, and the browser would report an uncaught PlainStart.
    // loadPyodide still receives the rejection and is caught below.
    bytes.catch(() => {});
    try {
      pyodide = await loadPyodide({ ...loadOptions(manifest), _loadSnapshot: bytes });
      mode = "snapshot";
    } catch (error) {
      if (!(error instanceof PlainStart)) {
        console.warn(`Pyodide snapshot not usable (${error}); starting normally.`);
        why = "snapshot-failed";
        // A damaged kept copy must not force the slow start on every later visit.
        await helpers.then(({ forget }) => forget()).catch(() => {});
      }
    }
  }
  // The calculator is in the trimmed standard library (manifest.packages is then empty); with
  // Pyodide's own, its wheel is installed through the lock file.
  if (pyodide === null) pyodide = await loadPyodide({ ...loadOptions(manifest), packages: manifest.packages });
  post({ type: "progress", stage: "calculator" });
  bridge = pyodide.pyimport("calculator.doors.bridge");
  const version = pyodide.pyimport("calculator").__version__;
  post({ type: "ready", version, mode, why });
  for (const message of pending.splice(0)) handle(message);
}

const CALLS = {
  evaluate: "evaluate_json",
  evaluate_form: "page_form_json",
  summary_form: "summary_form_json",
  reclassify: "reclassify_json",
};

function handle(message) {
  const call = CALLS[message.type];
  if (!call) return;
  lastCall = performance.now();
  if (bridge === null) {
    pending.push(message);
    return;
  }
  try {
    post({ id: message.id, type: "result", response: bridge[call](message.input) });
  } catch (error) {
    // calculator.doors.bridge never raises; this only guards against a broken runtime. The
    // reader gets words (the page's: runtime-state.mjs failedResponse), never the exception's
    // text (a Python traceback); the console keeps it.
    console.error(error);
    post({ id: message.id, type: "failed", call: message.type });
  }
}

self.addEventListener("message", (event) => handle(event.data));

// A fetch that fails outright (offline, server down: "Failed to fetch") is a network failure;
// runtime-state.mjs words it for the reader.
const isNetworkFailure = (error) => error instanceof TypeError && /fetch/i.test(String(error.message));

start().catch((error) =>
  post({ type: "error", message: String((error && error.message) || error), network: isNetworkFailure(error) }),
);

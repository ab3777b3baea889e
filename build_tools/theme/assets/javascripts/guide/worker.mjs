// Module Web Worker: runs the `calculator` package under self-hosted Pyodide, off the main thread.
// Protocol (plain data only):
//   worker -> page  {type: "progress", stage}  |  {type: "ready", version, mode}  |  {type: "error", message}
//   page -> worker  {id, type: "evaluate_form", input}  JSON text: the form's values by input name
//                   {id, type: "evaluate", input}       JSON text: an input object (CONTRACTS.md §1)
//                   {id, type: "summary_form", input}   JSON text: {fields, context}
//                   {id, type: "reclassify", input}     JSON text: {text, format, editions}
//   worker -> page  {id, type: "result", response}      JSON text: {ok, result, view | errors}
//                   (for "reclassify": the CLI's output text, row lines then the summary line)
//   (calculator.bridge.evaluate_form_json, evaluate_json and summary_form_json return JSON text
//   and never raise; the text is passed through untouched, so it is parsed once, on the page)
// No clinical logic lives here: the worker only moves JSON text in and out of Python.

const pyodideBase = new URL("../../../pyodide/", import.meta.url).href;

let bridge = null;
const pending = [];

function post(message) {
  self.postMessage(message);
}

// The memory snapshot (see build_tools/pyodide/make_snapshot.mjs) is gzip-compressed; a host
// that already decoded it (Content-Encoding) hands over the raw bytes, so check the magic.
// Gunzipping 31 MB takes about 0.3 s, so the decompressed copy is kept in Cache Storage for
// later visits, under the content-hashed URL (a new build never reads an old snapshot). The
// cache name does not start with "guide-": the service worker's cleanup is for its own caches.
const SNAPSHOT_CACHE = "calculator-snapshot";

async function openSnapshotCache() {
  try {
    return "caches" in self ? await caches.open(SNAPSHOT_CACHE) : null;
  } catch {
    return null; // storage unavailable (private mode, quota): just decompress each time
  }
}

async function fetchSnapshot(url) {
  const cache = await openSnapshotCache();
  const kept = cache && (await cache.match(url));
  if (kept) return new Uint8Array(await kept.arrayBuffer());
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  let raw = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    raw = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  if (cache) keepSnapshot(cache, url, raw.slice());
  return raw;
}

async function keepSnapshot(cache, url, raw) {
  try {
    for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
    await cache.put(url, new Response(raw));
  } catch {
    // Only an optimisation: the next visit decompresses again.
  }
}

async function loadFromSnapshot(loadPyodide, snapshot) {
  return loadPyodide({
    indexURL: pyodideBase,
    lockFileURL: `${pyodideBase}pyodide-lock.json`,
    packageBaseUrl: pyodideBase,
    _loadSnapshot: snapshot,
    stdout: () => {},
    stderr: () => {},
  });
}

async function loadWithLockFile(loadPyodide) {
  return loadPyodide({
    indexURL: pyodideBase,
    lockFileURL: `${pyodideBase}pyodide-lock.json`,
    // The npm build points this at a CDN by default; the site serves every file itself.
    packageBaseUrl: pyodideBase,
    packages: ["calculator"],
    stdout: () => {},
    stderr: () => {},
  });
}

async function start() {
  post({ type: "progress", stage: "runtime" });
  // Everything the start needs begins at once: the snapshot (download, or the kept copy) as
  // soon as runtime.json names it, and both of Pyodide's modules. pyodide.mjs later imports
  // pyodide.asm.mjs (1.2 MB) by the same URL, and the module map hands over this copy, already
  // fetched and parsed while the rest was loading.
  const manifestPromise = fetch(`${pyodideBase}runtime.json`).then((r) => r.json());
  const snapshot = manifestPromise.then((m) =>
    m.snapshot ? fetchSnapshot(`${pyodideBase}${m.snapshot}`) : null,
  );
  snapshot.catch(() => {}); // handled where it is awaited
  import(`${pyodideBase}pyodide.asm.mjs`).catch(() => {}); // loadPyodide reports any failure
  const [{ loadPyodide }, manifest] = await Promise.all([
    import(`${pyodideBase}pyodide.mjs`),
    manifestPromise,
  ]);
  let pyodide = null;
  let mode = "lockfile";
  if (manifest.snapshot) {
    try {
      pyodide = await loadFromSnapshot(loadPyodide, snapshot);
      mode = "snapshot";
    } catch (error) {
      console.warn(`Pyodide snapshot not usable (${error}); starting normally.`);
      // A damaged kept copy must not force the slow start on every later visit.
      if ("caches" in self) await caches.delete(SNAPSHOT_CACHE).catch(() => {});
    }
  }
  if (pyodide === null) pyodide = await loadWithLockFile(loadPyodide);
  post({ type: "progress", stage: "calculator" });
  bridge = pyodide.pyimport("calculator.bridge");
  const version = pyodide.pyimport("calculator").__version__;
  post({ type: "ready", version, mode });
  for (const message of pending.splice(0)) handle(message);
}

const CALLS = {
  evaluate: "evaluate_json",
  evaluate_form: "evaluate_form_json",
  summary_form: "summary_form_json",
  reclassify: "reclassify_json",
};

function handle(message) {
  const call = CALLS[message.type];
  if (!call) return;
  if (bridge === null) {
    pending.push(message);
    return;
  }
  let response;
  try {
    response = bridge[call](message.input);
  } catch (error) {
    // calculator.bridge never raises; this only guards against a broken runtime.
    const errors = [{ field: null, message: `The calculator failed: ${error}` }];
    // "reclassify" answers in the CLI's shape (one {"errors"} line), the others as {ok, errors}.
    response = message.type === "reclassify" ? `${JSON.stringify({ errors })}\n` : JSON.stringify({ ok: false, errors });
  }
  post({ id: message.id, type: "result", response });
}

self.addEventListener("message", (event) => handle(event.data));

start().catch((error) => post({ type: "error", message: String(error && error.message || error) }));

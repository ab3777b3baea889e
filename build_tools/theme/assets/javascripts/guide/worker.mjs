// Module Web Worker: runs the `calculator` package under self-hosted Pyodide, off the main thread.
// Protocol (plain data only):
//   worker -> page  {type: "progress", stage}  |  {type: "ready", version}  |  {type: "error", message}
//   page -> worker  {id, type: "evaluate", input}
//   worker -> page  {id, type: "result", response}   (calculator.bridge.evaluate_form_json: {ok, result|errors, summary})
// No clinical logic lives here: the worker only moves JSON text in and out of Python.

const pyodideBase = new URL("../../../pyodide/", import.meta.url).href;

let evaluateJson = null;
const pending = [];

function post(message) {
  self.postMessage(message);
}

async function start() {
  post({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(`${pyodideBase}pyodide.mjs`);
  const pyodide = await loadPyodide({
    indexURL: pyodideBase,
    lockFileURL: `${pyodideBase}pyodide-lock.json`,
    // The npm build points this at a CDN by default; the site serves every file itself.
    packageBaseUrl: pyodideBase,
    packages: ["calculator"],
    stdout: () => {},
    stderr: () => {},
  });
  post({ type: "progress", stage: "calculator" });
  const bridge = pyodide.pyimport("calculator.bridge");
  evaluateJson = bridge.evaluate_form_json;
  const version = pyodide.pyimport("calculator").__version__;
  post({ type: "ready", version });
  for (const message of pending.splice(0)) handle(message);
}

function handle(message) {
  if (message.type !== "evaluate") return;
  if (evaluateJson === null) {
    pending.push(message);
    return;
  }
  let response;
  try {
    response = JSON.parse(evaluateJson(JSON.stringify(message.input)));
  } catch (error) {
    // calculator.bridge never raises; this only guards against a broken runtime.
    response = { ok: false, errors: [{ field: null, message: `The calculator failed: ${error}` }] };
  }
  post({ id: message.id, type: "result", response });
}

self.addEventListener("message", (event) => handle(event.data));

start().catch((error) => post({ type: "error", message: String(error && error.message || error) }));

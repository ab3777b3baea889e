// Start Pyodide in Node from a built site's pyodide/ folder exactly as the page's worker does —
// its trimmed standard library holding the calculator (plain start), or its memory snapshot —
// then run Python code that prints JSON. Tests what the page runs, not the source tree.
// Usage: node tests/pyodide/run_trimmed.mjs <repo> <site pyodide dir> <plain|snapshot> <python code>
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";

const [repo, dir, mode, code] = process.argv.slice(2);
const require = createRequire(join(resolve(repo), "package.json"));
const { loadPyodide } = require("pyodide");
const manifest = JSON.parse(readFileSync(join(dir, "runtime.json"), "utf8"));
const options = {
  stdLibURL: join(dir, manifest.stdlib),
  lockFileURL: join(dir, "pyodide-lock.json"),
  packageBaseUrl: `${dir}/`,
  stdout: () => {},
};
if (mode === "snapshot") options._loadSnapshot = gunzipSync(readFileSync(join(dir, manifest.snapshot)));
else options.packages = manifest.packages; // as worker.mjs: none, the calculator is in the zip
try {
  const pyodide = await loadPyodide(options);
  console.log(pyodide.runPython(code));
} catch (error) {
  console.error(String(error && error.message ? error.message : error)); // the Python traceback
  process.exit(1);
}

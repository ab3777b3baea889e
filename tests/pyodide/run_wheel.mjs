// Load one wheel into Pyodide in Node (no browser, no repository mount) and run Python code that
// prints JSON: tests what the page gets from the built wheel, not from the source tree.
// Usage: node tests/pyodide/run_wheel.mjs <repo> <wheel> <python code>
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const [repo, wheel, code] = process.argv.slice(2);
const require = createRequire(join(resolve(repo), "package.json"));
const { loadPyodide } = require("pyodide");

const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
console.log(pyodide.runPython(code));

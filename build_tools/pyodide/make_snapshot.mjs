// Build step: a Pyodide memory snapshot taken right after `calculator` is imported.
// Restoring it in the browser skips Python's start-up, the stdlib imports and the calculator's.
// Usage: node make_snapshot.mjs <pyodide npm dir> <calculator wheel> <python_stdlib.zip> <imports.json> <out.bin.gz>
//   imports.json: the modules the page can reach (build_tools/pyodide/imports.py)
// The standard library must be the very zip the page loads: the snapshot's memory holds its
// directory (zipimport), so a module imported later reads the zip at the offsets it recorded.
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [npmDir, wheel, stdlib, importsFile, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const { loadPyodide } = await import(pathToFileURL(`${npmDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${npmDir}/`, stdLibURL: stdlib, _makeSnapshot: true });
// The trimmed standard library holds the calculator (trim_stdlib.mjs); Pyodide's own does not,
// and the wheel is then installed (not sysconfig: the trimmed library has only what the page
// imports).
if (!pyodide.runPython("import importlib.util; importlib.util.find_spec('calculator') is not None")) {
  const sitePackages = pyodide._api.sitePackages;
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
}
// Import every module the page can reach (files unpacked from a wheel are not in the restored
// file system, only the imported modules are), then run every door of the bridge once so
// lazily imported standard-library modules are loaded too.
pyodide.globals.set("IMPORTS", readFileSync(importsFile, "utf8"));
pyodide.runPython(`
import importlib, json
for name in json.loads(IMPORTS)["package"]:
    importlib.import_module(name)
`);
pyodide.runPython(readFileSync(join(here, "exercise.py"), "utf8"));
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(out, gzipSync(snapshot, { level: 9 }));
console.log(JSON.stringify({ bytes: snapshot.length }));

// Build step: a Pyodide memory snapshot taken right after `calculator` is imported.
// Restoring it in the browser skips Python's start-up, the stdlib imports and the wheel install.
// Usage: node make_snapshot.mjs <pyodide npm dir> <calculator wheel> <out.bin.gz>
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const [npmDir, wheel, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${npmDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${npmDir}/`, _makeSnapshot: true });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
// Import every module the page can reach (the files of the wheel are not in the restored
// file system, only the imported modules are), then exercise one evaluation so lazily
// imported standard-library modules are loaded too.
pyodide.runPython(`
import importlib, pkgutil, calculator, calculator.bridge
for info in pkgutil.walk_packages(calculator.__path__, "calculator."):
    if info.name.rsplit(".", 1)[-1] not in ("cli", "__main__"):
        importlib.import_module(info.name)
calculator.bridge.evaluate_form_json('{"indication": "early_breast", "ihc": "2+", "ish_method": "dual", "her2_cep17_ratio": "2.0", "avg_her2_copies": "4.0", "weight_kg": "70", "schedule": "weekly", "lvef_baseline_percent": "60", "lvef_percent": "55"}')
calculator.bridge.evaluate_json('{"indication": "metastatic_gastric", "ihc": "3+"}')
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(out, gzipSync(snapshot, { level: 9 }));
console.log(JSON.stringify({ bytes: snapshot.length }));

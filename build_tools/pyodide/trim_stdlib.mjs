// Build step: the page's standard library: only what its Python imports, compiled, with the
// calculator package inside it.
// Usage: node trim_stdlib.mjs <npm dir> <pyodide-lock.json beside the wheel> <out.zip> <imports.json> <bytecode.zip>
//   imports.json: {"package": [...], "external": [...]} (build_tools/pyodide/imports.py)
//   bytecode.zip: the package's own modules compiled the same way, as __pycache__ entries for
//   the wheel (build_tools/pyodide/wheel.py add_bytecode), for whoever installs the wheel.
// Pyodide starts as the page's plain start does (no package installed: the calculator is
// imported from the wheel as a zip on sys.path), imports every module the page can reach (found
// in the source, function-level imports too), runs every door of calculator.doors.bridge once
// (exercise.py), and keeps each module then loaded from Pyodide's python_stdlib.zip, as bytecode
// compiled by Pyodide's own Python with docstrings and asserts left out (-OO: no parsing at start,
// 15% fewer bytes). The calculator's modules go in too, as sources (the rules digest reads them)
// and bytecode beside them (zipimport reads that first), compiled as written: the page then
// imports the calculator straight from the standard library, with no wheel to download and
// install (about 0.5 s of a phone's CPU).
// Prints a JSON report: the modules kept, and the imports stock Pyodide cannot satisfy either.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [npmDir, lockFile, out, importsFile, bytecodeOut] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const { loadPyodide } = await import(pathToFileURL(`${npmDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: `${npmDir}/`,
  lockFileURL: lockFile,
  stdout: () => {},
  stderr: (s) => console.error(s),
});
const lock = JSON.parse(readFileSync(lockFile, "utf8"));
const wanted = JSON.parse(readFileSync(importsFile, "utf8"));
const wheelName = lock.packages[wanted.package[0]].file_name;
pyodide.FS.writeFile(`/tmp/${wheelName}`, readFileSync(join(dirname(lockFile), wheelName)));
pyodide.globals.set("WHEEL", `/tmp/${wheelName}`);
pyodide.globals.set("IMPORTS", JSON.stringify(wanted));
pyodide.globals.set("EXERCISE", readFileSync(join(here, "exercise.py"), "utf8"));
const report = pyodide.runPython(`
import importlib, importlib.util, json, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

sys.path.insert(0, WHEEL)
wanted = json.loads(IMPORTS)
unavailable = []
for name in wanted["external"]:
    try:
        importlib.import_module(name)
    except ImportError:
        parent, _, attr = name.rpartition(".")
        if parent in sys.modules and hasattr(sys.modules[parent], attr):
            continue  # "from a import b": b is a name in a, not a module
        unavailable.append(name)
for name in wanted["package"]:
    importlib.import_module(name)
exec(compile(EXERCISE, "exercise.py", "exec"), {"__name__": "exercise"})

root = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
kept = {}
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    if isinstance(origin, str) and origin.startswith(root + "/") and origin.endswith(".py"):
        kept[origin[len(root) + 1 :]] = origin
with zipfile.ZipFile(root) as stock, zipfile.ZipFile("/tmp/trimmed.zip", "w") as trimmed:
    for name in sorted(kept):
        source = stock.read(name)
        code = compile(source, kept[name], "exec", dont_inherit=True, optimize=2)
        # Unchecked hash-based bytecode: valid without its source, same bytes on every build.
        data = _code_to_hash_pyc(code, importlib.util.source_hash(source), False)
        info = zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0))
        # Stored, not deflated: the site's Brotli copy of the whole zip is 30% smaller than
        # deflating each entry (it shares words across modules), and imports inflate nothing.
        info.compress_type = zipfile.ZIP_STORED
        trimmed.writestr(info, data)
    # The calculator: every source file of the wheel's package (the rules digest reads them)
    # and its bytecode beside it, where zipimport looks first.
    package = wanted["package"][0]
    with zipfile.ZipFile(WHEEL) as wheel, zipfile.ZipFile("/tmp/bytecode.zip", "w") as bytecode:
        for name in sorted(n for n in wheel.namelist() if n.startswith(package + "/")):
            if not name.endswith(".py"):
                raise SystemExit(f"{name}: the wheel holds a file that is not Python source")
            source = wheel.read(name)
            code = compile(source, name, "exec", dont_inherit=True)
            data = _code_to_hash_pyc(code, importlib.util.source_hash(source), False)
            for entry, body in ((name, source), (name + "c", data)):
                info = zipfile.ZipInfo(entry, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_STORED
                trimmed.writestr(info, body)
            info = zipfile.ZipInfo(importlib.util.cache_from_source(name), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bytecode.writestr(info, data, compresslevel=9)
json.dumps({"modules": sorted(n[:-3].replace("/", ".").removesuffix(".__init__") for n in kept),
            "unavailable": sorted(unavailable)})
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/trimmed.zip"));
writeFileSync(bytecodeOut, pyodide.FS.readFile("/tmp/bytecode.zip"));
console.log(report);

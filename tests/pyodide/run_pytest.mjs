// Run pytest under Pyodide in Node (no browser): the calculator's own unit tests then exercise
// Pyodide's Python (3.14) exactly as the page does, so a CPython/Pyodide difference fails a test.
// Usage: node tests/pyodide/run_pytest.mjs <repo> <wheel-dir> [pytest args...]
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const [repo, wheelDir, ...pytestArgs] = process.argv.slice(2);
const require = createRequire(join(resolve(repo), "package.json"));
const { loadPyodide } = require("pyodide");

const pyodide = await loadPyodide({ stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
pyodide.FS.mkdirTree("/repo");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: resolve(repo) }, "/repo");
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const name of readdirSync(wheelDir).filter((n) => n.endsWith(".whl")).sort()) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelDir, name))), "wheel", {
    extractDir: sitePackages,
  });
}
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const code = await pyodide.runPythonAsync(`
import os, sys
os.chdir("/repo")
sys.path.insert(0, "/repo")
sys.dont_write_bytecode = True
print(f"platform={sys.platform} python={sys.version.split()[0]}")
import pytest
int(pytest.main(["-p", "no:cacheprovider", *pytest_args]))
`);
process.exit(code);

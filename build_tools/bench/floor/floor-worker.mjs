// The floor: the site's own Pyodide (pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm from
// /pyodide/) with Pyodide's own full python_stdlib.zip (copied beside this file by the
// benchmark, with the same precompressed copies the build gives every large file).
const base = new URL("../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(`${base}pyodide.mjs`);
await loadPyodide({ indexURL: base, stdLibURL: new URL("./python_stdlib.zip", import.meta.url).href });
self.postMessage("ready");

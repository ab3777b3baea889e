const base = new URL("../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(`${base}pyodide.mjs`);
await loadPyodide({ indexURL: base });
self.postMessage("ready");

// The floor: the same self-hosted Pyodide, loadPyodide() in a module worker, nothing else.
const worker = new Worker(new URL("./floor-worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", () => {
  performance.mark("pyodide-ready");
  document.body.dataset.ready = "1";
});

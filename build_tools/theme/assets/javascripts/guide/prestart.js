// Starts the calculator's worker from <head>, while the article is still being parsed, so that
// Pyodide loads in parallel with the page instead of after Material's bundle (issue 8). It is a
// classic script, so it runs before any module; runtime.mjs adopts the worker and replays the
// messages kept here until then.
(() => {
  if (window.__guideCalculator || typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return;
  }
  const worker = new Worker(new URL("worker.mjs", document.currentScript.src), { type: "module" });
  const early = [];
  const keep = (event) => early.push(event);
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  window.__guideCalculator = {
    worker,
    takeEarlyEvents() {
      worker.removeEventListener("message", keep);
      worker.removeEventListener("error", keep);
      return early.splice(0);
    },
  };
})();

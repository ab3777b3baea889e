// Starts the calculator's worker from <head>, while the page is still being parsed, so that
// Pyodide loads in parallel with the page instead of after Material's bundle (issue 8). It is a
// classic script, so it runs before any module; runtime.mjs adopts the worker and replays the
// messages kept here until then.
// data-start="always": the calculator page, whose visitors came for the calculator.
// data-start="query": the article: only a URL that fills the form (a shared result) starts it
// here; otherwise runtime.mjs starts it when the reader nears the calculator (issue 15).
(() => {
  if (window.__guideCalculator || typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return;
  }
  const script = document.currentScript;
  if (script.dataset.start !== "always") {
    const inputs = new Set((script.dataset.inputs || "").split(" ").filter(Boolean));
    const keys = [...new URLSearchParams(window.location.search).keys()];
    if (!keys.some((key) => inputs.has(key))) return;
  }
  const worker = new Worker(new URL("worker.mjs", script.src), { type: "module" });
  const early = [];
  const keep = (event) => early.push(event);
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  // Resolved once the worker is ready or has failed (offline.mjs waits for it).
  const settled = new Promise((resolve) => {
    const done = (event) => {
      const type = event.type === "error" ? "error" : event.data && event.data.type;
      if (type === "ready" || type === "error") resolve();
    };
    worker.addEventListener("message", done);
    worker.addEventListener("error", done);
  });
  window.__guideCalculator = {
    worker,
    settled,
    takeEarlyEvents() {
      worker.removeEventListener("message", keep);
      worker.removeEventListener("error", keep);
      return early.splice(0);
    },
  };
})();

// The tool's output area: the totals, the chart and the tables of one run, or nothing; and the
// download of the run's JSON lines as a Blob (nothing is sent anywhere).

import { chart, fillTable } from "./reclassify-draw.mjs";

export function output(root) {
  const area = root.querySelector("[data-reclassify-output]");
  const totals = root.querySelector("[data-reclassify-totals]");
  const drawing = root.querySelector("[data-reclassify-chart]");
  const tables = [...root.querySelectorAll("[data-reclassify-table]")];
  return {
    clear() {
      area.hidden = true;
      totals.textContent = "";
      drawing.replaceChildren();
      for (const box of tables) fillTable(box, null);
      delete root.dataset.rows;
      delete root.dataset.rowsPerSecond;
    },
    show(view, seconds) {
      // For the benchmark (build_tools/bench): the page's own figure, file read to summary shown.
      root.dataset.rows = String(view.rows);
      root.dataset.rowsPerSecond = String(Math.round(view.rows / Math.max(seconds, 1e-6)));
      totals.textContent = [view.totals, view.speed].filter(Boolean).join(" ");
      drawing.replaceChildren(chart(view));
      for (const box of tables) fillTable(box, view[box.dataset.reclassifyTable]);
      area.hidden = false;
    },
  };
}

export function download(results) {
  const url = URL.createObjectURL(new Blob([results], { type: "application/x-ndjson" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "reclassified.jsonl";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// One run in the worker (calculator.doors.bridge.reclassify_json): {view, lines} or {errors}.
export async function run(runtime, request, readText) {
  try {
    const out = await runtime.reclassify({ ...request, text: await readText() });
    const cut = out.indexOf("\n");
    const head = JSON.parse(cut < 0 ? out : out.slice(0, cut));
    return { ...head, lines: cut < 0 ? "" : out.slice(cut + 1) };
  } catch {
    return { errors: [{ message: `${request.name} could not be read. Check that it is a CSV or JSONL text file, then try again.` }] };
  }
}

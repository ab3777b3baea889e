// Glue for the "Re-classify a file" tool: reads the chosen file in the page, hands its text to
// the calculator's worker (calculator.bridge.reclassify_json, Python), and renders the summary
// with DOM text nodes and SVG elements (never innerHTML). No rule lives here; nothing is sent
// anywhere: the worker is local and the results are offered as a Blob download.

import { onEveryPage } from "./page.mjs";
import { getRuntime } from "./runtime.mjs";

const SVG = "http://www.w3.org/2000/svg";

function text(tag, value, attrs = {}) {
  const node = document.createElement(tag);
  for (const [key, v] of Object.entries(attrs)) node.setAttribute(key, v);
  node.textContent = value;
  return node;
}

function svg(tag, attrs = {}, value = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, v] of Object.entries(attrs)) node.setAttribute(key, String(v));
  if (value !== null) node.textContent = value;
  return node;
}

const arrow = (change) => change.split("->").join(" → ").replaceAll("_", " ");

// Horizontal bars, one per change, longest first (the summary is already sorted).
function chart(byChange) {
  const items = Object.entries(byChange);
  const box = document.createElement("div");
  if (items.length === 0) {
    box.append(text("p", "No report changed category."));
    return box;
  }
  const bar = 22, gap = 8, labelWidth = 260, width = 640;
  const height = items.length * (bar + gap) + gap;
  const peak = Math.max(...items.map(([, n]) => n));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "reclassify-chart-title", class: "guide-reclassify__chart" });
  root.append(svg("title", { id: "reclassify-chart-title" }, "Reports that changed category, by change"));
  items.forEach(([change, n], i) => {
    const y = gap + i * (bar + gap);
    const w = Math.max(1, Math.round(((width - labelWidth - 70) * n) / peak));
    root.append(
      svg("text", { x: labelWidth - 8, y: y + bar * 0.7, "text-anchor": "end" }, arrow(change)),
      svg("rect", { x: labelWidth, y, width: w, height: bar, class: "guide-reclassify__bar" }),
      svg("text", { x: labelWidth + w + 6, y: y + bar * 0.7 }, n.toLocaleString("en")),
    );
  });
  box.append(root);
  return box;
}

function mount(root) {
  if (root.dataset.reclassifyMounted) return;
  root.dataset.reclassifyMounted = "true";
  const form = root.querySelector("form");
  const fileInput = form.elements.namedItem("file");
  const button = form.querySelector('button[type="submit"]');
  const status = root.querySelector("[data-reclassify-status]");
  const error = root.querySelector("#reclassify-error");
  const output = root.querySelector("[data-reclassify-output]");
  let results = null;
  let ready = false;

  const setState = (state) => {
    root.dataset.reclassifyState = state;
    button.disabled = !ready || state === "running";
  };
  const showError = (message) => {
    error.textContent = message;
    error.hidden = !message;
  };

  const drop = root.querySelector("[data-reclassify-drop]");
  drop.addEventListener("dragover", (event) => event.preventDefault());
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) fileInput.files = event.dataTransfer.files;
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    const file = fileInput.files && fileInput.files[0];
    const editions = [...form.querySelectorAll('input[name="editions"]:checked')].map((c) => c.value);
    if (!file) return showError("Choose a CSV or JSONL file first.");
    if (editions.length < 2) return showError("Choose at least two editions to compare.");
    setState("running");
    status.textContent = `Re-classifying ${file.name}…`;
    const started = performance.now();
    const body = await file.text();
    const format = /\.csv$/i.test(file.name) ? "csv" : "jsonl";
    const out = await getRuntime().reclassify({ text: body, format, editions });
    const seconds = (performance.now() - started) / 1000;
    const last = out.lastIndexOf("\n", out.length - 2);
    const tail = JSON.parse(out.slice(last + 1));
    if (!tail.summary) {
      setState("ready");
      status.textContent = "";
      return showError((tail.errors || []).map((e) => e.message).join(" ") || "The file could not be read.");
    }
    results = out;
    render(tail.summary, file.name, seconds);
    setState("done");
  });

  function render(summary, name, seconds) {
    const rate = Math.round(summary.rows / Math.max(seconds, 1e-6));
    root.dataset.rows = String(summary.rows);
    root.dataset.rowsPerSecond = String(rate);
    root.querySelector("[data-reclassify-totals]").textContent =
      `${name}: ${summary.rows.toLocaleString("en")} rows; ${summary.changed.toLocaleString("en")} changed category; ` +
      `${summary.errors.toLocaleString("en")} rows with input errors (listed by row number in the download). ` +
      `Read in ${seconds.toFixed(2)} s (${rate.toLocaleString("en")} rows per second).`;
    root.querySelector("[data-reclassify-chart]").replaceChildren(chart(summary.by_change));
    const rows = Object.entries(summary.by_change).map(([change, n]) => {
      const tr = document.createElement("tr");
      tr.append(text("th", arrow(change), { scope: "row" }), text("td", n.toLocaleString("en")));
      return tr;
    });
    if (rows.length === 0) {
      const tr = document.createElement("tr");
      tr.append(text("th", "No change", { scope: "row" }), text("td", "0"));
      rows.push(tr);
    }
    root.querySelector("[data-reclassify-changes]").replaceChildren(...rows);
    output.hidden = false;
    status.textContent = "Done. Nothing left this page.";
    root.querySelector("#reclassify-summary-title").focus();
  }

  root.querySelector('[data-action="download"]').addEventListener("click", () => {
    if (results === null) return;
    const url = URL.createObjectURL(new Blob([results], { type: "application/x-ndjson" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "reclassified.jsonl";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });

  // The tool is this page's purpose: arm the worker's start as the calculator form does.
  getRuntime(root).subscribe((state) => {
    if (state.name === "ready" && !ready) {
      ready = true;
      status.textContent = "Ready. Choose a file; it is read in this page and never uploaded.";
      setState("ready");
    } else if (state.name === "error") {
      status.textContent = state.message;
      setState("error");
    }
  });
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-reclassify]")) mount(root);
}

onEveryPage(mountAll);

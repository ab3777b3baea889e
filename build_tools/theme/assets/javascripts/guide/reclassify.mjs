// Glue for the "Re-classify a file" tool: reads the chosen file in the page, hands its text to
// the calculator's worker (calculator.doors.bridge.reclassify_json, Python), and places the words
// Python returns (calculator.words.reclassify_view) with DOM text nodes and SVG elements (never
// innerHTML). No rule and no sentence about the result lives here; nothing is sent anywhere:
// the worker is local and the results are offered as a Blob download.

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

// Horizontal bars, one per change, longest first (Python sorted them and wrote the labels).
function chart(view) {
  const items = view.changes;
  const box = document.createElement("div");
  if (items.length === 0) {
    box.append(text("p", view.no_change));
    return box;
  }
  const bar = 22, gap = 8, labelWidth = 260, width = 640;
  const height = items.length * (bar + gap) + gap;
  const peak = Math.max(...items.map((item) => item.count));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "reclassify-chart-title", class: "guide-reclassify__chart" });
  root.append(svg("title", { id: "reclassify-chart-title" }, view.chart_title));
  items.forEach((item, i) => {
    const y = gap + i * (bar + gap);
    const w = Math.max(1, Math.round(((width - labelWidth - 70) * item.count) / peak));
    root.append(
      svg("text", { x: labelWidth - 8, y: y + bar * 0.7, "text-anchor": "end" }, item.label),
      svg("rect", { x: labelWidth, y, width: w, height: bar, class: "guide-reclassify__bar" }),
      svg("text", { x: labelWidth + w + 6, y: y + bar * 0.7 }, item.count_text),
    );
  });
  box.append(root);
  return box;
}

// Fills one of the page's empty tables from {caption, head, rows}; hidden when it has no rows.
function fillTable(box, table) {
  const shown = Boolean(table) && table.rows.length > 0;
  box.hidden = !shown;
  box.querySelector("caption").textContent = shown ? table.caption : "";
  box.querySelector("thead tr").replaceChildren(...(shown ? table.head : []).map((h) => text("th", h, { scope: "col" })));
  box.querySelector("tbody").replaceChildren(
    ...(shown ? table.rows : []).map(([first, ...rest]) => {
      const tr = document.createElement("tr");
      tr.append(text("th", first, { scope: "row" }), ...rest.map((cell) => text("td", cell)));
      return tr;
    }),
  );
}

function mount(root) {
  if (root.dataset.reclassifyMounted) return;
  root.dataset.reclassifyMounted = "true";
  const form = root.querySelector("form");
  const fileInput = form.elements.namedItem("file");
  const button = form.querySelector('button[type="submit"]');
  const sampleButton = form.querySelector('[data-action="sample"]');
  const sampleLink = document.querySelector("a[data-reclassify-sample]");
  const status = root.querySelector("[data-reclassify-status]");
  const error = root.querySelector("#reclassify-error");
  const output = root.querySelector("[data-reclassify-output]");
  const tables = [...root.querySelectorAll("[data-reclassify-table]")];
  let results = null;
  let ready = false;
  sampleButton.hidden = !sampleLink;

  const setState = (state) => {
    root.dataset.reclassifyState = state;
    button.disabled = !ready || state === "running";
    sampleButton.disabled = button.disabled;
  };
  const showError = (message) => {
    error.textContent = message;
    error.hidden = !message;
  };
  // A new run starts from nothing: no totals, chart, rows or download of the previous file.
  const clear = () => {
    results = null;
    output.hidden = true;
    root.querySelector("[data-reclassify-totals]").textContent = "";
    root.querySelector("[data-reclassify-chart]").replaceChildren();
    for (const box of tables) fillTable(box, null);
    delete root.dataset.rows;
    delete root.dataset.rowsPerSecond;
    showError("");
  };

  const drop = root.querySelector("[data-reclassify-drop]");
  drop.addEventListener("dragover", (event) => event.preventDefault());
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) fileInput.files = event.dataTransfer.files;
  });

  async function reclassify(name, readText) {
    const editions = [...form.querySelectorAll('input[name="editions"]:checked')].map((c) => c.value);
    clear();
    if (editions.length < 2) return showError("Choose at least two editions to compare.");
    setState("running");
    status.textContent = `Re-classifying ${name}…`;
    const started = performance.now();
    let head;
    let out;
    try {
      const body = await readText();
      const format = /\.csv$/i.test(name) ? "csv" : "jsonl";
      out = await getRuntime().reclassify({ text: body, format, editions, view: true, name });
      const cut = out.indexOf("\n");
      head = JSON.parse(cut < 0 ? out : out.slice(0, cut));
      out = cut < 0 ? "" : out.slice(cut + 1);
    } catch {
      head = { errors: [{ message: `${name} could not be read. Check that it is a CSV or JSONL text file, then try again.` }] };
    }
    setState("ready");
    if (!head.view) {
      status.textContent = "";
      // calculator.doors.bridge answers in words; a runtime that broke underneath it may not.
      const words = (head.errors || []).map((e) => String(e.message)).join(" ");
      return showError(!words || words.includes("Traceback") ? `${name} could not be read. Reload the page and try again.` : words);
    }
    results = out;
    render(head.view, (performance.now() - started) / 1000);
    setState("done");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      clear();
      return showError("Choose a CSV or JSONL file first.");
    }
    reclassify(file.name, () => file.text());
  });

  sampleButton.addEventListener("click", () => {
    const url = sampleLink.href;
    const name = decodeURIComponent(new URL(url).pathname.split("/").pop());
    reclassify(name, async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    });
  });

  function render(view, seconds) {
    // For the benchmark (build_tools/bench): the page's own figure, file read to summary shown.
    root.dataset.rows = String(view.rows);
    root.dataset.rowsPerSecond = String(Math.round(view.rows / Math.max(seconds, 1e-6)));
    root.querySelector("[data-reclassify-totals]").textContent = [view.totals, view.speed].filter(Boolean).join(" ");
    root.querySelector("[data-reclassify-chart]").replaceChildren(chart(view));
    for (const box of tables) fillTable(box, view[box.dataset.reclassifyTable]);
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

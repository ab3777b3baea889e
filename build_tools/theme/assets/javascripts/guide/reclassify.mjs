// Glue for the "Re-classify a file" tool: reads the chosen file in the page, hands its text to
// the calculator's worker (calculator.doors.bridge.reclassify_json, Python), and places the words
// Python returns (calculator.words.reclassify_view; drawing in reclassify-draw.mjs, the output
// area in reclassify-output.mjs). No rule and no sentence about the result lives here; nothing is
// sent anywhere: the worker is local and the results are offered as a Blob download.

import { learnMessages, say } from "./messages.mjs";
import { onEveryPage } from "./page.mjs";
import { download, output, run } from "./reclassify-output.mjs";
import { getRuntime } from "./runtime.mjs";

function mount(root) {
  if (root.dataset.reclassifyMounted) return;
  root.dataset.reclassifyMounted = "true";
  learnMessages(root);
  const form = root.querySelector("form");
  const fileInput = form.elements.namedItem("file");
  const button = form.querySelector('button[type="submit"]');
  const sampleButton = form.querySelector('[data-action="sample"]');
  const sampleLink = document.querySelector("a[data-reclassify-sample]");
  const status = root.querySelector("[data-reclassify-status]");
  const error = root.querySelector("#reclassify-error");
  const area = output(root);
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
    area.clear();
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
    if (editions.length < 2) return showError(say("reclassify_two_editions"));
    setState("running");
    status.textContent = say("reclassify_running", { name });
    const started = performance.now();
    const format = /\.csv$/i.test(name) ? "csv" : "jsonl";
    const head = await run(getRuntime(), { format, editions, view: true, name }, readText);
    setState("ready");
    if (!head.view) {
      status.textContent = "";
      // calculator.doors.bridge answers in words; a runtime that broke underneath it may not.
      const words = (head.errors || []).map((e) => String(e.message)).join(" ");
      return showError(!words || words.includes("Traceback") ? say("reclassify_unreadable", { name }) : words);
    }
    results = head.lines;
    area.show(head.view, (performance.now() - started) / 1000);
    status.textContent = say("reclassify_done");
    root.querySelector("#reclassify-summary-title").focus();
    setState("done");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      clear();
      return showError(say("reclassify_no_file"));
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

  root.querySelector('[data-action="download"]').addEventListener("click", () => results !== null && download(results));

  // The tool is this page's purpose: arm the worker's start as the calculator form does.
  getRuntime(root).subscribe((state) => {
    if (state.name === "ready" && !ready) {
      ready = true;
      status.textContent = say("reclassify_ready");
      setState("ready");
    } else if (state.name === "error") {
      status.textContent = state.message;
      setState("error");
    }
  });
}

onEveryPage(() => {
  for (const root of document.querySelectorAll("[data-reclassify]")) mount(root);
});

// Glue between the calculator form and `calculator` running under Pyodide (see runtime.mjs).
// It reads the form's text values, sends them to Python, and renders the JSON that comes back
// with DOM text nodes only (never innerHTML). Clinical rules, parsing and validation live in
// Python; the visibility rules are declarative `data-show-when` attributes written at build time.

import { getRuntime } from "./runtime.mjs";
import { mirroredUrl, restoreControls } from "./url-state.mjs";

const STAGES = { starting: 0, runtime: 1, calculator: 2, ready: 3 };
const URL_DELAY_MS = 250;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function labelsOf(root) {
  try {
    return JSON.parse(root.dataset.calculatorLabels || "{}");
  } catch {
    return {};
  }
}

function controls(form) {
  return [...form.elements].filter((c) => c.name && c.type !== "button" && c.type !== "reset");
}

// data-show-when="field=a|b": show the element only when `field` has one of the listed values.
function applies(form, rule) {
  if (!rule) return true;
  const [name, values] = rule.split("=");
  const control = form.elements.namedItem(name);
  return Boolean(control) && values.split("|").includes(control.value);
}

function syncVisibility(form) {
  for (const node of form.querySelectorAll("[data-show-when]")) {
    const visible = applies(form, node.dataset.showWhen);
    if (node.tagName === "OPTION") {
      node.hidden = !visible;
      node.disabled = !visible;
      const select = node.parentElement;
      if (!visible && select.value === node.value) select.value = "";
    } else {
      node.hidden = !visible;
      for (const c of node.querySelectorAll("input, select")) c.disabled = !visible;
    }
  }
}

function formFields(form) {
  const fields = {};
  for (const c of controls(form)) {
    if (!c.disabled && c.value !== "") fields[c.name] = c.value;
  }
  return fields;
}

function showFieldErrors(form, errors) {
  const byField = new Map();
  for (const error of errors) {
    if (error.field && form.elements.namedItem(error.field)) {
      byField.set(error.field, [...(byField.get(error.field) || []), error.message]);
    }
  }
  for (const c of controls(form)) {
    const box = form.querySelector(`#${c.id}-error`);
    const messages = byField.get(c.name);
    if (messages) {
      c.setAttribute("aria-invalid", "true");
      if (box) {
        box.textContent = messages.join(" ");
        box.hidden = false;
      }
    } else {
      c.removeAttribute("aria-invalid");
      if (box) {
        box.textContent = "";
        box.hidden = true;
      }
    }
  }
  return errors.filter((e) => !(e.field && byField.has(e.field)));
}

function refLinks(refs, labels, base) {
  if (!refs || refs.length === 0) return null;
  const span = el("span", { class: "guide-refs" });
  for (const key of refs) {
    const ref = (labels.references || {})[key];
    span.append(" ", el("a", { href: `${base}#ref-${encodeURIComponent(key)}`, title: ref ? ref.title : key }, `[${ref ? ref.label : key}]`));
  }
  return span;
}

function messageList(title, items, labels, base, kind) {
  if (!items || items.length === 0) return null;
  return el(
    "div",
    { class: `guide-result__${kind}` },
    el("h4", {}, title),
    el("ul", {}, ...items.map((item) => el("li", { "data-code": item.code }, item.message, refLinks(item.refs, labels, base)))),
  );
}

function label(labels, group, value) {
  if (value === null || value === undefined) return "—";
  return ((labels[group] || {})[value]) || String(value);
}

function dosingTable(dosing, labels) {
  if (!dosing) return null;
  const sc = dosing.route === "sc";
  const rows = [
    ["Route", label(labels, "route", dosing.route)],
    ["Schedule", label(labels, "schedule", dosing.schedule)],
    ["Loading dose", sc ? "None (fixed dose)" : `${dosing.loading_dose_mg} mg (${dosing.loading_mg_per_kg} mg/kg over ${dosing.loading_infusion})`],
    ["Maintenance dose", sc
      ? `${dosing.maintenance_dose_mg} mg ${dosing.interval}, ${dosing.maintenance_infusion}`
      : `${dosing.maintenance_dose_mg} mg (${dosing.maintenance_mg_per_kg} mg/kg ${dosing.interval}, over ${dosing.maintenance_infusion})`],
  ];
  if (dosing.after_weekly_phase_dose_mg !== null && dosing.after_weekly_phase_dose_mg !== undefined) {
    rows.push(["After the weekly phase", `${dosing.after_weekly_phase_dose_mg} mg every 3 weeks`]);
  }
  if (dosing.missed_dose) {
    const missed = dosing.missed_dose;
    rows.push(["Missed dose", `${missed.days_late} days late: ${label(labels, "missed_dose_action", missed.action).toLowerCase()} (${missed.dose_now_mg} mg)`]);
  }
  rows.push(["Duration", dosing.duration]);
  for (const vial of dosing.vials || []) {
    const loading = vial.loading === null || vial.loading === undefined ? "" : `${vial.loading} for the loading dose, `;
    rows.push([vial.label, `${loading}${vial.maintenance} per maintenance dose`]);
  }
  const table = el("table", {}, el("tbody", {}, ...rows.map(([k, v]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, v)))));
  return el("div", { class: "guide-result__dosing", "data-route": dosing.route }, el("h4", {}, "Dose"), table);
}

function render(root, response, labels) {
  const region = root.querySelector('[data-testid="calculator-result"]');
  const body = region.querySelector("[data-result-body]");
  const placeholder = region.querySelector("[data-result-placeholder]");
  const form = root.querySelector("form");
  const base = root.dataset.referencesUrl || "";
  const general = showFieldErrors(form, response.ok ? [] : response.errors);
  const append = (...nodes) => body.append(...nodes.filter((n) => n !== null && n !== undefined));
  body.replaceChildren();
  // The result attributes (page contract) mirror the engine, or are empty without a result.
  const r = response.ok ? response.result : null;
  region.dataset.her2Status = r ? r.her2.status : "";
  region.dataset.eligibility = r ? r.eligibility : "";
  // Nothing entered yet: the placeholder, not errors.
  placeholder.hidden = !response.empty;
  body.hidden = Boolean(response.empty);
  if (response.empty) return;
  if (!r) {
    append(
      el("p", { class: "guide-result__invalid" }, "Check the highlighted fields."),
      general.length ? el("ul", {}, ...general.map((e) => el("li", {}, e.message))) : null,
    );
    return;
  }
  append(
    el("p", { class: `guide-result__eligibility guide-result__eligibility--${r.eligibility}` },
      el("strong", { "data-result": "headline" }, r.headline || label(labels, "eligibility", r.eligibility))),
    el("dl", { class: "guide-result__facts" },
      el("dt", {}, "HER2 status"), el("dd", { "data-result": "her2-status" }, label(labels, "her2_status", r.her2.status)),
      el("dt", {}, "ISH group"), el("dd", { "data-result": "ish-group" }, r.her2.ish_group ? `Group ${r.her2.ish_group}` : "—"),
      el("dt", {}, "HER2-low category"), el("dd", { "data-result": "low-category" }, label(labels, "low_category", r.her2.low_category)),
      el("dt", {}, "Heart (LVEF)"), el("dd", { "data-result": "cardiac-action" }, label(labels, "cardiac_action", r.cardiac.action),
        r.cardiac.reason ? el("span", { class: "guide-result__detail" }, ` — ${r.cardiac.reason}`) : null),
    ),
    messageList("Why", r.reasons, labels, base, "reasons"),
    messageList("Warnings", r.warnings, labels, base, "warnings"),
    dosingTable(r.dosing, labels),
    el("p", { class: "guide-result__guidelines" }, "Applied: ",
      (r.guidelines || []).map((g) => g.title || g.id || String(g)).join("; ")),
  );
}

function mount(root) {
  if (root.dataset.mounted === "true") return;
  root.dataset.mounted = "true";
  const form = root.querySelector("form");
  const message = root.querySelector("[data-calculator-message]");
  const progress = root.querySelector("[data-calculator-progress]");
  const copied = root.querySelector("[data-calculator-copied]");
  const labels = labelsOf(root);
  const runtime = getRuntime(root);
  let inFlight = false;
  let dirty = false;
  let lastSummary = "";

  // Restore a shared URL: values are untrusted and only ever assigned as control values.
  const ignored = restoreControls(window.location.search, controls(form));
  syncVisibility(form);

  // The URL mirrors the inputs once typing pauses: history.replaceState costs Chromium ~20 ms
  // per call (and is rate-limited), far more than a recompute, so it must not run per keystroke.
  let urlTimer = 0;
  function mirrorUrl(fields) {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      if (!root.isConnected) return;
      window.history.replaceState(window.history.state, "", mirroredUrl(window.location, fields));
    }, URL_DELAY_MS);
  }

  async function compute() {
    if (runtime.state.name !== "ready") return;
    if (inFlight) {
      dirty = true;
      return;
    }
    inFlight = true;
    const fields = formFields(form);
    const response = await runtime.evaluateForm(fields);
    inFlight = false;
    if (!root.isConnected) return;
    render(root, response, labels);
    root.dispatchEvent(new CustomEvent("calculator:rendered"));
    lastSummary = response.summary || "";
    mirrorUrl(fields);
    if (dirty) {
      dirty = false;
      compute();
    }
  }

  const onChange = () => {
    syncVisibility(form);
    compute();
  };
  form.addEventListener("input", onChange);
  form.addEventListener("change", onChange);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(onChange, 0));
  form.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  form.querySelector('[data-action="copy"]').addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(lastSummary);
      copied.textContent = "Summary copied.";
    } catch {
      copied.textContent = "Copying is blocked here; select the result text instead.";
    }
  });

  runtime.subscribe((state) => {
    form.dataset.calculatorState = state.name === "ready" ? "ready" : state.name;
    if (state.mode) form.dataset.calculatorRuntime = state.mode;
    if (progress) progress.value = STAGES[state.stage] ?? 0;
    if (state.name === "loading") message.textContent = "Loading the calculator (Python in your browser)…";
    if (state.name === "error") message.textContent = state.message;
    if (state.name === "ready") {
      message.textContent = ignored.length
        ? `Ready. Ignored invalid link values for: ${ignored.join(", ")}.`
        : "Ready. Results update as you type; nothing leaves this page.";
      if (progress) progress.hidden = true;
      compute();
    }
  });
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-calculator]")) mount(root);
}

// Material's instant navigation swaps the page without reloading modules: re-mount on each page.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}

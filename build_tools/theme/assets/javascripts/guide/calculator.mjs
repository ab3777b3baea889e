// Glue between the calculator form and `calculator` running under Pyodide (see runtime.mjs).
// It reads the form's text values, sends them to Python as JSON text, and places the words that
// come back (`calculator.words.view`: verdict, facts, next steps) with DOM text nodes only (never
// innerHTML). Clinical rules, parsing, validation and which line applies live in Python; the
// visibility of fields is declarative (`data-show-when`, written at build time).

import { onEveryPage } from "./page.mjs";
import { getRuntime } from "./runtime.mjs";
import { mirroredUrl, restoreControls } from "./url-state.mjs";

const STAGES = { starting: 0, runtime: 1, calculator: 2, ready: 3 };
const URL_DELAY_MS = 250;
// CONTRACTS.md §2: the weight may be typed in pounds; the form sends kilograms to 0.1 kg.
const WEIGHT_UNIT = "weight_unit";
const PHONE = window.matchMedia("(max-width: 44.984375em)");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
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

// data-show-when="field=a|b;other=c" (written by the build from calculator.words.fields): show the
// element only while each named field has one of its listed values ("" = empty).
function applies(form, rule) {
  if (!rule) return true;
  return rule.split(";").every((condition) => {
    const [name, values] = condition.split("=");
    const control = form.elements.namedItem(name);
    return Boolean(control) && values.split("|").includes(control.value);
  });
}

function syncVisibility(form) {
  for (const node of form.querySelectorAll("[data-show-when]")) {
    const visible = applies(form, node.dataset.showWhen);
    if (node.tagName === "OPTION") {
      node.hidden = !visible;
      node.disabled = !visible;
      const select = node.parentElement;
      if (!visible && select.value === node.value) select.value = "";
    } else if (node.hidden === visible) {
      node.hidden = !visible;
      for (const c of node.querySelectorAll("input, select")) c.disabled = !visible;
    }
    // (A help text with data-show-when has no controls: hiding it is all.)
  }
}

// For the printed record: a group with nothing entered is left out.
function markEmptyGroups(form) {
  for (const group of form.querySelectorAll("fieldset")) {
    const filled = [...group.querySelectorAll("input, select")].some((c) => c.name !== WEIGHT_UNIT && !c.disabled && c.value !== "");
    group.toggleAttribute("data-empty", !filled);
  }
}

// The form's values by input name, as text: Python reads the numbers and turns pounds into
// kilograms (weight_unit is sent only when it is "lb").
function formFields(form) {
  const fields = {};
  for (const c of controls(form)) {
    if (c.name !== WEIGHT_UNIT && !c.disabled && c.value !== "") fields[c.name] = c.value;
  }
  const unit = form.elements.namedItem(WEIGHT_UNIT);
  if (unit && unit.value === "lb" && fields.weight_kg !== undefined) fields[WEIGHT_UNIT] = "lb";
  return fields;
}

// The weight as typed, when it was typed in pounds ("154.3 lb"), for display beside the kg.
function weightEntered(form) {
  const unit = form.elements.namedItem(WEIGHT_UNIT);
  const weight = form.elements.namedItem("weight_kg");
  if (!unit || unit.value !== "lb" || !weight || weight.value.trim() === "") return "";
  return `${weight.value.trim()} lb`;
}

function showFieldErrors(form, errors) {
  const byField = new Map();
  for (const error of errors) {
    if (error.field && form.elements.namedItem(error.field)) {
      byField.set(error.field, [...(byField.get(error.field) || []), error.message]);
    }
  }
  for (const c of controls(form)) {
    const messages = byField.get(c.name);
    const invalid = c.getAttribute("aria-invalid") === "true";
    if (!messages && !invalid) continue;
    const box = form.querySelector(`#${c.id}-error`);
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

function focusField(form, name) {
  const control = form.elements.namedItem(name);
  if (!control || typeof control.focus !== "function") return;
  control.focus({ preventScroll: true });
  control.scrollIntoView({ block: "center" });
}

// Each part of the result: its data (compared as JSON text: unchanged parts are not redrawn)
// and how to draw it. `h` is the heading tag below the result's own heading.
const PARTS = {
  missing: (view, ctx) =>
    view.missing.length === 0
      ? null
      : el(
          "div",
          { class: "guide-result__missing" },
          el(ctx.h, {}, "Missing"),
          el(
            "ul",
            {},
            ...view.missing.map((m) => {
              const link = el("a", { href: `#calc-${m.field}`, "data-focus-field": m.field }, m.label);
              return el("li", {}, link);
            }),
          ),
        ),
  facts: (view) =>
    el(
      "dl",
      { class: "guide-result__facts" },
      ...view.facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { "data-result": k.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "") }, v)]),
    ),
  next_steps: (view, ctx) =>
    view.next_steps.length === 0
      ? null
      : el("div", { class: "guide-result__next" }, el(ctx.h, {}, "Next steps"), el("ul", {}, ...view.next_steps.map((s) => el("li", {}, s)))),
  reasons: (view, ctx) => messageList("Why", view.reasons, ctx, "reasons"),
  warnings: (view, ctx) => messageList("Warnings", view.warnings, ctx, "warnings"),
  dosing: (view, ctx) => dosingTable(view.show_dosing ? ctx.result.dosing : null, ctx),
  guidelines: (view, ctx) =>
    el("p", { class: "guide-result__guidelines" }, "Applied: ", (ctx.result.guidelines || []).map((g) => g.title || g.id || String(g)).join("; ")),
};
const PART_DATA = {
  missing: (view) => view.missing,
  facts: (view) => view.facts,
  next_steps: (view) => view.next_steps,
  reasons: (view) => view.reasons,
  warnings: (view) => view.warnings,
  dosing: (view, ctx) => [view.show_dosing && ctx.result.dosing, ctx.weightEntered],
  guidelines: (view, ctx) => ctx.result.guidelines,
};

function messageList(title, items, ctx, kind) {
  if (!items || items.length === 0) return null;
  return el(
    "div",
    { class: `guide-result__${kind}` },
    el(ctx.h, {}, title),
    el("ul", {}, ...items.map((item) => el("li", { "data-code": item.code }, item.message, refLinks(item.refs, ctx.labels, ctx.base)))),
  );
}

function label(labels, group, value) {
  if (value === null || value === undefined) return "";
  return ((labels[group] || {})[value]) || String(value);
}

function dosingTable(dosing, ctx) {
  if (!dosing) return null;
  const has = (v) => v !== null && v !== undefined;
  const rows = [];
  if (has(dosing.weight_kg)) rows.push(["Weight", `${dosing.weight_kg} kg${ctx.weightEntered ? ` (${ctx.weightEntered})` : ""}`]);
  if (dosing.route) rows.push(["Route", label(ctx.labels, "route", dosing.route)]);
  rows.push(["Schedule", label(ctx.labels, "schedule", dosing.schedule) || dosing.interval || ""]);
  if (has(dosing.loading_dose_mg)) {
    rows.push(["Loading dose", `${dosing.loading_dose_mg} mg (${dosing.loading_mg_per_kg} mg/kg over ${dosing.loading_infusion})`]);
    rows.push(["Maintenance dose", `${dosing.maintenance_dose_mg} mg (${dosing.maintenance_mg_per_kg} mg/kg ${dosing.interval}, over ${dosing.maintenance_infusion})`]);
  } else {
    rows.push(["Loading dose", "None (fixed dose)"]);
    rows.push(["Maintenance dose", [`${dosing.maintenance_dose_mg} mg ${dosing.interval || ""}`.trim(), dosing.maintenance_infusion].filter(Boolean).join(", ")]);
  }
  if (has(dosing.after_weekly_phase_dose_mg)) {
    rows.push(["After the weekly phase", `${dosing.after_weekly_phase_dose_mg} mg every 3 weeks`]);
  }
  if (dosing.duration) rows.push(["Duration", dosing.duration]);
  for (const vial of dosing.vials || []) {
    const loading = has(vial.loading) ? `${vial.loading} for the loading dose, ` : "";
    rows.push([vial.label, `${loading}${vial.maintenance} per maintenance dose`]);
  }
  return el(
    "div",
    { class: "guide-result__dosing", "data-route": dosing.route || "iv" },
    el(ctx.h, {}, "Dose"),
    el("table", {}, el("tbody", {}, ...rows.map(([k, v]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, v))))),
  );
}

// Holds what is on screen, so that a render touches only the parts whose data changed.
class ResultView {
  constructor(root, labels) {
    this.root = root;
    this.form = root.querySelector("form");
    this.region = root.querySelector('[data-testid="calculator-result"]');
    this.body = this.region.querySelector("[data-result-body]");
    this.title = this.region.querySelector("[data-verdict-title]");
    this.why = this.region.querySelector("[data-verdict-why]");
    this.meta = this.region.querySelector("[data-verdict-meta]");
    this.her2 = this.region.querySelector("[data-verdict-her2]");
    this.dose = this.region.querySelector("[data-verdict-dose]");
    this.alerts = this.region.querySelector("[data-verdict-alerts]");
    this.updating = this.region.querySelector("[data-verdict-updating]");
    this.stamp = this.region.querySelector("[data-print-stamp]");
    this.placeholder = this.title.textContent;
    this.shownAlerts = "[]";
    this.labels = labels;
    this.base = root.dataset.referencesUrl || "";
    this.h = `h${Math.min(6, Number(root.dataset.headingLevel || 3) + 1)}`;
    this.shown = new Map(); // part name -> [JSON text of its data, node or null]
    this.errorsNode = null;
  }

  text(node, value) {
    if (node.textContent !== value) node.textContent = value;
    node.hidden = value === "";
  }

  clearParts() {
    for (const [, [, node]] of this.shown) if (node) node.remove();
    this.shown.clear();
  }

  // The verdict's lines that must be read without opening the details (calculator.words.view).
  setAlerts(alerts) {
    const key = JSON.stringify(alerts);
    if (key !== this.shownAlerts) {
      this.alerts.replaceChildren(...alerts.map((a) => el("li", { "data-alert": a.code }, a.text)));
      this.shownAlerts = key;
    }
    this.alerts.hidden = alerts.length === 0;
  }

  // Stale: what is shown was computed from values the form no longer holds (an edit is being
  // evaluated). aria-busy tells assistive technology; the style sheet greys the old result.
  setStale(stale) {
    if (stale) this.region.setAttribute("aria-busy", "true");
    else this.region.removeAttribute("aria-busy");
    this.updating.hidden = !stale;
  }

  render(response, enteredWeight) {
    const general = showFieldErrors(this.form, response.ok ? [] : response.errors);
    const r = response.ok ? response.result : null;
    // The result attributes (page contract) mirror the engine, or are empty without a result.
    this.region.dataset.her2Status = r ? r.her2.status : "";
    this.region.dataset.eligibility = r ? r.eligibility : "";
    this.region.dataset.state = response.empty ? "empty" : r ? "result" : "invalid";
    if (this.errorsNode) {
      this.errorsNode.remove();
      this.errorsNode = null;
    }
    if (!r) {
      this.clearParts();
      // No result stands for these values: nothing of the previous one stays on screen.
      this.text(this.title, response.empty ? this.placeholder : this.title.dataset.invalid);
      delete this.title.dataset.eligibility;
      this.text(this.why, "");
      this.text(this.her2, "");
      this.text(this.dose, "");
      this.meta.hidden = true;
      this.setAlerts([]);
      this.text(this.stamp, "");
      if (!response.empty && general.length) {
        this.errorsNode = el("ul", { class: "guide-result__errors" }, ...general.map((e) => el("li", {}, e.message)));
        this.body.prepend(this.errorsNode);
      }
      return;
    }
    const view = response.view;
    this.text(this.title, view.verdict.title);
    this.title.dataset.eligibility = view.verdict.code;
    this.text(this.why, view.verdict.why);
    this.text(this.her2, view.her2);
    this.text(this.dose, view.dose ? `Dose ${view.dose}` : "");
    this.meta.hidden = false;
    this.setAlerts(view.verdict.alerts || []);
    this.text(this.stamp, printStamp(this.root, view.rules));
    const ctx = { h: this.h, labels: this.labels, base: this.base, result: r, weightEntered: enteredWeight };
    let previous = null;
    for (const name of Object.keys(PARTS)) {
      const key = JSON.stringify(PART_DATA[name](view, ctx));
      const [shownKey, shownNode] = this.shown.get(name) || [null, null];
      let node = shownNode;
      if (key !== shownKey) {
        node = PARTS[name](view, ctx);
        if (shownNode) shownNode.replaceWith(...(node ? [node] : []));
        else if (node && previous) previous.after(node);
        else if (node) this.body.prepend(node);
        this.shown.set(name, [key, node]);
      }
      if (node) previous = node;
    }
  }
}

function ensureSkipLink(hasCalculator) {
  let link = document.querySelector("[data-guide-skip-calculator]");
  if (!hasCalculator) {
    if (link) link.remove();
    return;
  }
  if (!link) {
    link = el("a", { href: "#calc-indication", class: "md-skip guide-skip-calculator", "data-guide-skip-calculator": "" }, "Skip to the calculator");
    const skip = document.querySelector('[data-md-component="skip"]');
    if (skip) skip.after(link);
    else document.body.prepend(link);
  }
}

function mount(root) {
  if (root.dataset.mounted === "true") return;
  root.dataset.mounted = "true";
  const form = root.querySelector("form");
  const message = root.querySelector("[data-calculator-message]");
  const progress = root.querySelector("[data-calculator-progress]");
  const status = root.querySelector("[data-calculator-copied]");
  const region = root.querySelector('[data-testid="calculator-result"]');
  const toggle = root.querySelector('[data-action="details"]');
  const labels = labelsOf(root);
  const view = new ResultView(root, labels);
  const runtime = getRuntime(root);
  let inFlight = false;
  let sentText = null; // the last payload sent (JSON text): an identical one is not re-sent
  let shownOk = false;
  const waiting = []; // resolved once the result on screen is current again
  const current = () => (region.hasAttribute("aria-busy") ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve());
  let revealPending = false;

  // Restore a shared URL: values are untrusted and only ever assigned as control values.
  const ignored = restoreControls(window.location.search, controls(form));
  const named = new URLSearchParams(window.location.search);
  const restored = controls(form).some((c) => named.has(c.name) && !ignored.includes(c.name));
  syncVisibility(form);
  revealPending = restored;
  if (restored) {
    // A shared link: start Python now (not only when the reader nears the calculator) and
    // bring the calculator into view while it loads.
    if (typeof runtime.start === "function") runtime.start();
    root.scrollIntoView({ block: "start", behavior: "instant" });
  }

  // The URL mirrors the inputs once typing pauses: history.replaceState costs Chromium ~20 ms
  // per call (and is rate-limited), far more than a recompute, so it must not run per keystroke.
  let urlTimer = 0;
  function linkFields() {
    const raw = {};
    for (const c of controls(form)) if (!c.disabled && c.value !== "") raw[c.name] = c.value;
    if (raw[WEIGHT_UNIT] === "kg") delete raw[WEIGHT_UNIT];
    return raw;
  }
  function shareUrl() {
    const path = mirroredUrl({ pathname: window.location.pathname, hash: "#calculator" }, linkFields());
    return `${window.location.origin}${path}`;
  }
  function mirrorUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      if (!root.isConnected) return;
      window.history.replaceState(window.history.state, "", mirroredUrl(window.location, linkFields()));
    }, URL_DELAY_MS);
  }

  // After an input or a shared link, the verdict must be on screen (a phone's bar is sticky;
  // this covers a tall pane whose top has scrolled away). An IntersectionObserver tracks it, so
  // no render forces a layout to find out.
  const verdict = region.querySelector("[data-verdict]");
  const seen = new Map([[verdict, true], [form, true]]);
  const observer = new IntersectionObserver(
    (entries) => {
      if (!root.isConnected) observer.disconnect();
      for (const entry of entries) {
        seen.set(entry.target, entry.target === verdict ? entry.intersectionRatio > 0.99 : entry.isIntersecting);
      }
    },
    { rootMargin: "-48px 0px 0px 0px", threshold: [0, 0.99, 1] },
  );
  observer.observe(verdict);
  observer.observe(form);
  function revealVerdict() {
    // Only while the reader is at the form (a change made from elsewhere does not scroll).
    if (seen.get(verdict) || !seen.get(form)) return;
    requestAnimationFrame(() => {
      if (root.isConnected) verdict.scrollIntoView({ block: "nearest", behavior: "instant" });
    });
  }

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  async function compute() {
    if (runtime.state.name !== "ready" || inFlight) return;
    const text = JSON.stringify(formFields(form));
    // The result on screen was computed from exactly these values: it is current again.
    if (text === sentText) {
      view.setStale(false);
      for (const resolve of waiting.splice(0)) resolve();
      return;
    }
    inFlight = true;
    sentText = text;
    const response = JSON.parse(await runtime.evaluateFormText(text));
    inFlight = false;
    if (!root.isConnected) return;
    view.render(response, weightEntered(form));
    markEmptyGroups(form);
    shownOk = Boolean(response.ok);
    root.dispatchEvent(new CustomEvent("calculator:rendered"));
    mirrorUrl();
    if (revealPending) {
      revealPending = false;
      // Opened from a shared link: bring the calculator to the reader, verdict first.
      root.scrollIntoView({ block: "start", behavior: "instant" });
    } else if (!response.empty) {
      revealVerdict();
    }
    // Typed again while Python was busy: evaluate the newest values (skipped if unchanged).
    compute();
  }

  // Every edit makes what is shown stale until Python has evaluated the new values.
  const onInput = (event) => {
    if (event.target && event.target.name) syncVisibility(form);
    setStatus(""); // a copied/blocked message is stale as soon as the form changes
    view.setStale(true);
    compute();
  };
  // `input` fires for every edit of text fields and for select changes; `change` would only
  // repeat it (and evaluate twice), so it is not listened to.
  form.addEventListener("input", onInput);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    view.setStale(true);
    setTimeout(() => {
      syncVisibility(form);
      setStatus("");
      compute();
    }, 0);
  });
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-focus-field]");
    if (!link) return;
    // Not a navigation: Material's instant navigation (on document) must not see it.
    event.preventDefault();
    event.stopPropagation();
    if (PHONE.matches) setExpanded(false);
    focusField(form, link.dataset.focusField);
  });
  function setExpanded(open) {
    region.dataset.expanded = String(open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Hide details" : "Show details";
  }
  toggle.addEventListener("click", () => setExpanded(region.dataset.expanded !== "true"));

  const context = () => ({
    review: reviewWords(root.dataset.reviewStatus),
    link: shareUrl(),
    weight_entered: weightEntered(form),
    references: Object.fromEntries(Object.entries(labels.references || {}).map(([k, v]) => [k, v.label])),
  });
  form.querySelector('[data-action="print"]').addEventListener("click", () => {
    // The printed record is the calculator alone: its ancestors are marked, so the print
    // style sheet can leave out everything beside them.
    const marked = [];
    root.dataset.printRoot = "";
    for (let node = root.parentElement; node && node !== document.body; node = node.parentElement) {
      node.dataset.printPath = "";
      marked.push(node);
    }
    document.documentElement.classList.add("guide-print-calculator");
    const done = () => {
      document.documentElement.classList.remove("guide-print-calculator");
      delete root.dataset.printRoot;
      for (const node of marked) delete node.dataset.printPath;
    };
    window.addEventListener("afterprint", done, { once: true });
    window.print();
  });
  form.querySelector('[data-action="copy"]').addEventListener("click", async () => {
    if (runtime.state.name !== "ready") return setStatus("The calculator is still loading.");
    const fields = formFields(form);
    const reply = JSON.parse(await runtime.summaryText(JSON.stringify({ fields, context: context() })));
    if (!reply.ok) {
      return setStatus(
        reply.empty ? "Nothing to copy: the form is empty." : "Nothing copied: correct the highlighted fields first.",
      );
    }
    await copy(reply.summary, "Summary copied.");
  });
  form.querySelector('[data-action="copy-link"]').addEventListener("click", async () => {
    if (runtime.state.name !== "ready") return setStatus("The calculator is still loading.");
    await current(); // never the link of a result that is being replaced
    if (!shownOk) {
      return setStatus(sentText && sentText !== "{}" ? "Nothing copied: correct the highlighted fields first." : "Nothing to copy: the form is empty.");
    }
    await copy(shareUrl(), "Link copied: it reopens this result.");
  });
  async function copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(done);
    } catch {
      setStatus("Copying is blocked here; select the result text instead.");
    }
  }

  runtime.subscribe((state) => {
    form.dataset.calculatorState = state.name === "ready" ? "ready" : state.name;
    root.dataset.calculatorState = form.dataset.calculatorState; // for the state line's style
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

// The print record's last line: date, rules stamp and review state.
function printStamp(root, rules) {
  const review = reviewWords(root.dataset.reviewStatus);
  const date = new Date().toISOString().slice(0, 10);
  return [`Printed ${date}`, `calculator ${rules}`, review ? `content review: ${review}` : ""].filter(Boolean).join(" · ");
}

// The review state in words, until the governance markup states it itself.
function reviewWords(status) {
  if (!status) return "";
  return status === "approved" ? "approved" : `${status.replace(/_/g, " ")}, not yet approved`;
}

function mountAll() {
  const roots = document.querySelectorAll("[data-calculator]");
  ensureSkipLink(roots.length > 0);
  for (const root of roots) mount(root);
}

// Capture phase, before Material's instant navigation handles the same click as a link.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest && event.target.closest("[data-guide-skip-calculator]");
    if (!link) return;
    const field = document.getElementById("calc-indication");
    if (!field) return;
    event.preventDefault();
    event.stopPropagation();
    field.closest("[data-calculator]").scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  },
  true,
);

onEveryPage(mountAll);

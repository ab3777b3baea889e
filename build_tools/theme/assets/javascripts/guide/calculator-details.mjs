// The result's details (missing inputs, facts, next steps, reasons, warnings, the dose table,
// the guidelines applied), drawn from the view Python built (calculator.words.view.build). Each
// part is redrawn only when its data changed.

import { el, section } from "./calculator-dom.mjs";

function refLinks(refs, ctx) {
  if (!refs || refs.length === 0) return null;
  const span = el("span", { class: "guide-refs" });
  for (const key of refs) {
    const ref = (ctx.labels.references || {})[key];
    span.append(" ", el("a", { href: `${ctx.base}#ref-${encodeURIComponent(key)}`, title: ref ? ref.title : key }, `[${ref ? ref.label : key}]`));
  }
  return span;
}

const messages = (kind, view, ctx) =>
  section({ class: kind, h: ctx.h }, view.headings[kind], view[kind].map((m) => el("li", { "data-code": m.code }, m.message, refLinks(m.refs, ctx))));
const slug = (label) => label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "");
const rows = (pairs) => el("tbody", {}, ...pairs.map(([k, v]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, v))));

// Part name -> [its data, how to draw it]; drawn in this order.
const PARTS = {
  missing: [(view) => view.missing, (view, ctx) => section({ class: "missing", h: ctx.h }, view.headings.missing, view.missing.map((m) => el("li", {}, el("a", { href: `#calc-${m.field}`, "data-focus-field": m.field }, m.label))))],
  facts: [(view) => view.facts, (view) => el("dl", { class: "guide-result__facts" }, ...view.facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { "data-result": slug(k) }, v)]))],
  next_steps: [(view) => view.next_steps, (view, ctx) => section({ class: "next", h: ctx.h }, view.headings.next_steps, view.next_steps.map((s) => el("li", {}, s)))],
  reasons: [(view) => view.reasons, (view, ctx) => messages("reasons", view, ctx)],
  warnings: [(view) => view.warnings, (view, ctx) => messages("warnings", view, ctx)],
  dosing: [(view) => view.dose_table, (view, ctx) => view.dose_table && el("div", { class: "guide-result__dosing", "data-route": view.dose_table.route }, el(ctx.h, {}, view.headings.dosing), el("table", {}, rows(view.dose_table.rows)))],
  guidelines: [(view) => view.applied, (view) => el("p", { class: "guide-result__guidelines" }, view.applied)],
};

export class Details {
  constructor(body, ctx) {
    this.body = body;
    this.ctx = ctx; // {h: heading tag, labels: reference labels, base: references URL}
    this.shown = new Map(); // part name -> [JSON text of its data, node or null]
  }

  clear() {
    for (const [, [, node]] of this.shown) if (node) node.remove();
    this.shown.clear();
  }

  render(view) {
    let previous = null;
    for (const [name, [data, draw]] of Object.entries(PARTS)) {
      const key = JSON.stringify(data(view));
      const [shownKey, shownNode] = this.shown.get(name) || [null, null];
      let node = shownNode;
      if (key !== shownKey) {
        node = draw(view, this.ctx) || null;
        if (shownNode) shownNode.replaceWith(...(node ? [node] : []));
        else if (node && previous) previous.after(node);
        else if (node) this.body.prepend(node);
        this.shown.set(name, [key, node]);
      }
      if (node) previous = node;
    }
  }
}

// The result pane: Python's reply ({ok, view} or {ok: false, empty, errors}) placed as it is.
// The verdict and the details come from the view alone; errors go beside their fields, and the
// ones no field shows above the details.

import { el } from "./calculator-dom.mjs";
import { Details } from "./calculator-details.mjs";
import { showFieldErrors } from "./calculator-errors.mjs";
import { Verdict } from "./calculator-verdict.mjs";

function labelsOf(root) {
  try {
    return JSON.parse(root.dataset.calculatorLabels || "{}");
  } catch {
    return {};
  }
}

export class ResultPane {
  constructor(root) {
    this.form = root.querySelector("form");
    this.region = root.querySelector('[data-testid="calculator-result"]');
    this.body = this.region.querySelector("[data-result-body]");
    this.labels = labelsOf(root);
    const h = `h${Math.min(6, Number(root.dataset.headingLevel || 3) + 1)}`;
    this.verdict = new Verdict(this.region);
    this.details = new Details(this.body, { h, labels: this.labels, base: root.dataset.referencesUrl || "" });
    this.errorsNode = null;
  }

  setStale(stale) {
    this.verdict.setStale(stale);
  }

  render(response) {
    const general = showFieldErrors(this.form, response.ok ? [] : response.errors || []);
    const view = response.ok ? response.view : null;
    if (this.errorsNode) this.errorsNode.remove();
    this.errorsNode = null;
    this.verdict.render(view, response.empty ? "empty" : view ? "result" : "invalid");
    if (view) return this.details.render(view);
    this.details.clear();
    if (!response.empty && general.length) {
      this.errorsNode = el("ul", { class: "guide-result__errors" }, ...general.map((e) => el("li", {}, e.message)));
      this.body.prepend(this.errorsNode);
    }
  }
}

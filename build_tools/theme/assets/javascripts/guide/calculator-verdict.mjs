// The verdict (title, why, HER2 and dose line, alerts), the result's page attributes and the print
// stamp, placed from the view Python built. Without a result nothing of the last one stays.

import { el, setText } from "./calculator-dom.mjs";

export class Verdict {
  constructor(region) {
    const part = (name) => region.querySelector(`[data-${name}]`);
    this.region = region;
    this.title = part("verdict-title");
    this.why = part("verdict-why");
    this.meta = part("verdict-meta");
    this.her2 = part("verdict-her2");
    this.dose = part("verdict-dose");
    this.alerts = part("verdict-alerts");
    this.updating = part("verdict-updating");
    this.stamp = part("print-stamp");
    this.placeholder = this.title.textContent; // written at build time, as is data-invalid
    this.shownAlerts = "[]";
  }

  // Stale: what is shown was computed from values the form no longer holds. aria-busy tells
  // assistive technology; the style sheet greys the old result.
  setStale(stale) {
    if (stale) this.region.setAttribute("aria-busy", "true");
    else this.region.removeAttribute("aria-busy");
    this.updating.hidden = !stale;
  }

  // The lines that must be read without opening the details.
  setAlerts(alerts) {
    const key = JSON.stringify(alerts);
    if (key !== this.shownAlerts) {
      this.alerts.replaceChildren(...alerts.map((a) => el("li", { "data-alert": a.code }, a.text)));
      this.shownAlerts = key;
    }
    this.alerts.hidden = alerts.length === 0;
  }

  // CONTRIBUTING.md#page: data-her2-status and data-eligibility mirror the result (empty without).
  render(view, state) {
    this.region.dataset.her2Status = view ? view.her2_status : "";
    this.region.dataset.eligibility = view ? view.eligibility : "";
    this.region.dataset.state = state;
    setText(this.title, view ? view.verdict.title : state === "empty" ? this.placeholder : this.title.dataset.invalid);
    if (view) this.title.dataset.eligibility = view.verdict.code;
    else delete this.title.dataset.eligibility;
    setText(this.why, view ? view.verdict.why : "");
    setText(this.her2, view ? view.her2 : "");
    setText(this.dose, view ? view.dose_line : "");
    this.meta.hidden = !view;
    this.setAlerts(view ? view.verdict.alerts : []);
    setText(this.stamp, view ? view.print_stamp : "");
  }
}

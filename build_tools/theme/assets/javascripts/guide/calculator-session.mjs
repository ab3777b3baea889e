// One mounted calculator: every edit sends the form's values to Python and places the view it
// returns; an edit made while Python is busy is evaluated next (identical values are not re-sent).

import { formFields, markEmptyGroups } from "./calculator-form.mjs";
import { urlMirror } from "./calculator-link.mjs";
import { verdictRevealer } from "./calculator-reveal.mjs";
import { ResultPane } from "./calculator-result.mjs";

export function session(root, runtime) {
  const form = root.querySelector("form");
  const status = root.querySelector("[data-calculator-copied]");
  const pane = new ResultPane(root);
  const waiting = []; // resolved once the result on screen is current again
  const reveal = verdictRevealer(root, form, pane.region.querySelector("[data-verdict]"));
  const mirrorUrl = urlMirror(root, form);
  let inFlight = false;
  let sent = null; // the values last sent (JSON text)
  const s = {
    ...{ root, form, runtime, pane, labels: pane.labels, shownOk: false, revealPending: false },
    setStatus(text) {
      if (status.textContent !== text) status.textContent = text;
    },
    current: () => (pane.region.hasAttribute("aria-busy") ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve()),
    sentEmpty: () => !sent || sent === "{}",
  };
  s.compute = async function compute() {
    if (runtime.state.name !== "ready" || inFlight) return;
    const fields = JSON.stringify(formFields(form));
    if (fields === sent) {
      // The result on screen was computed from exactly these values: it is current again.
      pane.setStale(false);
      for (const resolve of waiting.splice(0)) resolve();
      return;
    }
    inFlight = true;
    sent = fields;
    const request = `{"fields":${fields},"context":${JSON.stringify({ review: root.dataset.reviewWords || "" })}}`;
    const response = JSON.parse(await runtime.evaluateFormText(request));
    inFlight = false;
    if (!root.isConnected) return;
    pane.render(response);
    markEmptyGroups(form);
    s.shownOk = Boolean(response.ok);
    root.dispatchEvent(new CustomEvent("calculator:rendered"));
    mirrorUrl();
    if (s.revealPending) {
      // Opened from a shared link: bring the calculator to the reader, verdict first.
      s.revealPending = false;
      root.scrollIntoView({ block: "start", behavior: "instant" });
    } else if (!response.empty) {
      reveal();
    }
    compute(); // typed again while Python was busy: evaluate the newest values
  };
  return s;
}

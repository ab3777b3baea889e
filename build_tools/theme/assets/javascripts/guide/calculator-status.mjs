// The runtime's state on the page: data-calculator-state (CONTRIBUTING.md#page), the progress bar
// and the state line, which names a shared link's values left out (`link`: {ignored, unapplied},
// from calculator-link.mjs). `onReady` runs each time Python is ready.

import { say } from "./messages.mjs";

const STAGES = { starting: 0, runtime: 1, calculator: 2, ready: 3 };

// A field by its label as the reader sees it ("IHC score"), not its input name; the unit choice
// beside the weight has no <label>, only an aria-label.
function labelOf(form, name) {
  const control = form.elements.namedItem(name);
  if (!control) return name;
  const label = control.labels && control.labels[0];
  return label ? label.textContent.trim() : control.getAttribute("aria-label") || name;
}

export function showRuntimeState(root, runtime, link, onReady) {
  const form = root.querySelector("form");
  const message = root.querySelector("[data-calculator-message]");
  const progress = root.querySelector("[data-calculator-progress]");
  runtime.subscribe((state) => {
    form.dataset.calculatorState = state.name;
    root.dataset.calculatorState = state.name; // for the state line's style
    if (state.mode) form.dataset.calculatorRuntime = state.mode;
    if (progress) progress.value = STAGES[state.stage] ?? 0;
    if (state.name === "loading") message.textContent = say("loading");
    if (state.name === "error") message.textContent = state.message;
    if (state.name === "ready") {
      const [ignored, unapplied] = [link.ignored, link.unapplied].map((names) => names.map((n) => labelOf(form, n)).join(", "));
      const ready = ignored ? say("ready_ignored", { fields: ignored }) : say("ready");
      message.textContent = unapplied ? `${ready} ${say("link_unapplied", { fields: unapplied })}` : ready;
      if (progress) progress.hidden = true;
      onReady();
    }
  });
}

// The runtime's state on the page: data-calculator-state (CONTRIBUTING.md#page), the progress bar
// and the state line. `onReady` runs each time Python is ready.

import { say } from "./messages.mjs";

const STAGES = { starting: 0, runtime: 1, calculator: 2, ready: 3 };

export function showRuntimeState(root, runtime, ignored, onReady) {
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
      message.textContent = ignored.length ? say("ready_ignored", { fields: ignored.join(", ") }) : say("ready");
      if (progress) progress.hidden = true;
      onReady();
    }
  });
}

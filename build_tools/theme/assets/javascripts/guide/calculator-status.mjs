// The runtime's state on the page: data-calculator-state (CONTRIBUTING.md#page), the progress bar
// and the state line. `onReady` runs each time Python is ready.

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
    if (state.name === "loading") message.textContent = "Loading the calculator (Python in your browser)…";
    if (state.name === "error") message.textContent = state.message;
    if (state.name === "ready") {
      message.textContent = ignored.length
        ? `Ready. Ignored invalid link values for: ${ignored.join(", ")}.`
        : "Ready. Results update as you type; nothing leaves this page.";
      if (progress) progress.hidden = true;
      onReady();
    }
  });
}

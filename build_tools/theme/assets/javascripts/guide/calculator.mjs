// Glue between the calculator form and `calculator` running under Pyodide (see runtime.mjs).
// Python decides and words everything (calculator.words.view.build); these controllers place its
// text with DOM text nodes only (never innerHTML) and wire events:
//   calculator-form      which fields apply, the values as typed
//   calculator-session   the evaluate loop: values -> Python -> the result pane
//   calculator-result    the pane: calculator-verdict, calculator-details, calculator-errors
//   calculator-events    input, reset, details toggle, "Missing" links
//   calculator-actions   print, copy summary, copy link;  calculator-link: the URL state
//   calculator-status    the runtime's state line

import { wireActions } from "./calculator-actions.mjs";
import { el } from "./calculator-dom.mjs";
import { wireEvents } from "./calculator-events.mjs";
import { restoreFromUrl } from "./calculator-link.mjs";
import { learnMessages, say } from "./messages.mjs";
import { session } from "./calculator-session.mjs";
import { showRuntimeState } from "./calculator-status.mjs";
import { onEveryPage } from "./page.mjs";
import { getRuntime } from "./runtime.mjs";

function mount(root) {
  if (root.dataset.mounted === "true") return;
  root.dataset.mounted = "true";
  learnMessages(root);
  const runtime = getRuntime(root);
  const s = session(root, runtime);
  const { restored, ignored, unapplied } = restoreFromUrl(s.form);
  s.revealPending = restored;
  if (restored) {
    // A shared link: start Python now (not only when the reader nears the calculator) and
    // bring the calculator into view while it loads.
    if (typeof runtime.start === "function") runtime.start();
    root.scrollIntoView({ block: "start", behavior: "instant" });
  }
  wireEvents(s);
  wireActions(s);
  showRuntimeState(root, runtime, { ignored, unapplied }, () => s.compute());
}

function ensureSkipLink(hasCalculator) {
  let link = document.querySelector("[data-guide-skip-calculator]");
  if (!hasCalculator) return link && link.remove();
  if (link) return;
  link = el("a", { href: "#calc-indication", class: "md-skip guide-skip-calculator", "data-guide-skip-calculator": "" }, say("skip_to_calculator"));
  const skip = document.querySelector('[data-md-component="skip"]');
  if (skip) skip.after(link);
  else document.body.prepend(link);
}

function mountAll() {
  const roots = document.querySelectorAll("[data-calculator]");
  for (const root of roots) learnMessages(root);
  ensureSkipLink(roots.length > 0);
  for (const root of roots) mount(root);
}

// Capture phase, before Material's instant navigation handles the same click as a link.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest && event.target.closest("[data-guide-skip-calculator]");
    const field = link && document.getElementById("calc-indication");
    if (!field) return;
    event.preventDefault();
    event.stopPropagation();
    field.closest("[data-calculator]").scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  },
  true,
);

onEveryPage(mountAll);

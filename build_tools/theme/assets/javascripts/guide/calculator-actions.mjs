// The form's buttons: Print (the calculator alone), Copy summary (Python writes it) and Copy link
// (the URL that reopens the result on screen). `session` is the mounted calculator's state.

import { formFields } from "./calculator-form.mjs";
import { shareUrl } from "./calculator-link.mjs";
import { say } from "./messages.mjs";

const LOADING = "still_loading";
const INVALID = "copy_invalid";
const EMPTY = "copy_empty";

function printCalculator(root) {
  // The printed record is the calculator alone: its ancestors are marked, so the print style
  // sheet can leave out everything beside them.
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
}

async function copy(session, text, done) {
  try {
    await navigator.clipboard.writeText(text);
    session.setStatus(say(done));
  } catch {
    session.setStatus(say("copy_blocked"));
  }
}

export function wireActions(session) {
  const { root, form, runtime } = session;
  const button = (action, handler) => form.querySelector(`[data-action="${action}"]`).addEventListener("click", handler);
  button("print", () => printCalculator(root));
  button("copy", async () => {
    if (runtime.state.name !== "ready") return session.setStatus(say(LOADING));
    // What only the page knows; Python words it (the review state is sent as its code).
    const references = Object.fromEntries(Object.entries(session.labels.references || {}).map(([k, v]) => [k, v.label]));
    const context = { review: root.dataset.reviewWords || "", link: shareUrl(form), references };
    const reply = JSON.parse(await runtime.summaryText(JSON.stringify({ fields: formFields(form), context })));
    if (!reply.ok) return session.setStatus(say(reply.empty ? EMPTY : INVALID));
    await copy(session, reply.summary, "summary_copied");
  });
  button("copy-link", async () => {
    if (runtime.state.name !== "ready") return session.setStatus(say(LOADING));
    await session.current(); // never the link of a result that is being replaced
    if (!session.shownOk) return session.setStatus(say(session.sentEmpty() ? EMPTY : INVALID));
    await copy(session, shareUrl(form), "link_copied");
  });
}

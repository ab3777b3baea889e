// The form's events: every edit makes what is shown stale until Python has evaluated the new
// values; "Missing" links focus their field; the details toggle opens and closes the details.

import { focusField } from "./calculator-errors.mjs";
import { syncVisibility } from "./calculator-form.mjs";

const PHONE = window.matchMedia("(max-width: 44.984375em)");

export function wireEvents(s) {
  const { root, form, pane } = s;
  const region = pane.region;
  const toggle = root.querySelector('[data-action="details"]');
  const onInput = (event) => {
    if (event.target && event.target.name) syncVisibility(form);
    s.setStatus(""); // a copied/blocked message is stale as soon as the form changes
    pane.setStale(true);
    s.compute();
  };
  // `input` fires for every edit of text fields and for select changes; `change` would only
  // repeat it (and evaluate twice), so it is not listened to.
  form.addEventListener("input", onInput);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    pane.setStale(true);
    setTimeout(() => {
      syncVisibility(form);
      s.setStatus("");
      s.compute();
    }, 0);
  });
  // The toggle's two labels are written at build time (data-label-open / data-label-closed).
  function setExpanded(open) {
    region.dataset.expanded = String(open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? toggle.dataset.labelOpen : toggle.dataset.labelClosed;
  }
  toggle.addEventListener("click", () => setExpanded(region.dataset.expanded !== "true"));
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-focus-field]");
    if (!link) return;
    // Not a navigation: Material's instant navigation (on document) must not see it.
    event.preventDefault();
    event.stopPropagation();
    if (PHONE.matches) setExpanded(false);
    focusField(form, link.dataset.focusField);
  });
}

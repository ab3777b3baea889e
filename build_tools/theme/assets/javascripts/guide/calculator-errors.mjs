// Python's input errors placed beside the fields they name (aria-invalid and the field's error
// line); the errors no field shows are returned for the result pane. The words are Python's.

import { controls } from "./calculator-form.mjs";

function setError(form, control, messages) {
  const box = form.querySelector(`#${control.id}-error`);
  if (messages) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
  if (box) {
    box.textContent = messages ? messages.join(" ") : "";
    box.hidden = !messages;
  }
}

export function showFieldErrors(form, errors) {
  const byField = new Map();
  for (const error of errors) {
    if (error.field && form.elements.namedItem(error.field)) {
      byField.set(error.field, [...(byField.get(error.field) || []), error.message]);
    }
  }
  for (const c of controls(form)) {
    const messages = byField.get(c.name);
    if (messages || c.getAttribute("aria-invalid") === "true") setError(form, c, messages);
  }
  return errors.filter((e) => !(e.field && byField.has(e.field)));
}

// A "Missing" item's link: the field it names gets the focus (not a navigation).
export function focusField(form, name) {
  const control = form.elements.namedItem(name);
  if (!control || typeof control.focus !== "function") return;
  control.focus({ preventScroll: true });
  control.scrollIntoView({ block: "center" });
}

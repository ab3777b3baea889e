// The form's controls and values: which fields apply (declarative `data-show-when`, written at
// build time from calculator.words.fields) and the values as typed. Python reads the numbers and
// turns pounds into kilograms; nothing here parses or converts.

// CONTRIBUTING.md#page: the weight may be typed in pounds, with the unit choice beside it.
export const WEIGHT_UNIT = "weight_unit";

export function controls(form) {
  return [...form.elements].filter((c) => c.name && c.type !== "button" && c.type !== "reset");
}

// data-show-when="field=a|b;other=c": shown only while each named field has one of its values
// ("" = empty).
function applies(form, rule) {
  if (!rule) return true;
  return rule.split(";").every((condition) => {
    const [name, values] = condition.split("=");
    const control = form.elements.namedItem(name);
    return Boolean(control) && values.split("|").includes(control.value);
  });
}

export function syncVisibility(form) {
  for (const node of form.querySelectorAll("[data-show-when]")) {
    const visible = applies(form, node.dataset.showWhen);
    if (node.tagName === "OPTION") {
      node.hidden = !visible;
      node.disabled = !visible;
      const select = node.parentElement;
      if (!visible && select.value === node.value) select.value = "";
    } else if (node.hidden === visible) {
      // (A help text with data-show-when has no controls: hiding it is all.)
      node.hidden = !visible;
      for (const c of node.querySelectorAll("input, select")) c.disabled = !visible;
    }
  }
}

// For the printed record: a group with nothing entered is left out.
export function markEmptyGroups(form) {
  for (const group of form.querySelectorAll("fieldset")) {
    const filled = [...group.querySelectorAll("input, select")].some((c) => c.name !== WEIGHT_UNIT && !c.disabled && c.value !== "");
    group.toggleAttribute("data-empty", !filled);
  }
}

// The values Python evaluates, as text by input name (weight_unit only when it is "lb").
export function formFields(form) {
  const fields = {};
  for (const c of controls(form)) {
    if (c.name !== WEIGHT_UNIT && !c.disabled && c.value !== "") fields[c.name] = c.value;
  }
  const unit = form.elements.namedItem(WEIGHT_UNIT);
  if (unit && unit.value === "lb" && fields.weight_kg !== undefined) fields[WEIGHT_UNIT] = "lb";
  return fields;
}

// The values a shared link carries (the unit only when it is not the default kg).
export function linkFields(form) {
  const raw = {};
  for (const c of controls(form)) if (!c.disabled && c.value !== "") raw[c.name] = c.value;
  if (raw[WEIGHT_UNIT] === "kg") delete raw[WEIGHT_UNIT];
  return raw;
}

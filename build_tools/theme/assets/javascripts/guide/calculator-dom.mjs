// DOM helpers of the calculator's controllers: elements built from text nodes only (never
// innerHTML), and a text setter that hides an element with nothing to say.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Place `value` in `node` (untouched when unchanged); an empty value hides the node.
export function setText(node, value) {
  if (node.textContent !== value) node.textContent = value;
  node.hidden = value === "";
}

// A heading followed by a list: one part of the result's details.
export function section(kind, heading, items) {
  if (!items || items.length === 0) return null;
  return el("div", { class: `guide-result__${kind.class}` }, el(kind.h, {}, heading), el("ul", {}, ...items));
}

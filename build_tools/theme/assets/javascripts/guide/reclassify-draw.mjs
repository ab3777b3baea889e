// Drawing for the "Re-classify a file" tool: DOM text nodes and SVG elements only (never
// innerHTML), from the words Python returned (calculator.words.reclassify_view).

const SVG = "http://www.w3.org/2000/svg";

export function text(tag, value, attrs = {}) {
  const node = document.createElement(tag);
  for (const [key, v] of Object.entries(attrs)) node.setAttribute(key, v);
  node.textContent = value;
  return node;
}

function svg(tag, attrs = {}, value = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, v] of Object.entries(attrs)) node.setAttribute(key, String(v));
  if (value !== null) node.textContent = value;
  return node;
}

// Horizontal bars, one per change, longest first (Python sorted them and wrote the labels).
export function chart(view) {
  const items = view.changes;
  const box = document.createElement("div");
  if (items.length === 0) {
    box.append(text("p", view.no_change));
    return box;
  }
  const bar = 22, gap = 8, labelWidth = 260, width = 640;
  const height = items.length * (bar + gap) + gap;
  const peak = Math.max(...items.map((item) => item.count));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "reclassify-chart-title", class: "guide-reclassify__chart" });
  root.append(svg("title", { id: "reclassify-chart-title" }, view.chart_title));
  items.forEach((item, i) => {
    const y = gap + i * (bar + gap);
    const w = Math.max(1, Math.round(((width - labelWidth - 70) * item.count) / peak));
    root.append(
      svg("text", { x: labelWidth - 8, y: y + bar * 0.7, "text-anchor": "end" }, item.label),
      svg("rect", { x: labelWidth, y, width: w, height: bar, class: "guide-reclassify__bar" }),
      svg("text", { x: labelWidth + w + 6, y: y + bar * 0.7 }, item.count_text),
    );
  });
  box.append(root);
  return box;
}

// Fills one of the page's empty tables from {caption, head, rows}; hidden when it has no rows.
export function fillTable(box, table) {
  const shown = Boolean(table) && table.rows.length > 0;
  box.hidden = !shown;
  box.querySelector("caption").textContent = shown ? table.caption : "";
  box.querySelector("thead tr").replaceChildren(...(shown ? table.head : []).map((h) => text("th", h, { scope: "col" })));
  box.querySelector("tbody").replaceChildren(
    ...(shown ? table.rows : []).map(([first, ...rest]) => {
      const tr = document.createElement("tr");
      tr.append(text("th", first, { scope: "row" }), ...rest.map((cell) => text("td", cell)));
      return tr;
    }),
  );
}

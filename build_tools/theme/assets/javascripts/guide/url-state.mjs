// The calculator's URL mirror: the form's values live in the query string so a result can be
// shared, and a shared link restores them. Values are untrusted text: they are only ever
// assigned as control values, never parsed as HTML.

// Set each control named in the query `search` to its value; a select keeps its value when the
// query names an option it does not have. Returns the names of the values so ignored.
export function restoreControls(search, controls) {
  const params = new URLSearchParams(search);
  const ignored = [];
  for (const control of controls) {
    if (!params.has(control.name)) continue;
    const value = params.get(control.name);
    const isSelect = control.tagName === "SELECT";
    if (isSelect && ![...control.options].some((o) => o.value === value)) ignored.push(control.name);
    else control.value = value;
  }
  return ignored;
}

// The names the query `search` gave a value that the laid-out form does not use: the field does
// not apply to the other values (it is disabled), or its option was withdrawn (the select was
// reset). Call after syncVisibility: a shared link's value is never dropped without a word. (A
// text box's value is not compared: the browser strips line breaks from what it is given.)
export function unappliedControls(search, controls) {
  const params = new URLSearchParams(search);
  const withdrawn = (c) => c.tagName === "SELECT" && c.value !== params.get(c.name);
  return controls.filter((c) => params.get(c.name) && (c.disabled || withdrawn(c))).map((c) => c.name);
}

// The page's URL with `fields` (name -> text) as its query; path and fragment unchanged.
export function mirroredUrl(location, fields) {
  const query = new URLSearchParams(fields).toString();
  return `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
}

// The calculator's state in the URL: a shared link fills the form; the URL mirrors the inputs
// once typing pauses (history.replaceState costs Chromium ~20 ms a call and is rate-limited, far
// more than a recompute, so it never runs per keystroke).

import { controls, linkFields, syncVisibility } from "./calculator-form.mjs";
import { mirroredUrl, restoreControls, unappliedControls } from "./url-state.mjs";

const URL_DELAY_MS = 250;

// Fill the form from the page's query string: values are untrusted and only ever assigned as
// control values. Returns {restored: any value taken, ignored: names of refused values,
// unapplied: names of values the form does not use once laid out (a setting given with
// metastatic disease)}. Both lists are named to the reader.
export function restoreFromUrl(form) {
  const search = window.location.search;
  const ignored = restoreControls(search, controls(form));
  syncVisibility(form);
  const unapplied = unappliedControls(search, controls(form)).filter((name) => !ignored.includes(name));
  const named = new URLSearchParams(search);
  const restored = controls(form).some((c) => named.has(c.name) && !ignored.includes(c.name));
  return { restored, ignored, unapplied };
}

export function shareUrl(form) {
  const path = mirroredUrl({ pathname: window.location.pathname, hash: "#calculator" }, linkFields(form));
  return `${window.location.origin}${path}`;
}

// The mirror writes only while the reader is still on the calculator's page: instant navigation
// moves the URL to the next page before it swaps the content out, and a write then would put the
// calculator's query on that page's address.
export function urlMirror(root, form) {
  const page = window.location.pathname;
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!root.isConnected || window.location.pathname !== page) return;
      window.history.replaceState(window.history.state, "", mirroredUrl(window.location, linkFields(form)));
    }, URL_DELAY_MS);
  };
}

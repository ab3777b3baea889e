// Material's own chrome, fitted to this guide (layout and names only; no text of its own):
//  - while any part of a calculator is on screen, <html> carries `guide-calculator-on-screen`,
//    and guide.css hides "Back to top" (on a phone it would lie over the review line and form);
//  - the review-status icon Material puts beside a page in the navigation is explained to
//    everyone: its title (extra.status, written by guide/editorial) is the tooltip of the whole
//    link and its accessible description, so a screen reader hears "Trastuzumab, link, Review
//    status: Submitted (pending human review)" while the link's name stays "Trastuzumab";
//  - a copy served at another address than its build's site_url shows the notice main.html
//    wrote (hidden): the two addresses go in as text, never as HTML.

import { onEveryPage } from "./page.mjs";

const ON_SCREEN = "guide-calculator-on-screen";
let observer = null;

function watchCalculators() {
  if (observer) observer.disconnect();
  const root = document.documentElement;
  root.classList.remove(ON_SCREEN);
  const calculators = document.querySelectorAll("[data-calculator]");
  if (calculators.length === 0 || typeof IntersectionObserver !== "function") return;
  const visible = new Set();
  observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) visible.add(entry.target);
      else visible.delete(entry.target);
    }
    root.classList.toggle(ON_SCREEN, visible.size > 0);
  });
  for (const calculator of calculators) observer.observe(calculator);
}

function nameStatusIcons() {
  for (const icon of document.querySelectorAll(".md-status[title]")) {
    const link = icon.closest("a");
    if (!link || link.title) continue;
    link.title = icon.title;
    icon.setAttribute("aria-hidden", "true");
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function addressNotice() {
  const notice = document.querySelector("[data-guide-built-for]");
  if (!notice) return;
  let built;
  try {
    built = new URL(notice.dataset.guideBuiltFor);
  } catch {
    return;
  }
  const here = window.location;
  const same = built.origin === here.origin && here.pathname.startsWith(built.pathname);
  notice.hidden = same;
  if (same) return;
  notice.querySelector("[data-address-built]").textContent = built.href;
  notice.querySelector("[data-address-here]").textContent = here.protocol === "file:" ? here.href : `${here.origin}/`;
  const local = LOOPBACK.has(built.hostname) && LOOPBACK.has(here.hostname) && here.port !== "";
  notice.querySelector("[data-address-local]").hidden = !local;
  if (local) notice.querySelector("[data-address-port]").textContent = here.port;
}

onEveryPage(() => {
  watchCalculators();
  nameStatusIcons();
  addressNotice();
});

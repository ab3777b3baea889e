// Keeps Material's own chrome off the calculator: while any part of a calculator is on screen,
// <html> carries `guide-calculator-on-screen`, and guide.css hides the "Back to top" button
// (it would lie over the review line and the form on a phone). No text, no rule: layout only.

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

onEveryPage(watchCalculators);

// Audience personalization: the reader's answer to "Which best describes you?" decides which
// `/// audience` blocks show. The choice is `<html data-guide-audience="...">`; CSS does the
// showing and hiding (guide.css), so this module only keeps the attribute, the radios and
// localStorage in step. audience-early.js applied the stored choice before the content was
// parsed; this module runs on every page, including after Material's instant navigation.

import { onEveryPage } from "./page.mjs";

// The audience list, default and storage key come from the build (<meta name="guide-audiences">,
// theme main.html <- build_tools/constants.py and build_tools/audience/audiences.py).
const META = document.querySelector('meta[name="guide-audiences"]');
const AUDIENCES = (META?.content || "").split(" ").filter(Boolean);
const DEFAULT = META?.dataset.default || "";
const KEY = META?.dataset.storageKey || "guide.audience";
const SELECTOR = "[data-guide-audience-selector]";

function stored() {
  try {
    const value = window.localStorage.getItem(KEY);
    return AUDIENCES.includes(value) ? value : null;
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

function store(value) {
  try {
    window.localStorage.setItem(KEY, value);
  } catch {
    // storage disabled or full: keep the choice for this page only
  }
}

function current() {
  const value = document.documentElement.dataset.guideAudience;
  return AUDIENCES.includes(value) ? value : stored() || DEFAULT;
}

function apply(value) {
  document.documentElement.dataset.guideAudience = value;
  for (const selector of document.querySelectorAll(SELECTOR)) {
    for (const input of selector.querySelectorAll('input[name="guide-audience"]')) {
      input.checked = input.value === value;
    }
  }
}

function announce(selector, input) {
  const status = selector.querySelector('[role="status"]');
  if (!status) return;
  const label = input.closest("label")?.textContent.trim().toLowerCase() || input.value;
  // The sentence is the build's (build_tools/audience/selector.py): this fills in the label.
  status.textContent = (status.dataset.announce || "{label}").replace("{label}", label);
}

function mount(selector) {
  selector.hidden = false;
  if (selector.dataset.guideAudienceMounted) return;
  selector.dataset.guideAudienceMounted = "true";
  selector.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== "guide-audience") return;
    if (!AUDIENCES.includes(input.value)) return;
    store(input.value);
    apply(input.value);
    announce(selector, input);
  });
}

// Folded sections (build_tools/audience/folds.py): CSS folds them for the audiences they name;
// the button opens and closes one, and a link to something inside a folded section opens it.
const FOLD = ".guide-fold";

function setOpen(section, open) {
  section.classList.toggle("guide-fold--open", open);
  const button = section.querySelector(":scope > .guide-fold__bar > .guide-fold__toggle");
  if (!button) return;
  button.setAttribute("aria-expanded", String(open));
  // Both words are the build's (build_tools/audience/folds.py), on the button itself.
  const words = open ? button.dataset.labelOpen : button.dataset.labelClosed;
  if (words) button.textContent = words;
}

function revealHash() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let section = target.closest(FOLD); section; section = section.parentElement?.closest(FOLD)) {
    if (target !== section.querySelector(":scope > h2")) setOpen(section, true);
  }
}

function mountFolds() {
  for (const button of document.querySelectorAll(".guide-fold__toggle")) button.hidden = false;
  revealHash();
}

document.addEventListener("click", (event) => {
  const button = event.target instanceof Element && event.target.closest(".guide-fold__toggle");
  if (!button) return;
  const section = button.closest(FOLD);
  if (section) setOpen(section, button.getAttribute("aria-expanded") !== "true");
});
window.addEventListener("hashchange", revealHash);

function init() {
  apply(stored() || current());
  for (const selector of document.querySelectorAll(SELECTOR)) mount(selector);
  mountFolds();
}

// Another tab changed the choice: follow it.
window.addEventListener("storage", (event) => {
  if (event.key === KEY && AUDIENCES.includes(event.newValue)) apply(event.newValue);
});

onEveryPage(init);

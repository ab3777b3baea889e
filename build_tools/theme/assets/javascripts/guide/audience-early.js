// Audience personalization, first step (classic script, placed right after the selector): apply
// the stored choice before the page's audience blocks are parsed, so the wrong view never
// flashes, and show the selector. audience.mjs (a module, so it runs later) handles changes and
// Material's instant navigation. The names and the storage key come from the build
// (<meta name="guide-audiences">, written by the theme's main.html).
(function () {
  var meta = document.querySelector('meta[name="guide-audiences"]');
  if (!meta) return;
  var audiences = meta.getAttribute("content").split(" ");
  var value;
  try {
    value = window.localStorage.getItem(meta.getAttribute("data-storage-key"));
  } catch {
    value = null; // storage blocked (privacy settings): the default view
  }
  var selector = document.currentScript && document.currentScript.previousElementSibling;
  var fallback = meta.getAttribute("data-default");
  if (audiences.indexOf(value) < 0) value = fallback;
  document.documentElement.setAttribute("data-guide-audience", value);
  if (selector && selector.hasAttribute("data-guide-audience-selector")) {
    var input = selector.querySelector('input[name="guide-audience"][value="' + value + '"]');
    if (input) input.checked = true;
    selector.hidden = false;
  }
})();

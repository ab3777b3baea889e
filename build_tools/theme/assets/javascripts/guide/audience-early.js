// Audience personalization, first step (classic script, placed right after the selector): apply
// the stored choice before the page's audience blocks are parsed, so the wrong view never
// flashes, and show the selector. audience.mjs (a module, so it runs later) handles changes and
// Material's instant navigation. Keep the key and names in step with audience.mjs.
(function () {
  var audiences = ["patient", "student", "professional"];
  var value;
  try {
    value = window.localStorage.getItem("guide.audience");
  } catch {
    value = null; // storage blocked (privacy settings): the default view
  }
  var selector = document.currentScript && document.currentScript.previousElementSibling;
  var fallback = (selector && selector.getAttribute("data-default")) || "professional";
  if (audiences.indexOf(value) < 0) value = fallback;
  document.documentElement.setAttribute("data-guide-audience", value);
  if (selector && selector.hasAttribute("data-guide-audience-selector")) {
    var input = selector.querySelector('input[name="guide-audience"][value="' + value + '"]');
    if (input) input.checked = true;
    selector.hidden = false;
  }
})();

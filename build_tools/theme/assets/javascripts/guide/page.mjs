// Mount a page's components on every page: Material's instant navigation swaps pages without
// re-running modules (ES modules execute once), so `mount` follows its `document$` observable;
// without instant navigation it runs once the document is parsed.
export function onEveryPage(mount) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
}

"""Every built page, loaded in Chromium: zero requests to another origin, zero console errors,
zero Content-Security-Policy violations, and no relative URL left for Material to rewrite."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.conftest import wait_until_ready

CSP_PROBE = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"
)

#: Counts what Material's instant navigation rewrites once its bundle runs: it assigns the
#: resolved URL (`el.href = el.href`) to each element whose href or src is relative. Issue 24:
#: on the article that restyled and laid out the whole page again (about 0.45 s of a phone's
#: main thread); absolute-urls.js makes them absolute while the page is parsed, with
#: setAttribute, so none is left for the bundle.
LATE_REWRITES = """
window.__lateRewrites = [];
for (const [type, key] of [[HTMLAnchorElement, "href"], [HTMLLinkElement, "href"],
                           [HTMLScriptElement, "src"], [HTMLImageElement, "src"]]) {
  const property = Object.getOwnPropertyDescriptor(type.prototype, key);
  Object.defineProperty(type.prototype, key, {
    ...property,
    set(value) {
      const before = this.getAttribute(key);
      if (before && !/^(?:[a-z]+:)?\\/\\//i.test(before)) window.__lateRewrites.push(before);
      property.set.call(this, value);
    },
  });
}
"""


def site_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if p.name != "404.html" and not p.relative_to(site).as_posix().startswith("bench-")
    )


def test_every_page_stays_on_this_origin_without_errors(page: Page, built_site: Path) -> None:
    page.context.add_init_script(CSP_PROBE)
    page.context.add_init_script(LATE_REWRITES)
    pages = site_pages(built_site)
    assert len(pages) >= 5
    violations = {}
    rewritten = {}
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("load")
        if page.locator("[data-calculator]").count():
            page.locator("[data-calculator]").scroll_into_view_if_needed()  # starts Python
            wait_until_ready(page, timeout=60_000)
        found = page.evaluate("window.__csp")
        if found:
            violations[path] = found
        late = page.evaluate("window.__lateRewrites")
        if late:
            rewritten[path] = late[:5]
    assert violations == {}
    assert rewritten == {}
    # The `page` fixture asserts no foreign request and no console error on teardown.
    print(f"walked {len(pages)} pages")

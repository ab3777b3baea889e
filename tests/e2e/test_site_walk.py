"""Every built page, loaded in Chromium: zero requests to another origin, zero console errors,
zero Content-Security-Policy violations."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.conftest import wait_until_ready

CSP_PROBE = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"
)


def site_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if p.name != "404.html" and not p.relative_to(site).as_posix().startswith("bench-")
    )


def test_every_page_stays_on_this_origin_without_errors(page: Page, built_site: Path) -> None:
    page.context.add_init_script(CSP_PROBE)
    pages = site_pages(built_site)
    assert len(pages) >= 5
    violations = {}
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("load")
        if page.locator("[data-calculator]").count():
            page.locator("[data-calculator]").scroll_into_view_if_needed()  # starts Python
            wait_until_ready(page, timeout=60_000)
        found = page.evaluate("window.__csp")
        if found:
            violations[path] = found
    assert violations == {}
    # The `page` fixture asserts no foreign request and no console error on teardown.
    print(f"walked {len(pages)} pages")

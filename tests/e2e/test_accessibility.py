"""axe-core (npm, pinned) on every page, in light and dark schemes: no serious or critical
violation. Axe is injected as a script, so these contexts bypass the CSP (tests only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.e2e.conftest import wait_until_ready
from tests.e2e.test_site_walk import site_pages

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  });
  return {
    rules: result.passes.length + result.violations.length + result.incomplete.length,
    violations: result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`),
  };
}"""


#: Material's two palettes (mkdocs.yml): light ("default") and dark ("slate").
SCHEMES = ("default", "slate")


def _scheme(page: Page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def _switch_scheme(page: Page) -> str:
    """Click the header's palette toggle, as a reader does, and wait for the other scheme."""
    other = SCHEMES[1 - SCHEMES.index(_scheme(page))]
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(
        "(s) => document.body.dataset.mdColorScheme === s",
        arg=other,
    )
    return other


def _both_schemes(page: Page) -> Iterator[str]:
    """The page's scheme; then, switched, the other one."""
    yield _scheme(page)
    yield _switch_scheme(page)


def test_no_serious_axe_violations_on_any_page_in_either_scheme(
    browser: Browser, site_server: str, built_site: Path
) -> None:
    """Each page is loaded once and checked in both schemes: the first in the dark scheme the
    browser asks for (prefers-color-scheme), then each page in the scheme the last one was left
    in (Material keeps the reader's choice) and, toggled, in the other."""
    assert AXE.is_file(), "axe-core is installed by `npm ci`"
    ctx = browser.new_context(base_url=site_server, bypass_csp=True, color_scheme="dark")
    page = ctx.new_page()
    found: dict[str, list[str]] = {}
    checked: dict[str, set[str]] = {}
    rules = 0
    for path in site_pages(built_site):
        page.goto(path)
        if not checked:
            assert _scheme(page) == "slate", "the dark scheme the browser prefers"
        if page.locator("[data-calculator]").count():
            page.locator("[data-calculator]").scroll_into_view_if_needed()  # starts Python
            wait_until_ready(page, timeout=60_000)
            page.select_option("select[name=indication]", "early_breast")
            page.select_option("select[name=ihc]", "3+")
            page.wait_for_selector(
                "[data-eligibility]:not([data-eligibility=''])", state="attached"
            )
        page.add_script_tag(path=str(AXE))
        # Colours at rest: axe reads computed colours, and a part of the page the browser has
        # not rendered yet (content-visibility: the reference lists) starts Material's colour
        # transition only when axe first reads it, so axe would read a colour half-way.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        for scheme in _both_schemes(page):
            outcome = page.evaluate(RUN_AXE)
            rules = max(rules, outcome["rules"])
            checked.setdefault(path, set()).add(scheme)
            if outcome["violations"]:
                found[f"{path} ({scheme})"] = outcome["violations"]
    ctx.close()
    assert rules > 30, "axe ran too few rules to mean anything"
    assert all(schemes == set(SCHEMES) for schemes in checked.values()), checked
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())

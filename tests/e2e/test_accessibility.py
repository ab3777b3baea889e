"""axe-core (npm, pinned) on every page, in light and dark schemes: no serious or critical
violation. Axe is injected as a script, so these contexts bypass the CSP (tests only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_on_any_page(
    browser: Browser, site_server: str, built_site: Path, scheme: str
) -> None:
    assert AXE.is_file(), "axe-core is installed by `npm ci`"
    ctx = browser.new_context(base_url=site_server, bypass_csp=True, color_scheme=scheme)
    page = ctx.new_page()
    found, rules = {}, 0
    for path in site_pages(built_site):
        page.goto(path)
        if page.locator("[data-calculator]").count():
            page.locator("[data-calculator]").scroll_into_view_if_needed()  # starts Python
            page.wait_for_selector(
                "form[data-calculator-state=ready]", state="attached", timeout=60_000
            )
            page.select_option("select[name=indication]", "early_breast")
            page.select_option("select[name=ihc]", "3+")
            page.wait_for_selector(
                "[data-eligibility]:not([data-eligibility=''])", state="attached"
            )
        page.add_script_tag(path=str(AXE))
        outcome = page.evaluate(RUN_AXE)
        rules = max(rules, outcome["rules"])
        if outcome["violations"]:
            found[path] = outcome["violations"]
    ctx.close()
    assert rules > 30, "axe ran too few rules to mean anything"
    assert found == {}

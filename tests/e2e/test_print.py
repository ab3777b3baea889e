"""Print styles: the article and the calculator result print without controls or selectors."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_printed_calculator_keeps_the_result_and_drops_the_controls(page: Page) -> None:
    page.goto(
        "trastuzumab/?indication=metastatic_breast&ihc=3%2B&weight_kg=70&schedule=weekly"
        "&lvef_baseline_percent=60&pregnant=false"
    )
    page.wait_for_selector("form[data-calculator-state=ready]", state="attached", timeout=60_000)
    result = page.get_by_test_id("calculator-result")
    expect(result).to_have_attribute("data-eligibility", "eligible")
    page.emulate_media(media="print")
    expect(page.locator(".guide-calculator__actions")).to_be_hidden()
    expect(page.locator(".guide-audience-selector")).to_be_hidden()
    expect(result).to_be_visible()
    expect(result).to_contain_text("280")
    expect(page.locator("#ref-wolff2018")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(".guide-calculator__actions")).to_be_visible()

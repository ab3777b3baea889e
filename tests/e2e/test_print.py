"""Print styles: the article and the calculator result print without controls or selectors."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import wait_until_ready


def test_printed_calculator_keeps_the_result_and_drops_the_controls(page: Page) -> None:
    page.goto(
        "trastuzumab/?indication=metastatic_breast&ihc=3%2B&weight_kg=70&schedule=weekly"
        "&lvef_baseline_percent=60&pregnant=false"
    )
    wait_until_ready(page, timeout=60_000)
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


#: The fullest record the calculator makes: every field, on treatment, a heart hold, an
#: anthracycline, a report older editions read differently, HER2-low: its longest result.
FULLEST = (
    "?indication=early_breast&ihc=2%2B&ish_method=dual&her2_cep17_ratio=2.3&avg_her2_copies=3.5"
    "&tumor_size_cm=2.5&nodes_positive=true&weight_kg=70&schedule=q3w&lvef_baseline_percent=60"
    "&lvef_percent=48&lvef_lln_percent=50&concurrent_anthracycline=true&pregnant=false"
    "&days_since_last_dose=30&cardiac_holds=1&lvef_decline_weeks=2&setting=adjuvant"
)


@pytest.mark.parametrize("path", ["calculator/", "trastuzumab/"])
@pytest.mark.parametrize("margin", ["0", "1cm"])
def test_the_printed_record_is_exactly_one_a4_page_with_lines_to_sign(
    page: Page, path: str, margin: str
) -> None:
    page.goto(f"{path}{FULLEST}")
    wait_until_ready(page, timeout=60_000)
    result = page.get_by_test_id("calculator-result")
    expect(result).to_have_attribute("data-eligibility", "not_eligible")
    lines = page.locator(".guide-calculator__patient, .guide-calculator__signature")
    expect(lines).to_have_count(2)
    expect(lines.first).to_be_hidden()  # on screen: nothing to write on
    page.evaluate("window.print = () => {}")
    page.locator("[data-action=print]").click()
    page.emulate_media(media="print")
    expect(lines.first).to_be_visible()
    pdf = PdfReader(
        io.BytesIO(
            page.pdf(
                format="A4",
                print_background=True,
                margin={side: margin for side in ("top", "right", "bottom", "left")},
            )
        )
    )
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for words in (
        "Patient name",
        "Patient ID or date of birth",
        "Checked by (name, role)",
        "Signature",
        "Date",
        "Not eligible for trastuzumab now",
        "Printed ",
    ):
        assert words in text, words
    # The whole result is on the page: its last warning and the stamp after it.
    assert "Genentech 2024" in text.split("Warnings")[-1]

"""The treatment setting on the page, at 1280 and 390 px: the setting field appears only for early
breast cancer, the residual-disease question only after neoadjuvant treatment, the line only for
metastatic breast cancer; the plan is a next step and is in the copied summary, in words; after
neoadjuvant treatment with residual invasive disease the verdict names T-DM1 (KATHERINE)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import fill, wait_until_ready

SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
#: Screenshots for a person to look at (E2E_SCREENSHOTS=dir); by default a temporary folder.
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def _open(page: Page) -> None:
    page.goto("trastuzumab/")
    page.locator("[data-calculator]").scroll_into_view_if_needed()
    wait_until_ready(page, timeout=60_000)


def _field(page: Page, name: str) -> Locator:
    return page.locator(f"[data-calculator] [data-field={name}]")


def _shot(page: Page, name: str, tmp_path: Path) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.get_by_test_id("calculator-result").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / f"{name}-{page.size_name}.png"))  # type: ignore[attr-defined]
    # The details (next steps) too, wherever the layout puts them.
    page.get_by_test_id("calculator-result").screenshot(
        path=str(folder / f"{name}-{page.size_name}-result.png")  # type: ignore[attr-defined]
    )


def _next_steps(page: Page) -> list[str]:
    return page.locator("[data-testid=calculator-result] .guide-result__next li").all_inner_texts()


def test_neoadjuvant_plan_is_a_next_step_and_in_the_copied_summary(
    sized: Page, tmp_path: Path
) -> None:
    page = sized
    _open(page)
    # Before an indication, none of the three shows; early breast shows the setting only.
    for name in ("setting", "residual_invasive_disease", "line"):
        expect(_field(page, name)).to_be_hidden()
    fill(page, indication="early_breast")
    expect(_field(page, "setting")).to_be_visible()
    expect(_field(page, "residual_invasive_disease")).to_be_hidden()
    expect(_field(page, "line")).to_be_hidden()
    fill(
        page,
        ihc="3+",
        setting="neoadjuvant",
        tumor_size_cm="2.5",
        nodes_positive="true",
        weight_kg="70",
        schedule="q3w",
        lvef_baseline_percent="60",
        pregnant="false",
    )
    region = page.get_by_test_id("calculator-result")
    expect(region).to_have_attribute("data-eligibility", "eligible")
    expect(region.locator(".guide-result__next")).to_contain_text(
        "Neoadjuvant: trastuzumab + pertuzumab + chemotherapy"
    )
    steps = _next_steps(page)
    plan = next(s for s in steps if s.startswith("Neoadjuvant:"))
    assert "residual invasive disease → T-DM1 every 3 weeks for 14 cycles" in plan
    assert any("doses trastuzumab only" in s for s in steps)
    # US label, every 3 weeks: 8 mg/kg loading for 70 kg [herceptin_uspi]; trastuzumab only.
    expect(page.locator("[data-verdict-dose]")).to_contain_text("560 mg")
    _shot(page, "neoadjuvant", tmp_path)
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator("[data-calculator-copied]")).to_have_text("Summary copied.")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "Treatment setting neoadjuvant" in text
    assert "- Neoadjuvant: trastuzumab + pertuzumab + chemotherapy" in text
    link = next(line for line in text.splitlines() if line.startswith("Reproduce: "))
    assert SNAKE_CASE.findall(text.replace(link, "")) == []


def test_post_neoadjuvant_residual_disease_names_tdm1(sized: Page, tmp_path: Path) -> None:
    page = sized
    _open(page)
    fill(page, indication="early_breast", ihc="3+", setting="post_neoadjuvant")
    expect(_field(page, "residual_invasive_disease")).to_be_visible()
    region = page.get_by_test_id("calculator-result")
    # Not yet answered: the response at surgery is what is missing, not the stage.
    expect(region).to_have_attribute("data-eligibility", "insufficient_information")
    fill(
        page,
        residual_invasive_disease="true",
        lvef_baseline_percent="60",
        pregnant="false",
    )
    # On trastuzumab since before surgery: the hold rules need the latest LVEF too, and the
    # verdict names T-DM1 while it is asked for.
    expect(region).to_have_attribute("data-eligibility", "insufficient_information")
    expect(page.locator("[data-verdict-title]")).to_contain_text("T-DM1 instead of trastuzumab")
    fill(page, lvef_percent="58")
    expect(region).to_have_attribute("data-eligibility", "consider")
    # KATHERINE [vonminckwitz2019]: the verdict itself (the folded bar on a phone) names T-DM1.
    expect(page.locator("[data-verdict-title]")).to_contain_text("T-DM1 instead of trastuzumab")
    assert page.locator("[data-verdict-title]").is_visible()
    expect(page.locator("[data-verdict-why]")).to_contain_text("replaces trastuzumab")
    expect(region.locator(".guide-result__next")).to_contain_text(
        "T-DM1 every 3 weeks for 14 cycles instead of trastuzumab"
    )
    # HAZ-051: the trastuzumab dose shown beside it is for when T-DM1 is not given.
    fill(page, weight_kg="70", schedule="q3w", days_since_last_dose="21")
    expect(page.locator("[data-verdict-dose]")).to_contain_text(
        "Dose (trastuzumab), if T-DM1 is not given: 420 mg every 3 weeks"
    )
    _shot(page, "post-neoadjuvant", tmp_path)
    # Another indication hides (and stops sending) the early-breast questions: no error appears,
    # and metastatic breast cancer asks for the line instead.
    fill(page, indication="metastatic_breast")
    expect(_field(page, "setting")).to_be_hidden()
    expect(_field(page, "residual_invasive_disease")).to_be_hidden()
    expect(_field(page, "line")).to_be_visible()
    expect(region).to_have_attribute("data-eligibility", "eligible")
    fill(page, line="later")
    expect(region.locator(".guide-result__next")).to_contain_text("trastuzumab deruxtecan")
    # DESTINY-Breast03 [cortes2022]: the later-line verdict names T-DXd, never a bare "Eligible".
    expect(region).to_have_attribute("data-eligibility", "consider")
    expect(page.locator("[data-verdict-title]")).to_contain_text(
        "T-DXd instead of trastuzumab if not already given"
    )


def test_a_shared_link_with_a_setting_for_metastatic_disease_says_it_was_left_out(
    page: Page,
) -> None:
    """HAZ-040 through the page's link door: the form lays itself out for metastatic disease, so
    the link's treatment setting does not apply; the state line names it (never dropped without
    a word) and the verdict is the metastatic one, without a setting error."""
    page.goto("calculator/?indication=metastatic_breast&ihc=3%2B&setting=neoadjuvant&weight_kg=70")
    wait_until_ready(page, timeout=60_000)
    state = page.locator("#calc-state")
    expect(state).to_contain_text("do not apply to the other choices: Treatment setting.")
    expect(state).not_to_contain_text("Body weight")
    expect(_field(page, "setting")).to_be_hidden()
    expect(_field(page, "line")).to_be_visible()
    region = page.get_by_test_id("calculator-result")
    expect(region).to_have_attribute("data-her2-status", "positive")
    expect(page.locator("[data-calculator] [name=setting]")).to_be_disabled()


def test_a_shared_link_that_applies_names_nothing(page: Page) -> None:
    page.goto("calculator/?indication=early_breast&ihc=3%2B&setting=neoadjuvant&weight_kg=70")
    wait_until_ready(page, timeout=60_000)
    expect(page.locator("#calc-state")).not_to_contain_text("do not apply")
    expect(page.locator("[data-calculator] [name=setting]")).to_have_value("neoadjuvant")

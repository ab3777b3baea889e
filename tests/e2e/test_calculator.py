"""The in-page calculator end to end (issue 6): every indication path, boundaries, errors next to
their fields, URL round trip, instant navigation, keyboard-only use, and parity with CPython."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from build_tools.bench.throughput import golden_inputs
from tests.e2e.conftest import fill, wait_until_ready

#: The checks before a first dose done (LVEF measured, pregnancy ruled out): only then does the
#: calculator say "eligible" and show a dose (CONTRIBUTING.md#calculator-json, pending_checks).
CHECKED = {"lvef_baseline_percent": "60", "pregnant": "false"}
CHECKED_QUERY = "&lvef_baseline_percent=60&pregnant=false"


def open_calculator(page: Page, path: str = "calculator/") -> None:
    page.goto(path)
    # On the article, Python starts when the reader nears the calculator (issue 15).
    page.locator("[data-calculator]").scroll_into_view_if_needed()
    wait_until_ready(page, timeout=60_000)


def result(page: Page) -> dict[str, str | None]:
    region = page.get_by_test_id("calculator-result")
    return {
        "her2": region.get_attribute("data-her2-status"),
        "eligibility": region.get_attribute("data-eligibility"),
    }


def expect_result(page: Page, her2: str, eligibility: str) -> None:
    region = page.get_by_test_id("calculator-result")
    expect(region).to_have_attribute("data-her2-status", her2)
    expect(region).to_have_attribute("data-eligibility", eligibility)


@pytest.mark.parametrize(
    ("fields", "her2", "eligibility"),
    [
        # ASCO/CAP 2018 [wolff2018]: IHC 3+ positive; label: node-positive adjuvant eligible.
        (
            {"indication": "early_breast", "ihc": "3+", "nodes_positive": "true"},
            "positive",
            "eligible",
        ),
        # T1c (>1.0 cm) node-negative: recommended [romond2005, NCCN practice].
        (
            {
                "indication": "early_breast",
                "ihc": "3+",
                "nodes_positive": "false",
                "tumor_size_cm": "1.1",
            },
            "positive",
            "eligible",
        ),
        # Exactly 1.0 cm is T1b: consider (APT regimen) [tolaney2015].
        (
            {
                "indication": "early_breast",
                "ihc": "3+",
                "nodes_positive": "false",
                "tumor_size_cm": "1.0",
            },
            "positive",
            "consider",
        ),
        # Metastatic breast, first line [slamon2001].
        ({"indication": "metastatic_breast", "ihc": "3+"}, "positive", "eligible"),
        # HER2-low: no trastuzumab benefit [fehrenbacher2020].
        ({"indication": "metastatic_breast", "ihc": "1+"}, "negative", "not_eligible"),
        # IHC 2+ without ISH: needs ISH [wolff2018].
        ({"indication": "metastatic_breast", "ihc": "2+"}, "needs_ish", "insufficient_information"),
        # Gastric: IHC 2+ and ratio ≥2.0 positive [bartley2017, bang2010].
        (
            {
                "indication": "metastatic_gastric",
                "ihc": "2+",
                "ish_method": "dual",
                "her2_cep17_ratio": "2.0",
                "avg_her2_copies": "3.0",
            },
            "positive",
            "eligible",
        ),
        # Pregnancy: do not start (embryo-fetal toxicity) [herceptin_uspi].
        (
            {"indication": "metastatic_breast", "ihc": "3+", "pregnant": "true"},
            "positive",
            "not_eligible",
        ),
    ],
    ids=[
        "early-node-positive",
        "early-1.1cm",
        "early-1.0cm",
        "metastatic",
        "her2-low",
        "needs-ish",
        "gastric-ish",
        "pregnant",
    ],
)
def test_indication_paths(
    calculator: Page, fields: dict[str, str], her2: str, eligibility: str
) -> None:
    fill(calculator, **{**CHECKED, **fields})
    expect_result(calculator, her2, eligibility)


@pytest.mark.parametrize(
    ("ratio", "copies", "group"),
    [
        ("2.0", "4.0", "1"),
        ("1.99", "4.0", "4"),
        ("2.0", "3.99", "2"),
        ("1.99", "6.0", "3"),
        ("1.99", "3.99", "5"),
    ],
)
def test_dual_probe_boundaries_show_the_ish_group(
    calculator: Page, ratio: str, copies: str, group: str
) -> None:
    """ASCO/CAP 2018 groups: ratio ≥2.0 and copies ≥4.0 / ≥6.0 are inclusive [wolff2018]."""
    page = calculator
    fill(
        page,
        indication="metastatic_breast",
        ish_method="dual",
        her2_cep17_ratio=ratio,
        avg_her2_copies=copies,
    )
    expect(page.locator("[data-result=ish-group]")).to_have_text(f"Group {group}")


def test_bad_input_shows_field_level_errors(calculator: Page) -> None:
    page = calculator
    fill(
        page,
        indication="metastatic_breast",
        ihc="3+",
        weight_kg="-5",
        ish_method="dual",
        her2_cep17_ratio="abc",
        avg_her2_copies="4",
        **CHECKED,
    )
    weight = page.locator("[name=weight_kg]")
    expect(weight).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#calc-weight_kg-error")).to_be_visible()
    expect(page.locator("#calc-weight_kg-error")).not_to_be_empty()
    expect(page.locator("[name=her2_cep17_ratio]")).to_have_attribute("aria-invalid", "true")
    assert "calc-weight_kg-error" in weight.get_attribute("aria-describedby")
    expect(page.get_by_test_id("calculator-result")).to_have_attribute("data-eligibility", "")
    fill(page, weight_kg="70", her2_cep17_ratio="2.2")
    expect(weight).not_to_have_attribute("aria-invalid", "true")
    expect_result(page, "positive", "eligible")


def test_fields_that_do_not_apply_hide_themselves(calculator: Page) -> None:
    page = calculator
    ratio = page.locator("[data-field=her2_cep17_ratio]")
    fill(page, indication="metastatic_breast", ish_method="single")
    expect(ratio).to_be_hidden()
    fill(page, ish_method="dual")
    expect(ratio).to_be_visible()
    fill(page, indication="metastatic_gastric")
    expect(page.locator("option[value=ultralow]")).to_be_disabled()
    expect(page.locator("[data-field=tumor_size_cm]")).to_be_hidden()
    fill(page, indication="early_breast")
    expect(page.locator("[data-field=tumor_size_cm]")).to_be_visible()


def test_url_round_trip_restores_and_computes(
    page: Page, browser: Browser, site_server: str
) -> None:
    open_calculator(page)
    fill(
        page,
        indication="early_breast",
        ihc="2+",
        ish_method="dual",
        her2_cep17_ratio="2.0",
        avg_her2_copies="4.0",
        tumor_size_cm="1.5",
        weight_kg="70",
        schedule="weekly",
        **CHECKED,
    )
    expect_result(page, "positive", "eligible")
    # The URL follows once typing pauses (250 ms).
    page.wait_for_url(lambda url: "her2_cep17_ratio=2.0" in url and "schedule=weekly" in url)
    query = parse_qs(urlsplit(page.url).query)
    assert query["her2_cep17_ratio"] == ["2.0"]
    assert query["indication"] == ["early_breast"]
    ctx = browser.new_context(base_url=site_server)
    other = ctx.new_page()
    other.goto(page.url)
    wait_until_ready(other, timeout=60_000)
    expect_result(other, "positive", "eligible")
    expect(other.locator("[name=avg_her2_copies]")).to_have_value("4.0")
    ctx.close()


def test_invalid_url_values_are_reported_not_applied(page: Page) -> None:
    open_calculator(page, "calculator/?indication=metastatic_breast&ihc=9%2B&weight_kg=heavy")
    expect(page.locator("[name=ihc]")).to_have_value("")
    expect(page.locator("#calc-state")).to_contain_text(
        "Ignored invalid link values for: IHC score."
    )
    expect(page.locator("[name=weight_kg]")).to_have_attribute("aria-invalid", "true")


def test_link_values_for_fields_that_do_not_apply_are_named_by_label(page: Page) -> None:
    """The subcutaneous dose is fixed: a link's weight and its unit do not apply, and the state
    line says so in the words the form shows (never an input name)."""
    open_calculator(
        page, "calculator/?indication=early_breast&ihc=3%2B&route=sc&weight_kg=70&weight_unit=lb"
    )
    state = page.locator("#calc-state")
    expect(state).to_contain_text("do not apply to the other choices:")
    expect(state).to_contain_text("Body weight unit.")
    assert "weight_" not in state.inner_text()
    expect(page.locator("[name=weight_kg]")).to_be_disabled()


def test_works_after_instant_navigation_away_and_back(page: Page) -> None:
    page.goto("")
    page.get_by_role("navigation").get_by_role("link", name="Eligibility calculator").first.click()
    wait_until_ready(page, timeout=60_000)
    # Material's instant navigation replaced the content without a page load.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    fill(page, indication="metastatic_breast", ihc="3+", **CHECKED)
    expect_result(page, "positive", "eligible")
    page.get_by_role("navigation").get_by_role("link", name="Home").first.click()
    page.wait_for_url("**/")
    page.get_by_role("navigation").get_by_role("link", name="Eligibility calculator").first.click()
    wait_until_ready(page, timeout=60_000)
    fill(page, indication="metastatic_breast", ihc="1+")
    expect_result(page, "negative", "not_eligible")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_a_pending_url_write_leaves_the_next_page_address_alone(page: Page) -> None:
    """Instant navigation moves the address to the next page before it swaps the content out:
    the URL write that a result left pending must not put its query on the next page's address."""
    open_calculator(page)
    address = page.evaluate(
        """async () => {
          const root = document.querySelector("[data-calculator]");
          const rendered = new Promise((resolve) =>
            root.addEventListener("calculator:rendered", resolve, { once: true }));
          const indication = root.querySelector("[name=indication]");
          indication.value = "metastatic_breast";
          indication.dispatchEvent(new Event("input", { bubbles: true }));
          await rendered;
          history.pushState(null, "", new URL("../", location.href).pathname);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return location.pathname + location.search;
        }"""
    )
    assert "?" not in address, address


def test_keyboard_only(calculator: Page) -> None:
    page = calculator
    fill(page, **CHECKED)  # the checks before a first dose, done
    page.locator("[name=indication]").focus()
    # Native selects change with the arrow keys without opening.
    page.keyboard.press("ArrowDown")  # early breast
    page.keyboard.press("Tab")  # treatment setting (shown for early breast; adjuvant by default)
    page.keyboard.press("Tab")
    page.keyboard.press("End")  # IHC 3+
    page.keyboard.press("Tab")  # ISH assay
    page.keyboard.press("Tab")  # tumour size (ratio and copies are hidden)
    page.keyboard.type("2.5")
    expect_result(page, "positive", "eligible")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "tumor_size_cm"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"


def test_copy_summary_puts_plain_text_on_the_clipboard(browser: Browser, site_server: str) -> None:
    ctx = browser.new_context(
        base_url=site_server, permissions=["clipboard-read", "clipboard-write"]
    )
    page = ctx.new_page()
    open_calculator(page)
    fill(
        page, indication="metastatic_breast", ihc="3+", weight_kg="70", schedule="weekly", **CHECKED
    )
    expect_result(page, "positive", "eligible")
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator("[data-calculator-copied]")).to_have_text("Summary copied.")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "280 mg loading, then 140 mg every week" in text
    assert "ASCO/CAP 2018" in text
    assert "<" not in text
    # A changed form makes the message stale: it goes.
    fill(page, weight_kg="71")
    expect(page.locator("[data-calculator-copied]")).to_have_text("")
    ctx.close()


def test_calculator_runs_inside_the_article(page: Page) -> None:
    open_calculator(page, "trastuzumab/")
    fill(page, indication="metastatic_breast", ihc="3+", **CHECKED)
    expect_result(page, "positive", "eligible")
    link = page.get_by_test_id("calculator-result").locator("a[href^='#ref-']").first
    target = link.get_attribute("href")[1:]
    assert page.locator(f"[id='{target}']").count() == 1, (
        "citation link must resolve in the article"
    )


def test_parity_with_cpython_for_every_golden_case(calculator: Page) -> None:
    """The browser (Pyodide) returns exactly what CPython returns, for every golden case."""
    from calculator.doors.bridge import evaluate_json

    inputs = golden_inputs()
    assert len(inputs) >= 60
    browser_results = calculator.evaluate(
        """async (inputs) => {
          const { getRuntime } = await import("/assets/javascripts/guide/runtime.mjs");
          const runtime = getRuntime();
          return Promise.all(inputs.map((input) => runtime.evaluate(input)));
        }""",
        inputs,
    )
    expected = [json.loads(evaluate_json(json.dumps(i))) for i in inputs]
    mismatches = [
        i for i, (a, b) in enumerate(zip(browser_results, expected, strict=True)) if a != b
    ]
    assert mismatches == [], (
        f"{len(mismatches)} of {len(inputs)} differ, first: {inputs[mismatches[0]]}"
    )


# --- Issue 14: the verdict in view, words for a note, kg or lb, print, keyboard ----------------

SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def verdict_on_screen(page: Page) -> bool:
    """The verdict's title is inside the viewport and below Material's sticky header."""
    return page.evaluate(
        """() => {
          const box = document.querySelector("[data-verdict-title]").getBoundingClientRect();
          const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
          return box.height > 0 && box.top >= header - 1 && box.bottom <= window.innerHeight;
        }"""
    )


def test_verdict_is_on_screen_after_the_last_input(sized: Page) -> None:
    page = sized
    open_calculator(page, "trastuzumab/")
    fill(
        page,
        indication="metastatic_breast",
        ihc="3+",
        weight_kg="70",
        schedule="weekly",
        lvef_baseline_percent="60",
        concurrent_anthracycline="false",
    )
    # The last field of the form.
    page.locator("[name=pregnant]").scroll_into_view_if_needed()
    fill(page, pregnant="true")
    expect_result(page, "positive", "not_eligible")
    expect(page.locator("[data-verdict-title]")).to_have_text("Not eligible for trastuzumab now")
    assert verdict_on_screen(page)


def test_a_shared_link_opens_at_the_verdict(sized: Page) -> None:
    page = sized
    # Not scrolled by the test: the link itself brings the reader to the calculator.
    page.goto(f"trastuzumab/?indication=metastatic_breast&ihc=3%2B&weight_kg=70{CHECKED_QUERY}")
    wait_until_ready(page, timeout=60_000)
    expect_result(page, "positive", "eligible")
    page.wait_for_function("window.scrollY > 1000")  # the calculator is far down the article
    assert verdict_on_screen(page)
    expect(page.locator("[data-verdict-title]")).to_have_text("Eligible for trastuzumab")


def test_copied_summary_reads_as_a_note(sized: Page) -> None:
    page = sized
    open_calculator(page)
    fill(
        page,
        indication="early_breast",
        ihc="3+",
        nodes_positive="true",
        weight_kg="70",
        schedule="q3w",
        **CHECKED,
    )
    expect_result(page, "positive", "eligible")
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator("[data-calculator-copied]")).to_have_text("Summary copied.")
    text = page.evaluate("navigator.clipboard.readText()")
    lines = text.splitlines()
    assert lines[1] == (
        "Inputs: Indication Early breast cancer; IHC score 3+; Axillary nodes involved yes; "
        "Body weight 70 kg; Schedule every 3 weeks; Baseline LVEF 60%; Pregnant no."
    )
    assert "Verdict: Eligible for trastuzumab." in lines
    assert "HER2: HER2-positive (ASCO/CAP 2018)." in lines
    # US label: 8 mg/kg loading, 6 mg/kg every 3 weeks [herceptin_uspi].
    assert "Dose: 560 mg loading, then 420 mg every 3 weeks (8 then 6 mg/kg for 70 kg)." in lines
    assert any(line.startswith("Heart: ") for line in lines)
    assert any(line.startswith("References: ") and "Romond 2005" in line for line in lines)
    assert re.search(r"^Calculator rules v\d+\.\d+\.\d+, [0-9a-f]{8}", text, re.M)
    # The review state in the build's words (the root's data-review-words), never the calculator's.
    said = page.locator("[data-calculator]").first.get_attribute("data-review-words")
    assert said and f"content review: {said}." in text
    link = next(line for line in lines if line.startswith("Reproduce: ")).split(" ", 1)[1]
    # Words only; the link's query uses the input names by contract (CONTRIBUTING.md#page).
    assert SNAKE_CASE.findall(text.replace(link, "")) == []
    other = page.context.new_page()
    other.goto(link)
    wait_until_ready(other, timeout=60_000)
    expect_result(other, "positive", "eligible")
    expect(other.locator("[data-verdict-dose]")).to_contain_text("560 mg loading")


def test_weight_in_pounds_doses_as_kilograms(sized: Page) -> None:
    page = sized
    open_calculator(page)
    fill(
        page,
        indication="metastatic_breast",
        ihc="3+",
        schedule="q3w",
        weight_unit="lb",
        **CHECKED,
    )
    fill(page, weight_kg="154.3")  # 154.3 lb = 69.99 kg, 70.0 kg to 0.1 kg
    expect(page.locator("[data-verdict-dose]")).to_have_text(
        "Dose 560 mg loading, then 420 mg every 3 weeks"
    )
    if page.viewport_size["width"] < 700:
        page.get_by_role("button", name="Show details").click()
    expect(
        page.get_by_test_id("calculator-result").locator("tr", has_text="Weight")
    ).to_contain_text("70 kg (154.3 lb)")


def test_empty_or_invalid_form_copies_nothing(browser: Browser, site_server: str) -> None:
    ctx = browser.new_context(
        base_url=site_server, permissions=["clipboard-read", "clipboard-write"]
    )
    page = ctx.new_page()
    open_calculator(page)
    page.evaluate("navigator.clipboard.writeText('before')")
    status = page.locator("[data-calculator-copied]")
    page.get_by_role("button", name="Copy summary").click()
    expect(status).to_have_text("Nothing to copy: the form is empty.")
    fill(page, indication="metastatic_breast", weight_kg="-4")
    expect(status).to_have_text("")
    expect(page.locator("[name=weight_kg]")).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Copy summary").click()
    expect(status).to_have_text("Nothing copied: correct the highlighted fields first.")
    page.get_by_role("button", name="Copy link").click()
    expect(status).to_have_text("Nothing copied: correct the highlighted fields first.")
    assert page.evaluate("navigator.clipboard.readText()") == "before"
    ctx.close()


def test_missing_items_are_links_that_focus_their_field(calculator: Page) -> None:
    page = calculator
    fill(page, indication="metastatic_breast", ihc="2+")
    expect(page.locator("[data-verdict-title]")).to_have_text("More information needed")
    page.get_by_test_id("calculator-result").get_by_role("link", name="ISH").click()
    assert page.evaluate("document.activeElement.name") == "ish_method"


def test_one_evaluation_per_change(page: Page) -> None:
    open_calculator(page)
    fill(page, **CHECKED)  # no result yet (no indication): nothing renders late below
    fill(page, indication="metastatic_breast")
    expect_result(page, "not_tested", "insufficient_information")
    page.evaluate(
        """() => { window.__renders = 0; document.querySelector("[data-calculator]")
          .addEventListener("calculator:rendered", () => window.__renders++); }"""
    )
    fill(page, ihc="3+")  # a select fires input and change
    expect_result(page, "positive", "eligible")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__renders") == 1
    # The same values again (a blur's change event, a re-typed value): no evaluation at all.
    page.locator("[name=ihc]").dispatch_event("change")
    page.locator("[name=ihc]").dispatch_event("input")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__renders") == 1


@pytest.mark.parametrize("path", ["calculator/", "trastuzumab/"])
def test_printed_record_is_one_page_without_placeholders(
    page: Page, tmp_path: Path, path: str
) -> None:
    query = "?indication=early_breast&ihc=3%2B&nodes_positive=true&weight_kg=154.3&weight_unit=lb"
    open_calculator(page, f"{path}{query}&schedule=q3w{CHECKED_QUERY}")
    expect_result(page, "positive", "eligible")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print").click()
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    shown_placeholders = page.evaluate(
        """() => [...document.querySelectorAll("input:placeholder-shown")]
          .filter((i) => i.getClientRects().length > 0).map((i) => i.name)"""
    )
    assert shown_placeholders == []
    empty_choices = page.evaluate(
        """() => [...document.querySelectorAll(".guide-calculator select")]
          .filter((s) => s.value === "" && s.getClientRects().length > 0).map((s) => s.name)"""
    )
    assert empty_choices == []
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    stamp = page.locator("[data-print-stamp]")
    expect(stamp).to_contain_text(re.compile(r"Printed \d{4}-\d{2}-\d{2} · calculator rules v"))
    said = page.locator("[data-calculator]").first.get_attribute("data-review-words")
    expect(stamp).to_contain_text(f"content review: {said}")
    # The record as printed on A4: one page, the values entered, no placeholder text.
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "e.g." not in text
    assert "Early breast cancer" in text and "154.3" in text and "70 kg (154.3 lb)" in text
    assert "560 mg" in text and "Printed " in text


def test_skip_link_reaches_the_first_field_in_three_keys(page: Page) -> None:
    open_calculator(page, "trastuzumab/")
    page.keyboard.press("Tab")  # Material's "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the calculator"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "indication"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_headings_never_skip_a_level_on_the_calculator_page(calculator: Page) -> None:
    page = calculator
    fill(page, indication="metastatic_breast", ihc="3+", weight_kg="70", **CHECKED)
    expect_result(page, "positive", "eligible")
    levels = page.evaluate(
        """() => [...document.querySelectorAll("article :is(h1,h2,h3,h4,h5,h6)")]
          .filter((h) => h.getClientRects().length > 0).map((h) => Number(h.tagName[1]))"""
    )
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_gastric_ratio_alone_computes(sized: Page) -> None:
    """CAP/ASCP/ASCO 2016 [bartley2017]: gastric dual-probe ISH is read by the ratio alone."""
    page = sized
    open_calculator(page)
    fill(page, indication="metastatic_gastric", ihc="2+", ish_method="dual", **CHECKED)
    fill(page, her2_cep17_ratio="2.0")
    expect_result(page, "positive", "eligible")
    expect(page.locator("[name=avg_her2_copies]")).not_to_have_attribute("aria-invalid", "true")
    # The help says so, and the breast-only ultralow note is gone.
    expect(page.locator("#calc-avg_her2_copies-help-1")).to_be_visible()
    expect(page.locator("#calc-ihc-help")).to_be_hidden()
    assert verdict_on_screen(page)


# --- Issue 12 (safety) on the page ------------------------------------------------------------


def test_a_lone_lvef_of_30_is_never_eligible(calculator: Page) -> None:
    """Issue 12 rule 1: a current LVEF without a baseline is the pre-treatment value
    [herceptin_uspi]; 30% is below 50%: evaluate before starting, 'consider', no doses."""
    page = calculator
    fill(page, indication="metastatic_breast", ihc="3+", lvef_percent="30", weight_kg="70")
    expect_result(page, "positive", "consider")
    expect(page.locator("[data-result=heart-lvef]")).to_contain_text("before starting")
    expect(page.locator("[data-verdict-title]")).to_contain_text("cardiology review")


def test_a_hold_is_shown_as_withhold_in_treatment_language(calculator: Page) -> None:
    """Issue 12 rule 3 [herceptin_uspi, dose modifications]: on treatment (7 days after a weekly
    dose) a 20-point fall withholds; no doses are shown, the restart dose is said in words."""
    page = calculator
    fill(
        page,
        indication="metastatic_breast",
        ihc="3+",
        weight_kg="70",
        schedule="weekly",
        lvef_baseline_percent="65",
        lvef_percent="45",
        days_since_last_dose="7",
    )
    expect_result(page, "positive", "withhold")
    expect(page.locator("[data-verdict-title]")).to_have_text(
        "Withhold trastuzumab; repeat LVEF in 4 weeks"
    )
    expect(page.locator(".guide-result__dosing")).to_have_count(0)
    expect(page.locator("[data-code=RELOAD_AFTER_HOLD]")).to_be_visible()


def test_the_subcutaneous_route_needs_no_weight(calculator: Page) -> None:
    """Issue 12 rule 8 [hylecta_uspi]: 600 mg every 3 weeks, no loading dose, no weight."""
    page = calculator
    fill(page, indication="metastatic_breast", ihc="3+", weight_kg="70", route="sc", **CHECKED)
    expect(page.locator("[data-field=weight_kg]")).to_be_hidden()
    expect(page.locator("[data-field=schedule]")).to_be_hidden()
    dosing = page.locator(".guide-result__dosing[data-route=sc]")
    expect(dosing).to_contain_text("600 mg every 3 weeks")
    expect(dosing).to_contain_text("None (fixed dose)")
    # The weight is kept in the form (only hidden), and comes back with the intravenous route.
    fill(page, route="iv", schedule="weekly")
    expect(page.locator(".guide-result__dosing[data-route=iv]")).to_contain_text("280 mg")


def test_gastric_dual_probe_ish_by_the_ratio_alone(calculator: Page) -> None:
    """Issue 12 rule 9a [bartley2017]: gastric ISH is read by the ratio; copies are optional."""
    page = calculator
    fill(
        page,
        indication="metastatic_gastric",
        ihc="2+",
        ish_method="dual",
        her2_cep17_ratio="2.3",
        **CHECKED,
    )
    expect_result(page, "positive", "eligible")
    expect(page.locator("#calc-avg_her2_copies-error")).to_be_hidden()


def test_a_field_error_is_shown_under_its_field_and_no_input_is_lost(calculator: Page) -> None:
    """Subcutaneous trastuzumab has no gastric indication [hylecta_uspi]: the error is under
    `route`; a fractional number of holds is refused under `cardiac_holds`; nothing typed is
    lost, in the form or in the shareable URL."""
    page = calculator
    fill(
        page,
        indication="metastatic_gastric",
        ihc="3+",
        route="sc",
        cardiac_holds="1.5",
        days_since_last_dose="10",
    )
    route_error = page.locator("#calc-route-error")
    expect(route_error).to_be_visible()
    expect(route_error).to_contain_text("gastric")
    expect(page.locator("[name=route]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#calc-cardiac_holds-error")).to_contain_text("whole number")
    expect(page.get_by_test_id("calculator-result")).to_have_attribute("data-eligibility", "")
    for name, value in {
        "indication": "metastatic_gastric",
        "ihc": "3+",
        "route": "sc",
        "cardiac_holds": "1.5",
        "days_since_last_dose": "10",
    }.items():
        expect(page.locator(f"[data-calculator] [name={name}]")).to_have_value(value)
    page.wait_for_url(lambda url: "route=sc" in url and "cardiac_holds=1.5" in url)
    # On treatment (holds, a last dose) the heart rules need the baseline and the latest LVEF,
    # and with a hold recorded, whether one is going on (0 weeks: dosing has resumed; HAZ-046).
    fill(page, route="iv", cardiac_holds="1", lvef_baseline_percent="60", lvef_percent="58")
    expect_result(page, "positive", "insufficient_information")
    heart = page.locator("[data-result=heart-lvef]")
    expect(heart).to_contain_text("enter how long the LVEF has been down")
    fill(page, lvef_decline_weeks="0")
    expect_result(page, "positive", "eligible")
    expect(route_error).to_be_hidden()
    # A hold going on that has ended by the resume rule (HAZ-050): the heart row says so.
    fill(page, lvef_decline_weeks="5", days_since_last_dose="28")
    expect(heart).to_contain_text("the hold can end, with LVEF every 3 months.")


def test_new_inputs_round_trip_through_the_url(page: Page) -> None:
    """A decline lasting 9 weeks (>8) means permanent discontinuation [herceptin_uspi, dose
    modifications]."""
    open_calculator(
        page,
        "calculator/?indication=metastatic_breast&ihc=3%2B&lvef_baseline_percent=60"
        "&lvef_percent=40&lvef_decline_weeks=9&symptomatic_heart_failure=false",
    )
    expect_result(page, "positive", "not_eligible")
    expect(page.locator("[data-verdict-title]")).to_contain_text("Discontinue")
    expect(page.locator("[name=lvef_decline_weeks]")).to_have_value("9")
    expect(page.locator("[name=symptomatic_heart_failure]")).to_have_value("false")

"""The in-page calculator end to end (issue 6): every indication path, boundaries, errors next to
their fields, URL round trip, instant navigation, keyboard-only use, and parity with CPython."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.bench.throughput import golden_inputs

READY = "form[data-calculator-state=ready]"


def open_calculator(page: Page, path: str = "calculator/") -> None:
    page.goto(path)
    # On the article, Python starts when the reader nears the calculator (issue 15).
    page.locator("[data-calculator]").scroll_into_view_if_needed()
    page.wait_for_selector(READY, state="attached", timeout=60_000)


def fill(page: Page, **fields: str) -> None:
    for name, value in fields.items():
        control = page.locator(f"[data-calculator] [name={name}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)


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
    fill(calculator, **fields)
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
    other.wait_for_selector(READY, state="attached", timeout=60_000)
    expect_result(other, "positive", "eligible")
    expect(other.locator("[name=avg_her2_copies]")).to_have_value("4.0")
    ctx.close()


def test_invalid_url_values_are_reported_not_applied(page: Page) -> None:
    open_calculator(page, "calculator/?indication=metastatic_breast&ihc=9%2B&weight_kg=heavy")
    expect(page.locator("[name=ihc]")).to_have_value("")
    expect(page.locator("#calc-state")).to_contain_text("ihc")
    expect(page.locator("[name=weight_kg]")).to_have_attribute("aria-invalid", "true")


def test_works_after_instant_navigation_away_and_back(page: Page) -> None:
    page.goto("")
    page.get_by_role("navigation").get_by_role("link", name="Eligibility calculator").first.click()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    # Material's instant navigation replaced the content without a page load.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    fill(page, indication="metastatic_breast", ihc="3+")
    expect_result(page, "positive", "eligible")
    page.get_by_role("navigation").get_by_role("link", name="Home").first.click()
    page.wait_for_url("**/")
    page.get_by_role("navigation").get_by_role("link", name="Eligibility calculator").first.click()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    fill(page, indication="metastatic_breast", ihc="1+")
    expect_result(page, "negative", "not_eligible")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_keyboard_only(calculator: Page) -> None:
    page = calculator
    page.locator("[name=indication]").focus()
    # Native selects change with the arrow keys without opening.
    page.keyboard.press("ArrowDown")  # early breast
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
    fill(page, indication="metastatic_breast", ihc="3+", weight_kg="70", schedule="weekly")
    expect_result(page, "positive", "eligible")
    page.get_by_role("button", name="Copy summary").click()
    expect(page.locator("[data-calculator-copied]")).to_have_text("Summary copied.")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "280" in text
    assert "ASCO/CAP" in text
    assert "<" not in text
    ctx.close()


def test_calculator_runs_inside_the_article(page: Page) -> None:
    open_calculator(page, "trastuzumab/")
    fill(page, indication="metastatic_breast", ihc="3+")
    expect_result(page, "positive", "eligible")
    link = page.get_by_test_id("calculator-result").locator("a[href^='#ref-']").first
    target = link.get_attribute("href")[1:]
    assert page.locator(f"[id='{target}']").count() == 1, (
        "citation link must resolve in the article"
    )


def test_parity_with_cpython_for_every_golden_case(calculator: Page) -> None:
    """The browser (Pyodide) returns exactly what CPython returns, for every golden case."""
    from calculator.bridge import evaluate_json

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

"""A result is never shown for inputs that no longer produce it, and the warnings that change what
happens next are in the verdict itself (on a phone, the sticky bar), not only under "Show details".

Hazards controlled here (the page half of the safety case): a dose read beside an invalid edit
(the previous 320 mg stayed on screen next to "Check the highlighted fields"); a result read as
current while Python is still evaluating an edit; a phone user who never opens the details and
misses a concurrent anthracycline, a low or unmeasured LVEF or an unknown pregnancy status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import watch
from tests.e2e.conftest import (
    COUNT_RENDERS,
    fill,
    reset_calculator,
    wait_for_render,
    wait_until_ready,
)

SIZES = {"1280px": {"width": 1280, "height": 900}, "390px": {"width": 390, "height": 844}}
RESULT = '[data-testid="calculator-result"]'
SENTINEL = "clipboard before the test"

# Holds Python's answers (the worker's round trip) until released, so that the state between an
# edit and its result can be looked at: a slow phone, a busy worker.
HOLD = """async () => {
  const { getRuntime } = await import("/assets/javascripts/guide/runtime.mjs");
  const runtime = getRuntime();
  if (!runtime.__original) runtime.__original = runtime.evaluateFormText;
  window.__held = [];
  runtime.evaluateFormText = (text) =>
    new Promise((resolve) => window.__held.push(() => resolve(runtime.__original(text))));
}"""
RELEASE = """async () => {
  const { getRuntime } = await import("/assets/javascripts/guide/runtime.mjs");
  const runtime = getRuntime();
  runtime.evaluateFormText = runtime.__original;
  for (const release of window.__held.splice(0)) release();
}"""
# Every element of the calculator marked `hidden` whose computed display is not "none": a CSS
# rule that outranks [hidden] (the verdict's meta line is a flex box) would show stale text.
SHOWN_THOUGH_HIDDEN = """() => [...document.querySelectorAll("[data-calculator] [hidden]")]
  .filter((e) => getComputedStyle(e).display !== "none")
  .map((e) => e.outerHTML.slice(0, 100))"""


@pytest.fixture(scope="module")
def calculator_at(browser: Browser, site_server: str) -> Iterator[Callable[[str], Page]]:
    """One calculator page per viewport for the module (Pyodide starts once per size), reset to
    an empty form for each use; each fails the module on a foreign request or console error."""
    pages: dict[str, Page] = {}
    checks: list[Callable[[], None]] = []

    def open_at(size: str) -> Page:
        if size not in pages:
            ctx = browser.new_context(
                base_url=site_server,
                viewport=SIZES[size],
                permissions=["clipboard-read", "clipboard-write"],
            )
            ctx.add_init_script(COUNT_RENDERS)
            page = ctx.new_page()
            checks.append(watch(page, ctx, site_server))
            page.goto("calculator/")
            wait_until_ready(page, timeout=60_000)
            wait_for_render(page, 0)
            pages[size] = page
        reset_calculator(pages[size])
        return pages[size]

    yield open_at
    for page in pages.values():
        page.context.close()
    for check in checks:
        check()


def visible_texts(page: Page, text: str) -> list[str]:
    """Every element on screen (visible, not merely in the DOM) whose own text contains ``text``."""
    return page.locator(f"[data-calculator] :text('{text}') >> visible=true").all_inner_texts()


def copy_summary(page: Page) -> str:
    page.evaluate(f"navigator.clipboard.writeText({SENTINEL!r})")
    page.get_by_role("button", name="Copy summary").click()
    status = page.locator("[data-calculator-copied]")
    expect(status).not_to_have_text("")
    return page.evaluate("navigator.clipboard.readText()")


def renders(page: Page) -> int:
    return page.evaluate("window.__renders")


@pytest.mark.parametrize("size", list(SIZES))
def test_an_invalid_edit_never_leaves_the_previous_result_on_screen(
    calculator_at: Callable[[str], Page], size: str
) -> None:
    page = calculator_at(size)
    region = page.locator(RESULT)
    weight = page.locator("[data-calculator] [name=weight_kg]")
    weight_error = page.locator("#calc-weight_kg-error")
    dose = page.locator("[data-verdict-dose]")
    title = page.locator("[data-verdict-title]")
    updating = page.locator("[data-verdict-updating]")
    # US label, dosage: metastatic breast cancer weekly: 4 mg/kg loading, then 2 mg/kg every week
    # [herceptin_uspi]: 80 kg -> 320 mg, then 160 mg; every check before a first dose done.
    fill(
        page,
        indication="metastatic_breast",
        ihc="3+",
        schedule="weekly",
        lvef_baseline_percent="60",
        concurrent_anthracycline="false",
        pregnant="false",
        weight_kg="80",
    )
    expect(dose).to_have_text("Dose 320 mg loading, then 160 mg every week")
    expect(region).to_have_attribute("data-eligibility", "eligible")
    expect(region).not_to_have_attribute("aria-busy", "true")
    expect(updating).to_be_hidden()
    verdict_before = title.inner_text()

    for typed in ("8O", "", "-5"):
        # While Python evaluates the edit, the old result is marked as not current.
        page.evaluate(HOLD)
        before = renders(page)
        weight.fill(typed)
        expect(region).to_have_attribute("aria-busy", "true")
        expect(updating).to_be_visible()
        expect(updating).to_have_text("Updating…")
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('[data-verdict-title]')).opacity < 1"
        )
        page.evaluate(RELEASE)
        wait_for_render(page, before)
        expect(region).not_to_have_attribute("aria-busy", "true")
        expect(updating).to_be_hidden()

        # Nothing of the 80 kg result is on screen: checked by visibility, not only in the DOM.
        assert visible_texts(page, "320 mg") == [], f"after {typed!r}"
        assert visible_texts(page, "160 mg") == [], f"after {typed!r}"
        expect(dose).to_be_hidden()
        assert page.evaluate(SHOWN_THOUGH_HIDDEN) == [], f"after {typed!r}"
        copied = copy_summary(page)
        assert "320 mg" not in copied and "Dose:" not in copied, f"after {typed!r}"

        if typed == "":
            # An empty weight is a valid input (weight not known): a new result without a dose.
            expect(weight_error).to_be_hidden()
            expect(region).to_have_attribute("data-eligibility", "eligible")
            expect(page.locator("[data-calculator-copied]")).to_have_text("Summary copied.")
        else:
            # Not a weight: the error is under its field; no verdict, HER2 or heart line stands.
            expect(weight_error).to_be_visible()
            expect(weight_error).not_to_have_text("")
            expect(weight).to_have_attribute("aria-invalid", "true")
            expect(region).to_have_attribute("data-eligibility", "")
            expect(title).not_to_have_text(verdict_before)
            expect(page.locator("[data-verdict-meta]")).to_be_hidden()
            expect(page.locator("[data-verdict-her2]")).to_be_hidden()
            expect(page.locator("[data-verdict-alerts]")).to_be_hidden()
            assert copied == SENTINEL, f"after {typed!r}: something was copied"
            expect(page.locator("[data-calculator-copied]")).to_have_text(
                "Nothing copied: correct the highlighted fields first."
            )

    # A valid weight brings the new result: 70 kg -> 4 and 2 mg/kg = 280 mg, then 140 mg.
    weight.fill("70")
    expect(dose).to_have_text("Dose 280 mg loading, then 140 mg every week")
    expect(weight_error).to_be_hidden()
    expect(region).to_have_attribute("data-eligibility", "eligible")
    expect(region).not_to_have_attribute("aria-busy", "true")
    assert "280 mg loading, then 140 mg every week" in copy_summary(page)


# Each case leaves one thing to do before (or instead of) the next dose; `meaning` is what the
# verdict must say about it, in the bar itself.
VERDICT_WARNINGS = {
    # Cardiac dysfunction in 27% with a concurrent anthracycline: give trastuzumab after it
    # [slamon2001, seidman2002, herceptin_uspi boxed warning].
    "anthracycline": (
        {
            "indication": "early_breast",
            "ihc": "3+",
            "nodes_positive": "true",
            "lvef_baseline_percent": "60",
            "concurrent_anthracycline": "true",
            "pregnant": "false",
        },
        re.compile(r"anthracycline", re.I),
    ),
    # A baseline below the higher of 50% and the LLN: cardiology review before starting (the
    # trials required a normal LVEF; the label sets no number) [herceptin_uspi, seidman2002].
    "low LVEF": (
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "lvef_baseline_percent": "45",
            "concurrent_anthracycline": "false",
            "pregnant": "false",
        },
        re.compile(r"LVEF 45%"),
    ),
    # Pregnancy status checked before starting (embryo-fetal toxicity) [herceptin_uspi].
    "pregnancy unknown": (
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "lvef_baseline_percent": "60",
            "concurrent_anthracycline": "false",
        },
        re.compile(r"pregnan", re.I),
    ),
    # A weight that may be in pounds typed as kilograms (project convention: above 150 kg).
    "weight in pounds": (
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "weight_kg": "154",
            "lvef_baseline_percent": "60",
            "concurrent_anthracycline": "false",
            "pregnant": "false",
        },
        re.compile(r"69\.9 kg"),
    ),
    # LVEF measured before the first dose [herceptin_uspi boxed warning, §5.1].
    "LVEF not measured": (
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "concurrent_anthracycline": "false",
            "pregnant": "false",
        },
        re.compile(r"measure.*LVEF|LVEF.*measure", re.I),
    ),
}


def test_safety_warnings_are_in_the_verdict_on_a_phone(
    calculator_at: Callable[[str], Page],
) -> None:
    from calculator.doors.bridge import evaluate_form

    page = calculator_at("390px")
    verdict = page.locator("[data-verdict]")
    for case, (fields, meaning) in VERDICT_WARNINGS.items():
        reset_calculator(page)
        fill(page, **fields)
        expected = evaluate_form(fields)["view"]["verdict"]
        expect(page.locator("[data-verdict-title]")).to_have_text(expected["title"])
        # The last field of the form: the verdict bar is sticky above it.
        page.locator("[data-calculator] [name=pregnant]").scroll_into_view_if_needed()
        expect(page.locator(RESULT)).to_have_attribute("data-expanded", "false")
        expect(page.locator("[data-result-body]")).to_be_hidden()

        alerts = verdict.locator("[data-verdict-alerts] li")
        # The page places Python's words (calculator.words.view), in Python's order.
        expect(alerts).to_have_text([a["text"] for a in expected["alerts"]])
        said = [a for a in alerts.all() if a.is_visible() and meaning.search(a.inner_text())]
        assert said, f"{case}: no line of the verdict says it: {alerts.all_inner_texts()}"
        # On screen now, in the bar, below Material's header; not behind "Show details".
        on_screen = said[0].evaluate(
            """(e) => {
              const box = e.getBoundingClientRect();
              const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
              return box.height > 0 && box.top >= header - 1 && box.bottom <= window.innerHeight;
            }"""
        )
        assert on_screen, f"{case}: the warning is not on screen in the verdict bar"

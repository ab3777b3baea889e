"""A phone (390 px): the field being typed in is never hidden (WCAG 2.2, 2.4.11 Focus Not
Obscured) — not by the sticky verdict bar, not by Material's header, not by its "Back to top"
button — tabbing forwards and backwards through every field; and "Back to top" never lies over
the calculator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import wait_until_ready

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: Is the focused element the topmost thing at its own centre (itself or inside it)? And what
#: covers it otherwise.
COVERED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const top = document.elementFromPoint(x, y);
  const ok = top !== null && (top === el || el.contains(top) || top.contains(el) && top.tagName === "LABEL");
  const name = (n) => n ? `${n.tagName.toLowerCase()}.${[...n.classList].join(".")}` : "nothing";
  return {name: el.name || el.textContent.trim().slice(0, 30), ok, y: Math.round(y),
          inView: y > 0 && y < innerHeight, over: ok ? "" : name(top)};
}"""


@pytest.fixture
def phone(browser: Browser, site_server: str) -> Iterator[Page]:
    ctx = browser.new_context(base_url=site_server, viewport=PHONE)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert errors == []


def open_with_a_result(page: Page, path: str) -> None:
    """A filled form, so that the verdict bar holds a verdict and a dose (its tallest)."""
    page.goto(f"{path}?indication=early_breast&ihc=3%2B&nodes_positive=true&weight_kg=70")
    wait_until_ready(page, timeout=60_000)
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-eligibility", "eligible"
    )


def fields(page: Page) -> list[str]:
    """Every visible control of the form, in tab order (document order: no tabindex > 0)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
             "[data-calculator] form :is(input, select, textarea, button)")]
           .filter((e) => e.getClientRects().length && !e.disabled && e.tabIndex >= 0)
           .map((e) => e.name || e.id || e.textContent.trim())"""
    )


def tab_through(page: Page, key: str, count: int) -> list[dict]:
    seen = []
    for _ in range(count):
        page.keyboard.press(key)
        seen.append(page.evaluate(COVERED))
    return seen


@pytest.mark.parametrize(
    ("path", "viewport"),
    [("calculator/", PHONE), ("trastuzumab/", PHONE), ("trastuzumab/", DESKTOP)],
)
def test_every_focused_field_is_visible_tabbing_both_ways(
    browser: Browser, site_server: str, path: str, viewport: dict[str, int]
) -> None:
    ctx = browser.new_context(base_url=site_server, viewport=viewport)
    page = ctx.new_page()
    open_with_a_result(page, path)
    names = fields(page)
    assert len(names) >= 15, names
    first = page.locator("[data-calculator] form [name=indication]")
    first.focus()
    forwards = [page.evaluate(COVERED), *tab_through(page, "Tab", len(names) - 1)]
    backwards = tab_through(page, "Shift+Tab", len(names) - 1)
    hidden = [f for f in forwards + backwards if not (f["ok"] and f["inView"])]
    assert hidden == [], hidden
    # The walk went through the whole form, both ways.
    assert forwards[-1]["name"] != forwards[0]["name"] and backwards[-1]["name"] == "indication"
    ctx.close()


def test_after_show_details_a_focused_field_is_still_visible(phone: Page) -> None:
    """The opened verdict covers the screen; typing in a field folds it back to the verdict's line
    and its warnings."""
    page = phone
    open_with_a_result(page, "calculator/")
    page.get_by_role("button", name="Show details").click()
    page.locator("[data-calculator] form [name=weight_kg]").focus()
    state = page.evaluate(COVERED)
    assert state["ok"] and state["inView"], state
    bar = page.get_by_test_id("calculator-result").evaluate("e => e.getBoundingClientRect().height")
    # Folded: one line for the verdict, plus one per safety warning, which never folds away
    # (HAZ-033); not the opened result. Material's rem is 20 px: 2.2rem + 1.1rem per warning.
    warnings = page.locator("[data-verdict-alerts] li").count()
    assert warnings >= 1  # LVEF and pregnancy not entered
    assert bar <= 44 + 22 * warnings + 1, (bar, warnings)


def test_back_to_top_never_lies_over_the_calculator(phone: Page) -> None:
    """Material shows "Back to top" when the reader scrolls up; over the calculator it would
    hide the review line and the form, so it stays away while the calculator is on screen."""
    page = phone
    open_with_a_result(page, "trastuzumab/")
    page.locator("[data-calculator] form [name=pregnant]").scroll_into_view_if_needed()
    for _ in range(6):  # scrolling up is what shows the button
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(100)
    page.wait_for_timeout(400)
    button = page.locator(".md-top")
    overlap = page.evaluate(
        """() => {
          const top = document.querySelector(".md-top");
          const calc = document.querySelector("[data-calculator]").getBoundingClientRect();
          const b = top.getBoundingClientRect();
          const style = getComputedStyle(top);
          const shown = !top.hidden && style.display !== "none" && style.visibility !== "hidden"
            && Number(style.opacity) > 0;
          return shown && b.bottom > calc.top && b.top < calc.bottom;
        }"""
    )
    assert overlap is False
    # Away from the calculator the button still works.
    page.evaluate("window.scrollTo(0, 1500)")
    for _ in range(6):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(100)
    expect(button).to_be_visible()
    assert (
        page.evaluate("document.querySelector('[data-calculator]').getBoundingClientRect().top")
        > 844
    )


def test_the_review_status_table_is_cards_on_a_phone(phone: Page) -> None:
    """Every column of the review-status table, Reviewers and Next review due included, is
    on screen at 390 px, labelled, with no sideways scrolling."""
    page = phone
    page.goto("review-status/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator(".guide-dashboard table")
    assert page.evaluate(
        "(t) => t.scrollWidth <= t.parentElement.clientWidth", table.element_handle()
    )
    rows = table.locator("tbody tr")
    assert rows.count() >= 1
    for label in ("Status", "Reviewers", "Next review due"):
        cell = rows.first.locator(f'td[data-label="{label}"]')
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (label, box)
        label_text = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
        assert label in label_text

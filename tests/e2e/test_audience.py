"""The audience selector in a real browser: keyboard choice, persistence across Material's instant
navigation and reloads, the early (no-flash) script, and the view without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

ARTICLE = "trastuzumab/"
ARTICLE_NAV = "Trastuzumab"
HOME_NAV = "Home"
LEGEND = "Which best describes you?"

PATIENT_BLOCK = '.guide-audience[data-audience~="patient"]'
NOT_PATIENT_BLOCK = '.guide-audience:not([data-audience~="patient"])'
PROFESSIONAL_BLOCK = '.guide-audience[data-audience~="professional"]'
PATIENT_ONLY_BLOCK = '.guide-audience[data-audience="patient"]'


def selector(page: Page):
    return page.get_by_role("group", name=LEGEND)


def nav_link(page: Page, name: str):
    return page.get_by_role("navigation").get_by_role("link", name=name, exact=True).first


def expect_view(page: Page, audience: str) -> None:
    expect(page.locator("html")).to_have_attribute("data-guide-audience", audience)
    expect(selector(page).get_by_role("radio", checked=True)).to_have_attribute("value", audience)
    shown = f'.guide-audience[data-audience~="{audience}"]'
    hidden = f'.guide-audience:not([data-audience~="{audience}"])'
    expect(page.locator(shown).first).to_be_visible()
    expect(page.locator(hidden).first).to_be_hidden()


@pytest.fixture
def fresh_context(browser: Browser, site_server: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=site_server)
    yield ctx
    ctx.close()


def test_default_is_the_professional_view(page: Page) -> None:
    page.goto(ARTICLE)
    expect(selector(page)).to_be_visible()
    expect(selector(page).get_by_role("radio")).to_have_count(3)
    expect_view(page, "professional")
    expect(page.locator(PATIENT_ONLY_BLOCK).first).to_be_hidden()


def test_choice_by_keyboard_persists_across_instant_navigation_and_reload(page: Page) -> None:
    page.goto(ARTICLE)
    # Tab lands on the checked radio of a group; the arrow keys move the choice.
    page.get_by_role("radio", name="Physician or pharmacist").focus()
    page.keyboard.press("ArrowUp")  # Student or nurse
    page.keyboard.press("ArrowUp")  # Patient or caregiver
    expect(page.get_by_role("radio", name="Patient or caregiver")).to_be_checked()
    expect(page.get_by_role("radio", name="Patient or caregiver")).to_be_focused()
    expect_view(page, "patient")
    expect(page.locator(PATIENT_BLOCK).first).to_be_visible()
    expect(page.locator(NOT_PATIENT_BLOCK).first).to_be_hidden()
    expect(selector(page).get_by_role("status")).to_have_text(
        "Showing the patient or caregiver view."
    )
    assert page.evaluate("localStorage.getItem('guide.audience')") == "patient"

    nav_link(page, HOME_NAV).click()
    page.wait_for_url(lambda url: not url.rstrip("/").endswith(ARTICLE.rstrip("/")))
    expect(selector(page).get_by_role("radio", name="Patient or caregiver")).to_be_checked()
    nav_link(page, ARTICLE_NAV).click()
    page.wait_for_url(f"**/{ARTICLE}")
    expect_view(page, "patient")
    # Material's instant navigation swapped the content: still the first page load.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1

    page.reload()
    expect_view(page, "patient")
    expect(page.locator(NOT_PATIENT_BLOCK).first).to_be_hidden()


def test_stored_choice_applies_before_the_module_runs(
    fresh_context: BrowserContext, site_server: str
) -> None:
    """audience-early.js alone applies a stored choice: no flash of the professional view."""
    fresh_context.add_init_script("localStorage.setItem('guide.audience', 'patient')")
    fresh_context.route("**/audience.mjs", lambda route: route.abort())
    page = fresh_context.new_page()
    page.goto(ARTICLE)
    expect_view(page, "patient")


def test_without_javascript_the_professional_text_shows_and_no_selector(
    browser: Browser, site_server: str
) -> None:
    ctx = browser.new_context(base_url=site_server, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(ARTICLE)
        expect(page.locator(PROFESSIONAL_BLOCK).first).to_be_visible()
        expect(page.locator(PATIENT_ONLY_BLOCK).first).to_be_hidden()
        expect(page.locator("[data-guide-audience-selector]")).to_be_hidden()
        expect(selector(page)).to_have_count(0)
    finally:
        ctx.close()

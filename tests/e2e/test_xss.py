"""Untrusted text (URL parameters, form values) never becomes markup or script."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from build_tools.calculator_page.form import FIELD_NAMES
from tests.e2e.conftest import COUNT_RENDERS, wait_for_render, wait_until_ready

PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    '"><script>window.__xss=1</script>',
    "javascript:window.__xss=1",
    "<svg/onload=window.__xss=1>",
    "' onmouseover='window.__xss=1",
    "</textarea><iframe srcdoc='<script>parent.__xss=1</script>'>",
]
# Elements a payload would create if it were parsed as HTML.
INJECTED = "img[src=x], svg[onload], iframe[srcdoc], [data-calculator] script"


def _assert_inert(page: Page) -> None:
    assert page.evaluate("window.__xss") is None
    assert page.locator(INJECTED).count() == 0


@pytest.fixture(scope="module")
def csp_free_context(browser: Browser, site_server: str) -> Iterator[BrowserContext]:
    """Without the CSP, so the test proves the code never injects (not just that CSP blocks).
    Shared by the module: later pages start Pyodide from the context's cache."""
    ctx = browser.new_context(base_url=site_server, bypass_csp=True)
    ctx.add_init_script(COUNT_RENDERS)
    yield ctx
    ctx.close()


@pytest.fixture
def csp_free_page(csp_free_context: BrowserContext) -> Iterator[Page]:
    page = csp_free_context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_every_url_parameter_is_inert(csp_free_page: Page, payload: str) -> None:
    page = csp_free_page
    query = urlencode({name: payload for name in FIELD_NAMES})
    page.goto(f"calculator/?{query}#{payload}")
    wait_until_ready(page, timeout=60_000)
    # The restored values have been through the calculator and onto the page.
    wait_for_render(page, 0)
    _assert_inert(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_typed_into_every_input_is_inert(csp_free_page: Page, payload: str) -> None:
    page = csp_free_page
    page.goto("calculator/")
    wait_until_ready(page, timeout=60_000)
    page.select_option("select[name=indication]", "early_breast")
    page.select_option("select[name=ish_method]", "dual")
    for box in page.locator("[data-calculator] input[type=text]:visible").all():
        box.fill(payload)
    page.wait_for_function(
        "document.querySelector('[data-calculator] [aria-invalid=true]') !== null"
    )
    _assert_inert(page)

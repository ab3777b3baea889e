"""E2E fixtures: every test here is marked ``e2e``; one calculator page per module is shared by
the tests that only change form values (Pyodide starts once, not once per test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from build_tools.chromium import wait_until_present
from tests.conftest import watch

READY = "form[data-calculator-state=ready]"
#: The two widths every layout test looks at: a desktop and a phone.
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Counts the calculator's renders (its event does not bubble; a capturing listener sees it).
COUNT_RENDERS = (
    "window.__renders = 0;"
    "document.addEventListener('calculator:rendered', () => { window.__renders += 1; }, true);"
)


#: A Playwright action that failed because the browser drew no frame for the page: the locator
#: resolved (the page's JavaScript ran), then the actionability check, which runs on animation
#: frames, never came back, so the call log ends on its first wait. A browser launched to draw
#: no frame gives exactly this (test_frame_stall.py); so did one CI run, once in about 2,000
#: e2e tests. A fault of the page reads differently: a moving element logs "element is not
#: stable" and retries, a hidden one "element is not visible", a busy main thread never
#: resolves the locator. Only this failure is run once more, and pytest's summary counts it.
STALLED_FRAMES = (
    r"(?s)\ATimeoutError: .*- locator resolved to [^\n]*\n  - attempting \w+ action\n"
    r"    - waiting for element to be visible(?:, enabled)? and stable\n?\Z"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=[STALLED_FRAMES]))


def wait_until_ready(page: Page, /, *, timeout: float = 60_000) -> None:
    """Wait until the page's calculator is ready (``READY`` attached), checking every 100 ms
    (build_tools.chromium.wait_until_present says why not ``wait_for_selector``)."""
    wait_until_present(page, READY, polling_ms=100, timeout_ms=timeout)


def start_of(page: Page, /) -> dict[str, str]:
    """How the calculator started and why (start-mode.mjs): the detail of its ready mark."""
    return page.evaluate("performance.getEntriesByName('calculator-ready').at(-1).detail")


def ready_from_snapshot(page: Page, /, *, visits: int = 3) -> dict[str, str]:
    """Wait until the page's calculator is ready and return how it started, visiting again (as a
    reader would) while the start was plain for a slow link. A machine too busy to send the
    snapshot's first byte within a second looks like a slow link to the worker, which then
    starts plainly (start-mode.mjs); a later visit on a quieter moment takes the snapshot. A
    broken snapshot start is never retried: it says so (``snapshot-failed``) on every visit."""
    wait_until_ready(page)
    for _ in range(visits - 1):
        if start_of(page)["why"] != "slow-link":
            break
        page.reload()
        wait_until_ready(page)
    return start_of(page)


def wait_for_render(page: Page, after: int, /) -> None:
    """Wait until the calculator has rendered more than ``after`` times."""
    page.wait_for_function("(n) => window.__renders > n", arg=after)


def fill(page: Page, /, **fields: str) -> None:
    """Type or choose each value in the calculator's input of that name."""
    for name, value in fields.items():
        control = page.locator(f"[data-calculator] [name={name}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)


def reset_calculator(page: Page, /) -> None:
    """Back to the form's defaults, and wait until the empty form is rendered (a compute of the
    previous test still in flight renders first), so a test never reads the previous test's
    result. An already empty form is not evaluated again (an identical payload is skipped)."""
    renders, was_empty = page.evaluate(
        """() => [window.__renders,
          document.querySelector('[data-testid="calculator-result"]').dataset.state === "empty"]"""
    )
    page.locator("[data-calculator] form").evaluate("form => form.reset()")
    page.wait_for_function(
        """([n, wasEmpty]) => (wasEmpty || window.__renders > n) &&
          document.querySelector('[data-testid="calculator-result"]').dataset.state === 'empty'""",
        arg=[renders, was_empty],
    )


@pytest.fixture(scope="module")
def shared_calculator(browser: Browser, site_server: str) -> Iterator[Page]:
    """One calculator page for the module, ready; the module fails on any foreign request or
    console error, as the ``page`` fixture does per test."""
    ctx = browser.new_context(base_url=site_server)
    ctx.add_init_script(COUNT_RENDERS)
    pg = ctx.new_page()
    check = watch(pg, ctx, site_server)
    pg.goto("calculator/")
    wait_until_ready(pg, timeout=60_000)
    wait_for_render(pg, 0)
    yield pg
    ctx.close()
    check()


@pytest.fixture
def calculator(shared_calculator: Page) -> Page:
    """The module's shared calculator page, reset to an empty form."""
    reset_calculator(shared_calculator)
    return shared_calculator


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Browser, site_server: str) -> Iterator[Page]:
    """A page at each of SIZES (its name in ``page.size_name``), clipboard allowed; the test
    fails on a request to another origin or a console error (``watch``)."""
    ctx = browser.new_context(
        base_url=site_server,
        viewport=SIZES[request.param],
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = ctx.new_page()
    page.size_name = request.param  # type: ignore[attr-defined]
    check = watch(page, ctx, site_server)
    yield page
    ctx.close()
    check()

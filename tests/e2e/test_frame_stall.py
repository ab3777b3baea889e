"""The e2e tests run once more only when the browser drew no frame for the page (conftest's
``STALLED_FRAMES``), never for a fault of the page itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Error, Page

from build_tools.chromium import CHROMIUM_ARGS
from tests.conftest import TEST_CHROMIUM
from tests.e2e.conftest import STALLED_FRAMES

BUTTONS = (
    "<button>Still</button>"
    "<div style='position:relative;animation:slide .5s linear infinite'><button>Moving</button></div>"
    "<button hidden>Hidden</button>"
    "<style>@keyframes slide { from { left: 0 } to { left: 300px } }</style>"
)


def failure(page: Page, name: str) -> str:
    """``TypeName: message`` of a click on the button ``name`` that fails within 1.5 s, as
    pytest-rerunfailures matches it."""
    with pytest.raises(Error) as failed:
        page.get_by_role("button", name=name, include_hidden=True).click(timeout=1_500)
    return f"{failed.type.__name__}: {failed.value}"


@pytest.fixture
def frameless(browser: Browser) -> Iterator[Page]:
    """A page in a second browser (launched by the session's Playwright: one Playwright runs per
    process) that draws a frame only when asked to, and is never asked."""
    other = browser.browser_type.launch(
        executable_path=TEST_CHROMIUM, args=[*CHROMIUM_ARGS, "--enable-begin-frame-control"]
    )
    page = other.new_page()
    page.set_content(BUTTONS)
    yield page
    other.close()


#: The failure one CI run printed (test_calculator.py, the "Copy summary" button).
SEEN_IN_CI = (
    "TimeoutError: Locator.click: Timeout 30000ms exceeded.\nCall log:\n"
    '  - waiting for get_by_role("button", name="Copy summary")\n'
    '    - locator resolved to <button type="button" class="md-button" data-action="copy">'
    "Copy summary</button>\n"
    "  - attempting click action\n"
    "    - waiting for element to be visible, enabled and stable\n"
)


def test_a_browser_that_draws_no_frame_is_run_again(frameless: Page) -> None:
    assert re.search(STALLED_FRAMES, failure(frameless, "Still"))
    assert re.search(STALLED_FRAMES, SEEN_IN_CI)


def test_faults_of_the_page_are_never_run_again(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(BUTTONS)
    for name in ("Moving", "Hidden"):
        message = failure(page, name)
        assert "element is not" in message
        assert not re.search(STALLED_FRAMES, message), message
    # A main thread kept busy: the locator never resolves.
    page.evaluate(
        "setTimeout(() => { const t = performance.now(); while (performance.now() - t < 3000); })"
    )
    message = failure(page, "Still")
    assert not re.search(STALLED_FRAMES, message), message
    page.close()


def test_every_e2e_test_carries_the_rerun(request: pytest.FixtureRequest) -> None:
    mark = request.node.get_closest_marker("flaky")
    assert mark is not None
    assert mark.kwargs == {"reruns": 1, "only_rerun": [STALLED_FRAMES]}

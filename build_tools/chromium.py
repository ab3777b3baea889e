"""How the tests and the benchmark start Debian's Chromium on these machines.

As root, with no sandbox; the background-networking flags keep Chromium from reaching for
Google's hosts, which this machine's closed network refuses (and a test would count).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: The full browser readers run: `make bench` and `make lighthouse` measure in it.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: The tests' browser: Debian's headless shell of the same Chromium (same version, Blink and
#: V8; no browser UI or display compositor), the build Playwright itself runs headless tests in.
#: The e2e tests cost about 28% less CPU in it than in the full browser (test_calculator.py,
#: 2 cores: 111 against 155 CPU-seconds).
TEST_CHROMIUM = os.environ.get("TEST_CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def wait_until_present(
    page: Page, selector: str, /, *, polling_ms: float, timeout_ms: float
) -> None:
    """Until ``selector`` matches in ``page``, checked inside the page every ``polling_ms``.
    Not Playwright's ``wait_for_selector``: it checks on every animation frame, which keeps the
    page drawing frames for the seconds Pyodide takes to start (about 10% more CPU for each
    calculator page here: 1.91 against 1.71 CPU-s a start, 6 alternating runs each), so a
    stopwatch built on it slows what it times. The tests and the benchmark both wait this way."""
    page.wait_for_function(
        "(selector) => document.querySelector(selector) !== null",
        arg=selector,
        polling=polling_ms,
        timeout=timeout_ms,
    )

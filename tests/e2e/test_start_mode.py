"""How the calculator's worker starts Python (start-mode.mjs): from the memory snapshot on a
fast link, plainly from the lock file when the snapshot's download is slow, with zero requests
to any other origin either way. The choice itself (thresholds) is unit-tested in
tests/js/start-mode.test.mjs; here the page's wiring: probe, cancel, plain start, ready."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from playwright.sync_api import Browser, Route, expect

from tests.conftest import watch
from tests.e2e.conftest import ready_from_snapshot, start_of, wait_until_ready


def test_a_fast_link_restores_the_snapshot(browser: Browser, site_server: str) -> None:
    ctx = browser.new_context(base_url=site_server, service_workers="block")
    page = ctx.new_page()
    check = watch(page, ctx, site_server)
    page.goto("calculator/")
    assert ready_from_snapshot(page) == {"mode": "snapshot", "why": "fast-link"}
    ctx.close()
    check()


def test_a_slow_snapshot_download_is_cancelled_for_a_plain_start(
    browser: Browser, site_server: str
) -> None:
    """The snapshot's first bytes arrive too slowly (here: not at all for 2.5 s, beyond
    FIRST_BYTE_MS), so the worker cancels it and starts from the lock file; the calculator
    still computes."""
    ctx = browser.new_context(base_url=site_server, service_workers="block")
    requested: list[str] = []

    def stall(route: Route) -> None:
        requested.append(route.request.url)
        time.sleep(2.5)  # beyond FIRST_BYTE_MS (1 s): nothing has arrived by then
        with contextlib.suppress(Exception):  # the worker has cancelled it: nothing to continue
            route.continue_()

    ctx.route("**/pyodide/snapshot-*.bin.gz", stall)
    page = ctx.new_page()
    check = watch(page, ctx, site_server)
    page.goto("calculator/?indication=metastatic_breast&ihc=3%2B")
    wait_until_ready(page, timeout=90_000)
    assert requested, "the snapshot was not even tried"
    assert start_of(page) == {"mode": "plain", "why": "slow-link"}
    result = page.get_by_test_id("calculator-result")
    # The form from the URL is evaluated once Python is ready: wait for its result.
    expect(result).to_have_attribute("data-her2-status", "positive")
    ctx.close()
    check()


def test_a_plain_verdict_before_pyodide_has_loaded_is_no_error(
    browser: Browser, site_server: str
) -> None:
    """On a slow start the plain verdict can come before Pyodide has asked for the snapshot
    (its own module still loading): the given-up snapshot must not surface as an uncaught
    error (the watch fails the test on any console error), and the plain start still works."""
    ctx = browser.new_context(base_url=site_server, service_workers="block")

    def stall(seconds: float) -> Callable[[Route], None]:
        def handler(route: Route) -> None:
            time.sleep(seconds)
            with contextlib.suppress(Exception):  # cancelled by the worker: nothing to continue
                route.continue_()

        return handler

    # Pyodide's module arrives 3 s late, the snapshot's first byte later than FIRST_BYTE_MS.
    ctx.route("**/pyodide/pyodide.asm.mjs", stall(3.0))
    ctx.route("**/pyodide/snapshot-*.bin.gz", stall(2.5))
    page = ctx.new_page()
    check = watch(page, ctx, site_server)
    page.goto("calculator/?indication=metastatic_breast&ihc=3%2B")
    wait_until_ready(page, timeout=90_000)
    assert start_of(page) == {"mode": "plain", "why": "slow-link"}
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "positive"
    )
    ctx.close()
    check()

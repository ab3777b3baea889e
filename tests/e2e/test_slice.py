"""The thinnest end-to-end path: the calculator page runs `calculator` under self-hosted Pyodide
in a Web Worker and shows its result, with every request served by the local server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.serve import make_server
from tests.conftest import NetworkLog, base_url_of, build_site, serve_in_thread
from tests.e2e.conftest import ready_from_snapshot

READY = "form[data-calculator-state=ready]"


def _compute_positive(page: Page) -> None:
    page.goto("calculator/")
    ready_from_snapshot(page)
    page.select_option("select[name=indication]", "metastatic_breast")
    page.select_option("select[name=ihc]", "3+")
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "positive"
    )


def test_calculator_page_computes_in_the_browser(page: Page) -> None:
    """The path users take: Pyodide restored from the build's memory snapshot."""
    _compute_positive(page)
    assert page.locator(READY).get_attribute("data-calculator-runtime") == "snapshot"
    urls = page.network_log.urls  # type: ignore[attr-defined]
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in urls)
    assert any("/pyodide/snapshot-" in u for u in urls)
    # The fixture fails the test on any request that left the local server; say it here too.
    assert all(u.startswith("http://127.0.0.1:") for u in urls)


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site built without the snapshot: every visit starts Python plainly."""
    site = tmp_path_factory.mktemp("plain") / "site"
    server = make_server(site, "127.0.0.1", 0)
    build_site(site, site_url=base_url_of(server), env={"PYODIDE_SNAPSHOT": "false"})
    yield from serve_in_thread(server)


def test_plain_start_imports_the_calculator_from_the_standard_library(
    browser: Browser, plain_site: str
) -> None:
    """The trimmed standard library holds the calculator: no wheel is downloaded or installed."""
    ctx = browser.new_context(base_url=plain_site)
    log = NetworkLog(plain_site)
    ctx.on("request", lambda r: log.urls.append(r.url))
    page = ctx.new_page()
    _compute_positive(page)
    assert page.locator(READY).get_attribute("data-calculator-runtime") == "plain"
    assert any("/pyodide/python_stdlib-" in u for u in log.urls)
    assert not any(u.endswith(".whl") for u in log.urls)
    assert not any("/pyodide/snapshot-" in u for u in log.urls)
    assert log.foreign() == []
    ctx.close()

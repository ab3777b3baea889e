"""The thinnest end-to-end path: the calculator page runs `calculator` under self-hosted Pyodide
in a Web Worker and shows its result, with every request served by the local server."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_calculator_page_computes_in_the_browser(page: Page) -> None:
    page.goto("calculator/")
    form = page.locator("form[data-calculator-state]")
    expect(form).to_have_attribute("data-calculator-state", "ready", timeout=60_000)
    page.select_option("select[name=indication]", "metastatic_breast")
    page.select_option("select[name=ihc]", "3+")
    result = page.get_by_test_id("calculator-result")
    expect(result).to_have_attribute("data-her2-status", "positive")
    # The fixture checks the network log: only 127.0.0.1 requests, and the worker made them.
    urls = page.network_log.urls  # type: ignore[attr-defined]
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in urls)
    assert any(u.endswith("-py3-none-any.whl") for u in urls)
    assert all(u.startswith("http://127.0.0.1:") for u in urls)

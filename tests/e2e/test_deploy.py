"""A deploy under a sub-path (CONTRIBUTING.md#site): built for ``http://127.0.0.1:PORT/some/path/``
and served only there, the calculator computes and Material's instant navigation keeps the page
alive; an article reader who never reaches the calculator downloads no Python."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from build_tools.chromium import wait_until_present
from build_tools.serve import make_server, record_sent
from tests.conftest import NetworkLog, build_site, free_port
from tests.e2e.conftest import wait_until_ready

BASE_PATH = "/some/path/"
#: Issue 15: what an article reader who never scrolls to the calculator may download in 6 s.
READER_BUDGET = 1_500_000


class SubPathHost:
    def __init__(self, site: Path, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}{BASE_PATH}"
        self.server = make_server(site, "127.0.0.1", port, base_path=BASE_PATH)
        self.sent = record_sent(self.server)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SubPathHost]:
    port = free_port()
    site = build_site(
        tmp_path_factory.mktemp("subpath") / "site", site_url=f"http://127.0.0.1:{port}{BASE_PATH}"
    )
    running = SubPathHost(site, port)
    yield running
    running.server.shutdown()
    running.server.server_close()


def test_sub_path_deploy_computes_and_navigates_instantly(
    browser: Browser, host: SubPathHost
) -> None:
    ctx = browser.new_context(base_url=host.base)
    log = NetworkLog(host.base)
    statuses: list[tuple[int, str]] = []
    ctx.on("request", lambda r: log.urls.append(r.url))
    ctx.on("response", lambda r: statuses.append((r.status, r.url)))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # A shared link on the article: the URL fills the form, so Python starts at once.
    page.goto(
        "trastuzumab/?indication=metastatic_breast&ihc=3%2B&lvef_baseline_percent=60&pregnant=false"
    )
    wait_until_ready(page, timeout=60_000)
    result = page.get_by_test_id("calculator-result")
    expect(result).to_have_attribute("data-her2-status", "positive")
    expect(result).to_have_attribute("data-eligibility", "eligible")
    page.evaluate("window.__stillHere = 'article'")
    # Instant navigation changes the address before it swaps the content: until then the
    # article's calculator is still there, and ready. Wait for the calculator page's own.
    page.evaluate("document.querySelector('[data-calculator]').dataset.left = 'article'")
    page.get_by_role("navigation").get_by_role("link", name="Eligibility calculator").first.click()
    page.wait_for_url(lambda url: url.startswith(f"{host.base}calculator/"))
    wait_until_present(
        page,
        "[data-calculator]:not([data-left]) form[data-calculator-state=ready]",
        polling_ms=100,
        timeout_ms=60_000,
    )
    # Instant navigation: the same document (and the same calculator worker) lives on.
    assert page.evaluate("window.__stillHere") == "article"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    page.select_option("[data-calculator] select[name=indication]", "metastatic_breast")
    page.select_option("[data-calculator] select[name=ihc]", "1+")
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "negative"
    )
    assert log.foreign() == []
    assert all(url.startswith(host.base) for url in log.urls), [
        u for u in log.urls if not u.startswith(host.base)
    ]
    assert [s for s in statuses if s[0] >= 400] == []
    assert errors == []
    ctx.close()


def test_an_article_reader_who_never_reaches_the_calculator_downloads_no_python(
    browser: Browser, host: SubPathHost
) -> None:
    ctx = browser.new_context(base_url=host.base, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    host.sent.clear()
    page.goto("trastuzumab/")
    page.wait_for_timeout(6000)
    sent = list(host.sent)
    total = sum(size for _, size in sent)
    assert not [path for path, _ in sent if "/pyodide/" in path]
    print(f"article reader, first 6 s: {total} bytes in {len(sent)} responses")
    assert 100_000 < total <= READER_BUDGET, total
    expect(page.locator("form[data-calculator-state]")).to_have_attribute(
        "data-calculator-state", "loading"
    )
    # Every page of the site is kept for offline reading, and nothing of the runtime.
    cached = page.evaluate(
        """async () => {
          const urls = [];
          for (const name of await caches.keys())
            for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
          return urls;
        }"""
    )
    assert f"{host.base}disclaimer/" in cached
    assert not [u for u in cached if "/pyodide/" in u]
    # Nearing the calculator starts it.
    page.locator("[data-calculator]").scroll_into_view_if_needed()
    wait_until_ready(page, timeout=60_000)
    assert any("/pyodide/pyodide.asm.wasm" in path for path, _ in host.sent)
    ctx.close()

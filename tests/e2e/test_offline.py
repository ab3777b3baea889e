"""The service worker: the calculator works offline after one visit and a new build replaces
the old cache (no stale calculator after a deploy)."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.offline.config import OfflineConfig
from build_tools.offline.plugin import OfflinePlugin
from build_tools.serve import make_server

READY = "form[data-calculator-state=ready]"


@pytest.fixture
def own_site(built_site: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A private copy of the built site on its own port, so the test can 'deploy' a new build."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _rebuild_service_worker(site: Path) -> None:
    plugin = OfflinePlugin()
    plugin.load_config({})
    plugin.on_post_build(config=type("C", (), {"site_dir": str(site)})())  # type: ignore[arg-type]


def _cache_names(page: Page) -> list[str]:
    return page.evaluate("caches.keys()")


def _wait_for_cache(page: Page, build: str) -> None:
    page.wait_for_function(
        "async (name) => (await caches.keys()).includes(name) &&"
        " (await (await caches.open(name)).keys()).length > 10",
        arg=f"guide-{build}",
        timeout=60_000,
        polling=250,
    )


def _build_id(site: Path) -> str:
    return re.search(r'const BUILD = "(\w+)"', (site / "sw.js").read_text()).group(1)


def test_calculator_works_offline_after_one_visit_and_updates(
    browser: Browser, own_site: tuple[Path, str]
) -> None:
    site, base = own_site
    ctx = browser.new_context(base_url=base)
    page = ctx.new_page()
    page.goto("calculator/")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    first = _build_id(site)
    _wait_for_cache(page, first)

    ctx.set_offline(True)
    page.goto("calculator/?indication=metastatic_breast&ihc=3%2B")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "positive"
    )
    ctx.set_offline(False)

    # Deploy a new build: a precached file changes, so sw.js gets a new build id.
    glue = site / "assets" / "javascripts" / "guide" / "calculator.mjs"
    glue.write_text(glue.read_text() + "\n// build 2\n")
    _rebuild_service_worker(site)
    second = _build_id(site)
    assert second != first
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    _wait_for_cache(page, second)
    page.wait_for_function(
        "async (old) => !(await caches.keys()).includes(old)",
        arg=f"guide-{first}",
        timeout=30_000,
        polling=250,
    )
    # The next visit is controlled by the new worker and gets the new build, even offline.
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    ctx.set_offline(True)
    served = page.evaluate(
        "fetch('/assets/javascripts/guide/calculator.mjs').then((r) => r.text())"
    )
    assert served.endswith("// build 2\n")
    ctx.close()


def test_offline_plugin_config_defaults_cover_the_runtime() -> None:
    config = OfflineConfig()
    config.load_dict({})
    assert "pyodide/*" in config["precache"]
    assert "calculator/" in config["pages"]

"""The service worker: the calculator works offline after one visit and a new build replaces
the old cache (no stale calculator after a deploy)."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.offline.config import OfflineConfig
from build_tools.offline.plugin import OfflinePlugin
from build_tools.serve import make_server

READY = "form[data-calculator-state=ready]"


class Host:
    """A private copy of the built site on its own port that can go down and come back.

    "Offline" here is the real thing: the server is stopped, so every request the service worker
    does not answer fails (Playwright's offline emulation proved unreliable for navigations
    answered by a service worker).
    """

    def __init__(self, site: Path) -> None:
        self.site = site
        self.port = 0  # the OS chooses on the first start; later starts reuse it (same origin)
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def up(self) -> None:
        self.server = make_server(self.site, "127.0.0.1", self.port)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def host(built_site: Path, tmp_path: Path) -> Iterator[Host]:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    running = Host(site)
    running.up()
    yield running
    running.down()


def _rebuild_service_worker(site: Path) -> None:
    plugin = OfflinePlugin()
    plugin.load_config({})
    plugin.on_post_build(config=type("C", (), {"site_dir": str(site)})())  # type: ignore[arg-type]


def _cache_names(page: Page) -> list[str]:
    return page.evaluate("caches.keys()")


def _precache_size(site: Path) -> int:
    sw = (site / "sw.js").read_text()
    lists = [
        re.search(rf"const {name} = (\[.*?\]);", sw, re.S).group(1)
        for name in ("PRECACHE", "PAGES")
    ]
    return sum(len(json.loads(items)) for items in lists)


def _until(page: Page, script: str, arg: object, timeout_ms: int = 90_000) -> None:
    """Wait, inside the page, until the async predicate ``script`` resolves to true.

    ``page.wait_for_function`` is not used: it takes the Promise an async predicate returns as
    truthy at once, so it would not wait at all. The page re-checks every 100 ms.
    """
    met = page.evaluate(
        f"""async ([arg, timeoutMs]) => {{
          const check = {script};
          const end = performance.now() + timeoutMs;
          while (!(await check(arg))) {{
            if (performance.now() > end) return false;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }}
          return true;
        }}""",
        [arg, timeout_ms],
    )
    assert met, f"timed out waiting for {script[:60]}…"


def _wait_for_cache(page: Page, site: Path, build: str) -> None:
    """Wait until the worker of ``build`` is activated with its whole precache stored."""
    _until(
        page,
        """async ([name, size]) => {
          const registration = await navigator.serviceWorker.getRegistration();
          const active = registration && registration.active;
          if (!active || active.state !== "activated") return false;
          if (!(await caches.keys()).includes(name)) return false;
          return (await (await caches.open(name)).keys()).length === size;
        }""",
        [f"guide-{build}", _precache_size(site)],
    )


def _build_id(site: Path) -> str:
    return re.search(r'const BUILD = "(\w+)"', (site / "sw.js").read_text()).group(1)


def test_calculator_works_offline_after_one_visit_and_updates(browser: Browser, host: Host) -> None:
    site = host.site
    ctx = browser.new_context(base_url=host.base)
    page = ctx.new_page()
    page.goto("calculator/")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    first = _build_id(site)
    _wait_for_cache(page, site, first)

    host.down()
    page.goto("calculator/?indication=metastatic_breast&ihc=3%2B")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "positive"
    )
    host.up()

    # Deploy a new build: a precached file changes, so sw.js gets a new build id.
    glue = site / "assets" / "javascripts" / "guide" / "calculator.mjs"
    glue.write_text(glue.read_text() + "\n// build 2\n")
    _rebuild_service_worker(site)
    second = _build_id(site)
    assert second != first
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    _wait_for_cache(page, site, second)
    _until(page, "async (old) => !(await caches.keys()).includes(old)", f"guide-{first}")
    # The next visit is controlled by the new worker and gets the new build, even offline.
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    host.down()
    served = page.evaluate(
        "fetch('/assets/javascripts/guide/calculator.mjs', {cache: 'no-store'}).then((r) => r.text())"
    )
    assert served.endswith("// build 2\n")
    ctx.close()


def test_offline_plugin_config_defaults_cover_the_runtime() -> None:
    config = OfflineConfig()
    config.load_dict({})
    assert "pyodide/*" in config["precache"]
    assert "calculator/" in config["pages"]


def test_the_decompressed_snapshot_is_kept_for_the_next_visit(browser: Browser, host: Host) -> None:
    """Issue 8: later visits skip the ~0.3 s gunzip; only this build's snapshot is kept."""
    runtime = json.loads((host.site / "pyodide" / "runtime.json").read_text())
    # No service worker, so a second download could only come from the network.
    ctx = browser.new_context(base_url=host.base, service_workers="block")
    page = ctx.new_page()
    page.goto("calculator/")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    _until(
        page,
        """async (name) => {
          if (!(await caches.keys()).includes("calculator-snapshot")) return false;
          const keys = await (await caches.open("calculator-snapshot")).keys();
          return keys.length === 1 && keys[0].url.endsWith(name);
        }""",
        runtime["snapshot"],
    )
    # The compressed snapshot is now unreachable: the start can only use the kept copy (without
    # it, the worker would fall back to the lock-file start and say "lockfile").
    ctx.route("**/pyodide/snapshot-*.bin.gz", lambda route: route.abort())
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    expect(page.locator("form[data-calculator-runtime]")).to_have_attribute(
        "data-calculator-runtime", "snapshot"
    )
    ctx.close()

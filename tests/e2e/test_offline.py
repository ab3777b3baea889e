"""The service worker: every page offline after one visit, the calculator offline for readers
who used it, and a new build that waits for the reader instead of taking over an open page."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.chromium import CHROMIUM_ARGS, TEST_CHROMIUM
from build_tools.offline.config import OfflineConfig
from build_tools.offline.plugin import OfflinePlugin
from build_tools.serve import make_server, record_sent
from tests.conftest import TEST_ONLY_ARGS
from tests.e2e.conftest import ready_from_snapshot, start_of, wait_until_ready


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
        self.sent = record_sent(self.server)
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


def _manifest(site: Path) -> tuple[dict[str, str], dict[str, str]]:
    sw = (site / "sw.js").read_text()
    shell, runtime = (
        json.loads(re.search(rf"const {name} = (\{{.*?\}});", sw, re.S).group(1))
        for name in ("SHELL", "RUNTIME")
    )
    return shell, runtime


def _until(page: Page, script: str, arg: object = None, timeout_ms: int = 90_000) -> object:
    """Wait, inside the page, until the async predicate ``script`` resolves to a true value;
    that value.

    ``page.wait_for_function`` is not used: it takes the Promise an async predicate returns as
    truthy at once, so it would not wait at all. The page re-checks every 100 ms.
    """
    met = page.evaluate(
        f"""async ([arg, timeoutMs]) => {{
          const check = {script};
          const end = performance.now() + timeoutMs;
          for (;;) {{
            const value = await check(arg);
            if (value) return value;
            if (performance.now() > end) return false;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }}
        }}""",
        [arg, timeout_ms],
    )
    assert met, f"timed out waiting for {script[:60]}…"
    return met


CACHED = """async (name) => {
  if (!(await caches.keys()).includes(name)) return [];
  return (await (await caches.open(name)).keys()).map((r) => r.url);
}"""


def _wait_for_cache(page: Page, build: str, count: int) -> None:
    """Wait until the worker of ``build`` is activated with ``count`` files in its cache."""
    _until(
        page,
        """async ([name, count]) => {
          const registration = await navigator.serviceWorker.getRegistration();
          const active = registration && registration.active;
          if (!active || active.state !== "activated") return false;
          if (!(await caches.keys()).includes(name)) return false;
          return (await (await caches.open(name)).keys()).length === count;
        }""",
        [f"guide-{build}", count],
    )


def _build_id(site: Path) -> str:
    return re.search(r'const BUILD = "(\w+)"', (site / "sw.js").read_text()).group(1)


def _deploy_new_build(site: Path) -> None:
    """A new deploy: a file of the page glue changes, so sw.js gets a new build id."""
    glue = site / "assets" / "javascripts" / "guide" / "calculator.mjs"
    glue.write_text(glue.read_text() + "\n// build 2\n")
    _rebuild_service_worker(site)


def test_every_page_works_offline_after_one_visit_without_the_runtime(
    browser: Browser, host: Host
) -> None:
    """An article reader gets every page offline, and none of the 20 MB calculator runtime."""
    site = host.site
    shell, runtime = _manifest(site)
    ctx = browser.new_context(base_url=host.base)
    page = ctx.new_page()
    page.goto("trastuzumab/")
    _wait_for_cache(page, _build_id(site), len(shell))
    cached = page.evaluate(CACHED, f"guide-{_build_id(site)}")
    assert not [u for u in cached if "/pyodide/" in u]
    assert runtime and all(path.startswith("pyodide/") for path in runtime)
    host.down()
    for path, text in [
        ("disclaimer/", "Disclaimer"),
        ("", "Trastuzumab"),
        ("trastuzumab/", "HER2"),
    ]:
        page.goto(path)  # pages never visited before too
        expect(page.locator("article")).to_contain_text(text)
    ctx.close()


def test_calculator_works_offline_after_it_was_used(browser: Browser, host: Host) -> None:
    site = host.site
    shell, runtime = _manifest(site)
    ctx = browser.new_context(base_url=host.base)
    page = ctx.new_page()
    page.goto("calculator/")
    wait_until_ready(page, timeout=60_000)
    # Used the calculator: its runtime is kept too.
    _wait_for_cache(page, _build_id(site), len(shell) + len(runtime))
    host.down()
    page.goto("calculator/?indication=metastatic_breast&ihc=3%2B")
    wait_until_ready(page, timeout=60_000)
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "positive"
    )
    # Served from Cache Storage with its type, so Pyodide compiles it while it streams.
    wasm_type = page.evaluate(
        "fetch('/pyodide/pyodide.asm.wasm').then((r) => r.headers.get('content-type'))"
    )
    assert wasm_type == "application/wasm"
    ctx.close()


def test_keeping_the_runtime_downloads_nothing_twice(
    browser: Browser, host: Host, tmp_path: Path
) -> None:
    """The worker keeps the runtime the page has just loaded by revalidating it: with a profile
    on disk (as readers have), every runtime file crosses the network once. (A non-persistent
    test context keeps no 10 MB wasm in its memory cache and would fetch it again.)"""
    shell, runtime = _manifest(host.site)
    ctx = browser.browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=TEST_CHROMIUM,
        args=[*CHROMIUM_ARGS, *TEST_ONLY_ARGS],
        base_url=host.base,
    )
    page = ctx.new_page()
    page.goto("calculator/")
    wait_until_ready(page, timeout=60_000)
    start = start_of(page)
    _wait_for_cache(page, _build_id(host.site), len(shell) + len(runtime))
    ctx.close()
    sent = [path for path, _ in host.sent if path.startswith("/pyodide/")]
    if start["why"] == "slow-link":
        # A machine too busy to take the snapshot at localhost speed: the worker cancelled it
        # and started plainly; the service worker then fetched it whole, once.
        snapshot = f"/pyodide/{json.loads((host.site / 'pyodide' / 'runtime.json').read_text())['snapshot']}"
        sent.remove(snapshot)
    assert sorted(sent) == sorted(set(sent)), sent
    assert "/pyodide/pyodide.asm.wasm" in sent


def test_a_new_build_waits_and_the_page_offers_a_reload(browser: Browser, host: Host) -> None:
    """No silent takeover: the open page keeps its build until the reader accepts the update."""
    site = host.site
    shell, runtime = _manifest(site)
    first = _build_id(site)
    ctx = browser.new_context(base_url=host.base)
    page = ctx.new_page()
    page.goto("calculator/")
    wait_until_ready(page, timeout=60_000)
    _wait_for_cache(page, first, len(shell) + len(runtime))
    page.reload()  # now controlled by the worker of the first build
    wait_until_ready(page, timeout=60_000)
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")
    page.evaluate("window.__openPage = true")

    _deploy_new_build(site)
    second = _build_id(site)
    assert second != first
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    banner = page.locator("[data-guide-update]")
    expect(banner).to_contain_text("A new version of this guide is available", timeout=90_000)
    # The new worker waits; the open page still gets its own build's files only.
    assert page.evaluate(
        "navigator.serviceWorker.getRegistration().then((r) => Boolean(r.waiting))"
    )
    assert page.evaluate("window.__openPage") is True
    glue = page.evaluate(
        "fetch('/assets/javascripts/guide/calculator.mjs', {cache: 'no-store'}).then((r) => r.text())"
    )
    assert "export" in glue or "import" in glue  # the module itself, not a 404 page
    assert not glue.endswith("// build 2\n")
    assert f"guide-{first}" in page.evaluate("caches.keys()")
    # The calculator the reader has open still works.
    page.select_option("select[name=indication]", "metastatic_breast")
    page.select_option("select[name=ihc]", "3+")
    expect(page.get_by_test_id("calculator-result")).to_have_attribute(
        "data-her2-status", "positive"
    )

    # The page reloads once the new worker has activated: on a loaded machine that took more
    # than the default 30 s, so this wait has the banner's 90 s.
    with page.expect_event("load", timeout=90_000):
        banner.get_by_role("button", name="Reload").click()
    wait_until_ready(page, timeout=60_000)
    assert page.evaluate("window.__openPage") is None  # a fresh document
    _until(page, "async (old) => !(await caches.keys()).includes(old)", f"guide-{first}")
    glue = page.evaluate(
        "fetch('/assets/javascripts/guide/calculator.mjs', {cache: 'no-store'}).then((r) => r.text())"
    )
    assert glue.endswith("// build 2\n")
    # A calculator user keeps the runtime across the update (unchanged files copied over).
    cached = page.evaluate(CACHED, f"guide-{second}")
    assert len(cached) == len(shell) + len(runtime)
    ctx.close()


def test_a_file_of_a_newer_build_is_never_served_to_an_older_page(
    browser: Browser, host: Host
) -> None:
    """A reader of the old build who starts the calculator after a deploy gets the update
    notice, not the new runtime under the old page."""
    site = host.site
    shell, _ = _manifest(site)
    ctx = browser.new_context(base_url=host.base)
    page = ctx.new_page()
    page.goto("disclaimer/")
    _wait_for_cache(page, _build_id(site), len(shell))
    page.reload()
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")
    manifest = site / "pyodide" / "runtime.json"
    manifest.write_text(manifest.read_text().replace("{", '{"deployed": 2, ', 1))
    status = page.evaluate("fetch('/pyodide/runtime.json').then((r) => r.status)")
    assert status == 409
    ctx.close()


def test_offline_plugin_config_defaults_keep_the_runtime_out_of_the_shell() -> None:
    config = OfflineConfig()
    config.load_dict({})
    assert config["runtime"] == ["pyodide/*"]
    assert not [p for p in config["shell"] if p.startswith("pyodide")]


def test_the_decompressed_snapshot_is_kept_for_the_next_visit(browser: Browser, host: Host) -> None:
    """Issue 8: later visits skip the ~0.3 s gunzip; only this build's snapshot is kept. Issue 24:
    kept in the origin's private file system without its zero blocks (kept-snapshot.mjs); a
    damaged copy is dropped and the calculator starts without it."""
    runtime = json.loads((host.site / "pyodide" / "runtime.json").read_text())
    memory = len(gzip.decompress((host.site / "pyodide" / runtime["snapshot"]).read_bytes()))
    # No service worker, so a second download could only come from the network.
    ctx = browser.new_context(base_url=host.base, service_workers="block")
    page = ctx.new_page()
    page.goto("calculator/")
    # Only a snapshot start keeps a copy.
    start = ready_from_snapshot(page)
    assert start["mode"] == "snapshot", start
    kept = _until(
        page,
        """async (name) => {
          const root = await navigator.storage.getDirectory();
          let dir;
          try { dir = await root.getDirectoryHandle("calculator-snapshot"); } catch { return false; }
          const files = [];
          try {
            for await (const [file, handle] of dir.entries()) {
              files.push([file, (await handle.getFile()).size]);
            }
          } catch {
            return false; // the partial copy was moved to its kept name while listed: look again
          }
          return files.length === 1 && files[0][0] === name + ".kept" ? files[0][1] : false;
        }""",
        runtime["snapshot"],
    )
    # Pyodide's memory is mostly zeros: the copy is well under half of it.
    assert isinstance(kept, int) and 0 < kept < memory / 2, (kept, memory)
    # The compressed snapshot is now unreachable: the start can only use the kept copy (without
    # it, the worker would fall back to the plain start and say "plain").
    ctx.route("**/pyodide/snapshot-*.bin.gz", lambda route: route.abort())
    page.reload()
    wait_until_ready(page)
    assert start_of(page) == {"mode": "snapshot", "why": "kept"}
    # A copy cut short (a disk error, a write interrupted) starts plainly, and is forgotten.
    page.evaluate(
        """async (name) => {
          const dir = await (await navigator.storage.getDirectory())
            .getDirectoryHandle("calculator-snapshot");
          const file = await (await dir.getFileHandle(name + ".kept")).createWritable();
          await file.write(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
          await file.close();
        }""",
        runtime["snapshot"],
    )
    page.reload()
    wait_until_ready(page)
    expect(page.locator("form[data-calculator-runtime]")).to_have_attribute(
        "data-calculator-runtime", "plain"
    )
    assert start_of(page)["why"] == "snapshot-failed"
    _until(
        page,
        """async () => {
          const root = await navigator.storage.getDirectory();
          try { await root.getDirectoryHandle("calculator-snapshot"); return false; }
          catch { return true; }
        }""",
    )
    ctx.close()


def test_offline_without_a_kept_calculator_says_it_needs_one_online_visit(
    browser: Browser, host: Host
) -> None:
    """Issue 26: a reader who read the guide online but never used the calculator, now offline,
    is told why the calculator cannot start, not "Failed to fetch"."""
    site = host.site
    shell, _ = _manifest(site)
    ctx = browser.new_context(base_url=host.base)
    page = ctx.new_page()
    page.goto("disclaimer/")
    _wait_for_cache(page, _build_id(site), len(shell))
    host.down()
    page.goto("calculator/")
    form = page.locator("form[data-calculator-state]")
    expect(form).to_have_attribute("data-calculator-state", "error", timeout=60_000)
    calculator = page.locator("[data-calculator]")
    expect(calculator).to_contain_text(
        "The calculator needs one online visit to be kept for offline use."
    )
    expect(calculator).not_to_contain_text("Failed to fetch")
    ctx.close()

"""Browser measurements against the built site, served on loopback, in one Chromium run.

Everything is a ratio within the run (cold ready / bare-Pyodide floor, repeat / cold), because
absolute timings on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from build_tools.chromium import CHROMIUM_ARGS
from build_tools.serve import make_server, record_sent

FLOOR_DIR = Path(__file__).with_name("floor")
READY = "form[data-calculator-state=ready]"


#: Issue 15: an article reader who never reaches the calculator, first 6 s.
READER_SECONDS = 6


@contextmanager
def serve(site: Path, port: int) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The site on ``port``, and the list of every body the server sends from now on."""
    shutil.copytree(FLOOR_DIR, site / "bench-floor", dirs_exist_ok=True)
    server = make_server(site, "127.0.0.1", port)
    sent = record_sent(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", sent
    finally:
        server.shutdown()
        shutil.rmtree(site / "bench-floor", ignore_errors=True)


def _mark(page: Page, name: str) -> float:
    return float(page.evaluate(f"performance.getEntriesByName({name!r})[0].startTime"))


def _fcp(page: Page) -> float:
    return float(
        page.evaluate(
            "new Promise(r => new PerformanceObserver((l, o) => { const e = l.getEntriesByName("
            "'first-contentful-paint')[0]; if (e) { o.disconnect(); r(e.startTime); } })"
            ".observe({type: 'paint', buffered: true}))"
        )
    )


def cold_floor_and_ready(browser: Browser, base: str, article: str, runs: int) -> dict[str, Any]:
    floor, ready = [], []
    for _ in range(runs):  # alternate, each on a fresh profile (new context: empty caches)
        for kind in ("floor", "ready"):
            ctx = browser.new_context(base_url=base, service_workers="block")
            page = ctx.new_page()
            if kind == "floor":
                page.goto("bench-floor/floor.html")
                page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
                floor.append(_mark(page, "pyodide-ready"))
            else:
                page.goto(article)
                page.wait_for_selector(READY, state="attached", timeout=120_000)
                ready.append(_mark(page, "calculator-ready"))
            ctx.close()
    f, r = statistics.median(floor), statistics.median(ready)
    return {
        "floor_ms": floor,
        "ready_ms": ready,
        "floor_median_ms": round(f, 1),
        "ready_median_ms": round(r, 1),
        "ratio": round(r / f, 3),
    }


def _wait_for_service_worker(page: Any, timeout_s: float = 120.0) -> None:
    """Poll until the service worker is activated and keeps the calculator runtime (the page
    asks for it once the calculator is ready). Not ``wait_for_function``: that takes an async
    predicate's Promise as true at once."""
    deadline = time.monotonic() + timeout_s
    script = """async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!(registration && registration.active && registration.active.state === "activated")) return false;
      for (const name of await caches.keys()) {
        if (!name.startsWith("guide-")) continue;
        const keys = (await (await caches.open(name)).keys()).map((r) => r.url);
        if (keys.some((u) => u.endsWith("/pyodide/pyodide.asm.wasm"))) return true;
      }
      return false;
    }"""
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise TimeoutError("the service worker did not activate")
        page.wait_for_timeout(200)


def repeat_visit(browser: Browser, base: str, article: str, runs: int) -> dict[str, Any]:
    cold, warm = [], []
    for _ in range(runs):
        ctx = browser.new_context(base_url=base)
        page = ctx.new_page()
        page.goto(article)
        page.wait_for_selector(READY, state="attached", timeout=120_000)
        cold.append(_mark(page, "calculator-ready"))
        _wait_for_service_worker(page)
        page.goto(article)
        page.wait_for_selector(READY, state="attached", timeout=120_000)
        warm.append(_mark(page, "calculator-ready"))
        ctx.close()
    c, w = statistics.median(cold), statistics.median(warm)
    return {
        "cold_ms": cold,
        "warm_ms": warm,
        "cold_median_ms": round(c, 1),
        "warm_median_ms": round(w, 1),
        "ratio": round(w / c, 3),
    }


RECOMPUTE_JS = """async (changes) => {
  const root = document.querySelector("[data-calculator]");
  const form = root.querySelector("form");
  for (const [name, value] of [["indication", "early_breast"], ["ihc", "3+"], ["schedule", "weekly"]]) {
    form.elements.namedItem(name).value = value;
  }
  const weight = form.elements.namedItem("weight_kg");
  const times = [];
  for (let i = 0; i < changes; i++) {
    const done = new Promise((r) => root.addEventListener("calculator:rendered", r, { once: true }));
    const t0 = performance.now();
    weight.value = String(50 + (i % 100));
    weight.dispatchEvent(new Event("input", { bubbles: true }));
    await done;
    times.push(performance.now() - t0);
  }
  return times;
}"""


def recompute(browser: Browser, base: str, article: str, changes: int) -> dict[str, Any]:
    ctx = browser.new_context(base_url=base)
    page = ctx.new_page()
    page.goto(article)
    page.wait_for_selector(READY, state="attached", timeout=120_000)
    # Steady state: after the first visit's background work (the service worker's precache and
    # keeping the decompressed snapshot) has finished; it is measured in the other sections.
    _wait_for_service_worker(page)
    page.wait_for_timeout(1000)
    times = sorted(page.evaluate(RECOMPUTE_JS, changes))
    ctx.close()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
    return {
        "changes": changes,
        "p50_ms": round(pick(0.5), 2),
        "p95_ms": round(pick(0.95), 2),
        "max_ms": round(times[-1], 2),
    }


def transfer(browser: Browser, base: str, article: str) -> dict[str, Any]:
    ctx = browser.new_context(base_url=base, service_workers="block")
    sizes: dict[str, int] = {}

    def on_finished(request: Any) -> None:
        path = request.url.removeprefix(base.rstrip("/"))
        sizes[path] = sizes.get(path, 0) + int(request.sizes()["responseBodySize"])

    ctx.on("requestfinished", on_finished)
    page = ctx.new_page()
    page.goto(article)
    page.wait_for_selector(READY, state="attached", timeout=120_000)
    page.wait_for_timeout(500)
    ctx.close()
    calculator_files = ("/pyodide/", "/assets/javascripts/guide/worker.mjs")
    calc = {p: s for p, s in sizes.items() if p.startswith(calculator_files)}
    page_bytes = {p: s for p, s in sizes.items() if p not in calc}
    return {
        "page_bytes": sum(page_bytes.values()),
        "page_files": dict(sorted(page_bytes.items(), key=lambda kv: -kv[1])),
        "calculator_bytes": sum(calc.values()),
        "calculator_files": dict(sorted(calc.items(), key=lambda kv: -kv[1])),
    }


def article_reader(
    browser: Browser, base: str, article: str, sent: list[tuple[str, int]]
) -> dict[str, Any]:
    """Bytes the server sends to a reader of the article who never scrolls to the calculator
    (page, assets, the service worker's offline copy of every page) in the first seconds."""
    ctx = browser.new_context(base_url=base, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    start = len(sent)
    page.goto(article)
    page.wait_for_timeout(READER_SECONDS * 1000)
    got = sent[start:]
    state = page.locator("form[data-calculator-state]").get_attribute("data-calculator-state")
    ctx.close()
    files: dict[str, int] = {}
    for path, size in got:
        files[path] = files.get(path, 0) + size
    return {
        "seconds": READER_SECONDS,
        "bytes": sum(files.values()),
        "responses": len(got),
        "python_bytes": sum(s for p, s in files.items() if "/pyodide/" in p),
        "calculator_state": state,
        "files": dict(sorted(files.items(), key=lambda kv: -kv[1])[:12]),
    }


def first_paint(browser: Browser, base: str, article: str, runs: int) -> dict[str, Any]:
    with_calc, without = [], []
    for _ in range(runs):
        for blocked in (False, True):
            ctx = browser.new_context(base_url=base, service_workers="block")
            if blocked:
                ctx.route("**/assets/javascripts/guide/calculator.mjs", lambda r: r.abort())
            page = ctx.new_page()
            page.goto(article)
            (without if blocked else with_calc).append(_fcp(page))
            ctx.close()
    a, b = statistics.median(with_calc), statistics.median(without)
    return {
        "with_calculator_ms": round(a, 1),
        "without_calculator_ms": round(b, 1),
        "ratio": round(a / b, 3),
    }


@contextmanager
def _session(
    site: Path, port: int, chromium: str
) -> Iterator[tuple[Browser, str, list[tuple[str, int]]]]:
    """The site served on ``port`` and one Chromium, closed afterwards."""
    with serve(site, port) as (base, sent), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser, base, sent
        finally:
            browser.close()


def measure(
    site: Path,
    *,
    port: int,
    article: str,
    calculator: str,
    runs: int,
    changes: int,
    chromium: str,
) -> dict[str, Any]:
    """Start-up on the calculator page (it starts Python from <head>); what an article reader
    downloads and sees first on the article (it starts Python only near the calculator)."""
    with _session(site, port, chromium) as (browser, base, sent):
        return {
            "cold": cold_floor_and_ready(browser, base, calculator, runs),
            "repeat": repeat_visit(browser, base, calculator, runs),
            "recompute": recompute(browser, base, calculator, changes),
            "transfer": transfer(browser, base, calculator),
            "article_reader": article_reader(browser, base, article, sent),
            "first_paint": first_paint(browser, base, article, runs),
        }


def measure_start_only(
    site: Path, *, port: int, article: str, runs: int, chromium: str
) -> dict[str, Any]:
    """Cold start and bytes only: for comparing another build of the site (no snapshot)."""
    with _session(site, port, chromium) as (browser, base, _):
        return {
            "cold": cold_floor_and_ready(browser, base, article, runs),
            "transfer": transfer(browser, base, article),
        }

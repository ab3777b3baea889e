"""Browser measurements against the built site, served on loopback, in one Chromium run.

Everything is a ratio within the run (cold ready / bare-Pyodide floor, repeat / cold, phone
profile / its floor), because absolute timings on a shared 2-core machine are noisy.

Each start-up is timed three ways, so the figures of different methods can be reconciled:

- ``wall``: from just before ``page.goto`` until Playwright sees the ready attribute, in a fresh
  browser context: what a person with a stopwatch (or an outside script) measures;
- ``dom``: when the page itself saw the attribute appear (a MutationObserver installed before
  any of the page's scripts), from the navigation's time origin;
- ``mark``: the performance mark the page sets when the worker says it is ready.

``wall = (time origin - goto) + dom + Playwright noticing it``; ``dom - mark`` is the page's
own main-thread delay. The constant parts shift the ratio toward 1 on the wall clock.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from build_tools.chromium import CHROMIUM_ARGS, wait_until_present
from build_tools.compress.compressor import Settings, precompress
from build_tools.serve import make_server, record_encodings

ROOT = Path(__file__).resolve().parents[2]
FLOOR_DIR = Path(__file__).with_name("floor")
STOCK_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
READY = "form[data-calculator-state=ready]"
FLOOR_READY = "body[data-ready]"
#: The wall clock's stopwatch checks the page this often (ms).
POLL_MS = 16

#: Issue 24: a phone on 4G (Chrome DevTools' emulation through CDP).
PHONE = {"download_mbit_s": 10.0, "upload_mbit_s": 5.0, "latency_ms": 40, "cpu_slowdown": 4}

#: Issue 15: an article reader who never reaches the calculator, first 6 s.
READER_SECONDS = 6

#: Records, in the page, when a ready attribute appears (before any script of the page runs).
WATCH_READY = """
(() => {
  const selector = "form[data-calculator-state=ready], body[data-ready]";
  const seen = () => {
    if (window.__readyAt === undefined && document.querySelector(selector)) {
      window.__readyAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ["data-calculator-state", "data-ready"],
  });
})();
"""


@contextmanager
def serve(
    site: Path, port: int, *, precompressed: bool = True
) -> Iterator[tuple[str, list[tuple[str, int, str]]]]:
    """The site on ``port`` with the floor page beside it, and every body sent from now on as
    ``(path, bytes on the wire, encoding)``. The floor loads the site's own Pyodide with
    Pyodide's full python_stdlib.zip, which gets the same precompressed copies as every file
    of the build (none: it is a zip of deflated files, brotli saves 3%)."""
    floor = site / "bench-floor"
    shutil.copytree(FLOOR_DIR, floor, dirs_exist_ok=True)
    shutil.copy2(STOCK_STDLIB, floor / STOCK_STDLIB.name)
    precompress(floor / STOCK_STDLIB.name, ROOT / ".cache" / "compress", Settings())
    server = make_server(site, "127.0.0.1", port, precompressed=precompressed)
    sent = record_encodings(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", sent
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(floor, ignore_errors=True)


def _profile(ctx: BrowserContext, page: Page, profile: dict[str, Any] | None) -> None:
    if profile is None:
        return
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": profile["latency_ms"],
            "downloadThroughput": profile["download_mbit_s"] * 1e6 / 8,
            "uploadThroughput": profile["upload_mbit_s"] * 1e6 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu_slowdown"]})


def wait_for(page: Page, selector: str, stopwatch: str = "poll") -> None:
    """Until ``selector`` is in the page. ``poll``: a check in the page every 16 ms, the wall
    clock's stopwatch. ``raf``: ``page.wait_for_selector``, which checks on every animation
    frame and so makes the page render one for each check while Pyodide starts (the method of a
    plain Playwright script; reported beside the other to reconcile the two)."""
    if stopwatch == "raf":
        page.wait_for_selector(selector, state="attached", timeout=300_000)
    else:
        wait_until_present(page, selector, polling_ms=POLL_MS, timeout_ms=300_000)


def _timed_visit(
    page: Page, url: str, selector: str, mark: str, stopwatch: str = "poll"
) -> dict[str, Any]:
    """Navigate and wait for ``selector``; the three timings (ms) and the start mode."""
    epoch = time.time()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    wait_for(page, selector, stopwatch)
    wall = (time.perf_counter() - start) * 1000
    seen = page.evaluate(
        """(mark) => {
          const entry = performance.getEntriesByName(mark).at(-1);
          return {origin: performance.timeOrigin, dom: window.__readyAt ?? null,
                  mark: entry ? entry.startTime : null, detail: entry ? entry.detail : null};
        }""",
        mark,
    )
    return {
        "wall_ms": round(wall, 1),
        "dom_ms": None if seen["dom"] is None else round(seen["dom"], 1),
        "mark_ms": None if seen["mark"] is None else round(seen["mark"], 1),
        "origin_after_goto_ms": round(seen["origin"] - epoch * 1000, 1),
        "start": seen["detail"],
    }


def _visit(
    browser: Browser,
    base: str,
    path: str,
    kind: str,
    profile: dict[str, Any] | None,
    stopwatch: str,
) -> dict[str, Any]:
    """One cold visit in a fresh context (empty caches)."""
    ctx = browser.new_context(base_url=base)
    ctx.add_init_script(WATCH_READY)
    page = ctx.new_page()
    _profile(ctx, page, profile)
    if kind == "floor":
        result = _timed_visit(
            page, "bench-floor/floor.html", FLOOR_READY, "pyodide-ready", stopwatch
        )
    else:
        result = _timed_visit(page, path, READY, "calculator-ready", stopwatch)
    ctx.close()
    return result


def _medians(runs: list[dict[str, Any]]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for key in ("wall_ms", "dom_ms", "mark_ms", "origin_after_goto_ms"):
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = round(statistics.median(values), 1) if values else None
    return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else round(a / b, 3)


def cold_against_floor(
    browser: Browser,
    base: str,
    path: str,
    runs: int,
    profile: dict[str, Any] | None = None,
    stopwatch: str = "poll",
) -> dict[str, Any]:
    """Alternating cold visits of the floor and ``path``; medians and ratios by each method."""
    floor: list[dict[str, Any]] = []
    ready: list[dict[str, Any]] = []
    for _ in range(runs):
        floor.append(_visit(browser, base, path, "floor", profile, stopwatch))
        ready.append(_visit(browser, base, path, "calculator", profile, stopwatch))
    f, r = _medians(floor), _medians(ready)
    starts = sorted({f"{x['start']['mode']} ({x['start']['why']})" for x in ready if x["start"]})
    return {
        "profile": profile,
        "floor": floor,
        "ready": ready,
        "floor_median": f,
        "ready_median": r,
        "ratio_wall": _ratio(r["wall_ms"], f["wall_ms"]),
        "ratio_dom": _ratio(r["dom_ms"], f["dom_ms"]),
        "ratio_mark": _ratio(r["mark_ms"], f["mark_ms"]),
        "start_modes": starts,
    }


def _wait_for_service_worker(page: Page, timeout_s: float = 180.0) -> None:
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
            raise TimeoutError("the service worker did not keep the runtime")
        page.wait_for_timeout(200)


def repeat_visit(
    browser: Browser, base: str, path: str, runs: int, stopwatch: str = "poll"
) -> dict[str, Any]:
    """A cold visit in a fresh context, then (once the service worker keeps the runtime) the
    same page again in that context: the repeat visit."""
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for _ in range(runs):
        ctx = browser.new_context(base_url=base)
        ctx.add_init_script(WATCH_READY)
        page = ctx.new_page()
        cold.append(_timed_visit(page, path, READY, "calculator-ready", stopwatch))
        _wait_for_service_worker(page)
        page.goto("about:blank")
        warm.append(_timed_visit(page, path, READY, "calculator-ready", stopwatch))
        ctx.close()
    return {**_repeat_summary(cold, warm), "cold_start_modes": _start_modes(cold)}


def _start_modes(visits: list[dict[str, Any]]) -> list[str]:
    return sorted({f"{x['start']['mode']} ({x['start']['why']})" for x in visits if x["start"]})


def _repeat_summary(cold: list[dict[str, Any]], warm: list[dict[str, Any]]) -> dict[str, Any]:
    """Both visits, their medians and the repeat / cold ratios by each way of timing."""
    c, w = _medians(cold), _medians(warm)
    return {
        "cold": cold,
        "warm": warm,
        "cold_median": c,
        "warm_median": w,
        "ratio_wall": _ratio(w["wall_ms"], c["wall_ms"]),
        "ratio_dom": _ratio(w["dom_ms"], c["dom_ms"]),
        "ratio_mark": _ratio(w["mark_ms"], c["mark_ms"]),
        "start_modes": _start_modes(warm),
    }


def repeat_visit_profile(
    playwright: Any, chromium: str, base: str, path: str, runs: int
) -> dict[str, Any]:
    """The repeat visit as a reader's own browser makes it: a browser profile on disk (a fresh
    temporary user-data directory per run), a cold visit, the service worker keeping the
    runtime, the browser closed, then started again on the same profile for the repeat visit.

    ``browser.new_context()`` (``repeat_visit``) is an off-the-record context: Chromium keeps
    its HTTP cache and V8's compiled-code cache in memory only there, and may keep no code cache
    at all, so the 9.6 MB wasm is compiled again on the repeat visit. A profile on disk keeps
    both, as a reader's browser does; it also pays for a browser start, which is not timed."""
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            for visit in (cold, warm):
                ctx = playwright.chromium.launch_persistent_context(
                    profile, executable_path=chromium, args=CHROMIUM_ARGS, base_url=base
                )
                ctx.add_init_script(WATCH_READY)
                page = ctx.pages[0] if ctx.pages else ctx.new_page()
                visit.append(_timed_visit(page, path, READY, "calculator-ready"))
                if visit is cold:
                    _wait_for_service_worker(page)
                    # Let V8 write the wasm's code cache (it does so once the module's
                    # functions have tiered up, a few seconds after start).
                    page.wait_for_timeout(5000)
                ctx.close()
    return _repeat_summary(cold, warm)


#: Every input event and every render, timed in the page (event.timeStamp is when the key
#: was pressed, so the time an input waits for a busy main thread counts).
WATCH_RECOMPUTE = """
(() => {
  window.__inputs = []; window.__renders = [];
  document.addEventListener("input", (e) => window.__inputs.push(e.timeStamp), true);
  document.addEventListener("calculator:rendered", () => window.__renders.push(performance.now()), true);
})();
"""

#: What a reader types right after the calculator is ready: a case, then a weight corrected
#: key by key, then the heart values.
TYPING = [
    ("select", "indication", "early_breast"),
    ("select", "ihc", "2+"),
    ("select", "ish_method", "dual"),
    ("type", "her2_cep17_ratio", "2.3"),
    ("type", "avg_her2_copies", "6.5"),
    ("type", "weight_kg", "72.5"),
    ("backspace", "weight_kg", 4),
    ("type", "weight_kg", "68"),
    ("select", "schedule", "weekly"),
    ("type", "lvef_baseline_percent", "62"),
    ("type", "lvef_percent", "55"),
    ("backspace", "lvef_percent", 2),
    ("type", "lvef_percent", "48"),
]


def recompute_after_ready(
    browser: Browser, base: str, article: str, rounds: int, key_delay_ms: int = 60
) -> dict[str, Any]:
    """On the article, in a fresh context: scroll to the calculator (it starts), and as soon as
    it is ready type like a reader (``key_delay_ms`` between keys) while the first visit's
    background work (the service worker keeping the runtime, the kept snapshot) goes on.
    Latency of each input = first render after it - the input's time stamp."""
    ctx = browser.new_context(base_url=base)
    ctx.add_init_script(WATCH_RECOMPUTE)
    page = ctx.new_page()
    page.goto(article)
    page.locator("[data-calculator]").scroll_into_view_if_needed()
    wait_for(page, READY)
    for round_ in range(rounds):
        for action, name, value in TYPING:
            field = page.locator(f"[data-calculator] [name={name}]")
            if action == "select":
                field.select_option(str(value))
            elif action == "type":
                field.click()
                field.press_sequentially(str(value), delay=key_delay_ms)
            else:
                field.click()
                for _ in range(int(str(value))):
                    field.press("Backspace", delay=key_delay_ms)
        if round_ < rounds - 1:
            page.locator("[data-calculator] form").evaluate("form => form.reset()")
    page.wait_for_timeout(500)
    inputs, renders = page.evaluate("[window.__inputs, window.__renders]")
    ctx.close()
    latencies = []
    for t in inputs:
        after = [r for r in renders if r >= t]
        if after:
            latencies.append(after[0] - t)
    latencies.sort()

    def pick(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2)

    return {
        "inputs": len(inputs),
        "renders": len(renders),
        "key_delay_ms": key_delay_ms,
        "p50_ms": pick(0.5),
        "p95_ms": pick(0.95),
        "max_ms": round(latencies[-1], 2),
    }


def wire_bytes(
    browser: Browser, base: str, path: str, site: Path, profile: dict[str, Any] | None
) -> dict[str, Any]:
    """Every file of a cold visit until ready (and 1 s after), as the browser received it:
    the encoded body size on the wire, the encoding, and the file's own size; requests the
    page cancelled (the snapshot on a slow link) are listed apart."""
    ctx = browser.new_context(base_url=base)
    ctx.add_init_script(WATCH_READY)
    files: dict[str, dict[str, Any]] = {}
    cancelled: list[str] = []
    prefix = base.rstrip("/")

    def finished(request: Any) -> None:
        url = request.url.removeprefix(prefix).split("?")[0]
        response = request.response()
        encoding = (response.header_value("content-encoding") if response else None) or "identity"
        on_disk = site / url.lstrip("/")
        if on_disk.is_dir():
            on_disk = on_disk / "index.html"
        entry = files.setdefault(
            url,
            {
                "wire": 0,
                "encoding": encoding,
                "file": on_disk.stat().st_size if on_disk.is_file() else None,
            },
        )
        entry["wire"] += int(request.sizes()["responseBodySize"])

    ctx.on("requestfinished", finished)
    ctx.on("requestfailed", lambda r: cancelled.append(r.url.removeprefix(prefix)))
    page = ctx.new_page()
    _profile(ctx, page, profile)
    visit = _timed_visit(page, path, READY, "calculator-ready")
    page.wait_for_timeout(1000)
    ctx.close()
    calculator = ("/pyodide/", "/assets/javascripts/guide/worker.mjs")
    ordered = dict(sorted(files.items(), key=lambda kv: -kv[1]["wire"]))
    return {
        "start": visit["start"],
        "wire_total": sum(f["wire"] for f in files.values()),
        "file_total": sum(f["file"] or 0 for f in files.values()),
        "calculator_wire": sum(f["wire"] for p, f in files.items() if p.startswith(calculator)),
        "cancelled": cancelled,
        "files": ordered,
    }


def article_reader(
    browser: Browser, base: str, article: str, sent: list[tuple[str, int, str]]
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
    for path, size, _ in got:
        files[path] = files.get(path, 0) + size
    return {
        "seconds": READER_SECONDS,
        "bytes": sum(files.values()),
        "responses": len(got),
        "python_bytes": sum(s for p, s in files.items() if "/pyodide/" in p),
        "calculator_state": state,
        "files": dict(sorted(files.items(), key=lambda kv: -kv[1])[:12]),
    }


def _fcp(page: Page) -> float:
    return float(
        page.evaluate(
            "new Promise(r => new PerformanceObserver((l, o) => { const e = l.getEntriesByName("
            "'first-contentful-paint')[0]; if (e) { o.disconnect(); r(e.startTime); } })"
            ".observe({type: 'paint', buffered: true}))"
        )
    )


def first_paint(browser: Browser, base: str, article: str, runs: int) -> dict[str, Any]:
    with_calc: list[float] = []
    without: list[float] = []
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
    site: Path, port: int, chromium: str, *, precompressed: bool
) -> Iterator[tuple[Browser, str, list[tuple[str, int, str]], Any]]:
    """The site served on ``port`` and one Chromium, closed afterwards."""
    with (
        serve(site, port, precompressed=precompressed) as (base, sent),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser, base, sent, p
        finally:
            browser.close()


def measure(
    site: Path,
    *,
    port: int,
    article: str,
    calculator: str,
    runs: int,
    chromium: str,
) -> dict[str, Any]:
    """Desktop on a plain static server (no precompressed copies): cold start against the
    floor and the repeat visit on the calculator page, recompute right after ready on the
    article, first paint. Then the project's own server (precompressed copies) for the phone
    profile, the wire bytes and the article reader."""
    results: dict[str, Any] = {}
    with _session(site, port, chromium, precompressed=False) as (browser, base, _, p):
        results["cold"] = cold_against_floor(browser, base, calculator, runs)
        results["repeat"] = repeat_visit(browser, base, calculator, runs)
        results["repeat_profile"] = repeat_visit_profile(p, chromium, base, calculator, runs)
        # The same two ratios timed with page.wait_for_selector, as a plain script would.
        results["cold_raf"] = cold_against_floor(browser, base, calculator, runs, stopwatch="raf")
        results["repeat_raf"] = repeat_visit(browser, base, calculator, runs, stopwatch="raf")
        results["recompute"] = recompute_after_ready(browser, base, article, rounds=3)
        results["first_paint"] = first_paint(browser, base, article, runs)
    with _session(site, port, chromium, precompressed=True) as (browser, base, sent, _p):
        results["phone"] = cold_against_floor(browser, base, calculator, runs, PHONE)
        results["wire_desktop"] = wire_bytes(browser, base, calculator, site, None)
        results["wire_phone"] = wire_bytes(browser, base, calculator, site, PHONE)
        results["article_reader"] = article_reader(browser, base, article, sent)
    return results


def measure_start_only(
    site: Path, *, port: int, article: str, runs: int, chromium: str
) -> dict[str, Any]:
    """Cold start (desktop and phone) only: for comparing another build of the site."""
    results: dict[str, Any] = {}
    with _session(site, port, chromium, precompressed=False) as (browser, base, _, _p):
        results["cold"] = cold_against_floor(browser, base, article, runs)
    with _session(site, port, chromium, precompressed=True) as (browser, base, _, _p):
        results["phone"] = cold_against_floor(browser, base, article, runs, PHONE)
        results["wire_phone"] = wire_bytes(browser, base, article, site, PHONE)
    return results

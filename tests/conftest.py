"""Shared fixtures: test tiers, hypothesis profiles, one real site build per test session, a
loopback server, and Chromium.

Tiers (CONTRIBUTING.md#tests): a test with no tier marker is a **unit** test (no site build, no
browser, no Pyodide; ``make test-fast`` runs only these); ``build`` tests run a real MkDocs build
(or read the session's one build, :func:`built_site`); ``e2e`` tests drive Chromium; ``pyodide``
tests run Python under Pyodide in Node. A test that takes the session's site is marked ``build``
here, so no test can pull a build into the unit tier unmarked; :func:`build_site` fails a test
that runs a build without a tier marker.

The site is built with ``SITE_URL`` pointing at the test server, because Material's instant
navigation only engages when pages are served at ``site_url`` (CONTRIBUTING.md#site). The server
binds port 0 before the build, so the port the build writes is the one the OS gave it (no race).

Hypothesis profiles: ``fast`` (``make test-fast``), ``dev`` (quick, the default), ``ci`` (when ``CI=true``: 1,000 examples per
property and :data:`MANY_EXAMPLES` for the one covering the whole valid input space),
``emscripten`` (under Pyodide, which is slower). ``HYPOTHESIS_PROFILE`` picks one by name.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, settings

from build_tools.chromium import CHROMIUM_ARGS, TEST_CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
#: The tests' browser runs code on V8's quick tiers only: WebAssembly on its baseline compiler
#: (Liftoff), JavaScript on its interpreter and baseline compiler (Sparkplug). Pyodide starts in
#: every e2e test, and optimising the same hot functions again in each one (work a reader's
#: browser does once) cost about a tenth of the suite's CPU on 2 cores, and the JavaScript
#: optimisers about 8% more (test_calculator.py and test_patient_view.py: 135 against 152
#: CPU-seconds, 3 runs each). Same results, never a timing claim: speed is measured by
#: `make bench`, which starts Chromium with its default tiers.
TEST_ONLY_ARGS = ["--js-flags=--liftoff-only --max-opt=1"]

settings.register_profile("dev", max_examples=60, deadline=None)
# `make test-fast`: the unit tier as a quick check while working (make test runs "dev" or "ci").
settings.register_profile("fast", max_examples=20, deadline=None)
settings.register_profile(
    "ci", max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Under Pyodide the properties check parity with CPython (which runs them with 1,000 and
# 10,000 examples in CI): 100 examples each keep the Pyodide tier at a couple of minutes.
settings.register_profile("emscripten", max_examples=100, deadline=None)


def _profile() -> str:
    if sys.platform == "emscripten":
        return os.environ.get("HYPOTHESIS_PROFILE", "emscripten")
    ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    return os.environ.get("HYPOTHESIS_PROFILE", "ci" if ci else "dev")


HYPOTHESIS_PROFILE = _profile()
settings.load_profile(HYPOTHESIS_PROFILE)
#: Examples for the property that covers the whole valid input space: 10,000 in CI.
MANY_EXAMPLES = {"ci": 10_000, "emscripten": 100}.get(HYPOTHESIS_PROFILE, 300)


#: Markers of the tiers above unit; a test with none of them is a unit test.
TIERS = ("build", "e2e", "pyodide")
#: Fixtures that stand for the session's built site: a test that takes one is a build test.
SITE_FIXTURES = frozenset({"built_site", "site_server", "base_url", "_site_dir", "_site_http"})

_current: list[pytest.Item] = []


#: Files run heaviest first (the rank of their heaviest test), each file's tests in their own
#: order: `make test` hands whole files to its workers in this order, and a long file handed
#: out last would run on while the other workers idle. The unit tier's many short files fill in.
RUN_ORDER = ("pyodide", "slow", "e2e", "build")


@pytest.hookimpl(trylast=True)  # after the tiers' own conftests have marked their tests
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) and not any(
            item.get_closest_marker(t) for t in TIERS
        ):
            item.add_marker(pytest.mark.build)

    def rank(item: pytest.Item) -> int:
        return min(
            (i for i, mark in enumerate(RUN_ORDER) if item.get_closest_marker(mark)),
            default=len(RUN_ORDER),
        )

    file_rank: dict[Path, int] = {}
    for item in items:
        file_rank[item.path] = min(file_rank.get(item.path, len(RUN_ORDER)), rank(item))
    items.sort(key=lambda item: file_rank[item.path])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    _current.append(item)
    try:
        return (yield)
    finally:
        _current.pop()


def require_tier(what: str, /) -> None:
    """Fail the running test if it has no tier marker: ``what`` (a site build) must never run
    in the unit tier, which ``make test-fast`` runs in seconds."""
    if sys.platform == "emscripten" or not _current:
        return
    item = _current[-1]
    if not any(item.get_closest_marker(t) for t in TIERS):
        pytest.fail(
            f"{item.nodeid} runs {what} but is marked as none of {', '.join(TIERS)}: mark it "
            "@pytest.mark.build (CONTRIBUTING.md#tests)",
            pytrace=False,
        )


def free_port() -> int:
    """A port that was free a moment ago. Prefer binding port 0 and reading the port from the
    server (``make_server(site, "127.0.0.1", 0)``, :func:`base_url_of`): there is no race."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_in_thread(server: ThreadingHTTPServer, /) -> Iterator[str]:
    """Serve until the generator is closed; yields the server's base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url_of(server)
    finally:
        server.shutdown()
        server.server_close()


def base_url_of(server: ThreadingHTTPServer, /) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def build_site(
    dest: Path,
    *,
    site_url: str,
    config: Path = ROOT / "mkdocs.yml",
    env: dict[str, str] | None = None,
) -> Path:
    """Run a real ``mkdocs build --strict`` into ``dest``; fail with MkDocs' own output."""
    require_tier("a site build")
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def _site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site") / "site"


@pytest.fixture(scope="session")
def _site_http(_site_dir: Path) -> Iterator[ThreadingHTTPServer]:
    """The session's server, bound to a port the OS chose, before anything is built."""
    from build_tools.serve import make_server

    server = make_server(_site_dir, "127.0.0.1", 0)
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def base_url(_site_http: ThreadingHTTPServer) -> str:
    return base_url_of(_site_http)


@pytest.fixture(scope="session")
def built_site(_site_dir: Path, base_url: str) -> Path:
    return build_site(_site_dir, site_url=base_url)


@pytest.fixture(scope="session")
def site_server(built_site: Path, _site_http: ThreadingHTTPServer) -> Iterator[str]:
    yield from serve_in_thread(_site_http)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(TEST_CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {TEST_CHROMIUM}: run `make test` to install it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=TEST_CHROMIUM, args=[*CHROMIUM_ARGS, *TEST_ONLY_ARGS])
        yield b
        b.close()


class NetworkLog:
    """Every request a page made, to check that none left the local server."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.urls: list[str] = []

    def foreign(self) -> list[str]:
        allowed = urlsplit(self.origin).netloc
        return [
            u
            for u in self.urls
            if not u.startswith(("data:", "blob:", "about:")) and urlsplit(u).netloc != allowed
        ]


@pytest.fixture
def context(browser, site_server: str) -> Iterator[object]:
    ctx = browser.new_context(base_url=site_server)
    yield ctx
    ctx.close()


def watch(page: object, context: object, origin: str, /) -> Callable[[], None]:
    """Log every request of ``context`` (workers included) and every console error of ``page``;
    the returned function fails the test on any request that went anywhere but ``origin``, or on
    any console error."""
    log = NetworkLog(origin)
    context.on("request", lambda request: log.urls.append(request.url))
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.network_log = log  # type: ignore[attr-defined]
    page.console_errors = errors  # type: ignore[attr-defined]

    def check() -> None:
        assert log.urls, "the page made no request at all"
        assert log.foreign() == [], f"requests left the local server: {log.foreign()}"
        assert errors == [], f"console errors: {errors}"

    return check


@pytest.fixture
def page(context, site_server: str) -> Iterator[object]:
    """A page whose every request (workers included) is logged; the test fails on any that
    went anywhere but the local server, or on any console error."""
    pg = context.new_page()
    check = watch(pg, context, site_server)
    yield pg
    check()

"""Shared fixtures: hypothesis profiles, one real site build per test session, a loopback
server, and Chromium.

The site is built with ``SITE_URL`` pointing at the test server, because Material's instant
navigation only engages when pages are served at ``site_url`` (CONTRACTS.md §3). The server binds
port 0 before the build, so the port the build writes is the one the OS gave it (no race).

Hypothesis profiles: ``dev`` (quick, the default), ``ci`` (when ``CI=true``: 1,000 examples per
property and :data:`MANY_EXAMPLES` for the one covering the whole valid input space),
``emscripten`` (under Pyodide, which is slower). ``HYPOTHESIS_PROFILE`` picks one by name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, settings

from build_tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("emscripten", max_examples=300, deadline=None)


def _profile() -> str:
    if sys.platform == "emscripten":
        return os.environ.get("HYPOTHESIS_PROFILE", "emscripten")
    ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    return os.environ.get("HYPOTHESIS_PROFILE", "ci" if ci else "dev")


HYPOTHESIS_PROFILE = _profile()
settings.load_profile(HYPOTHESIS_PROFILE)
#: Examples for the property that covers the whole valid input space: 10,000 in CI.
MANY_EXAMPLES = {"ci": 10_000, "emscripten": 300}.get(HYPOTHESIS_PROFILE, 300)


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
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` to install it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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

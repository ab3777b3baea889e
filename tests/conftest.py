"""Shared fixtures: one real site build per test session, a loopback server, and Chromium.

The site is built with ``SITE_URL`` pointing at the test server, because Material's instant
navigation only engages when pages are served at ``site_url`` (CONTRACTS.md §3).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def base_url(site_port: int) -> str:
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, base_url: str) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site", site_url=base_url)


@pytest.fixture(scope="session")
def site_server(built_site: Path, site_port: int, base_url: str) -> Iterator[str]:
    from build_tools.serve import make_server

    server = make_server(built_site, "127.0.0.1", site_port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()


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


@pytest.fixture
def page(context, site_server: str) -> Iterator[object]:
    """A page whose every request (workers included) is logged; the test fails on any that
    went anywhere but the local server, or on any console error."""
    log = NetworkLog(site_server)
    context.on("request", lambda request: log.urls.append(request.url))
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.network_log = log  # type: ignore[attr-defined]
    pg.console_errors = errors  # type: ignore[attr-defined]
    yield pg
    assert log.urls, "the page made no request at all"
    assert log.foreign() == [], f"requests left the local server: {log.foreign()}"
    assert errors == [], f"console errors: {errors}"

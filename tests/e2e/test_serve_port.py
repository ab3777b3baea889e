"""A newcomer can pick a port: ``make serve PORT=N`` builds for port N and serves there (links,
canonical addresses, the handout's QR code and instant navigation all use it); a copy served at
another address than it was built for says so on the page."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from build_tools.serve import make_server
from tests.conftest import ROOT, free_port, serve_in_thread


def fetch(url: str, /) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def make_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    """``make serve PORT=<a free port>`` exactly as a reader types it (into a throwaway site
    directory); yields the port and what make printed."""
    port = free_port()
    site = tmp_path_factory.mktemp("make-serve") / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS")}
    process = subprocess.Popen(
        ["make", "serve", f"PORT={port}", f"SITE_DIR={site}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 600
    try:
        while True:
            assert process.stdout is not None
            line = process.stdout.readline()
            if line:
                lines.append(line)
            if line.startswith("Serving "):
                break
            if (not line and process.poll() is not None) or time.monotonic() > deadline:
                pytest.fail("make serve did not start:\n" + "".join(lines), pytrace=False)
        yield port, "".join(lines)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_make_serve_builds_for_and_serves_on_the_port_given(make_serve: tuple[int, str]) -> None:
    port, printed = make_serve
    here = f"http://127.0.0.1:{port}/"
    assert "LOCAL PREVIEW build written to" in printed and f"point at {here}" in printed
    assert "Serving" in printed and f"at {here}" in printed
    assert "Note: this site was built for" not in printed  # built for the port it serves
    home = fetch(here)
    assert f'<link rel="canonical" href="{here}"' in home
    handout = fetch(f"{here}trastuzumab/handout/")
    assert f"{here}trastuzumab/" in handout  # the article's address printed on the handout
    assert "127.0.0.1:8000" not in handout
    assert f'Sources: <a href="#references">{here}trastuzumab/handout/#references' in handout


def test_instant_navigation_engages_on_the_chosen_port(
    browser: Browser, make_serve: tuple[int, str]
) -> None:
    port, _ = make_serve
    ctx = browser.new_context(base_url=f"http://127.0.0.1:{port}/")
    try:
        page = ctx.new_page()
        page.goto("")
        expect(page.locator("[data-guide-built-for]")).to_be_hidden()
        page.evaluate("window.__sameDocument = true")
        page.locator(".md-sidebar--primary").get_by_role("link", name="Disclaimer").click()
        expect(page).to_have_url(re.compile(r"/disclaimer/$"))
        assert page.evaluate("window.__sameDocument === true")  # no full page load
    finally:
        ctx.close()


def test_a_copy_served_at_another_port_says_so(
    browser: Browser, built_site: Path, site_server: str
) -> None:
    """The session's site, built for its own server, served again on a second port."""
    other = make_server(built_site, "127.0.0.1", 0)
    serving = serve_in_thread(other)
    elsewhere = next(serving)
    try:
        ctx = browser.new_context(base_url=elsewhere)
        page = ctx.new_page()
        page.goto("")
        notice = page.locator("[data-guide-built-for]")
        expect(notice).to_be_visible()
        port = elsewhere.rsplit(":", 1)[1].strip("/")
        expect(notice.locator("[data-address-built]")).to_have_text(site_server)
        expect(notice.locator("[data-address-here]")).to_have_text(elsewhere)
        expect(notice).to_contain_text(f"make serve PORT={port}")
        expect(notice).to_contain_text("its links, the handout's QR code")
        # At the address it was built for, nothing is said.
        page.goto(f"{site_server}")
        expect(page.locator("[data-guide-built-for]")).to_be_hidden()
        ctx.close()
    finally:
        serving.close()

"""A deploy build (``SITE_URL=https://host/path/``): public URLs, cache policy, host files,
and the project's server serving it under the sub-path like a static host would."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from build_tools.compress.encodings import is_precompressed_copy
from build_tools.security.caching import IMMUTABLE, REVALIDATE, cache_rules, policy
from build_tools.serve import header_rules, headers_for, make_server
from tests.conftest import build_site, free_port

SITE_URL = "https://guide.example.org/trastuzumab-guide/"
BASE = "/trastuzumab-guide/"


@pytest.fixture(scope="module")
def deploy_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A public deploy must say where readers report errors (guide/editorial refuses otherwise).
    return build_site(
        tmp_path_factory.mktemp("deploy") / "site",
        site_url=SITE_URL,
        env={"GUIDE_REPORT_ERROR_URL": "mailto:editors@guide.example.org"},
    )


@pytest.mark.build
def test_a_deploy_build_contains_no_local_preview_url(deploy_site: Path) -> None:
    leaks = [
        p.relative_to(deploy_site).as_posix()
        for p in deploy_site.rglob("*")
        if p.is_file() and b"127.0.0.1:8000" in p.read_bytes()
    ]
    assert leaks == []


@pytest.mark.build
def test_public_urls_follow_site_url(deploy_site: Path) -> None:
    article = (deploy_site / "trastuzumab" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}trastuzumab/">' in article
    sitemap = (deploy_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    feed = (deploy_site / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{SITE_URL}feed.xml</id>" in feed
    links = re.findall(r'<link[^>]*href="([^"]+)"', feed)
    assert links and all(link.startswith(SITE_URL) for link in links)
    status = json.loads((deploy_site / "status.json").read_text(encoding="utf-8"))
    urls = [a["url"] for a in status["articles"]]
    assert f"{SITE_URL}trastuzumab/" in urls and all(u.startswith(SITE_URL) for u in urls)
    robots = (deploy_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


@pytest.mark.build
def test_the_csp_meta_tag_comes_right_after_the_charset(deploy_site: Path) -> None:
    for page in ["index.html", "trastuzumab/index.html", "404.html"]:
        html = (deploy_site / page).read_text(encoding="utf-8")
        head = re.search(r"<meta charset=\"utf-8\">\s*(<[^>]+>)", html)
        assert head is not None, page
        assert head.group(1).startswith('<meta http-equiv="Content-Security-Policy"'), page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bundle.a5f9d56c.min.js", IMMUTABLE),
        ("search.a7633da7.min.js.map", IMMUTABLE),
        ("snapshot-78cf452120266fdb.bin.gz", IMMUTABLE),
        ("calculator-1.0.0-py3-none-any.whl", REVALIDATE),
        ("runtime.json", REVALIDATE),
        ("pyodide.asm.wasm", REVALIDATE),
        ("sitemap.xml.gz", REVALIDATE),
        ("index.html", REVALIDATE),
        ("deadbeef.txt", REVALIDATE),  # a hash needs a separator before it: this is a name
    ],
)
def test_cache_policy_by_file_name(name: str, expected: str) -> None:
    assert policy(Path(name)) == expected


@pytest.mark.build
def test_every_file_gets_exactly_one_cache_policy_the_right_one(deploy_site: Path) -> None:
    rules = header_rules(deploy_site)
    assert len(rules) <= 100  # Cloudflare Pages reads no more
    fixed = [
        "index.html",
        "trastuzumab/index.html",
        "sw.js",
        "pyodide/runtime.json",
        "pyodide/pyodide.asm.wasm",
        "assets/javascripts/guide/worker.mjs",
        "assets/javascripts/guide/runtime.mjs",
    ]
    fixed += [p.relative_to(deploy_site).as_posix() for p in deploy_site.glob("pyodide/*.whl")]
    hashed = [
        p.relative_to(deploy_site).as_posix()
        for p in [
            *deploy_site.glob("assets/javascripts/bundle.*.min.js"),
            *deploy_site.glob("assets/stylesheets/main.*.min.css"),
            *deploy_site.glob("pyodide/snapshot-*.bin.gz"),
        ]
    ]
    assert len(hashed) == 3, "expected Material's bundle and stylesheet and the snapshot"
    for path in deploy_site.rglob("*"):
        # A precompressed copy (file.wasm.br) is never requested by name: it answers for its
        # file, under the file's URL and so the file's rule.
        if not path.is_file() or path.name == "_headers" or is_precompressed_copy(path):
            continue
        rel = path.relative_to(deploy_site).as_posix()
        values = [v for n, v in headers_for(rules, BASE + rel) if n == "Cache-Control"]
        assert len(values) == 1 and ", no-cache" not in values[0], (rel, values)
        if rel in fixed:
            assert values == [REVALIDATE], rel
        if rel in hashed:
            assert values == [IMMUTABLE], rel
    for page in [BASE, f"{BASE}trastuzumab/"]:
        assert dict(headers_for(rules, page))["Cache-Control"] == REVALIDATE
    assert dict(headers_for(rules, f"{BASE}feed.xml"))["Content-Type"].startswith(
        "application/atom+xml"
    )
    everywhere = dict(headers_for(rules, f"{BASE}trastuzumab/"))
    assert "interest-cohort" not in everywhere["Permissions-Policy"]
    assert "frame-ancestors 'none'" in everywhere["Content-Security-Policy"]


def test_cache_rules_never_overlap(tmp_path: Path) -> None:
    for rel in ["index.html", "a/index.html", "a/x.0123abcd.js", "b/c/y.0123abcd.css"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    rules = cache_rules(tmp_path, "/")
    assert ("/b/*", IMMUTABLE) in rules
    assert ("/a/", REVALIDATE) in rules and ("/a/x.0123abcd.js", IMMUTABLE) in rules
    from build_tools.serve import HeaderRule

    compiled = [HeaderRule(p, (("Cache-Control", v),)) for p, v in rules]
    for rel in [
        "/",
        "/index.html",
        "/a/",
        "/a/index.html",
        "/a/x.0123abcd.js",
        "/b/c/y.0123abcd.css",
    ]:
        assert len([r for r in compiled if r.matches(rel)]) == 1, rel


@pytest.fixture(scope="module")
def served(deploy_site: Path) -> Iterator[str]:
    port = free_port()
    server = make_server(deploy_site, "127.0.0.1", port, base_path=BASE)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (names case-insensitive) and body."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.build
def test_the_server_serves_the_site_under_its_base_path(served: str) -> None:
    status, headers, body = _get(f"{served}{BASE}trastuzumab/")
    assert status == 200 and b"<h1" in body
    assert headers["Cache-Control"] == REVALIDATE
    status, headers, _ = _get(f"{served}{BASE}feed.xml")
    assert status == 200 and headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    status, headers, _ = _get(f"{served}{BASE}pyodide/pyodide.asm.wasm")
    assert headers["Content-Type"] == "application/wasm"
    # The site is not also reachable at the root of the host.
    assert _get(f"{served}/trastuzumab/")[0] == 404


@pytest.mark.build
def test_the_server_answers_a_missing_page_with_the_sites_404_page(served: str) -> None:
    status, headers, body = _get(f"{served}{BASE}no-such-page/")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert b"Content-Security-Policy" in body and b'class="md-' in body


def test_the_server_serves_an_atom_feed_as_atom_even_without_headers_file(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>'
    )
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?>\n<urlset></urlset>')
    port = free_port()
    server = make_server(tmp_path, "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _, feed, _ = _get(f"http://127.0.0.1:{port}/feed.xml")
        _, sitemap, _ = _get(f"http://127.0.0.1:{port}/sitemap.xml")
    finally:
        server.shutdown()
        server.server_close()
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert not sitemap["Content-Type"].startswith("application/atom+xml")

"""build_tools.serve: a file's precompressed copy when Accept-Encoding allows it, with the
headers a cache needs (as nginx gzip_static/brotli_static, Netlify and Cloudflare answer)."""

from __future__ import annotations

import gzip
import http.client
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

from build_tools.compress.compressor import Settings, precompress
from build_tools.serve import make_server, record_encodings

BODY = ("<p>HER2-positive: trastuzumab is an option.</p>\n" * 300).encode()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "index.html").write_bytes(BODY)
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm" + BODY)
    (tmp_path / "small.txt").write_bytes(b"tiny")
    (tmp_path / "404.html").write_bytes(b"<h1>Not found</h1>")
    (tmp_path / "_headers").write_text("/*\n  X-Content-Type-Options: nosniff\n")
    for path in (tmp_path / "calculator" / "index.html", tmp_path / "pyodide" / "pyodide.asm.wasm"):
        precompress(path, None, Settings())
    return tmp_path


def _server(site: Path, **options: object) -> Iterator[tuple[int, list[tuple[str, int, str]]]]:
    server = make_server(site, "127.0.0.1", 0, **options)  # type: ignore[arg-type]
    sent = record_encodings(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], sent
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def served(site: Path) -> Iterator[tuple[int, list[tuple[str, int, str]]]]:
    yield from _server(site)


def get(port: int, path: str, method: str = "GET", **headers: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, headers=headers)
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_brotli_is_sent_when_accepted_with_the_headers_a_cache_needs(served) -> None:
    port, sent = served
    r = get(port, "/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert r.status == 200
    assert r.getheader("Content-Encoding") == "br"
    assert r.getheader("Vary") == "Accept-Encoding"
    assert r.getheader("Content-Type") == "application/wasm"  # the file's type, not the copy's
    assert int(r.getheader("Content-Length")) == len(r.body)
    assert brotli.decompress(r.body) == b"\0asm" + BODY
    assert r.getheader("X-Content-Type-Options") == "nosniff"  # _headers still applies
    assert sent == [("/pyodide/pyodide.asm.wasm", len(r.body), "br")]


def test_gzip_for_a_client_without_brotli_and_a_directory_index_too(served) -> None:
    port, _ = served
    r = get(port, "/calculator/", **{"Accept-Encoding": "gzip"})
    assert r.getheader("Content-Encoding") == "gzip"
    assert r.getheader("Content-Type").startswith("text/html")
    assert gzip.decompress(r.body) == BODY


def test_the_file_itself_when_no_encoding_is_accepted_still_varies(served) -> None:
    port, sent = served
    for headers in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "br;q=0, gzip;q=0"}):
        r = get(port, "/calculator/index.html", **headers)
        assert r.getheader("Content-Encoding") is None
        assert r.getheader("Vary") == "Accept-Encoding"  # a cache must not reuse it for br
        assert r.body == BODY
    assert {encoding for _, _, encoding in sent} == {"identity"}


def test_a_file_without_copies_has_neither_header(served) -> None:
    port, _ = served
    r = get(port, "/small.txt", **{"Accept-Encoding": "br, gzip"})
    assert r.body == b"tiny"
    assert r.getheader("Content-Encoding") is None and r.getheader("Vary") is None


def test_head_sends_the_headers_of_the_copy_and_no_body(served) -> None:
    port, _ = served
    r = get(port, "/pyodide/pyodide.asm.wasm", "HEAD", **{"Accept-Encoding": "br"})
    assert r.getheader("Content-Encoding") == "br" and r.body == b""


def test_a_missing_file_is_the_sites_404_never_encoded(served) -> None:
    port, _ = served
    r = get(port, "/nowhere.wasm", **{"Accept-Encoding": "br"})
    assert r.status == 404 and r.body == b"<h1>Not found</h1>"
    assert r.getheader("Content-Encoding") is None


def test_a_stale_copy_is_never_sent(site: Path, served) -> None:
    port, _ = served
    wasm = site / "pyodide" / "pyodide.asm.wasm"
    wasm.write_bytes(b"\0asm new build")
    later = wasm.stat().st_mtime + 10
    os.utime(wasm, (later, later))
    r = get(port, "/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "br, gzip"})
    assert r.getheader("Content-Encoding") is None
    assert r.body == b"\0asm new build"


def test_revalidation_of_a_copy_answers_304(served) -> None:
    port, _ = served
    first = get(port, "/calculator/", **{"Accept-Encoding": "br"})
    again = get(
        port,
        "/calculator/",
        **{"Accept-Encoding": "br", "If-Modified-Since": first.getheader("Last-Modified")},
    )
    assert again.status == 304 and again.body == b""
    assert again.getheader("Vary") == "Accept-Encoding"


def test_a_plain_server_never_sends_a_copy(site: Path) -> None:
    for port, _ in _server(site, precompressed=False):
        r = get(port, "/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "br, gzip"})
        assert r.getheader("Content-Encoding") is None and r.getheader("Vary") is None
        assert r.body == b"\0asm" + BODY

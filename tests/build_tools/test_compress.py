"""build_tools.compress: precompressed copies beside the site's large files, and which one to send."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import brotli
import pytest

from build_tools.compress.compressor import Settings, precompress
from build_tools.compress.encodings import (
    ENCODINGS,
    copy_of,
    decode,
    fresh_copies,
    is_precompressed_copy,
    negotiate,
)
from build_tools.offline.plugin import file_hash, manifest

TEXT = ("The calculator runs in your browser; nothing leaves the page. " * 400).encode()


def test_copies_decode_to_the_very_bytes_of_the_file(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(TEXT)
    written = precompress(page, tmp_path / "cache", Settings())
    assert set(written) == {"br", "gzip"}
    assert brotli.decompress(copy_of(page, "br").read_bytes()) == TEXT
    assert gzip.decompress(copy_of(page, "gzip").read_bytes()) == TEXT
    assert written["br"] < len(TEXT) / 10


def test_a_second_build_reuses_the_cached_copies_and_writes_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "f.js", tmp_path / "b" / "f.js"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(TEXT)
    cache = tmp_path / "cache"
    precompress(first, cache, Settings())
    cached = sorted(p.name for p in cache.iterdir())
    precompress(second, cache, Settings())
    assert sorted(p.name for p in cache.iterdir()) == cached
    for encoding in ENCODINGS:
        assert copy_of(first, encoding).read_bytes() == copy_of(second, encoding).read_bytes()


def test_small_and_incompressible_files_get_no_copy(tmp_path: Path) -> None:
    small = tmp_path / "small.css"
    small.write_bytes(b"a{color:red}" * 10)
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(50_000))
    assert precompress(small, None, Settings()) == {}
    assert precompress(noise, None, Settings()) == {}
    assert not [p for p in tmp_path.iterdir() if is_precompressed_copy(p)]


def test_a_copy_that_no_longer_saves_enough_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(TEXT)
    precompress(path, None, Settings())
    path.write_bytes(os.urandom(50_000))
    assert precompress(path, None, Settings()) == {}
    assert not copy_of(path, "br").exists() and not copy_of(path, "gzip").exists()


def test_a_snapshot_gz_with_nothing_beside_it_is_a_file_not_a_copy(tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot-0123456789abcdef.bin.gz"
    snapshot.write_bytes(b"x")
    assert not is_precompressed_copy(snapshot)
    (tmp_path / "snapshot-0123456789abcdef.bin").write_bytes(b"y")
    assert is_precompressed_copy(snapshot)


def test_a_copy_older_than_its_file_is_not_offered(tmp_path: Path) -> None:
    path = tmp_path / "app.js"
    path.write_bytes(TEXT)
    precompress(path, None, Settings())
    assert set(fresh_copies(path)) == {"br", "gzip"}
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))  # the file changed after the build
    assert fresh_copies(path) == {}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("identity", None),
        ("", None),
        (None, None),
        ("*", "br"),
        ("*;q=0.2, br;q=0", "gzip"),
        ("GZIP", "gzip"),
        ("br;q=oops, gzip", "gzip"),
    ],
)
def test_accept_encoding_picks_the_copy(header: str | None, expected: str | None) -> None:
    both = {"br": Path("f.br"), "gzip": Path("f.gz")}
    assert negotiate(header, both) == expected


def test_only_existing_copies_are_chosen() -> None:
    assert negotiate("br, gzip", {"gzip": Path("f.gz")}) == "gzip"
    assert negotiate("br", {"gzip": Path("f.gz")}) is None
    assert negotiate("br, gzip", {}) is None


def test_the_service_worker_manifest_lists_files_never_their_copies(tmp_path: Path) -> None:
    (tmp_path / "pyodide").mkdir()
    wasm = tmp_path / "pyodide" / "pyodide.asm.wasm"
    wasm.write_bytes(TEXT)
    precompress(wasm, None, Settings())
    assert list(manifest(tmp_path, ["pyodide/*"])) == ["pyodide/pyodide.asm.wasm"]


# --- the built site ---------------------------------------------------------------------------


def test_every_large_runtime_file_of_the_build_has_copies(built_site: Path) -> None:
    runtime = json.loads((built_site / "pyodide" / "runtime.json").read_text())
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs"):
        assert set(fresh_copies(built_site / "pyodide" / name)) == {"br", "gzip"}, name
    for page in ("index.html", "trastuzumab/index.html", "calculator/index.html"):
        assert set(fresh_copies(built_site / page)) == {"br", "gzip"}, page
    # The snapshot is gzip already (the worker decompresses it on any host): no copy of it.
    assert fresh_copies(built_site / "pyodide" / runtime["snapshot"]) == {}
    wasm = built_site / "pyodide" / "pyodide.asm.wasm"
    assert copy_of(wasm, "br").stat().st_size < 0.35 * wasm.stat().st_size


def test_every_copy_in_the_build_decodes_to_its_file_byte_for_byte(built_site: Path) -> None:
    copies = [p for p in built_site.rglob("*") if p.is_file() and is_precompressed_copy(p)]
    assert len(copies) > 20
    suffix_to_encoding = {suffix: encoding for encoding, suffix in ENCODINGS.items()}
    for copy in copies:
        original = copy.with_suffix("")
        encoding = suffix_to_encoding[copy.suffix]
        assert decode(copy.read_bytes(), encoding) == original.read_bytes(), copy


def test_headers_and_the_service_worker_name_no_copy(built_site: Path) -> None:
    headers = (built_site / "_headers").read_text()
    rules = re.findall(r"^(/\S*\.(?:br|gz))$", headers, re.MULTILINE)
    assert rules  # the snapshot, which is a file of its own (the test site is served at /)
    for rule in rules:
        path = built_site / rule.lstrip("/")
        assert path.is_file(), rule
        assert not is_precompressed_copy(path), f"a copy has its own rule: {rule}"
    sw = (built_site / "sw.js").read_text()
    assert ".wasm.br" not in sw and ".html.gz" not in sw and "index.html.br" not in sw


def test_material_palette_ships_without_the_rule_that_restyles_every_element(
    built_site: Path,
) -> None:
    """Material's own palette stylesheet has the data-md-color-switching rule (set and removed
    on <body> at every page load, it restyles every element twice); the built site's copy has
    not, and keeps every other rule."""
    from material import templates

    from build_tools.compress.palette import without_switching_rule

    stock = next(
        (Path(templates.__file__).parent / "assets" / "stylesheets").glob("palette.*.min.css")
    )
    stock_css = stock.read_text(encoding="utf-8")
    assert "[data-md-color-switching]" in stock_css
    shipped = (built_site / "assets" / "stylesheets" / stock.name).read_text(encoding="utf-8")
    assert "data-md-color-switching" not in shipped
    assert shipped == without_switching_rule(stock_css)[0]
    assert len(stock_css) - len(shipped) < 200  # one rule, not the palette
    # The precompressed copy and the service worker's manifest carry the patched bytes.
    path = built_site / "assets" / "stylesheets" / stock.name
    assert decode(copy_of(path, "br").read_bytes(), "br") == shipped.encode()
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    assert file_hash(path) in sw

"""Which precompressed copy of a file to send, as a static host does (nginx ``gzip_static`` and
``brotli_static``): the names of the copies, Accept-Encoding negotiation, decoding.

Standard library only: ``build_tools.serve`` reads this on every request; only the build
(``compressor.py``) needs Brotli from PyPI to write ``.br`` files.
"""

from __future__ import annotations

import gzip
from pathlib import Path

#: Content-Encoding token → suffix of the copy, in order of preference (smallest first).
ENCODINGS: dict[str, str] = {"br": ".br", "gzip": ".gz"}


def copy_of(path: Path, encoding: str, /) -> Path:
    """Where the ``encoding`` copy of ``path`` lives: ``file.wasm`` → ``file.wasm.br``."""
    return path.with_name(path.name + ENCODINGS[encoding])


def is_precompressed_copy(path: Path, /) -> bool:
    """``file.wasm.br`` beside ``file.wasm``: a copy, not a file of the site in its own right
    (the Pyodide snapshot ``snapshot-<hash>.bin.gz`` has no ``.bin`` beside it: it is a file)."""
    return path.suffix in ENCODINGS.values() and path.with_suffix("").is_file()


def fresh_copies(path: Path, /) -> dict[str, Path]:
    """The copies of ``path`` that exist and are not older than it: a file changed after the
    build (by hand, or by a test) is never answered with its stale copy."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}
    found = {}
    for encoding in ENCODINGS:
        copy = copy_of(path, encoding)
        try:
            if copy.stat().st_mtime >= mtime:
                found[encoding] = copy
        except OSError:
            continue
    return found


def accepted(header: str | None, /) -> dict[str, float]:
    """``Accept-Encoding: gzip, br;q=0.8, *;q=0`` → ``{"gzip": 1.0, "br": 0.8, "*": 0.0}``."""
    weights: dict[str, float] = {}
    for item in (header or "").split(","):
        token, _, params = item.strip().partition(";")
        token = token.strip().lower()
        if not token:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[token] = q
    return weights


def negotiate(header: str | None, available: dict[str, Path], /) -> str | None:
    """The encoding to send among ``available``: the client's highest q, Brotli before gzip on a
    tie; ``None`` for the file itself (nothing acceptable, or nothing available)."""
    weights = accepted(header)
    best, best_q = None, 0.0
    for encoding in ENCODINGS:  # preference order breaks ties
        if encoding not in available:
            continue
        q = weights.get(encoding, weights.get("*", 0.0))
        if q > best_q:
            best, best_q = encoding, q
    return best


def decode(data: bytes, encoding: str, /) -> bytes:
    """The original bytes of a copy (``br`` needs the ``brotli`` package)."""
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "br":
        import brotli  # build and test dependency only

        return brotli.decompress(data)
    raise ValueError(f"unknown encoding {encoding!r}")

"""Write the ``.br`` and ``.gz`` copies of one file, reusing earlier work by content hash."""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import brotli

from build_tools.compress.encodings import ENCODINGS, copy_of


@dataclass(frozen=True)
class Settings:
    min_bytes: int = 1024
    min_saving: float = 0.05
    brotli_quality: int = 11
    gzip_level: int = 9


def _encode(data: bytes, encoding: str, settings: Settings, /) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=settings.brotli_quality, lgwin=24)
    # mtime=0: the same file always gives the same bytes.
    return gzip.compress(data, compresslevel=settings.gzip_level, mtime=0)


def precompress(path: Path, cache: Path | None, settings: Settings, /) -> dict[str, int]:
    """Write each copy of ``path`` that saves at least ``settings.min_saving``; remove a copy
    that does not. Returns ``{encoding: bytes}`` of the copies written."""
    data = path.read_bytes()
    written: dict[str, int] = {}
    if len(data) < settings.min_bytes:
        return written
    key = hashlib.sha256(data).hexdigest()
    for encoding in ENCODINGS:
        target = copy_of(path, encoding)
        level = settings.brotli_quality if encoding == "br" else settings.gzip_level
        cached = cache / f"{key}.{encoding}{level}" if cache else None
        if cached is not None and cached.is_file():
            encoded = cached.read_bytes()
        else:
            encoded = _encode(data, encoding, settings)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(encoded)
                tmp.replace(cached)
        if len(encoded) <= len(data) * (1 - settings.min_saving):
            target.write_bytes(encoded)
            written[encoding] = len(encoded)
        else:
            target.unlink(missing_ok=True)
    return written

"""Frozen copies of approved text: ``<article dir>/_revisions/v<version>.md``.

For ``docs/x/index.md`` the snapshots live in ``docs/x/_revisions/``; for ``docs/y.md`` in
``docs/_revisions/y/``. Each holds a small front matter (version, sha256, approval) and the body
exactly as approved. They are written once and never overwritten; the plugin keeps them out of
the normal build and publishes them as archived revision pages instead.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from build_tools.editorial.body import body_sha256
from build_tools.editorial.source import dump_front_matter, load_front_matter

__all__ = ["REVISIONS_DIR", "covered_uri", "read_snapshot", "snapshot_uri", "write_snapshot"]

REVISIONS_DIR = "_revisions"


def snapshot_uri(article_uri: str, version: str, /) -> str:
    """Snapshot path relative to the docs dir, for an article at ``article_uri`` (posix)."""
    parent, name = posixpath.split(article_uri)
    stem = posixpath.splitext(name)[0]
    folder = posixpath.join(parent, REVISIONS_DIR)
    if stem not in {"index", "README"}:
        folder = posixpath.join(folder, stem)
    return posixpath.join(folder, f"v{version}.md")


def covered_uri(article_uri: str, version: str, /) -> str:
    """Beside the text snapshot: the rules and references approved with it (coverage.py)."""
    return snapshot_uri(article_uri, version).removesuffix(".md") + ".covered.json"


def write_snapshot(path: Path, body: str, record: dict[str, Any], /) -> None:
    if path.exists():
        raise FileExistsError(f"{path} already exists: approved snapshots are never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"---\n{dump_front_matter(record)}---\n{body}")


def read_snapshot(text: str, path: str, /) -> tuple[dict[str, Any], str, str]:
    """``(record, body, sha256 of the normalised body)``."""
    meta, body = load_front_matter(text, path)
    return meta or {}, body, body_sha256(body)

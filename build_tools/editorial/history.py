"""Append-only, hash-chained review history.

Each entry carries ``prev`` (the ``hash`` of the entry before it, ``None`` for the first) and its
own ``hash``: the sha256 of the entry's canonical JSON (every key but ``hash``;
:mod:`build_tools.editorial.canonical`). Editing, deleting, inserting or reordering any entry breaks the chain at that
point; :func:`verify` names it. The chain cannot by itself stop someone rewriting *every* entry
from the first — git history is the outer anchor for that — but no tool here ever does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from build_tools.editorial.canonical import CanonicalError, canonical_sha256
from build_tools.editorial.canonical import canonical_json as _canonical

__all__ = ["append", "canonical_json", "entry_hash", "head", "verify"]


def canonical_json(entry: Mapping[str, Any], /) -> str:
    return _canonical({key: value for key, value in entry.items() if key != "hash"})


def entry_hash(entry: Mapping[str, Any], /) -> str:
    return canonical_sha256({key: value for key, value in entry.items() if key != "hash"})


def head(history: Sequence[Mapping[str, Any]], /) -> str | None:
    """The hash of the newest entry: what the next entry's ``prev`` must be."""
    return history[-1].get("hash") if history else None


def append(history: Sequence[Mapping[str, Any]], entry: Mapping[str, Any], /) -> list[dict]:
    """A new list: ``history`` unchanged plus ``entry`` sealed onto its end."""
    sealed = {key: value for key, value in entry.items() if key not in {"prev", "hash"}}
    sealed["prev"] = head(history)
    sealed["hash"] = entry_hash(sealed)
    return [*map(dict, history), sealed]


def verify(history: Sequence[Mapping[str, Any]], /) -> list[str]:
    """One message per break in the chain; empty when the history is intact."""
    problems = []
    expected_prev = None
    for index, entry in enumerate(history):
        if entry.get("prev") != expected_prev:
            problems.append(
                f"review_history[{index}] does not follow the entry before it (prev is "
                f"{entry.get('prev')!r}, expected {expected_prev!r}): an entry was removed, "
                "inserted or reordered"
            )
        try:
            actual: str | None = entry_hash(entry)
        except CanonicalError as exc:
            problems.append(f"review_history[{index}] ({entry.get('action')}): {exc}")
            actual = None
        if actual is not None and entry.get("hash") != actual:
            problems.append(
                f"review_history[{index}] ({entry.get('action')}, {entry.get('at')}) was edited "
                "after it was recorded: its hash no longer matches its content"
            )
        expected_prev = entry.get("hash")
    return problems

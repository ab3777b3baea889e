"""The rules stamp: which exact rules produced a result (CONTRIBUTING.md#calculator-json, ``rules``).

The digest covers every source file of ``calculator/`` that can decide a result: every module of
the package except the few listed in :data:`NOT_RULES`, which only carry results in and out. A new
module is therefore covered by default. The digest is the sha256 of the files in name order, each
written as ``name NUL bytes NUL``; the editorial tooling records it with every approval so that a
changed rule cannot run under an old review.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def package_dir() -> Traversable:
    """This package's own folder, wherever it was imported from: a folder on disk, or a zip
    (the page's standard library holds the package's sources beside its bytecode). Imported
    here, not at the top: importlib.resources would add to the page's start-up."""
    from importlib.resources import files

    return files(__name__.partition(".")[0])


#: Modules that move data in and out but decide nothing (adapters, the digest itself).
NOT_RULES: frozenset[str] = frozenset(
    {
        "__init__.py",
        "__main__.py",
        "cli.py",
        "bridge.py",
        "schema.py",
        "digest.py",
        "reclassify_cli.py",
        "reclassify_file.py",
        "shell.py",
        "form.py",
        "reclassify_report.py",
        # The CSV reader (splits a file into records) and the re-classify page's words for
        # counts: they carry rows in and results out, and decide no category.
        "records.py",
        "reclassify_view.py",
        # What the page's scripts say of the runtime and their buttons: no result's words.
        "page_messages.py",
    }
)


def _sources(folder: Traversable, /) -> Iterator[Traversable]:
    """Every ``.py`` file under ``folder``, at any depth (a Path's ``rglob``, for any
    Traversable: a zip's entries too)."""
    if not folder.is_dir():
        return  # as a Path's rglob: a folder that is not there holds nothing
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _sources(entry)
        elif entry.name.endswith(".py"):
            yield entry


def rule_files(folder: Traversable | None = None, /) -> list[Traversable]:
    """The rule source files of the package in ``folder`` (this package's own by default; its
    layer folders included), sorted by name. Each is named by its file name alone, so names
    must not repeat."""
    found = sorted(
        (
            p
            for p in _sources(folder if folder is not None else package_dir())
            if p.name not in NOT_RULES
        ),
        key=lambda p: p.name,
    )
    names = [p.name for p in found]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"Two rule files share a name ({', '.join(repeated)}): rename one.")
    return found


def rule_sources(folder: Traversable | None = None, /) -> dict[str, bytes]:
    """Name → bytes of every rule source file (what the digest covers, for diffs)."""
    return {p.name: p.read_bytes() for p in rule_files(folder)}


def digest(sources: dict[str, bytes], /) -> str:
    """The sha256 (hex) of ``sources`` as :func:`rule_sources` returns them."""
    h = hashlib.sha256()
    for name in sorted(sources):
        h.update(name.encode("utf-8") + b"\0" + sources[name] + b"\0")
    return h.hexdigest()


def stamp_digest(folder: Traversable | None = None, /) -> str:
    """The digest a result is stamped with: that of the rule sources in ``folder`` (this
    package's own by default), which must be there (bytecode alone would stamp every result
    with the digest of nothing)."""
    sources = rule_sources(folder)
    if not sources:
        where = folder if folder is not None else package_dir()
        raise FileNotFoundError(f"No rule source files under {where}: cannot stamp results.")
    return digest(sources)


@cache
def rules_sha256() -> str:
    """The digest of this installed package's rules (computed once per process)."""
    return stamp_digest()


def rules_stamp() -> dict[str, str]:
    """``{"version", "sha256"}`` as every result carries it."""
    from calculator import __version__

    return {"version": __version__, "sha256": rules_sha256()}

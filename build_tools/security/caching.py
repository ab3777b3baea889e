"""The cache policy of every file of a built site, written as ``_headers`` rules.

A file whose name carries a content hash (Material's ``bundle.<hash>.min.js``, the Pyodide
snapshot ``snapshot-<hash>.bin.gz``) never changes under its name: browsers and CDNs may keep
it for a year without asking again. Every other file (pages, ``sw.js``, ``runtime.json``, the
worker and runtime glue, the calculator wheel, Pyodide's fixed-name files) must be revalidated
on each use (``no-cache``: a 304 when unchanged), so a new deploy is never paired with a stale
half of the old one.

The rules never overlap: Cloudflare Pages joins the values of a header set by two matching
rules and Netlify keeps one of them, so ``Cache-Control`` comes from exactly one rule per path.
A folder whose files all share a policy is one ``/folder/*`` rule (Cloudflare allows 100).
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.compress.encodings import is_precompressed_copy

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: A hex run of 8+ characters between separators in the file name: Material's and ours.
_HASHED = re.compile(r"[.-][0-9a-f]{8,}(?:[.-]|$)")
#: Files a host reads and does not serve.
HOST_FILES = frozenset({"_headers", "_redirects"})


def policy(path: Path, /) -> str:
    return IMMUTABLE if _HASHED.search(path.name) else REVALIDATE


def _files(folder: Path) -> list[Path]:
    # Precompressed copies (file.wasm.br) are never requested by name: they answer for the file.
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name not in HOST_FILES and not is_precompressed_copy(p)
    ]


def cache_rules(site: Path, base: str = "/", /) -> list[tuple[str, str]]:
    """``(url pattern, Cache-Control)`` for every file under ``site``, served at ``base``."""

    def visit(folder: Path, url: str, top: bool) -> list[tuple[str, str]]:
        policies = {policy(p) for p in _files(folder)}
        if not policies:
            return []
        if len(policies) == 1 and not top:
            return [(f"{url}*", policies.pop())]
        rules: list[tuple[str, str]] = []
        for child in sorted(folder.iterdir()):
            if child.is_dir():
                rules += visit(child, f"{url}{child.name}/", False)
            elif child.name not in HOST_FILES and not is_precompressed_copy(child):
                if child.name == "index.html":
                    rules.append((url, policy(child)))
                rules.append((f"{url}{child.name}", policy(child)))
        return rules

    return visit(site, base, True)

"""Archived revision pages and the diff from an archived revision to the current text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

from build_tools.editorial.body import normalise_body

__all__ = ["Diff", "DiffLine", "archive_markdown", "diff_text"]


@dataclass(frozen=True)
class DiffLine:
    #: ``file`` (---/+++ header), ``hunk`` (@@ … @@), ``add``, ``del`` or ``same``.
    kind: str
    text: str


@dataclass
class Diff:
    lines: list[DiffLine] = field(default_factory=list)
    added: int = 0
    removed: int = 0

    @property
    def identical(self) -> bool:
        return not self.lines

    def unified(self) -> str:
        """Plain unified-diff text, as ``diff -u`` would print it."""
        return "".join(f"{line.text}\n" for line in self.lines)


def diff_text(old: str, new: str, /, *, old_label: str, new_label: str) -> Diff:
    """Line diff of two Markdown bodies (normalised as for hashing, so only real edits show)."""
    out = Diff()
    for text in difflib.unified_diff(
        normalise_body(old).splitlines(),
        normalise_body(new).splitlines(),
        fromfile=old_label,
        tofile=new_label,
        lineterm="",
        n=3,
    ):
        if text.startswith(("---", "+++")) and len(out.lines) < 2:
            kind = "file"
        elif text.startswith("@@"):
            kind = "hunk"
        elif text.startswith("+"):
            kind, out.added = "add", out.added + 1
        elif text.startswith("-"):
            kind, out.removed = "del", out.removed + 1
        else:
            kind = "same"
        out.lines.append(DiffLine(kind, text))
    return out


def archive_markdown(title: str, version: str, body: str, /) -> str:
    """The Markdown of an archived revision page: its own title, out of search, the frozen body."""
    meta = {"title": f"{title} (version {version}, archived)", "search": {"exclude": True}}
    return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n{body}"

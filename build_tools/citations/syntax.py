"""Find ``[@key]`` and ``[@a; @b]`` citations in Markdown prose.

Fenced code blocks (backticks or tildes, also indented inside lists or quotes), inline code spans
and HTML comments are not prose: a citation written there is shown as written, not numbered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from build_tools.citations.bibliography import KEY_PATTERN

__all__ = ["Citation", "find_citations"]

_CITATION = re.compile(
    rf"(?<!\\)\[\s*(@{KEY_PATTERN}(?:\s*;\s*@{KEY_PATTERN})*)\s*\](?!\()",
)
_FENCE_OPEN = re.compile(r"^[ \t]*(?:>[ \t]*)*(?P<fence>`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Citation:
    """One citation mark: its span in the Markdown, its keys (in written order, no repeats)
    and the 1-based line it starts on."""

    start: int
    end: int
    keys: tuple[str, ...]
    line: int


def _lines(text: str, /) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line
        offset += len(line)


def _fenced_and_paragraphs(text: str, /) -> tuple[list[range], list[range]]:
    """Spans of fenced code blocks, and of the paragraphs (runs of non-blank lines) outside."""
    fenced: list[range] = []
    paragraphs: list[range] = []
    fence: str | None = None
    fence_start = para_start = 0
    in_para = False
    for offset, line in _lines(text):
        end = offset + len(line)
        if fence is not None:
            body = line.strip().lstrip(">").strip()
            if body.startswith(fence) and set(body) == {fence[0]}:
                fenced.append(range(fence_start, end))
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        if opened:
            if in_para:
                paragraphs.append(range(para_start, offset))
                in_para = False
            fence, fence_start = opened.group("fence"), offset
            continue
        if line.strip():
            if not in_para:
                para_start, in_para = offset, True
        elif in_para:
            paragraphs.append(range(para_start, offset))
            in_para = False
    if fence is not None:
        fenced.append(range(fence_start, len(text)))
    elif in_para:
        paragraphs.append(range(para_start, len(text)))
    return fenced, paragraphs


def _code_spans(text: str, paragraph: range, /) -> Iterator[range]:
    """Inline code spans: a run of N backticks up to the next run of exactly N."""
    pos = paragraph.start
    while True:
        opening = _BACKTICKS.search(text, pos, paragraph.stop)
        if opening is None:
            return
        if opening.start() > 0 and text[opening.start() - 1] == "\\":
            pos = opening.end()
            continue
        size = len(opening.group())
        closing = next(
            (
                m
                for m in _BACKTICKS.finditer(text, opening.end(), paragraph.stop)
                if len(m.group()) == size
            ),
            None,
        )
        if closing is None:
            pos = opening.end()
            continue
        yield range(opening.start(), closing.end())
        pos = closing.end()


def _not_prose(text: str, /) -> list[range]:
    fenced, paragraphs = _fenced_and_paragraphs(text)
    spans = list(fenced)
    for paragraph in paragraphs:
        spans.extend(_code_spans(text, paragraph))
    spans.extend(
        range(m.start(), m.end())
        for m in _COMMENT.finditer(text)
        if not any(m.start() in span for span in fenced)
    )
    return spans


def find_citations(markdown: str, /) -> list[Citation]:
    """Every citation in ``markdown``'s prose, in order."""
    excluded = _not_prose(markdown)
    found = []
    for match in _CITATION.finditer(markdown):
        if any(match.start() in span for span in excluded):
            continue
        keys = tuple(dict.fromkeys(k.strip().lstrip("@") for k in match.group(1).split(";")))
        line = markdown.count("\n", 0, match.start()) + 1
        found.append(Citation(match.start(), match.end(), keys, line))
    return found

"""Public pages speak to readers: no internal work items, issue numbers, branch names or
"digest changed" reach the built site (pages, What's new, the feed), and no author's HTML
comment is published. Nor does a doubled full stop, where a reader's note that ends its
sentence meets the sentence the page adds after it.

The words looked for, and why each is internal:

- ``issue #16``, ``issue 12`` (a journal's "volume 32, issue 33" is a citation, not a work
  item), ``PR #3`` / ``pull request``: the team's tracker;
- ``rules digest``, ``digest changed`` and the like: how the tooling compares records, not what
  changed for a reader (the site says "fingerprint" where it explains checking);
- ``wt-…``, ``worktree``: the team's branches;
- ``work item``, ``TODO``, ``FIXME``, ``XXX``: notes to ourselves;
- ``body_sha256`` and the other record field names outside code samples.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

#: name -> pattern, matched case-insensitively against what a reader reads.
INTERNAL = {
    "issue reference": r"\bissues?\s*#\s*\d+",
    "issue number": r"\bissues?\s+\d+\b",
    "pull request": r"\bPR\s*#\s*\d+|\bpull requests?\b",
    "digest words": r"\bdigests?\s+(?:changed|updated|differs?)\b|"
    r"\b(?:rules|text|body|bibliography|references|hazards?)\s+digests?\b",
    "branch name": r"\bwt-[a-z][a-z-]*\b|\bworktrees?\b",
    "work item": r"\bwork items?\b|\bTODO\b|\bFIXME\b|\bXXX\b",
    "record field": r"\b(?:body|rules|bibliography|hazards|board)_sha256\b",
}
#: Two full stops in a row, not an ellipsis ("counts).. Changed since").
DOUBLED_STOP = re.compile(r"(?<!\.)\.\s?\.(?!\.)")
#: A journal citation's issue ("volume 32, issue 33") is not a work item.
CITATION_ISSUE = re.compile(r"\bvolume\s+\d+,\s+issue\s+\d+", re.I)


class _Text(HTMLParser):
    """What a reader reads: text outside code samples, scripts and styles, plus every comment
    (none may be published at all) and the titles and labels a screen reader speaks."""

    SKIP = {"script", "style", "code", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        for name, value in attrs:
            if name in {"title", "aria-label", "alt", "content"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def internal_words(text: str, /) -> list[str]:
    text = CITATION_ISSUE.sub("", " ".join(text.split()))
    found = [
        f"doubled full stop: …{text[max(0, m.start() - 60) : m.end() + 40]}…"
        for m in DOUBLED_STOP.finditer(text)
    ]
    for name, pattern in INTERNAL.items():
        for match in re.finditer(pattern, text, re.I):
            start = max(0, match.start() - 60)
            found.append(f"{name}: …{text[start : match.end() + 40]}…")
    return found


def test_the_patterns_catch_internal_words_and_spare_citations() -> None:
    for internal in (
        "Patient view (issue #16): plain-language",
        "from issue 12 onwards",
        "the calculator's field table (rules digest changed)",
        "merged from wt-safety-page",
        "TODO: cite",
        "records body_sha256 now",
        "(a pause going on now counts).. Changed since",
    ):
        assert internal_words(internal), internal
    for public in (
        "volume 32, issue 33 (journal copy)",
        "a sha256 digest of the calculator's rule sources",
        "unattributed guideline digests and a 2006 review",
        "Heart rules: a hold now continues until LVEF recovers",
        "and so on... then",
    ):
        assert internal_words(public) == [], public


def test_the_built_site_speaks_to_readers(built_site: Path) -> None:
    problems = []
    files = [*sorted(built_site.rglob("*.html")), built_site / "feed.xml"]
    assert len(files) > 5
    for path in files:
        name = path.relative_to(built_site).as_posix()
        if name.startswith("pyodide/"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".xml":
            problems += [f"{name}: {w}" for w in internal_words(re.sub(r"<[^>]+>", " ", text))]
            continue
        parser = _Text()
        parser.feed(text)
        problems += [f"{name}: {w}" for w in internal_words(" ".join(parser.parts))]
        problems += [
            f"{name}: an HTML comment is published: <!--{c[:60]}…-->" for c in parser.comments
        ]
    assert problems == [], "\n".join(problems)

"""Reference formatting (Vancouver style, as in medical journals) and citation marks.

Every string that comes from the bibliography is HTML-escaped here, attribute values included.
Brackets are written as character references so Markdown never reads ``[1]`` as a link.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from build_tools.citations.bibliography import Entry

__all__ = [
    "MAX_AUTHORS",
    "Reference",
    "citation_html",
    "reference_html",
    "reference_links",
    "reference_text",
    "references_section",
    "tooltip",
]

#: More authors than this: the first ones and "et al." (ICMJE lists six; guides list fewer).
MAX_AUTHORS = 3
_TOOLTIP_TITLE_CHARS = 140
_OPEN, _CLOSE = "&#91;", "&#93;"
_INITIALS = re.compile(r"^[A-Z]{1,4}$")


@dataclass
class Reference:
    """A bibliography entry as cited on one page: its number and the ids of its citing marks."""

    key: str
    number: int
    entry: Entry
    citation_ids: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"ref-{self.key}"


def _sentence(text: str, /) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _authors(authors: list[str], /) -> str:
    if not authors:
        return ""
    shown = authors[:MAX_AUTHORS]
    names = ", ".join(a.rstrip(".") for a in shown)
    return f"{names}, et al." if len(authors) > MAX_AUTHORS else _sentence(names)


def _source(entry: Entry, /) -> str:
    """``Journal. Year;Vol(Issue):Pages.``, with whatever parts the entry has."""
    parts = []
    if entry.journal:
        parts.append(_sentence(entry.journal))
    where = str(entry.year) if entry.year is not None else ""
    volume = (entry.volume or "") + (f"({entry.issue})" if entry.issue else "")
    if volume:
        where = f"{where};{volume}" if where else volume
    if entry.pages:
        where = f"{where}:{entry.pages}" if where else entry.pages
    if where:
        parts.append(_sentence(where))
    return " ".join(parts)


def reference_links(entry: Entry, /) -> list[tuple[str, str]]:
    """``(label, href)`` of the DOI, PubMed and URL links of an entry."""
    links = []
    if entry.doi:
        links.append((f"doi:{entry.doi}", "https://doi.org/" + quote(entry.doi, safe="/:;()._-")))
    if entry.pmid:
        links.append((f"PMID: {entry.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{entry.pmid}/"))
    if entry.url and entry.url not in {href for _, href in links}:
        links.append((entry.url, entry.url))
    return links


def _body(entry: Entry, /) -> str:
    parts = [_authors(entry.authors), _sentence(entry.title), _source(entry)]
    if entry.note:
        parts.append(_sentence(entry.note))
    return " ".join(p for p in parts if p)


def reference_text(entry: Entry, /) -> str:
    """The formatted reference as plain text."""
    links = " ".join(_sentence(label) for label, _ in reference_links(entry))
    return f"{_body(entry)} {links}".strip()


def reference_html(entry: Entry, /) -> str:
    """The formatted reference as HTML (escaped), with its DOI, PubMed and URL links."""
    links = " ".join(
        f'<a href="{html.escape(href)}">{html.escape(label)}</a>.'
        for label, href in reference_links(entry)
    )
    return f"{html.escape(_body(entry))} {links}".strip()


def _surname(author: str, /) -> str:
    words = author.split()
    if len(words) > 1 and _INITIALS.match(words[-1]):
        words = words[:-1]
    return " ".join(words)


def tooltip(entry: Entry, /) -> str:
    """Short plain-text description for the citation mark's title (not escaped)."""
    if entry.authors:
        who = _surname(entry.authors[0]) + (" et al." if len(entry.authors) > 1 else "")
    else:
        who = entry.journal or ""
    year = f" {entry.year}" if entry.year is not None else ""
    title = entry.title
    if len(title) > _TOOLTIP_TITLE_CHARS:
        title = title[: _TOOLTIP_TITLE_CHARS - 1].rstrip() + "…"
    lead = f"{who}{year}".strip()
    return f"{_sentence(lead)} {title}" if lead else title


def _unknown(key: str, /) -> str:
    return html.escape(f"Unknown citation key '{key}'")


def citation_html(cited: list[tuple[str, Reference | None, str]], /) -> str:
    """The superscript mark for one citation. ``cited``: (key, reference or None if the key is
    unknown, id of this mark for that key), in written order."""
    if len(cited) == 1:
        key, ref, mark_id = cited[0]
        if ref is None:
            return (
                f'<sup class="guide-cite guide-cite--unknown" title="{_unknown(key)}">'
                f"{_OPEN}?{_CLOSE}</sup>"
            )
        return (
            f'<sup class="guide-cite" id="{html.escape(mark_id)}">'
            f'<a href="#{html.escape(ref.anchor)}" title="{html.escape(tooltip(ref.entry))}">'
            f"{_OPEN}{ref.number}{_CLOSE}</a></sup>"
        )
    known = sorted(
        ((ref, mark_id) for _, ref, mark_id in cited if ref is not None),
        key=lambda pair: pair[0].number,
    )
    parts = [
        f'<a id="{html.escape(mark_id)}" href="#{html.escape(ref.anchor)}" '
        f'title="{html.escape(tooltip(ref.entry))}">{ref.number}</a>'
        for ref, mark_id in known
    ]
    parts += [
        f'<span class="guide-cite__unknown" title="{_unknown(key)}">?</span>'
        for key, ref, _ in cited
        if ref is None
    ]
    unknown = " guide-cite--unknown" if len(known) < len(cited) else ""
    return f'<sup class="guide-cite{unknown}">{_OPEN}{", ".join(parts)}{_CLOSE}</sup>'


def _backlinks(ref: Reference, /) -> str:
    many = len(ref.citation_ids) > 1
    return " ".join(
        f'<a class="guide-reference__back" href="#{html.escape(mark_id)}" '
        f'aria-label="Back to citation {n}">↩\ufe0e{f"<sup>{n}</sup>" if many else ""}</a>'
        for n, mark_id in enumerate(ref.citation_ids, start=1)
    )


def references_section(references: list[Reference], /, *, heading: str = "References") -> str:
    """Markdown for the References section: a heading and a raw-HTML ordered list."""
    items = "\n".join(
        f'<li id="{html.escape(ref.anchor)}">{reference_html(ref.entry)} {_backlinks(ref)}</li>'
        for ref in sorted(references, key=lambda r: r.number)
    )
    return f'## {heading}\n\n<ol class="guide-references">\n{items}\n</ol>\n'

"""Reference formatting (Vancouver style, as in medical journals) and citation marks.

Marks and the References section are ``etree`` elements (Python-Markdown serializes and escapes
them, attribute values included); their text is atomic, so no later inline pattern reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote
from xml.etree.ElementTree import Element, SubElement

from markdown.serializers import to_html_string
from markdown.util import AtomicString

from build_tools.citations.bibliography import Entry

__all__ = [
    "MAX_AUTHORS",
    "Reference",
    "citation_element",
    "reference_html",
    "reference_links",
    "reference_text",
    "references_elements",
    "tooltip",
]

#: More authors than this: the first ones and "et al." (ICMJE lists six; guides list fewer).
MAX_AUTHORS = 3
_TOOLTIP_TITLE_CHARS = 140
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
    return f"Unknown citation key '{key}'"


def _text(parent: Element, text: str, /) -> None:
    """Append ``text`` after the last child of ``parent`` (or to its text)."""
    children = list(parent)
    if children:
        children[-1].tail = AtomicString((children[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


def citation_element(cited: list[tuple[str, Reference | None, str]], /) -> Element:
    """The superscript mark for one citation. ``cited``: (key, reference or None if the key is
    unknown, id of this mark for that key), in written order."""
    if len(cited) == 1:
        key, ref, mark_id = cited[0]
        if ref is None:
            sup = Element(
                "sup", {"class": "guide-cite guide-cite--unknown", "title": _unknown(key)}
            )
            sup.text = AtomicString("[?]")
            return sup
        sup = Element("sup", {"class": "guide-cite", "id": mark_id})
        link = SubElement(sup, "a", {"href": f"#{ref.anchor}", "title": tooltip(ref.entry)})
        link.text = AtomicString(f"[{ref.number}]")
        return sup
    known = sorted(
        ((ref, mark_id) for _, ref, mark_id in cited if ref is not None),
        key=lambda pair: pair[0].number,
    )
    unknown = " guide-cite--unknown" if len(known) < len(cited) else ""
    sup = Element("sup", {"class": f"guide-cite{unknown}"})
    sup.text = AtomicString("[")
    for ref, mark_id in known:
        if len(sup):
            _text(sup, ", ")
        link = SubElement(
            sup, "a", {"id": mark_id, "href": f"#{ref.anchor}", "title": tooltip(ref.entry)}
        )
        link.text = AtomicString(str(ref.number))
    for key, ref, _ in cited:
        if ref is None:
            if len(sup):
                _text(sup, ", ")
            span = SubElement(sup, "span", {"class": "guide-cite__unknown", "title": _unknown(key)})
            span.text = AtomicString("?")
    _text(sup, "]")
    return sup


def _fill_reference(parent: Element, entry: Entry, /) -> None:
    parent.text = AtomicString(_body(entry))
    for label, href in reference_links(entry):
        _text(parent, " ")
        link = SubElement(parent, "a", {"href": href})
        link.text = AtomicString(label)
        link.tail = AtomicString(".")


def reference_html(entry: Entry, /) -> str:
    """The formatted reference as HTML (escaped), with its DOI, PubMed and URL links."""
    wrapper = Element("span")
    _fill_reference(wrapper, entry)
    return to_html_string(wrapper).removeprefix("<span>").removesuffix("</span>")


def _backlinks(item: Element, ref: Reference, /) -> None:
    many = len(ref.citation_ids) > 1
    for n, mark_id in enumerate(ref.citation_ids, start=1):
        _text(item, " ")
        back = SubElement(
            item,
            "a",
            {
                "class": "guide-reference__back",
                "href": f"#{mark_id}",
                "aria-label": f"Back to citation {n}",
            },
        )
        # The number as text, raised by the stylesheet rather than a <sup> each: the article's
        # references hold some 270 back links, and an element each was a tenth of its nodes.
        back.text = AtomicString("↩\ufe0e" + (str(n) if many else ""))


def references_elements(
    references: list[Reference], /, *, heading: str = "References"
) -> list[Element]:
    """The References section: an ``h2`` and an ordered list, one item per reference with its
    back links to every mark citing it."""
    title = Element("h2")
    title.text = AtomicString(heading)
    items = Element("ol", {"class": "guide-references"})
    for ref in sorted(references, key=lambda r: r.number):
        item = SubElement(items, "li", {"id": ref.anchor})
        _fill_reference(item, ref.entry)
        _backlinks(item, ref)
    return [title, items]

"""Number the citations of one page and rewrite its Markdown.

Numbers follow the order of first use on the page; citing a key again reuses its number. Each
mark gets the id ``cite-<key>-<n>`` (the n-th mark citing that key), which the References
section links back to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from build_tools.citations.bibliography import Entry
from build_tools.citations.render import Reference, citation_html, references_section
from build_tools.citations.syntax import find_citations

__all__ = ["CitedPage", "UnknownKey", "cite_markdown"]


@dataclass(frozen=True)
class UnknownKey:
    key: str
    line: int


@dataclass(frozen=True)
class CitedPage:
    markdown: str
    references: list[Reference]
    unknown: list[UnknownKey]


def cite_markdown(markdown: str, bibliography: Mapping[str, Entry], /) -> CitedPage:
    """Replace every citation in ``markdown`` and append the References section (if any
    reference is cited)."""
    references: dict[str, Reference] = {}
    unknown: list[UnknownKey] = []
    out: list[str] = []
    pos = 0
    for citation in find_citations(markdown):
        cited: list[tuple[str, Reference | None, str]] = []
        for key in citation.keys:
            entry = bibliography.get(key)
            if entry is None:
                unknown.append(UnknownKey(key, citation.line))
                cited.append((key, None, ""))
                continue
            ref = references.get(key)
            if ref is None:
                ref = references[key] = Reference(key, len(references) + 1, entry)
            mark_id = f"cite-{key}-{len(ref.citation_ids) + 1}"
            ref.citation_ids.append(mark_id)
            cited.append((key, ref, mark_id))
        out += [markdown[pos : citation.start], citation_html(cited)]
        pos = citation.end
    out.append(markdown[pos:])
    text = "".join(out)
    if references:
        text = f"{text.rstrip()}\n\n{references_section(list(references.values()))}"
    return CitedPage(text, list(references.values()), unknown)

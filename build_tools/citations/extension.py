"""Python-Markdown extension: ``[@key]`` and ``[@a; @b]`` citations, numbered by first use, and a
References section at the end of the document.

Markdown itself decides what is prose: the citation is an inline pattern, so a key inside inline
code, an indented or fenced code block, raw HTML or an HTML comment is never seen, and ``\\[@key]``
stays literal through Markdown's own escapes. Usage::

    extension = CitationsExtension(bibliography=load_bibliography(path))
    html = markdown.markdown(text, extensions=[extension, "toc"])
    extension.page.references, extension.page.unknown  # what the last conversion cited

Numbers follow the order of first use; citing a key again reuses its number. Each mark gets the
id ``cite-<key>-<n>`` (the n-th mark citing that key), which the References section links back to.
An unknown key is shown as ``[?]`` and listed in ``page.unknown`` with its line: the line of the
same citation in ``source`` (the text converted, unless the caller sets the whole file, front
matter included), taking occurrences in order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from build_tools.citations.bibliography import KEY_PATTERN, Entry
from build_tools.citations.render import Reference, citation_element, references_elements

__all__ = ["CITATION_PATTERN", "CitationsExtension", "CitedPage", "UnknownKey", "makeExtension"]

#: ``[@key]`` or ``[@a; @b]``, not escaped (``\[@key]``) and not followed by ``(`` (that is a link
#: whose text starts with @). Also read by the editorial coverage (cited keys of a source file).
CITATION_PATTERN = rf"(?<!\\)\[\s*(@{KEY_PATTERN}(?:\s*;\s*@{KEY_PATTERN})*)\s*\](?!\()"
_CITATION = re.compile(CITATION_PATTERN)


@dataclass(frozen=True)
class UnknownKey:
    key: str
    #: 1-based line in the source; 0 if the citation is not in it (another plugin wrote it).
    line: int


@dataclass
class CitedPage:
    """What one conversion cited: references in number order, and unknown keys."""

    references: list[Reference] = field(default_factory=list)
    unknown: list[UnknownKey] = field(default_factory=list)


def _keys(group: str, /) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k.strip().lstrip("@") for k in group.split(";")))


class _SourceLines:
    """Lines of the citations written in the source, claimed in order by the marks found."""

    def __init__(self, source: str, /) -> None:
        self._found = [
            (_keys(m.group(1)), source.count("\n", 0, m.start()) + 1)
            for m in _CITATION.finditer(source)
        ]

    def claim(self, keys: tuple[str, ...], /) -> int:
        for i, (written, line) in enumerate(self._found):
            if written == keys:
                del self._found[i]
                return line
        return 0


class CitationInlineProcessor(InlineProcessor):
    def __init__(self, extension: CitationsExtension, /) -> None:
        super().__init__(CITATION_PATTERN)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        # Only a placeholder: inline patterns do not run in document order (nested blocks come
        # last), so the marks are numbered afterwards by walking the finished tree.
        mark = etree.Element("sup")
        self.extension.pending[mark] = _keys(m.group(1))
        return mark, m.start(0), m.end(0)


class _SourcePreprocessor(Preprocessor):
    """Keeps the text as written (before any other preprocessor) for line numbers."""

    def __init__(self, md: Markdown, extension: CitationsExtension, /) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.start("\n".join(lines))
        return lines


class _CitationsTreeprocessor(Treeprocessor):
    """Numbers the marks in document order and appends the References section (before ``toc``
    runs, so the heading gets its id and TOC entry)."""

    def __init__(self, md: Markdown, extension: CitationsExtension, /) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        pending = self.extension.pending
        for placeholder in list(root.iter("sup")):
            keys = pending.pop(placeholder, None)
            if keys is None:
                continue
            mark, tail = self.extension.cite(keys), placeholder.tail
            placeholder.clear()
            placeholder.attrib.update(mark.attrib)
            placeholder.text = mark.text
            placeholder.extend(list(mark))
            placeholder.tail = tail
        references = self.extension.page.references
        if references:
            heading = self.extension.getConfig("heading")
            root.extend(references_elements(references, heading=heading))


class CitationsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": [{}, "Mapping of citation key -> Entry"],
            "heading": ["References", "Heading of the References section"],
        }
        super().__init__(**kwargs)
        #: The whole file the next conversion comes from (front matter included), if not the text.
        self.source: str | None = None
        self.page = CitedPage()
        self.pending: dict[etree.Element, tuple[str, ...]] = {}
        self._lines = _SourceLines("")

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before normalize_whitespace (30): the text exactly as written.
        md.preprocessors.register(_SourcePreprocessor(md, self), "guide_citations_source", 40)
        # After backticks (190) and escapes (180), before reference links (170).
        md.inlinePatterns.register(CitationInlineProcessor(self), "guide_citation", 175)
        # After inline (20), before prettify (10) and toc (5).
        md.treeprocessors.register(_CitationsTreeprocessor(md, self), "guide_citations", 15)

    def reset(self) -> None:
        self.page = CitedPage()
        self.pending = {}

    def start(self, text: str, /) -> None:
        self.reset()
        self._lines = _SourceLines(self.source if self.source is not None else text)

    def cite(self, keys: tuple[str, ...], /) -> etree.Element:
        """The mark for one citation, numbering its known keys and recording unknown ones."""
        bibliography: Mapping[str, Entry] = self.getConfig("bibliography")
        line = self._lines.claim(keys)
        numbered = {ref.key: ref for ref in self.page.references}
        cited: list[tuple[str, Reference | None, str]] = []
        for key in keys:
            entry = bibliography.get(key)
            if entry is None:
                self.page.unknown.append(UnknownKey(key, line))
                cited.append((key, None, ""))
                continue
            ref = numbered.get(key)
            if ref is None:
                ref = numbered[key] = Reference(key, len(self.page.references) + 1, entry)
                self.page.references.append(ref)
            mark_id = f"cite-{key}-{len(ref.citation_ids) + 1}"
            ref.citation_ids.append(mark_id)
            cited.append((key, ref, mark_id))
        return citation_element(cited)


def makeExtension(**kwargs: Any) -> CitationsExtension:
    return CitationsExtension(**kwargs)

"""Plain text of a built page as a reader sees it, for readability measures (textstat).

Only the page's own text counts: the ``<article>`` of Material's content area, without the
subtrees a reader does not read as prose (the editorial box and record, a handout's card, the
reviewers' collapsed notes, the References list, citation marks and heading anchors). Each block
(paragraph, list item, heading, table cell) ends a sentence: a list item without a full stop is
still a sentence to a reader, and Flesch-Kincaid counts sentences by their punctuation.
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["ARTICLE", "PATIENT_SECTIONS", "page_text"]

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption"}
_VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col", "area", "embed"}
#: (tag, class) of subtrees left out; a class of None matches any element with that tag.
_SKIP: tuple[tuple[str, str | None], ...] = (
    ("aside", "guide-editorial"),
    ("section", "guide-editorial-record"),
    ("section", "guide-handout"),
    ("p", "guide-handout__sources"),
    ("details", "note"),
    ("ol", "guide-references"),
    ("sup", "guide-cite"),
    ("a", "headerlink"),
    ("script", None),
    ("style", None),
    ("fieldset", "guide-audience-selector"),
)


class _Text(HTMLParser):
    def __init__(self, *, audience: str | None, root: tuple[str, str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.audience = audience
        self.root = root
        self.depth_in_article = 0
        self.skip_depth = 0
        self.stack: list[str] = []
        self.blocks: list[list[str]] = []
        self.skip_headings = {"references", "editorial-record"}

    def _skipped(self, tag: str, attrs: dict[str, str]) -> bool:
        classes = attrs.get("class", "").split()
        if any(tag == t and (c is None or c in classes) for t, c in _SKIP):
            return True
        if tag in {"h2"} and attrs.get("id") in self.skip_headings:
            return True
        audiences = attrs.get("data-audience")
        return bool(
            self.audience and audiences is not None and self.audience not in audiences.split()
        )

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        attrs = {k: v or "" for k, v in attrs_list}
        self.stack.append(tag)
        root_tag, root_attr, root_value = self.root
        if (
            not self.depth_in_article
            and tag == root_tag
            and root_value in attrs.get(root_attr, "").split()
        ):
            self.depth_in_article = len(self.stack)
            return
        if not self.depth_in_article:
            return
        if self.skip_depth == 0 and self._skipped(tag, attrs):
            self.skip_depth = len(self.stack)
        if self.skip_depth == 0 and tag in _BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            popped = self.stack.pop()
            if self.skip_depth == depth:
                self.skip_depth = 0
            if self.depth_in_article == depth:
                self.depth_in_article = 0
            if popped == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.depth_in_article and self.skip_depth == 0 and self.blocks:
            self.blocks[-1].append(data)


ARTICLE = ("article", "class", "md-content__inner")
PATIENT_SECTIONS = ("div", "data-audience", "patient")


def page_text(
    html: str, /, *, audience: str | None = None, root: tuple[str, str, str] = ARTICLE
) -> str:
    """The readable text of a built page inside the first ``root`` element (tag, attribute, one
    of its values: by default Material's article); with ``audience``, audience blocks for other
    readers are left out (as the reader who chose that audience sees the page)."""
    parser = _Text(audience=audience, root=root)
    parser.feed(html)
    sentences = []
    for parts in parser.blocks:
        text = " ".join("".join(parts).split())
        if not text:
            continue
        sentences.append(text if text[-1] in ".?!:;" else f"{text}.")
    return "\n".join(sentences)

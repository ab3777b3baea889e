"""MkDocs plugin ``guide/audience``: the "Which best describes you?" selector.

A page gets the selector when it has audience blocks, or is listed in ``selector_pages`` (the
home page). ``on_page_content`` records what the page addresses in ``page.meta["audiences"]``
and ``page.meta["audience_selector"]``; ``on_page_context`` puts the selector under the page
title. It runs after the search plugin has indexed the page (lower priority), so the selector's
words are not in the search index; and it needs no template override, so the theme's
``partials/content.html`` (editorial) stays as it is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from build_tools.audience.audiences import AUDIENCES, DEFAULT_AUDIENCE
from build_tools.audience.config import AudienceConfig
from build_tools.audience.selector import (
    EARLY_SCRIPT,
    LEGEND,
    insert_after_title,
    selector_html,
)
from build_tools.constants import (
    AUDIENCE_ATTRIBUTE,
    AUDIENCE_BLOCK_CLASS,
    AUDIENCE_BLOCK_PATTERN,
    AUDIENCE_META_NAME,
    AUDIENCE_STORAGE_KEY,
    EXTRA_AUDIENCE,
    META_AUDIENCE_SELECTOR,
    META_AUDIENCES,
)

log = logging.getLogger("mkdocs.plugins.guide.audience")


def audiences_in(html: str, /) -> list[str]:
    """Audiences addressed by the rendered blocks of a page, in selector order."""
    named = {
        name for match in AUDIENCE_BLOCK_PATTERN.finditer(html) for name in match.group(1).split()
    }
    return [name for name in AUDIENCES if name in named]


class _HeadingAudiences(HTMLParser):
    """Ids of headings inside audience blocks -> the audiences of the innermost block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"}:
            return
        named = dict(attrs)
        is_block = named.get("class") == AUDIENCE_BLOCK_CLASS
        block = named.get(AUDIENCE_ATTRIBUTE) if is_block else None
        self.stack.append((tag, block))
        if re.fullmatch(r"h[1-6]", tag) and named.get("id"):
            inner = next((a for _, a in reversed(self.stack) if a), None)
            if inner:
                self.found[str(named["id"])] = inner

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break


def heading_audiences(html: str, /) -> dict[str, str]:
    """``{heading id: "patient"}`` for every heading written inside an audience block."""
    parser = _HeadingAudiences()
    parser.feed(html)
    return parser.found


def mark_toc(items: Iterable[Any], audiences: dict[str, str], /) -> None:
    """Tag table-of-contents entries (``toc_item.guide_audience``, read by the theme's
    ``partials/toc-item.html``) whose heading only some readers see."""
    for item in items:
        item.guide_audience = audiences.get(item.id)
        mark_toc(item.children, audiences)


def selector_data() -> dict[str, Any]:
    """The selector as data, for other plugins and templates."""
    return {
        "legend": LEGEND,
        "default": DEFAULT_AUDIENCE,
        "choices": [{"value": name, "label": label} for name, (label, _) in AUDIENCES.items()],
    }


class AudiencePlugin(BasePlugin[AudienceConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # main.html writes these into every page's head for the audience scripts (one list).
        config.extra[EXTRA_AUDIENCE] = {
            "meta_name": AUDIENCE_META_NAME,
            "names": list(AUDIENCES),
            "default": DEFAULT_AUDIENCE,
            "storage_key": AUDIENCE_STORAGE_KEY,
        }
        return config

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        found = audiences_in(html)
        page.meta[META_AUDIENCES] = found
        if found:
            mark_toc(page.toc, heading_audiences(html))
        if found or page.file.src_uri in self.config.selector_pages:
            page.meta[META_AUDIENCE_SELECTOR] = selector_data()
        else:
            page.meta.pop(META_AUDIENCE_SELECTOR, None)
        return None

    # After the search plugin (priority 0) has indexed page.content.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled or not page.meta.get(META_AUDIENCE_SELECTOR) or not page.content:
            return None
        script = get_relative_url(EARLY_SCRIPT, page.url)
        page.content = insert_after_title(page.content, selector_html(early_script_url=script))
        return None

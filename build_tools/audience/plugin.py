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
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_tools.audience.audiences import AUDIENCES, DEFAULT_AUDIENCE
from build_tools.audience.config import AudienceConfig
from build_tools.audience.selector import (
    EARLY_SCRIPT,
    LEGEND,
    insert_after_title,
    selector_html,
)
from build_tools.constants import (
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
        if found or page.file.src_uri in self.config.selector_pages:
            page.meta[META_AUDIENCE_SELECTOR] = selector_data()
        else:
            page.meta.pop(META_AUDIENCE_SELECTOR, None)
        return None

    # After the search plugin (priority 0) has indexed page.content.
    @event_priority(-100)
    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled or not page.meta.get(META_AUDIENCE_SELECTOR) or not page.content:
            return None
        script = get_relative_url(EARLY_SCRIPT, page.url)
        page.content = insert_after_title(page.content, selector_html(early_script_url=script))
        return None

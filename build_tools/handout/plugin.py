"""MkDocs plugin ``guide/handout``: a printable card on every handout page.

``on_page_content`` (after ``guide/editorial`` has put the page's own review state in
``page.meta["guide_editorial"]``) checks that the page is a handout with a review record of its
own and an existing article, inserts the card under the title and, last, the printed line that
says where the sources are (the References list itself stays on screen). A broken handout stops the
build (:class:`~mkdocs.exceptions.PluginError`): a handout that borrowed its article's review,
or pointed a QR code at nothing, must never be published.
"""

from __future__ import annotations

import posixpath

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_tools.constants import META_EDITORIAL, META_HANDOUT
from build_tools.handout.card import insert_after_title
from build_tools.handout.config import HandoutConfig
from build_tools.handout.qr import qr_svg

__all__ = ["HandoutPlugin", "absolute_url"]


def absolute_url(site_url: str | None, url: str, /) -> str:
    """``url`` (site-relative) under ``site_url``; the QR code needs an address a phone can open."""
    if not site_url:
        raise PluginError(
            "guide/handout: site_url is not set; a handout's QR code needs the site's public "
            "address (set site_url, or SITE_URL for a deploy build)"
        )
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    return posixpath.join(base, url)


class HandoutPlugin(BasePlugin[HandoutConfig]):
    def __init__(self) -> None:
        self.env: Environment | None = None

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        if not self.config.enabled:
            return
        self.env = env

    # After guide/editorial (priority 0) has run its own page events.
    @event_priority(-10)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        target = page.meta.get(self.config.front_matter_key)
        if target is None:
            return None
        where = page.file.src_uri
        if not isinstance(target, str) or not target.strip():
            raise PluginError(
                f"{where}: front matter field '{self.config.front_matter_key}' must be the "
                "docs-relative path of the article, e.g. 'trastuzumab/index.md'"
            )
        article = files.get_file_from_path(target.strip())
        if article is None or not article.is_documentation_page():
            raise PluginError(
                f"{where}: '{self.config.front_matter_key}: {target}' names no page in the docs"
            )
        editorial = page.meta.get(META_EDITORIAL)
        if not editorial or editorial.get("invalid"):
            raise PluginError(
                f"{where}: a handout is reviewed content with its own editorial front matter "
                "(id, title, version, status, last_updated, review_interval_days, authors) and "
                "review history; it may not borrow its article's review"
            )
        article_url = absolute_url(config.site_url, article.url)
        env = self.env or config.theme.get_env()
        card = env.get_template(self.config.card_template).render(
            editorial=editorial,
            article_url=article_url,
            article_link=get_relative_url(article.url, page.url),
            qr=qr_svg(article_url, label=f"QR code: the full article at {article_url}"),
            phone_lines=list(self.config.phone_lines),
        )
        sources = env.get_template(self.config.sources_template).render(
            references_url=f"{absolute_url(config.site_url, page.url)}#references"
        )
        page.meta[META_HANDOUT] = {"article": article.src_uri, "article_url": article_url}
        return insert_after_title(html, card) + sources

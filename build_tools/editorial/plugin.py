"""MkDocs plugin ``guide/editorial``: validate, audit and render articles' editorial state.

- ``on_files``: read every article's front matter, validate it (one warning per bad field),
  audit its history chain, snapshots and approved hash (one warning per problem, so ``--strict``
  fails and authors see them all); drop ``_revisions/`` from the build and publish each approved
  revision as a generated page at ``<article>/v<version>/`` (not in nav).
- ``on_page_markdown``: put the computed view in ``page.meta`` for the template overrides
  ``partials/content.html`` and ``partials/editorial/*.html``.
- ``on_page_content``: fill the dashboard and changelog markers.
- ``on_post_build``: ``status.json`` (+ its JSON Schema) and the Atom feed.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_tools.constants import META_ARCHIVE, META_EDITORIAL
from build_tools.editorial import clock
from build_tools.editorial import history as chain
from build_tools.editorial.archive import archive_markdown
from build_tools.editorial.articles import Article, Revision, load_article
from build_tools.editorial.audit import edited_message
from build_tools.editorial.config import EditorialConfig
from build_tools.editorial.feed import FeedEntry, atom_feed
from build_tools.editorial.schema import is_article
from build_tools.editorial.snapshots import REVISIONS_DIR
from build_tools.editorial.source import SourceError, load_front_matter
from build_tools.editorial.status import SCHEMA_PATH, article_status, dumps, status_document
from build_tools.editorial.views import (
    archive_view,
    article_view,
    changelog_view,
    dashboard_view,
    event_title,
    person,
)

__all__ = ["EditorialPlugin"]

log = logging.getLogger("mkdocs.plugins.guide.editorial")
STYLESHEET = Path(__file__).with_name("editorial.css")


class EditorialPlugin(BasePlugin[EditorialConfig]):
    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.by_uri: dict[str, Article] = {}
        self.archives: dict[str, tuple[Article, Revision]] = {}
        self.env: Environment | None = None
        self.page_urls: dict[str, str | None] = {}
        self._files_url: dict[str, str] = {}
        self._outputs: dict[str, File] = {}
        self.today = dt.date.today()

    # -- configuration -------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.config.stylesheet not in [str(s) for s in config.extra_css]:
            config.extra_css.append(self.config.stylesheet)
        self.today = clock.today()
        return config

    # -- collecting ------------------------------------------------------------------------------

    def _display_path(self, file: File, config: MkDocsConfig) -> str:
        root = Path(config.config_file_path or ".").resolve().parent
        if file.abs_src_path:
            path = Path(file.abs_src_path).resolve()
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                return path.as_posix()
        return file.src_uri

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.env = config.theme.get_env()
        self.articles, self.by_uri, self.archives = [], {}, {}
        for file in list(files):
            if REVISIONS_DIR in file.src_uri.split("/")[:-1]:
                # Snapshots are records, not pages: published as archived revisions below.
                files.remove(file)

        def read_text(src_uri: str) -> str | None:
            path = Path(config.docs_dir) / src_uri
            return path.read_text(encoding="utf-8") if path.is_file() else None

        for file in files.documentation_pages():
            display = self._display_path(file, config)
            try:
                meta, body = load_front_matter(file.content_string, display)
            except SourceError as exc:
                log.warning(str(exc))
                continue
            if meta is None or not is_article(meta):
                continue
            article = load_article(
                file.src_uri,
                display,
                meta,
                body,
                read_text=read_text,
                use_directory_urls=config.use_directory_urls,
            )
            self._report(article)
            self.articles.append(article)
            self.by_uri[file.src_uri] = article
            for revision in article.revisions:
                self._add_revision(files, config, article, revision)

        for name in ("policy_page", "disclaimer_page", "changelog_page", "dashboard_page"):
            page = files.get_file_from_path(self.config[name])
            self.page_urls[name.removesuffix("_page")] = page.url if page else None
            if page is None and self.articles:
                log.warning(
                    "guide/editorial: %s '%s' is not in the docs; articles link to it "
                    "(set the plugin's %s option)",
                    name.replace("_", " "),
                    self.config[name],
                    name,
                )
        self.page_urls["feed"] = self.config.feed_file
        # Site files, registered now so pages may link to them; the content is set in on_env.
        self._outputs = {
            "status": File.generated(config, self.config.status_file, content="{}"),
            "feed": File.generated(config, self.config.feed_file, content=""),
            "schema": File.generated(
                config, self.config.status_schema_file, abs_src_path=str(SCHEMA_PATH)
            ),
            "css": File.generated(config, self.config.stylesheet, abs_src_path=str(STYLESHEET)),
        }
        for file in self._outputs.values():
            files.append(file)
        return files

    def _report(self, article: Article) -> None:
        for error in article.errors:
            log.warning(error)
        if article.audit is None:
            return
        for problem in article.audit.problems:
            log.warning("%s: %s", article.display_path, problem)
        if article.audit.edited_after_approval:
            log.warning(edited_message(article.display_path))

    def _add_revision(
        self, files: Files, config: MkDocsConfig, article: Article, revision: Revision
    ) -> None:
        if files.get_file_from_path(revision.src_uri) is not None:
            raise PluginError(
                f"{article.display_path}: cannot publish version {revision.version} at "
                f"{revision.src_uri}: a page of that name exists"
            )
        file = File.generated(
            config,
            revision.src_uri,
            content=archive_markdown(
                str(article.meta.get("title")), revision.version, revision.body
            ),
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        file.dest_uri = revision.dest_uri
        files.append(file)
        self.archives[revision.src_uri] = (article, revision)

    # -- pages -----------------------------------------------------------------------------------

    def _url_of(self, article: Article) -> str:
        return self._files_url[article.src_uri]

    def _revision_url(self, article: Article, version: str) -> str | None:
        revision = next((r for r in article.revisions if r.version == version), None)
        return self._files_url.get(revision.src_uri) if revision else None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        if not self.config.enabled:
            return
        self._files_url = {f.src_uri: f.url for f in files}

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None

        def link(url: str) -> str:
            return get_relative_url(url, page.url)

        pages = {k: v for k, v in self.page_urls.items() if k != "feed"}
        if (article := self.by_uri.get(page.file.src_uri)) is not None:
            page.meta[META_EDITORIAL] = article_view(
                article,
                link=link,
                pages=pages,
                revision_url=lambda v, a=article: self._revision_url(a, v),
            )
        elif (found := self.archives.get(page.file.src_uri)) is not None:
            article, revision = found
            page.meta[META_ARCHIVE] = archive_view(
                article,
                revision,
                link=link,
                article_url=self._url_of(article),
                pages=pages,
                revision_url=lambda v, a=article: self._revision_url(a, v),
            )
        return None

    def _render(self, template: str, page: Page, **context: Any) -> str:
        assert self.env is not None
        return self.env.get_template(template).render(page=page, **context)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None

        def link(url: str) -> str:
            return get_relative_url(url, page.url)

        uri = page.file.src_uri
        if uri == self.config.dashboard_page:
            return self._fill(
                html,
                page,
                self.config.dashboard_marker,
                "partials/editorial/dashboard.html",
                dashboard=dashboard_view(
                    self.articles, today=self.today, link=link, url_of=self._url_of
                ),
            )
        if uri == self.config.changelog_page:
            return self._fill(
                html,
                page,
                self.config.changelog_marker,
                "partials/editorial/changelog.html",
                changelog=changelog_view(
                    self.articles, link=link, url_of=self._url_of, revision_url=self._revision_url
                ),
                feed_url=link(self.config.feed_file),
            )
        return None

    def _fill(self, html: str, page: Page, marker: str, template: str, **context: Any) -> str:
        if marker not in html:
            log.warning(
                "%s: the marker %s is missing; the plugin renders its block there",
                page.file.src_uri,
                marker,
            )
            return html
        return html.replace(marker, self._render(template, page, **context), 1)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or "</head>" not in output:
            return None
        href = get_relative_url(self.config.feed_file, page.url)
        title = self._feed_title(config).replace("&", "&amp;").replace('"', "&quot;")
        tag = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'
        return output.replace("</head>", f"  {tag}\n  </head>", 1)

    # -- site-wide files -------------------------------------------------------------------------

    def _feed_title(self, config: MkDocsConfig) -> str:
        return self.config.feed_title or f"{config.site_name}: editorial updates"

    def _absolute(self, config: MkDocsConfig, url: str) -> str:
        base = config.site_url or ""
        return posixpath.join(base if base.endswith("/") else f"{base}/", url) if base else url

    @event_priority(-50)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Fill status.json and the feed: every page is read, nothing is written out yet."""
        if not self.config.enabled:
            return
        valid = [a for a in self.articles if a.model is not None]
        generated = clock.timestamp()
        document = status_document(
            (
                article_status(
                    a,
                    today=self.today,
                    url=self._absolute(config, self._url_of(a)),
                    path=self._url_of(a),
                    revision_url=lambda v, a=a: self._absolute(
                        config, self._revision_url(a, v) or ""
                    ),
                )
                for a in valid
            ),
            generated=generated,
            schema_url=self._absolute(config, self.config.status_schema_file),
            today=self.today,
        )
        self._outputs["status"].content_string = dumps(document)
        self._outputs["feed"].content_bytes = self._feed(config, valid, generated)
        log.info("guide/editorial: %d article(s) in %s", len(valid), self.config.status_file)

    def _feed(self, config: MkDocsConfig, articles: list[Article], generated: str) -> bytes:
        entries = []
        for article in articles:
            for index, entry in enumerate(article.history):
                target = self._url_of(article)
                if entry.get("action") == "approve":
                    target = self._revision_url(article, str(entry.get("version"))) or target
                text = [f"{article.meta.get('title')}: {event_title(entry)} by {person(entry)}."]
                if entry.get("summary"):
                    text.append(f"Summary: {entry['summary']}")
                if entry.get("comment"):
                    text.append(f"Comment: {entry['comment']}")
                text.append(f"Version {entry.get('version')}.")
                entries.append(
                    (
                        str(entry.get("at")),
                        index,
                        FeedEntry(
                            id=f"urn:sha256:{entry.get('hash') or chain.entry_hash(entry)}",
                            title=f"{article.meta.get('title')}: {event_title(entry)}",
                            updated=str(entry.get("at")),
                            link=self._absolute(config, target),
                            author=str(entry.get("actor")),
                            summary=" ".join(text),
                            category=str(entry.get("action")),
                        ),
                    )
                )
        entries.sort(key=lambda item: (item[0], item[1]), reverse=True)
        changelog = self.page_urls.get("changelog")
        return atom_feed(
            [e for _, _, e in entries],
            title=self._feed_title(config),
            feed_id=self._absolute(config, self.config.feed_file),
            self_url=self._absolute(config, self.config.feed_file),
            site_url=self._absolute(config, changelog or ""),
            author=config.site_name,
            updated=entries[0][0] if entries else generated,
        )

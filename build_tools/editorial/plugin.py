"""MkDocs plugin ``guide/editorial``: validate, audit and render articles' editorial state.

- ``on_files``: read every article's front matter, validate it, audit its history chain,
  snapshots, citations and what its approval covers (text, calculator rules, cited references).
  Every problem is an integrity failure: all are collected, then the build stops with one
  ``PluginError`` listing each with the command that resolves it, whatever the log level
  (``--quiet`` cannot silence it). Only ``mkdocs serve`` (the author preview) renders on, with
  the status computed from the hashes ("changed since approval", never "approved").
  Drop ``_revisions/`` from the build and publish each approved revision as a generated page at
  ``<article>/v<version>/`` (not in nav). Compute, when asked (``review_stamp``), the review
  stamp of the calculator's rules.
- ``on_page_markdown``: put the computed view in ``page.meta`` for the template overrides
  ``partials/content.html`` and ``partials/editorial/*.html``.
- ``on_page_content``: fill the dashboard, changelog and review board markers; drop HTML
  comments (authors' notes to each other never reach readers).
- ``on_env``: ``status.json`` (+ its JSON Schema) and the Atom feed.

The review board (``docs/allowed_signers`` and its signed log, board.py) is checked with the
articles: a board that does not verify, or an approval whose signature does not verify against
the board as it was when the approval was recorded, is an integrity failure like any other.
Both board files are published at the site root.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import logging
import os
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
from build_tools.editorial.audit import changed_message
from build_tools.editorial.board import Board
from build_tools.editorial.config import EditorialConfig
from build_tools.editorial.coverage import compute, rules_of
from build_tools.editorial.door import rule_digest, rules_version
from build_tools.editorial.feed import FeedEntry, atom_feed
from build_tools.editorial.project import Project
from build_tools.editorial.schema import is_article
from build_tools.editorial.snapshots import REVISIONS_DIR
from build_tools.editorial.source import SourceError, body_line_of, load_front_matter
from build_tools.editorial.stamp import review_stamp
from build_tools.editorial.status import SCHEMA_PATH, article_status, dumps, status_document
from build_tools.editorial.views import (
    archive_view,
    article_view,
    board_view,
    changelog_view,
    dashboard_view,
    event_title,
    nav_status_words,
    person,
    reader_changes,
    sentences,
)

__all__ = ["EditorialPlugin"]

log = logging.getLogger("mkdocs.plugins.guide.editorial")
STYLESHEET = Path(__file__).with_name("editorial.css")
#: ``extra`` key of mkdocs.yml: where readers report an error (mailto: or https: address).
REPORT_ERROR_KEY = "report_error_url"
#: Environment variable read when mkdocs.yml sets no address (a deploy sets it without an edit).
REPORT_ERROR_ENV = "GUIDE_REPORT_ERROR_URL"
#: An HTML comment in a page's content: an author's note (``<!-- … -->`` in Markdown passes
#: through to the HTML), never for readers.
HTML_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)


def _is_loopback(url: str, /) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
        self.serving = False
        self.report_error_url = ""
        self.stamp: dict[str, Any] | None = None
        self.project: Project | None = None
        self.board: Board | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` is the author preview: it may render a page whose approval no longer
        # holds (shown as changed since approval); every other command stops on it.
        self.serving = command == "serve"

    # -- configuration -------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.config.stylesheet not in [str(s) for s in config.extra_css]:
            config.extra_css.append(self.config.stylesheet)
        self.today = clock.today()
        # Material shows a page's front-matter `status` as an icon in the navigation, named by
        # extra.status (its title, which is also the link's accessible description).
        if "status" not in config.extra:
            config.extra["status"] = nav_status_words()
        self.report_error_url = str(
            config.extra.get(REPORT_ERROR_KEY) or os.environ.get(REPORT_ERROR_ENV) or ""
        ).strip()
        site_url = os.environ.get("SITE_URL", "")
        if site_url and not _is_loopback(site_url) and not self.report_error_url:
            raise PluginError(
                f"guide/editorial: a deploy build (SITE_URL={site_url}) needs the address where "
                f"readers report errors: set extra.{REPORT_ERROR_KEY} in mkdocs.yml (a mailto: or "
                f"https: address of the editorial team), or the environment variable "
                f"{REPORT_ERROR_ENV}"
            )
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """The preview recomputes the review state when a rule or the bibliography changes."""
        if self.config.enabled:
            root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
            project = Project.from_options(root, dict(self.config))
            for path in (
                project.rules_dir,
                project.bibliography,
                project.board_file,
                project.board_log,
            ):
                if path.exists():
                    server.watch(str(path))
        return server

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

        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        project = Project.from_options(root, dict(self.config))
        # Checked once per build; ssh-keygen runs only when the board has events or an article
        # has an approval.
        self.board = board = project.board()
        problems: list[str] = list(board.problems)
        for file in files.documentation_pages():
            display = self._display_path(file, config)
            try:
                text = file.content_string
                meta, body = load_front_matter(text, display)
            except SourceError as exc:
                problems.append(str(exc))
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
                coverage=compute(project, body),
                body_line=body_line_of(text, body),
                bibliography_name=project.bibliography_name,
                board=board,
                source=text,
            )
            problems += self._problems(article)
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
        self._integrity(problems)
        self.project, self.stamp = project, None
        # Site files, registered now so pages may link to them; the content is set in on_env.
        self._outputs = {
            "status": File.generated(config, self.config.status_file, content="{}"),
            "feed": File.generated(config, self.config.feed_file, content=""),
            "schema": File.generated(
                config, self.config.status_schema_file, abs_src_path=str(SCHEMA_PATH)
            ),
            "css": File.generated(config, self.config.stylesheet, abs_src_path=str(STYLESHEET)),
        }
        self._publish_board(files, config, project, board)
        for file in self._outputs.values():
            files.append(file)
        return files

    def _publish_board(
        self, files: Files, config: MkDocsConfig, project: Project, board: Board
    ) -> None:
        """``allowed_signers`` (CONTRIBUTING.md#signed-approvals) and the board's signed log at the site root,
        exactly as in the repository (the build has just checked them)."""
        published = {
            posixpath.basename(project.board_file_name): board.file_text
            if board.file_text is not None
            else board.allowed_signers(),
        }
        published[posixpath.basename(project.board_log_name)] = (
            project.board_log.read_text(encoding="utf-8")
            if project.board_log.is_file()
            else board.log_text()
        )
        for name, text in published.items():
            if (existing := files.get_file_from_path(name)) is not None:
                files.remove(existing)
            self._outputs[name] = File.generated(
                config, name, content=text, inclusion=InclusionLevel.INCLUDED
            )

    def _problems(self, article: Article) -> list[str]:
        out = list(article.errors)
        if article.audit is None:
            return out
        out += [p.render(article.display_path) for p in article.audit.problems]
        if article.audit.edited_after_approval:
            out.append(changed_message(article.display_path, article.audit.changed_detail))
        return out

    def _integrity(self, problems: list[str]) -> None:
        """Stop the build on any integrity failure (all listed at once); the author preview
        renders on, showing the status computed from the hashes."""
        if not problems:
            return
        if self.serving:
            for problem in problems:
                log.warning("%s (the preview shows it as not approved)", problem)
            return
        listed = "\n".join(f"  - {p}" for p in problems)
        raise PluginError(
            f"guide/editorial: the site was not built: {len(problems)} integrity problem(s) "
            f"in the reviewed content:\n{listed}"
        )

    def _governing_article(self) -> Article | None:
        """The article whose review governs the calculator's rules."""
        if self.config.calculator_article:
            found = self.by_uri.get(self.config.calculator_article)
            if found is None:
                raise PluginError(
                    f"guide/editorial: calculator_article '{self.config.calculator_article}' is "
                    "not an article of this site (docs-relative path of a page with a status)"
                )
            return found
        embedding = [a for a in self.articles if a.embeds_calculator]
        return embedding[0] if len(embedding) == 1 else None

    def review_stamp(self) -> dict[str, Any]:
        """The calculator's review stamp (stamp.py): which rules run, under which article's
        review. Public: the calculator page's plugin (``guide/calculator``) asks for it once
        this plugin's ``on_files`` has read the articles; the same on every page of a build.
        Only this asks the calculator for its rules, so a site without one never imports it."""
        if self.project is None:
            raise PluginError(
                "guide/editorial: the calculator's review stamp was asked for before the "
                "articles were read (ask from on_files with a priority below 50, or later)"
            )
        if self.stamp is None:
            self.stamp = review_stamp(
                self._governing_article(),
                rules_version=rules_version(),
                rules_sha256=rule_digest(rules_of(self.project)),
            )
        return self.stamp

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
                revision_url=functools.partial(self._revision_url, article),
                report_error_url=self.report_error_url,
            )
        elif (found := self.archives.get(page.file.src_uri)) is not None:
            article, revision = found
            page.meta[META_ARCHIVE] = archive_view(
                article,
                revision,
                link=link,
                article_url=self._url_of(article),
                pages=pages,
                revision_url=functools.partial(self._revision_url, article),
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
        if uri == self.config.policy_page and self.config.report_error_marker in html:
            html = self._fill(
                html,
                page,
                self.config.report_error_marker,
                "partials/editorial/report-error-policy.html",
                report_error_url=self.report_error_url,
            )
        if uri == self.config.board_page and self.board is not None:
            policy = self.page_urls.get("policy")
            html = self._fill(
                html,
                page,
                self.config.board_marker,
                "partials/editorial/board.html",
                board=board_view(self.board, link=link),
                policy_url=link(policy) if policy else None,
            )
        if uri == self.config.dashboard_page:
            html = self._fill(
                html,
                page,
                self.config.dashboard_marker,
                "partials/editorial/dashboard.html",
                dashboard=dashboard_view(
                    self.articles, today=self.today, link=link, url_of=self._url_of
                ),
            )
        if uri == self.config.changelog_page:
            html = self._fill(
                html,
                page,
                self.config.changelog_marker,
                "partials/editorial/changelog.html",
                changelog=changelog_view(
                    self.articles, link=link, url_of=self._url_of, revision_url=self._revision_url
                ),
                feed_url=link(self.config.feed_file),
            )
        # Markers are filled: what comments remain are authors' notes, not for readers.
        return HTML_COMMENT.sub("", html)

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

    def _absolute_revision_url(self, config: MkDocsConfig, article: Article, version: str) -> str:
        return self._absolute(config, self._revision_url(article, version) or "")

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
                    revision_url=functools.partial(self._absolute_revision_url, config, a),
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
                # Words for readers: the approval's summary, the note, what changed; never the
                # comments written for the reviewers.
                summary = entry.get("summary")
                text = sentences(
                    f"{article.meta.get('title')}: {event_title(entry)} by {person(entry)}",
                    summary and f"Summary: {summary}",
                    entry.get("note"),
                    reader_changes(article.history, index),
                    f"Version {entry.get('version')}",
                )
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
                            summary=text,
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

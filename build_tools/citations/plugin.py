"""MkDocs plugin ``guide/citations``.

- ``on_config``: load and validate the bibliography (a malformed entry stops the build with every
  problem listed).
- ``on_config``: also adds :class:`~build_tools.citations.extension.CitationsExtension` to the
  Markdown extensions, so Markdown itself numbers the citations of its prose and appends the
  References section (code, raw HTML and escapes stay literal).
- ``on_page_markdown``: hands the extension the page's file for line numbers.
- ``on_page_content``: exposes the page's references as ``page.meta["references"]`` for other
  plugins and templates. An unknown key is an error naming ``<file>:<line>``: all are collected,
  then ``on_env`` stops the build with one ``PluginError`` listing them, whatever the log level
  (``--quiet`` cannot hide it). Only the author preview (``mkdocs serve``) renders on, with a
  warning per key.
- ``on_post_build``: entries no page cites (a warning, or INFO with ``warn_uncited: false``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.citations.bibliography import BibliographyError, Entry, load_bibliography
from build_tools.citations.config import CitationsConfig
from build_tools.citations.extension import CitationsExtension
from build_tools.citations.render import Reference, reference_html, reference_text
from build_tools.constants import META_REFERENCES

log = logging.getLogger("mkdocs.plugins.guide.citations")


def _source_name(page: Page, config: MkDocsConfig, /) -> str:
    """The page's path relative to mkdocs.yml (``docs/index.md``), as an editor opens it."""
    if page.file.abs_src_path and config.config_file_path:
        return os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent)
    return page.file.src_uri


def _meta(ref: Reference, /) -> dict[str, Any]:
    return {
        "key": ref.key,
        "number": ref.number,
        "anchor": ref.anchor,
        "citation_ids": list(ref.citation_ids),
        "text": reference_text(ref.entry),
        "html": reference_html(ref.entry),
        "entry": ref.entry.model_dump(exclude_none=True),
    }


class CitationsPlugin(BasePlugin[CitationsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.bibliography: dict[str, Entry] = {}
        self.cited: set[str] = set()
        self._path: Path | None = None
        self.extension = CitationsExtension()
        self.dangling: list[str] = []
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        base = Path(config.config_file_path or ".").parent
        self._path = base / self.config.bibliography
        try:
            self.bibliography = load_bibliography(self._path, source=self.config.bibliography)
        except BibliographyError as exc:
            raise PluginError(str(exc)) from exc
        self.extension = CitationsExtension(bibliography=self.bibliography)
        config.markdown_extensions.append(self.extension)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.cited = set()
        self.dangling = []

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self._path is not None:
            server.watch(str(self._path))
        return server

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        # Line numbers count in the file as the author sees it, front matter included.
        try:
            self.extension.source = page.file.content_string
        except (OSError, UnicodeDecodeError):
            self.extension.source = None
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        result = self.extension.page
        self.extension.source = None
        where = _source_name(page, config)
        for unknown in result.unknown:
            at = f"{where}:{unknown.line}" if unknown.line else where
            self.dangling.append(
                f"{at}: unknown citation key '{unknown.key}' (not in "
                f"{self.config.bibliography}): add an entry '{unknown.key}' to "
                f"{self.config.bibliography} or correct the key"
            )
            if self.serving:
                log.warning("%s; the preview shows it as [?].", self.dangling[-1])
        self.cited.update(ref.key for ref in result.references)
        page.meta[META_REFERENCES] = [_meta(ref) for ref in result.references]
        return None

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled and self.dangling and not self.serving:
            listed = "\n".join(f"  - {d}" for d in self.dangling)
            raise PluginError(
                f"guide/citations: the site was not built: {len(self.dangling)} citation(s) "
                f"of keys missing from the bibliography:\n{listed}"
            )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        report = log.warning if self.config.warn_uncited else log.info
        for key in self.bibliography:
            if key not in self.cited:
                report(
                    "%s: entry '%s' is not cited by any page; cite it or remove it.",
                    self.config.bibliography,
                    key,
                )

"""MkDocs plugin ``guide/safety``: validates the hazard log and shows it on the "Safety case" page.

- ``on_config``: load and validate the log (:mod:`.structure.loader`); any problem stops the
  build with one ``PluginError`` listing each as ``file:line``, whatever the log level.
- ``on_files``: the configured page must exist.
- ``on_page_markdown``: on that page, the marker is replaced by the log as Markdown
  (:mod:`.structure.markdown`), so the citations extension numbers its sources.
- ``on_serve``: the author preview rebuilds when the log changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.safety.config import SafetyConfig
from build_tools.safety.project import SafetyProject
from build_tools.safety.structure.hazards import HazardLog
from build_tools.safety.structure.loader import HazardLogError
from build_tools.safety.structure.markdown import hazard_log_markdown

__all__ = ["SafetyPlugin"]

log = logging.getLogger("mkdocs.plugins.guide.safety")


class SafetyPlugin(BasePlugin[SafetyConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.project: SafetyProject | None = None
        self.log: HazardLog | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.project = SafetyProject.from_options(root, dict(self.config))
        try:
            self.log = self.project.load_log()
        except HazardLogError as exc:
            raise PluginError(f"guide/safety: {exc}") from None
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        if files.get_file_from_path(self.config.page) is None:
            raise PluginError(
                f"guide/safety: the safety case page '{self.config.page}' (option 'page') is "
                "not in the docs"
            )
        return files

    # Before other plugins read the page's Markdown, so its sources are cited like any other.
    @event_priority(50)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or page.file.src_uri != self.config.page:
            return None
        marker = self.config.page_marker
        if marker not in markdown or self.log is None:
            raise PluginError(
                f"guide/safety: {page.file.src_uri} has no marker {marker} where the hazard log "
                "goes"
            )
        return markdown.replace(marker, hazard_log_markdown(self.log), 1)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.project is not None:
            server.watch(str(self.project.hazard_log))
        return server

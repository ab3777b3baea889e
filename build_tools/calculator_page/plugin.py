"""MkDocs plugin ``guide/calculator``: the calculator's Markdown blocks and their review stamp.

- ``on_config``: registers this package's Markdown extension (``/// calculator``,
  ``/// criteria``, ``/// reclassify``: blocks.py) unless mkdocs.yml lists it already.
- ``on_files`` (after guide/editorial has read the articles): asks the editorial plugin, when
  the site has one, for the review stamp of the article that governs the calculator's rules
  (its public ``review_stamp()``); without it the rules run unreviewed ("pending human
  review"). The stamp is the extension's own ``review`` option, set here and nowhere else.

The editorial plugin knows nothing of this package: it never writes the extension's options.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from build_tools.calculator_page.stamp import unreviewed_stamp

__all__ = ["EDITORIAL_PLUGIN", "MARKDOWN_EXTENSION", "CalculatorPagePlugin"]

#: This package's Markdown extension.
MARKDOWN_EXTENSION = "build_tools.calculator_page.blocks"
#: The plugin whose articles' reviews govern the calculator, when the site has it.
EDITORIAL_PLUGIN = "guide/editorial"


@runtime_checkable
class StampSource(Protocol):
    """What this plugin asks of guide/editorial (``EditorialPlugin.review_stamp``)."""

    def review_stamp(self) -> dict[str, Any]: ...


class CalculatorPageConfig(Config):
    pass


class CalculatorPagePlugin(BasePlugin[CalculatorPageConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if MARKDOWN_EXTENSION not in [str(e) for e in config.markdown_extensions]:
            config.markdown_extensions.append(MARKDOWN_EXTENSION)
        return config

    # After guide/editorial's on_files (priority 50): the articles are read.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        config.mdx_configs.setdefault(MARKDOWN_EXTENSION, {})["review"] = self._stamp(config)
        return None

    @staticmethod
    def _stamp(config: MkDocsConfig) -> dict[str, Any]:
        editorial = config.plugins.get(EDITORIAL_PLUGIN)
        enabled = editorial is not None and bool(editorial.config.get("enabled", True))
        if enabled and isinstance(editorial, StampSource):
            return editorial.review_stamp()
        return unreviewed_stamp()

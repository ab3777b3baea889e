"""Options of the ``guide/offline`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class OfflineConfig(Config):
    enabled = c.Type(bool, default=True)
    # Globs, relative to site_dir, cached when the worker installs: with every page of the site
    # (always included), what a page needs to render. Small: every visitor pays for them.
    shell = c.ListOfItems(
        c.Type(str),
        default=[
            "assets/javascripts/bundle.*.min.js",
            "assets/javascripts/workers/*.min.js",
            "assets/javascripts/guide/*.js",
            "assets/javascripts/guide/*.mjs",
            "assets/stylesheets/*.css",
            "assets/images/*",
            "search/search_index.json",
        ],
    )
    # The calculator's runtime (~20 MB): cached only once a reader has used the calculator.
    runtime = c.ListOfItems(c.Type(str), default=["pyodide/*"])
    filename = c.Type(str, default="sw.js")

"""Options of the ``guide/offline`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class OfflineConfig(Config):
    enabled = c.Type(bool, default=True)
    # Globs, relative to site_dir, precached on install (cache-first afterwards).
    precache = c.ListOfItems(
        c.Type(str),
        default=[
            "pyodide/*",
            "assets/javascripts/guide/*.mjs",
            "assets/javascripts/guide/*.js",
            "assets/stylesheets/*.css",
            "assets/stylesheets/*.min.css",
            "assets/javascripts/bundle.*.min.js",
            "assets/javascripts/workers/*.js",
            "assets/images/*",
            "search/search_index.json",
            "sitemap.xml",
        ],
    )
    # Pages cached on install so the calculator opens offline after one visit.
    pages = c.ListOfItems(c.Type(str), default=["calculator/", "trastuzumab/"])
    filename = c.Type(str, default="sw.js")

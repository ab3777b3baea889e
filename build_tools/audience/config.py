"""Options of the ``guide/audience`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class AudienceConfig(Config):
    enabled = c.Type(bool, default=True)
    # Pages (docs-relative) that show the selector even without audience blocks: the home page,
    # where readers first say who they are.
    selector_pages = c.ListOfItems(c.Type(str), default=["index.md"])

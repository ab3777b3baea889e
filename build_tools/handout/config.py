"""Options of the ``guide/handout`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HandoutConfig(Config):
    enabled = c.Type(bool, default=True)
    # Front matter key of a handout page: the docs-relative path of its article.
    front_matter_key = c.Type(str, default="handout_for")
    # The blank lines printed for the reader's own care team, in order.
    phone_lines = c.ListOfItems(
        c.Type(str), default=["Your cancer team", "Out of hours (evenings, nights, weekends)"]
    )
    # Template of the card (theme-relative; build_tools/theme/partials/handout/card.html).
    card_template = c.Type(str, default="partials/handout/card.html")
    # The printed "Sources: URL" line at the end of a handout (partials/handout/sources.html).
    sources_template = c.Type(str, default="partials/handout/sources.html")

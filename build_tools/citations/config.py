"""Options of the ``guide/citations`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CitationsConfig(Config):
    enabled = c.Type(bool, default=True)
    # YAML mapping key -> entry, relative to the directory of mkdocs.yml.
    bibliography = c.Type(str, default="docs/bibliography.yml")
    # An entry no page cites is a warning (fails --strict); False logs it at INFO only.
    warn_uncited = c.Type(bool, default=True)

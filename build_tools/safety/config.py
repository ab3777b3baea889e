"""Options of the ``guide/safety`` plugin (also read by the command line and the approval gate)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SafetyConfig(Config):
    enabled = c.Type(bool, default=True)
    # The hazard log and the bibliography its sources name (paths relative to mkdocs.yml).
    hazard_log = c.Type(str, default="docs/safety/hazard-log.yml")
    bibliography = c.Type(str, default="docs/bibliography.yml")
    # The page that shows the log (docs-relative) and the marker its Markdown replaces.
    page = c.Type(str, default="safety-case.md")
    page_marker = c.Type(str, default="<!-- safety:hazard-log -->")
    # Written by `python -m build_tools.safety check`, read by the approval gate.
    results_file = c.Type(str, default=".cache/safety/results.json")
    # The code the hazard tests exercise: a change to any of it makes earlier results stale.
    code_globs = c.ListOfItems(
        c.Type(str),
        default=[
            "calculator/**/*.py",
            "build_tools/calculator_page/**/*.py",
            "build_tools/theme/assets/javascripts/**/*.mjs",
        ],
    )

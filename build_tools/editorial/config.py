"""Options of the ``guide/editorial`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EditorialConfig(Config):
    enabled = c.Type(bool, default=True)
    # Pages the article box links to (docs-relative); a missing page is a warning.
    policy_page = c.Type(str, default="editorial-policy.md")
    disclaimer_page = c.Type(str, default="disclaimer.md")
    # Pages the plugin fills: the marker comment is replaced by the rendered block.
    changelog_page = c.Type(str, default="whats-new.md")
    changelog_marker = c.Type(str, default="<!-- editorial:changelog -->")
    dashboard_page = c.Type(str, default="review-status.md")
    dashboard_marker = c.Type(str, default="<!-- editorial:review-status -->")
    # Files written at the site root.
    status_file = c.Type(str, default="status.json")
    status_schema_file = c.Type(str, default="status.schema.json")
    feed_file = c.Type(str, default="feed.xml")
    feed_title = c.Optional(c.Type(str))
    # The plugin's stylesheet, added to extra_css.
    stylesheet = c.Type(str, default="assets/stylesheets/guide-editorial.css")

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
    # What an approval covers besides the text (paths relative to mkdocs.yml): the rule sources
    # of the calculator package (for articles that embed it) and the cited bibliography entries.
    rules_package = c.Type(str, default="calculator")
    bibliography = c.Type(str, default="docs/bibliography.yml")
    # Golden cases of the calculator, run before an approval of an article that embeds it.
    golden_dir = c.Type(str, default="tests/calculator/golden")
    # The article (docs-relative) whose review governs the calculator wherever it appears;
    # unset: the one article that embeds the calculator.
    calculator_article = c.Optional(c.Type(str))
    # The review board (paths relative to mkdocs.yml): its keys in OpenSSH allowed-signers
    # format, published at the site root, and the signed log of every change to them (board.py).
    board_file = c.Type(str, default="docs/allowed_signers")
    board_log = c.Type(str, default="docs/board-log.yml")
    # The page that lists the board's keys (docs-relative) and its marker.
    board_page = c.Type(str, default="review-board.md")
    board_marker = c.Type(str, default="<!-- editorial:review-board -->")
    # The policy page's marker replaced by the "Report an error" paragraph.
    report_error_marker = c.Type(str, default="<!-- editorial:report-error -->")

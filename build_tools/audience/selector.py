"""The "Which best describes you?" selector: a fieldset of radios, hidden until JavaScript can act
on it (without JavaScript readers get the default, professional, view and no control that does
nothing), followed by the classic script that applies the stored choice before the audience
blocks below it are parsed, so the page never flashes the wrong view."""

from __future__ import annotations

import html

from build_tools.audience.audiences import AUDIENCES, DEFAULT_AUDIENCE

__all__ = ["ANNOUNCE", "EARLY_SCRIPT", "LEGEND", "insert_after_title", "selector_html"]

LEGEND = "Which best describes you?"
#: Said when a reader picks a view; ``{label}`` is the choice's label, in lower case
#: (audience.mjs reads it from the status line's data-announce).
ANNOUNCE = "Showing the {label} view."
#: Site-relative path of the script that runs right after the selector (theme asset).
EARLY_SCRIPT = "assets/javascripts/guide/audience-early.js"


def selector_html(*, early_script_url: str) -> str:
    """The selector's HTML; ``early_script_url`` is relative to the page."""
    choices = "\n".join(
        f'    <label class="guide-audience-selector__choice" for="guide-audience-{name}">\n'
        f'      <input type="radio" id="guide-audience-{name}" name="guide-audience" '
        f'value="{name}"{" checked" if name == DEFAULT_AUDIENCE else ""}>\n'
        f"      <span>{html.escape(label)}</span>\n"
        f"    </label>"
        for name, (label, _) in AUDIENCES.items()
    )
    return (
        '<fieldset class="guide-audience-selector" data-guide-audience-selector hidden>\n'
        f'  <legend class="guide-audience-selector__legend">{html.escape(LEGEND)}</legend>\n'
        f'  <div class="guide-audience-selector__choices">\n{choices}\n  </div>\n'
        f'  <p class="guide-audience-selector__status" role="status" aria-live="polite" '
        f'data-announce="{html.escape(ANNOUNCE, quote=True)}"></p>\n'
        f"</fieldset>\n"
        f'<script src="{html.escape(early_script_url)}"></script>\n'
    )


def insert_after_title(content: str, block: str, /) -> str:
    """``block`` right after the page's ``<h1>``, or first when the theme adds the title."""
    head, end, body = content.partition("</h1>")
    if not end:
        return f"{block}{content}"
    return f"{head}{end}\n{block}{body}"

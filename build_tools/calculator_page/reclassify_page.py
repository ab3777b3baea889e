"""The "Re-classify a file" tool: its HTML, rendered at build time (``/// reclassify`` block).

The edition choices come from :mod:`calculator.rules.editions`; ``reclassify.mjs`` reads the chosen
file in the page, hands its text to the calculator's worker (Python, ``calculator.doors.bridge.
reclassify_json``) and renders the summary with DOM text nodes. Nothing is sent anywhere.
"""

from __future__ import annotations

import json
from html import escape

from calculator.rules.editions import EDITIONS
from calculator.words.page_messages import RECLASSIFY_MESSAGES, RUNTIME_MESSAGES, messages_for

#: Checked by default: the change from 2013 to the current rules is the one most archives meet.
DEFAULT_CHOICES = ("asco_cap_2013", "asco_cap_2018")


#: What reclassify.mjs and the runtime say (calculator.words.page_messages), for messages.mjs.
PAGE_MESSAGES = json.dumps(messages_for(RECLASSIFY_MESSAGES), ensure_ascii=False)


def _table(key: str) -> str:
    """An empty table the page fills from Python's view (caption, head and rows as text)."""
    return (
        f'<div class="guide-reclassify__rows" data-reclassify-table="{key}" hidden>'
        "<table><caption></caption><thead><tr></tr></thead><tbody></tbody></table></div>"
    )


def reclassify_html() -> str:
    boxes = "".join(
        '<label class="guide-reclassify__edition"><input type="checkbox" name="editions" '
        f'value="{escape(e.id, quote=True)}"{" checked" if e.id in DEFAULT_CHOICES else ""}> '
        f"{escape(e.short)}</label>"
        for e in EDITIONS.values()
    )
    return (
        '<div class="guide-reclassify" data-reclassify data-reclassify-state="loading"'
        f' data-page-messages="{escape(PAGE_MESSAGES, quote=True)}">'
        '<form class="guide-reclassify__form" novalidate>'
        '<div class="guide-reclassify__drop" data-reclassify-drop>'
        '<label for="reclassify-file">Report file: CSV (header row of input names) or JSONL '
        "(one JSON object per line)</label>"
        '<input type="file" id="reclassify-file" name="file" '
        'accept=".csv,.jsonl,.json,.txt,text/csv" aria-describedby="reclassify-file-help">'
        '<p id="reclassify-file-help" class="guide-reclassify__help">Choose a file or drop it '
        "here. Columns: <code>indication</code>, <code>ihc</code>, <code>ish_method</code>, "
        "<code>her2_cep17_ratio</code>, <code>avg_her2_copies</code>. The file is read in this "
        "page and never uploaded.</p>"
        "</div>"
        f"<fieldset><legend>Editions to compare, in order</legend>{boxes}</fieldset>"
        '<p id="reclassify-error" class="guide-reclassify__error" role="alert" hidden></p>'
        '<div class="guide-reclassify__actions">'
        '<button type="submit" class="md-button" disabled>Re-classify</button>'
        # Shown by the page only where a sample file is linked (the Markdown's data-reclassify-sample).
        '<button type="button" class="md-button" data-action="sample" disabled hidden>'
        "Re-classify the sample file</button>"
        "</div>"
        '<p class="guide-reclassify__status" role="status" aria-live="polite" '
        f"data-reclassify-status>{escape(RUNTIME_MESSAGES['loading'])}</p>"
        "</form>"
        '<section class="guide-reclassify__output" data-reclassify-output hidden '
        'aria-labelledby="reclassify-summary-title">'
        '<h3 id="reclassify-summary-title" tabindex="-1">Summary</h3>'
        "<p data-reclassify-totals></p>"
        '<button type="button" class="md-button" data-action="download">Download the results '
        "(JSON lines)</button>"
        f"{_table('bad_rows')}"
        "<div data-reclassify-chart></div>"
        f"{_table('changes_table')}"
        f"{_table('changed_rows')}"
        "</section>"
        "</div>"
    )

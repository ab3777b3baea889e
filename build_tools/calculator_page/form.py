"""The calculator form's HTML, rendered from the field table in :mod:`calculator.words.fields`.

Input names are the JSON input keys (CONTRIBUTING.md#page); where a field, an option or a help text
applies is written as ``data-show-when`` from the table, which the page's script only reads.
"""

from __future__ import annotations

import json
from html import escape

from build_tools.calculator_page.stamp import unreviewed_stamp
from build_tools.constants import CALCULATOR_MARKER
from calculator.words.fields import GROUPS, WEIGHT_UNIT, Field, applies_text
from calculator.words.page_messages import CALCULATOR_MESSAGES, RUNTIME_MESSAGES, messages_for
from calculator.words.view import HIDE_DETAILS, INVALID_TITLE, SHOW_DETAILS, UPDATING

#: What the calculator's scripts and its runtime say (calculator.words.page_messages), read by
#: messages.mjs before Python has loaded.
PAGE_MESSAGES = json.dumps(messages_for(CALCULATOR_MESSAGES), ensure_ascii=False)

FIELD_NAMES: tuple[str, ...] = tuple(f.key for g in GROUPS for f in g.fields)


def control_id(name: str, /) -> str:
    return f"calc-{name}"


def _attr(name: str, value: str) -> str:
    return f' {name}="{escape(value, quote=True)}"'


def _show(applies: object) -> str:
    text = applies_text(applies)  # type: ignore[arg-type]
    return _attr("data-show-when", text) if text else ""


def _field_html(f: Field) -> str:
    cid = control_id(f.key)
    help_ids = [f"{cid}-help" + (f"-{i}" if i else "") for i in range(len(f.help))]
    error_id = f"{cid}-error"
    described = _attr("aria-describedby", " ".join([*help_ids, error_id]))
    common = _attr("id", cid) + _attr("name", f.key) + described
    # One unit per field, beside the number (never also in the label); the accessible name is
    # the label and the unit together ("Baseline LVEF %").
    unit = bool(f.unit) and not f.unit_choices and not f.choices
    if unit:
        common += _attr("aria-labelledby", f"{cid}-label {cid}-unit")
    if f.required:
        common += ' required aria-required="true"'
    if f.choices:
        options = "".join(
            f"<option{_attr('value', c.value)}{_show(c.applies)}>{escape(c.words)}</option>"
            for c in f.choices
        )
        control = f"<select{common}>{options}</select>"
    else:
        control = (
            f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"{common}'
            + (_attr("placeholder", f.placeholder) if f.placeholder else "")
            + ">"
        )
        if f.unit_choices:
            unit_id = control_id(WEIGHT_UNIT)
            units = "".join(
                f"<option{_attr('value', c.value)}>{escape(c.words)}</option>"
                for c in f.unit_choices
            )
            control = (
                f'<span class="guide-field__control">{control}'
                f'<select class="guide-field__unit-choice"{_attr("id", unit_id)}'
                f"{_attr('name', WEIGHT_UNIT)}{_attr('aria-label', f.label + ' unit')}>"
                f"{units}</select></span>"
            )
        elif unit:
            control = (
                f'<span class="guide-field__control">{control}'
                f'<span class="guide-field__unit"{_attr("id", f"{cid}-unit")}>'
                f"{escape(f.unit)}</span></span>"
            )
    label = escape(f.label)
    helps = "".join(
        f'<p class="guide-field__help"{_attr("id", hid)}{_show(h.applies)}>{escape(h.text)}</p>'
        for hid, h in zip(help_ids, f.help, strict=True)
    )
    return (
        f'<div class="guide-field"{_attr("data-field", f.key)}{_show(f.applies)}>'
        f"<label{_attr('for', cid)}{_attr('id', f'{cid}-label')}>{label}</label>{control}{helps}"
        f'<p class="guide-field__error"{_attr("id", error_id)} hidden></p></div>'
    )


def _lines(kind: str, labels: tuple[str, ...]) -> str:
    """Labelled blank lines to write on by hand; on paper only (the Print button's record)."""
    cells = "".join(
        f'<span class="guide-print-line"><span>{escape(label)}</span></span>' for label in labels
    )
    return f'<div class="guide-calculator__{kind}" aria-hidden="true">{cells}</div>'


#: Who the printed record is about, and who checked it.
PATIENT_LINES = _lines("patient", ("Patient name", "Patient ID or date of birth"))
SIGNATURE_LINES = _lines("signature", ("Checked by (name, role)", "Signature", "Date"))


def _review(review: dict | None) -> tuple[str, str]:
    """Root attributes and the words of the review stamp (guide/calculator's, plugin.py)."""
    if not review:
        review = unreviewed_stamp()
    attrs = "".join(
        _attr(f"data-{name.replace('_', '-')}", str(review.get(key) or ""))
        for name, key in (
            ("review_status", "status"),
            ("rules_sha256", "rules_sha256"),
            ("rules_version", "rules_version"),
            ("review_text", "text"),
            ("review_words", "state_words"),
            ("reviewed_by", "reviewed_by"),
            ("reviewed_on", "reviewed_on"),
        )
    )
    words = (
        '<p class="guide-calculator__review" data-calculator-review>'
        f"{escape(str(review.get('text') or ''))}</p>"
    )
    return attrs, words


def form_html(
    *,
    references_url: str = "",
    labels_json: str = "{}",
    review: dict | None = None,
    heading_level: int = 3,
) -> str:
    """The calculator: review stamp, form, sticky result pane and print stamp (CONTRIBUTING.md#page)."""
    review_attrs, review_words = _review(review)
    groups = "".join(
        '<fieldset class="guide-calculator__group"'
        + _show(g.applies)
        + f"><legend>{escape(g.legend)}</legend>"
        + (f'<p class="guide-calculator__hint">{escape(g.hint)}</p>' if g.hint else "")
        + "".join(_field_html(f) for f in g.fields)
        + "</fieldset>"
        for g in GROUPS
    )
    h = f"h{heading_level}"
    return (
        # Labels travel in an attribute, not a JSON <script>: Material's instant navigation
        # re-creates scripts without their type, and the CSP would then block them as code.
        f'<div {CALCULATOR_MARKER} id="calculator"'
        f"{_attr('data-references-url', references_url)}"
        f"{_attr('data-heading-level', str(heading_level))}"
        f"{_attr('data-calculator-labels', labels_json)}"
        f"{_attr('data-page-messages', PAGE_MESSAGES)}{review_attrs}>"
        f"{review_words}"
        '<div class="guide-calculator__state" id="calc-state" role="status">'
        f"<span data-calculator-message>{escape(RUNTIME_MESSAGES['loading'])}</span>"
        '<progress data-calculator-progress max="3" value="0"></progress></div>'
        '<noscript><p class="guide-calculator__noscript">The calculator needs JavaScript and '
        "WebAssembly. The criteria tables in the article give the same rules.</p></noscript>"
        f"{PATIENT_LINES}"
        '<div class="guide-calculator__layout">'
        '<form class="guide-calculator__form" data-calculator-state="loading" novalidate'
        ' aria-label="Trastuzumab eligibility calculator" aria-describedby="calc-state">'
        f"{groups}"
        '<div class="guide-calculator__actions">'
        '<button type="button" class="md-button" data-action="copy">Copy summary</button>'
        '<button type="button" class="md-button" data-action="copy-link">Copy link</button>'
        '<button type="button" class="md-button" data-action="print">Print</button>'
        '<button type="reset" class="md-button">Clear</button>'
        '<p class="guide-calculator__copied" data-calculator-copied role="status"></p>'
        "</div></form>"
        '<section class="guide-calculator__result" data-testid="calculator-result"'
        ' data-her2-status="" data-eligibility="" data-expanded="false"'
        ' aria-labelledby="calc-result-title" tabindex="-1">'
        '<div class="guide-verdict" data-verdict aria-live="polite">'
        f'<{h} class="guide-verdict__heading" id="calc-result-title">Result '
        f'<span class="guide-verdict__updating" data-verdict-updating hidden>{escape(UPDATING)}'
        f"</span></{h}>"
        f'<p class="guide-verdict__title" data-verdict-title{_attr("data-invalid", INVALID_TITLE)}>'
        "Choose an indication and enter the HER2 test results.</p>"
        '<p class="guide-verdict__why" data-verdict-why hidden></p>'
        '<p class="guide-verdict__meta" data-verdict-meta hidden>'
        "<span data-verdict-her2></span><span data-verdict-dose></span></p>"
        '<ul class="guide-verdict__alerts" data-verdict-alerts hidden></ul>'
        '<button type="button" class="guide-verdict__toggle" data-action="details"'
        ' aria-expanded="false" aria-controls="calc-result-details"'
        f"{_attr('data-label-closed', SHOW_DETAILS)}{_attr('data-label-open', HIDE_DETAILS)}>"
        f"{escape(SHOW_DETAILS)}</button>"
        "</div>"
        '<div class="guide-result__details" id="calc-result-details" data-result-body></div>'
        '<p class="guide-calculator__stamp" data-print-stamp></p>'
        "</section></div>"
        f"{SIGNATURE_LINES}"
        "</div>"
    )

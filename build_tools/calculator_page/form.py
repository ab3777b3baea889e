"""Field definitions of the calculator form and their HTML (input names = JSON input keys)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from build_tools.constants import CALCULATOR_MARKER
from calculator.editions import DEFAULT_EDITION, EDITIONS

YES_NO = (("", "Unknown"), ("true", "Yes"), ("false", "No"))


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    #: Show this option only when another field has one of these values ("field=a|b").
    show_when: str = ""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    help: str
    choices: tuple[Choice, ...] = ()
    unit: str = ""
    placeholder: str = ""
    show_when: str = ""
    required: bool = False

    @property
    def control_id(self) -> str:
        return f"calc-{self.name}"


@dataclass(frozen=True, slots=True)
class Group:
    legend: str
    fields: tuple[Field, ...]
    show_when: str = ""
    hint: str = ""


def _yes_no(*extra: Choice) -> tuple[Choice, ...]:
    return tuple(Choice(v, label) for v, label in YES_NO) + extra


BREAST = "indication=early_breast|metastatic_breast"
#: Weight and schedule apply to the intravenous route only (the SC dose is fixed).
IV = "route=|iv"

GROUPS: tuple[Group, ...] = (
    Group(
        "Setting",
        (
            Field(
                "indication",
                "Indication",
                "Early breast cancer means adjuvant or neoadjuvant treatment of operable disease.",
                (
                    Choice("", "Choose…"),
                    Choice("early_breast", "Early breast cancer"),
                    Choice("metastatic_breast", "Metastatic breast cancer"),
                    Choice("metastatic_gastric", "Metastatic gastric or GEJ adenocarcinoma"),
                ),
                required=True,
            ),
        ),
    ),
    Group(
        "HER2 tests",
        (
            Field(
                "ihc",
                "IHC score",
                "Immunohistochemistry of the invasive tumour. Ultralow: IHC 0 with faint, "
                "incomplete membrane staining in ≤10% of cells (breast only).",
                (
                    Choice("", "Not done / unknown"),
                    Choice("0", "0"),
                    Choice("ultralow", "0 with membrane staining (ultralow)", BREAST),
                    Choice("1+", "1+"),
                    Choice("2+", "2+"),
                    Choice("3+", "3+"),
                ),
            ),
            Field(
                "ish_method",
                "ISH assay",
                "In situ hybridisation (FISH, CISH, SISH). Dual-probe counts HER2 and CEP17.",
                (
                    Choice("", "Not done / unknown"),
                    Choice("dual", "Dual-probe (HER2/CEP17)"),
                    Choice("single", "Single-probe (HER2 only)"),
                ),
            ),
            Field(
                "her2_cep17_ratio",
                "HER2/CEP17 ratio",
                "Final ratio after any recount, e.g. 2.0.",
                placeholder="e.g. 2.0",
                show_when="ish_method=dual",
            ),
            Field(
                "avg_her2_copies",
                "Average HER2 copies per cell",
                "Final mean HER2 signals per nucleus, e.g. 4.0.",
                placeholder="e.g. 4.0",
                show_when="ish_method=dual|single",
            ),
        ),
    ),
    Group(
        "Early breast cancer staging",
        (
            Field(
                "tumor_size_cm",
                "Invasive tumour size",
                "Largest invasive diameter in centimetres (0–30).",
                unit="cm",
                placeholder="e.g. 1.2",
            ),
            Field(
                "nodes_positive",
                "Axillary nodes involved",
                "Any regional lymph-node metastasis (pN1 or more).",
                _yes_no(),
            ),
        ),
        show_when="indication=early_breast",
    ),
    Group(
        "Dosing",
        (
            Field(
                "route",
                "Route",
                "Intravenous doses depend on weight. Subcutaneous trastuzumab is a fixed 600 mg "
                "every 3 weeks (breast cancer only).",
                (
                    Choice("", "Intravenous (default)"),
                    Choice("iv", "Intravenous"),
                    Choice("sc", "Subcutaneous, 600 mg fixed dose"),
                ),
            ),
            Field(
                "weight_kg",
                "Body weight",
                "Actual body weight in kilograms (above 0, at most 400).",
                unit="kg",
                placeholder="e.g. 70",
                show_when=IV,
            ),
            Field(
                "schedule",
                "Schedule",
                "Weekly: 4 mg/kg then 2 mg/kg. Every 3 weeks: 8 mg/kg then 6 mg/kg.",
                (
                    Choice("", "Not chosen"),
                    Choice("weekly", "Weekly", BREAST),
                    Choice("q3w", "Every 3 weeks"),
                ),
                show_when=IV,
            ),
        ),
    ),
    Group(
        "Heart and safety",
        (
            Field(
                "lvef_baseline_percent",
                "Baseline LVEF",
                "Left ventricular ejection fraction before trastuzumab (echo or MUGA), in %.",
                unit="%",
                placeholder="e.g. 60",
            ),
            Field(
                "lvef_lln_percent",
                "Lower limit of normal LVEF",
                "Your institution's lower limit of normal (40–60%); 50% when left empty.",
                unit="%",
                placeholder="50",
            ),
            Field(
                "concurrent_anthracycline",
                "Anthracycline at the same time",
                "Would trastuzumab be given together with doxorubicin or epirubicin?",
                _yes_no(),
            ),
            Field("pregnant", "Pregnant", "Pregnancy status of the patient.", _yes_no()),
        ),
    ),
    Group(
        "Already on trastuzumab?",
        (
            Field(
                "lvef_percent",
                "Current LVEF",
                "Most recent LVEF during treatment, in %. Without a baseline it is read as the "
                "baseline.",
                unit="%",
                placeholder="e.g. 55",
            ),
            Field(
                "lvef_decline_weeks",
                "Weeks the LVEF has been down",
                "How long the current fall in LVEF has lasted, in weeks.",
                unit="weeks",
                placeholder="e.g. 4",
            ),
            Field(
                "symptomatic_heart_failure",
                "Symptomatic heart failure",
                "Heart failure with signs or symptoms during treatment (a clinically "
                "significant fall in left ventricular function).",
                _yes_no(),
            ),
            Field(
                "cardiac_holds",
                "Earlier holds for the heart",
                "How many times trastuzumab was withheld before for a fall in LVEF (0, 1, 2…), "
                "not counting a hold needed now.",
                placeholder="e.g. 0",
            ),
            Field(
                "days_since_last_dose",
                "Days since the last dose",
                "For a late dose: days since the last trastuzumab dose.",
                unit="days",
                placeholder="e.g. 10",
            ),
        ),
        hint="Leave these empty before the first dose.",
    ),
    # Last: a reading rule for comparing old reports, not a fact about the patient (issue 18).
    Group(
        "Guideline edition",
        (
            Field(
                "guideline",
                "Guideline edition",
                "The ASCO/CAP rules that read breast IHC and ISH. Choose an older edition only "
                "to see how a report read under it.",
                (
                    Choice("", f"{EDITIONS[DEFAULT_EDITION].short} (current)"),
                    *(
                        Choice(e.id, e.short)
                        for e in reversed(EDITIONS.values())
                        if e.id != DEFAULT_EDITION
                    ),
                ),
            ),
        ),
        show_when=BREAST,
    ),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for g in GROUPS for f in g.fields)


def _attr(name: str, value: str) -> str:
    return f' {name}="{escape(value, quote=True)}"'


def _field_html(f: Field) -> str:
    help_id, error_id = f"{f.control_id}-help", f"{f.control_id}-error"
    described = _attr("aria-describedby", f"{help_id} {error_id}")
    common = _attr("id", f.control_id) + _attr("name", f.name) + described
    if f.required:
        common += ' required aria-required="true"'
    if f.choices:
        options = "".join(
            f"<option{_attr('value', c.value)}"
            + (_attr("data-show-when", c.show_when) if c.show_when else "")
            + f">{escape(c.label)}</option>"
            for c in f.choices
        )
        control = f"<select{common}>{options}</select>"
    else:
        control = (
            f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"{common}'
            + (_attr("placeholder", f.placeholder) if f.placeholder else "")
            + ">"
        )
        if f.unit:
            control = (
                f'<span class="guide-field__control">{control}'
                f'<span class="guide-field__unit" aria-hidden="true">{escape(f.unit)}</span></span>'
            )
    label = escape(f.label) + (f" ({escape(f.unit)})" if f.unit else "")
    show = _attr("data-show-when", f.show_when) if f.show_when else ""
    return (
        f'<div class="guide-field"{_attr("data-field", f.name)}{show}>'
        f"<label{_attr('for', f.control_id)}>{label}</label>{control}"
        f'<p class="guide-field__help"{_attr("id", help_id)}>{escape(f.help)}</p>'
        f'<p class="guide-field__error"{_attr("id", error_id)} hidden></p></div>'
    )


def _review(review: dict | None) -> tuple[str, str]:
    """Root attributes and the words of the review stamp (from guide/editorial's stamp.py)."""
    if not review:
        from calculator.rules import rules_stamp

        stamp = rules_stamp()
        review = {
            "status": "submitted",
            "rules_sha256": stamp["sha256"],
            "rules_version": stamp["version"],
            "text": f"Rules v{stamp['version']} ({stamp['sha256'][:8]}), pending human review",
        }
    attrs = "".join(
        _attr(f"data-{name.replace('_', '-')}", str(review.get(key) or ""))
        for name, key in (
            ("review_status", "status"),
            ("rules_sha256", "rules_sha256"),
            ("rules_version", "rules_version"),
            ("review_text", "text"),
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
    *, references_url: str = "", labels_json: str = "{}", review: dict | None = None
) -> str:
    """The calculator form and its result region (the page contract in CONTRACTS.md §2)."""
    review_attrs, review_words = _review(review)
    groups = "".join(
        '<fieldset class="guide-calculator__group"'
        + (_attr("data-show-when", g.show_when) if g.show_when else "")
        + f"><legend>{escape(g.legend)}</legend>"
        + (f'<p class="guide-calculator__hint">{escape(g.hint)}</p>' if g.hint else "")
        + "".join(_field_html(f) for f in g.fields)
        + "</fieldset>"
        for g in GROUPS
    )
    return (
        # Labels travel in an attribute, not a JSON <script>: Material's instant navigation
        # re-creates scripts without their type, and the CSP would then block them as code.
        f"<div {CALCULATOR_MARKER}"
        f"{_attr('data-references-url', references_url)}"
        f"{_attr('data-calculator-labels', labels_json)}{review_attrs}>"
        f"{review_words}"
        '<form class="guide-calculator__form" data-calculator-state="loading" novalidate'
        ' aria-label="Trastuzumab eligibility calculator" aria-describedby="calc-state">'
        '<div class="guide-calculator__state" id="calc-state" role="status">'
        "<span data-calculator-message>Loading the calculator (Python in your browser)…</span>"
        '<progress data-calculator-progress max="3" value="0"></progress></div>'
        '<noscript><p class="guide-calculator__noscript">The calculator needs JavaScript and '
        "WebAssembly. The criteria tables in the article give the same rules.</p></noscript>"
        f"{groups}"
        '<div class="guide-calculator__actions">'
        '<button type="button" class="md-button" data-action="copy">Copy summary</button>'
        '<button type="button" class="md-button" data-action="print">Print</button>'
        '<button type="reset" class="md-button">Clear</button>'
        '<span class="guide-calculator__copied" data-calculator-copied role="status"></span>'
        "</div></form>"
        '<section class="guide-calculator__result" data-testid="calculator-result"'
        ' data-her2-status="" data-eligibility="" aria-live="polite" aria-atomic="false"'
        ' aria-labelledby="calc-result-title" tabindex="-1">'
        '<h3 id="calc-result-title">Result</h3>'
        '<p class="guide-calculator__placeholder" data-result-placeholder>'
        "Choose an indication and enter the HER2 test results.</p>"
        "<div data-result-body hidden></div></section></div>"
    )

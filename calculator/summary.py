"""A plain-text summary of one evaluation for a clinical note: words only, never internal codes.

It names the inputs in words, the verdict, the HER2 reading with its guideline, the dose in mg
with its schedule, the heart action, the references as short citations, the rules stamp, the
review state, the date and a link that reproduces the result. The page supplies what only it
knows (review state, link, weight as entered, citation labels) as ``context``.
"""

from __future__ import annotations

from typing import Any

from calculator import view, words
from calculator.findings import figure
from calculator.inputs import KEYS
from calculator.words import word

UNITS = {
    "tumor_size_cm": " cm",
    "weight_kg": " kg",
    "lvef_baseline_percent": "%",
    "lvef_percent": "%",
    "lvef_lln_percent": "%",
    "days_since_last_dose": " days",
    "lvef_decline_weeks": " weeks",
}
CHOICES = {
    "indication": words.INDICATION,
    "schedule": words.SCHEDULE,
    "route": words.ROUTE,
    "guideline": words.GUIDELINE_SHORT,
}


def _ish(ish: dict[str, Any]) -> str:
    parts = [word(words.ISH_METHOD, ish.get("method"))]
    if ish.get("her2_cep17_ratio") is not None:
        parts.append(f"HER2/CEP17 ratio {figure(ish['her2_cep17_ratio'])}")
    if ish.get("avg_her2_copies") is not None:
        parts.append(f"{figure(ish['avg_her2_copies'])} HER2 copies per cell")
    return ", ".join(p for p in parts if p)


def input_words(key: str, value: Any, context: dict[str, Any]) -> str:
    """One input as a clinician writes it: "IHC score 3+", "Body weight 70 kg (154.3 lb)"."""
    if key == "ish":
        text = _ish(value)
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif key in CHOICES:
        text = word(CHOICES[key], value)
    elif key == "ihc":
        text = "0 with membrane staining (ultralow)" if value == "ultralow" else str(value)
    elif isinstance(value, int | float):
        text = f"{value:g}{UNITS.get(key, '')}"
        if key == "weight_kg" and context.get("weight_entered"):
            text += f" ({context['weight_entered']})"
    else:
        text = str(value)
    return f"{word(words.INPUT, key)} {text}"


def _order(data: dict[str, Any]) -> list[str]:
    """Inputs in the form's order (the order of :data:`words.INPUT`), then any others."""
    known = [k for k in words.INPUT if k in data]
    return known + [k for k in KEYS if k in data and k not in known]


def _refs(result: dict[str, Any]) -> list[str]:
    keys: list[str] = []
    findings = [*result.get("reasons", []), *result.get("warnings", [])]
    sources = [f.get("refs") or [] for f in findings]
    sources.append(result.get("cardiac", {}).get("refs") or [])
    sources.append((result.get("dosing") or {}).get("refs") or [])
    for refs in sources:
        keys += [k for k in refs if k not in keys]
    return keys


def _citation(key: str) -> str:
    """A short citation when the page gave none: "wolff2018" → "Wolff 2018"."""
    if key in words.GUIDELINE_SHORT:
        return words.GUIDELINE_SHORT[key]
    name = key.rstrip("0123456789")
    year = key[len(name) :]
    return f"{name.replace('_', ' ').title()} {year}".strip()


def summary_text(
    data: dict[str, Any],
    result: dict[str, Any],
    *,
    today: str,
    context: dict[str, Any] | None = None,
) -> str:
    context = context or {}
    page = view.build(data, result)
    labels: dict[str, str] = context.get("references") or {}
    lines = [
        f"Trastuzumab eligibility check, {today}",
        "Inputs: "
        + "; ".join(input_words(k, data[k], context) for k in _order(data) if data[k] is not None)
        + ".",
        f"Verdict: {page['verdict']['title']}."
        + (f" {page['verdict']['why']}" if page["verdict"]["why"] else ""),
    ]
    if page["missing"]:
        lines.append("Missing: " + ", ".join(m["label"] for m in page["missing"]) + ".")
    lines.append(f"HER2: {page['her2_reading']}.")
    lines += [f"- {r['message']}" for r in page["reasons"]]
    dosing = result.get("dosing")
    if dosing:
        basis = ""
        if dosing.get("weight_kg") is not None and dosing.get("loading_mg_per_kg") is not None:
            basis = (
                f" ({dosing['loading_mg_per_kg']:g} then {dosing['maintenance_mg_per_kg']:g} "
                f"mg/kg for {dosing['weight_kg']:g} kg)"
            )
        lines.append(f"Dose: {page['dose']}{basis}.")
    if page["heart"]:
        lines.append(f"Heart: {page['heart']['text']}")
    if page["next_steps"]:
        lines.append("Next steps:")
        lines += [f"- {s}" for s in page["next_steps"]]
    if page["warnings"]:
        lines.append("Warnings:")
        lines += [f"- {w['message']}" for w in page["warnings"]]
    refs = [labels.get(k) or _citation(k) for k in _refs(result)]
    if refs:
        lines.append("References: " + "; ".join(dict.fromkeys(refs)) + ".")
    stamp = view.rules_words(result)
    review = context.get("review")
    lines.append(f"Calculator {stamp}" + (f"; content review: {review}" if review else "") + ".")
    if context.get("link"):
        lines.append(f"Reproduce: {context['link']}")
    lines.append("Decision aid only; check the label and local protocols.")
    return "\n".join(lines)

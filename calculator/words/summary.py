"""A plain-text summary of one evaluation for a clinical note: words only, never internal codes.

It names the inputs in words, the verdict, the HER2 reading with its guideline, the dose in mg
with its schedule, the heart action, the references as short citations, the rules stamp, the
review state, the date and a link that reproduces the result. The page supplies what only it
knows (review state, link, weight as entered, citation labels) as ``context``.
"""

from __future__ import annotations

from typing import Any

from calculator.decide.inputs import KEYS
from calculator.rules.criteria import EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG
from calculator.words import fields, view, words


def input_words(key: str, value: Any, context: dict[str, Any]) -> str:
    """One input as a clinician writes it: "IHC score 3+", "Body weight 70 kg (154.3 lb)"."""
    text = fields.input_words(key, value)
    if key == "weight_kg" and context.get("weight_entered"):
        text += f" ({context['weight_entered']})"
    return f"{fields.input_label(key)} {text}"


def _order(data: dict[str, Any]) -> list[str]:
    """Inputs in the form's order (the field table's), then any others."""
    known = list(dict.fromkeys(f.json_path[0] for f in fields.FIELDS.values()))
    known = [k for k in known if k in data]
    return known + [k for k in KEYS if k in data and k not in known]


def _refs(result: dict[str, Any]) -> list[str]:
    keys: list[str] = []
    findings = [*result.get("reasons", []), *result.get("warnings", [])]
    sources = [f.get("refs") or [] for f in findings]
    sources.append(result.get("cardiac", {}).get("refs") or [])
    sources.append((result.get("dosing") or {}).get("refs") or [])
    sources.append((result.get("plan") or {}).get("refs") or [])
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


def _basis(dosing: dict[str, Any]) -> str:
    """The mg/kg behind the dose line, in its order: "(8 then 6 mg/kg for 70 kg)"; on treatment
    "; 6 mg/kg, re-loading 8 mg/kg, for 70 kg" (or "8 mg/kg now, then 6 mg/kg" when the
    re-load is due now); with the weekly plan's every-3-weeks dose after it."""
    weight, loading = dosing.get("weight_kg"), dosing.get("loading_mg_per_kg")
    if weight is None or loading is None:
        return ""
    maintenance = dosing["maintenance_mg_per_kg"]
    after = (
        f", after the weekly phase {EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG:g} mg/kg"
        if dosing.get("phase") != "q3w" and dosing.get("after_weekly_phase_dose_mg") is not None
        else ""
    )
    # The every-3-weeks phase of the weekly plan names its loading dose only as a re-load.
    if not (dosing.get("continuing") or dosing.get("phase") == "q3w"):
        return f" ({loading:g} then {maintenance:g} mg/kg{after} for {weight:g} kg)"
    if view.reload_now(dosing):
        figures = f"{loading:g} mg/kg now, then {maintenance:g} mg/kg"
    else:
        figures = f"{maintenance:g} mg/kg, re-loading {loading:g} mg/kg"
    return f"; {figures}{after}, for {weight:g} kg"


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
    dosing = view.shown_dosing(result)
    if dosing:
        lines.append(f"Dose: {page['dose']}{_basis(dosing)}.")
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

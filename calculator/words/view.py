"""What a reader sees of one result: the verdict and its reason, the facts, what is missing, the
next steps that apply, the dose in words. Built in Python so that the page's JavaScript only
places text (no rule of which line applies lives in JavaScript), and shared with the summary.
"""

from __future__ import annotations

from typing import Any

from calculator.rules.criteria import DOSING, INTERVAL_DAYS, MISSED_DOSE_MAX_DAYS_LATE, every
from calculator.words import fields, words
from calculator.words.words import word

#: Inputs that only a patient already on trastuzumab has: with any of them, checks that belong
#: before the first dose (baseline LVEF, pregnancy test) are not next steps any more.
ON_TREATMENT_KEYS: tuple[str, ...] = fields.ON_TREATMENT_KEYS
#: Eligibility codes for which trastuzumab is (or stays) on the table.
TREATING = ("eligible", "consider", "withhold")

# --- The verdict: what must be read without opening the details --------------------------------
#: Checks still due before a first dose (CONTRIBUTING.md#calculator-json ``pending_checks``) that the verdict
#: itself states (on a phone, the sticky bar), in this order.
VERDICT_PENDING_CHECKS: tuple[str, ...] = ("anthracycline", "pregnancy", "lvef")
#: Findings that say the same as a pending check (for a result that states them as warnings):
#: finding code -> the pending check it stands for.
VERDICT_FINDINGS: dict[str, str] = {
    "CONCURRENT_ANTHRACYCLINE": "anthracycline",
    "PREGNANCY_STATUS_UNKNOWN": "pregnancy",
}
#: Heart actions whose words go into the verdict: every one that changes what happens next
#: (all but a routine "proceed"). They also cover a low or unmeasured LVEF.
VERDICT_HEART_ACTIONS: tuple[str, ...] = (
    "evaluate_before_start",
    "monitor",
    "withhold",
    "discontinue",
)
#: Pending checks that the heart line already states when it is shown.
HEART_STATES: tuple[str, ...] = ("lvef",)
#: Warnings that change what happens next, so the verdict itself carries them (on a phone, the
#: sticky bar): a weight that may be in pounds, a gap that may mean the course is complete.
VERDICT_WARNINGS: tuple[str, ...] = ("WEIGHT_CHECK_UNITS", "ADJUVANT_COURSE_MAY_BE_COMPLETE")
#: One line per pending check: what to do before the first dose.
PENDING_WORDS: dict[str, str] = {
    "anthracycline": "An anthracycline is given now: give trastuzumab after it, not with it.",
    "pregnancy": "Pregnancy status not known: check it before the first dose.",
    "lvef": "LVEF not measured: measure it (echocardiogram or MUGA) before the first dose.",
}
#: The verdict's words while no result stands for the form's values (the page renders them at
#: build time; the script only shows or hides them).
INVALID_TITLE = "Check the highlighted fields."
UPDATING = "Updating…"
#: The verdict's details toggle, closed and open.
SHOW_DETAILS = "Show details"
HIDE_DETAILS = "Hide details"


def mg(value: float) -> str:
    return f"{value:g} mg"


def her2_guideline(result: dict[str, Any]) -> str:
    """The edition that read HER2: the first guideline of the result (HER2 testing comes first)."""
    for g in result.get("guidelines") or []:
        gid = str(g.get("id", ""))
        if gid.startswith(("asco_cap", "cap_ascp")):
            return word(words.GUIDELINE_SHORT, gid)
    return ""


def her2_text(result: dict[str, Any]) -> str:
    her2 = result["her2"]
    parts = [word(words.HER2_STATUS, her2["status"])]
    if her2.get("ish_group"):
        parts.append(f"ISH group {her2['ish_group']}")
    if her2.get("low_category"):
        parts.append(word(words.LOW_CATEGORY, her2["low_category"]))
    guideline = her2_guideline(result)
    return ", ".join(parts) + (f" ({guideline})" if guideline else "")


def dose_text(dosing: dict[str, Any] | None) -> str:
    """The dose in one line: "560 mg, then 420 mg every 3 weeks" (IV) or the fixed SC dose."""
    if not dosing:
        return ""
    schedule = fields.FIELDS["schedule"]
    interval = dosing.get("interval") or schedule.choice_words(str(dosing.get("schedule")))
    if dosing.get("loading_dose_mg") is None:
        return f"{mg(dosing['maintenance_dose_mg'])} {interval}, fixed dose, no loading dose" + (
            " (subcutaneous)" if dosing.get("route") == "sc" else ""
        )
    if dosing.get("continuing"):
        # Already on trastuzumab (after neoadjuvant treatment, or a last dose given): the
        # loading dose is only a re-load.
        phase = (
            f"{every(INTERVAL_DAYS['q3w'], before_noun=True)} phase of the weekly plan, "
            if dosing.get("phase") == "q3w"
            else ""
        )
        if reload_now(dosing):
            # More than 7 days late: the re-load is the dose now, then maintenance.
            text = (
                f"re-loading dose {mg(dosing['loading_dose_mg'])} now (the dose is more than "
                f"{MISSED_DOSE_MAX_DAYS_LATE} days late), then {mg(dosing['maintenance_dose_mg'])} "
                f"{interval} ({phase}trastuzumab continues)"
            )
            text = text[0].upper() + text[1:]
        else:
            text = (
                f"{mg(dosing['maintenance_dose_mg'])} {interval} ({phase}trastuzumab continues: "
                f"no new loading dose); re-loading dose {mg(dosing['loading_dose_mg'])} only after "
                f"a dose more than {MISSED_DOSE_MAX_DAYS_LATE} days late"
            )
        if dosing.get("phase") != "q3w" and dosing.get("after_weekly_phase_dose_mg") is not None:
            text += (
                f"; after the weekly phase {mg(dosing['after_weekly_phase_dose_mg'])} "
                f"{DOSING['q3w'].interval}"
            )
        return text
    if dosing.get("phase") == "q3w":
        # The every-3-weeks phase of the weekly plan: the loading dose is only a re-load.
        return (
            f"{mg(dosing['maintenance_dose_mg'])} {interval} "
            f"({every(INTERVAL_DAYS['q3w'], before_noun=True)} phase of the weekly "
            f"plan); re-loading dose {mg(dosing['loading_dose_mg'])} after a dose more than "
            f"{MISSED_DOSE_MAX_DAYS_LATE} days late"
        )
    text = f"{mg(dosing['loading_dose_mg'])} loading, then {mg(dosing['maintenance_dose_mg'])}"
    text += f" {interval}"
    if dosing.get("after_weekly_phase_dose_mg") is not None:
        text += (
            f"; after the weekly phase {mg(dosing['after_weekly_phase_dose_mg'])} "
            f"{DOSING['q3w'].interval}"
        )
    return text


def reload_now(dosing: dict[str, Any]) -> bool:
    """On treatment, a dose more than 7 days late (with one reading only): the re-loading dose
    is the dose now, and the dose line leads with it."""
    missed = dosing.get("missed_dose") or {}
    return missed.get("action") == "reload" and not missed.get("after_last_weekly_dose")


def dose_condition(result: dict[str, Any]) -> str:
    """When the verdict names another drug first (T-DM1, T-DXd): the condition for a trastuzumab
    dose ("if T-DM1 is not given"); otherwise empty."""
    codes = {r["code"] for r in result.get("reasons") or []}
    return next((words.DOSE_IF[c] for c in words.DOSE_IF if c in codes), "")


def conditional_dose(result: dict[str, Any], dose: str, /) -> str:
    """``dose`` as shown, led by :func:`dose_condition` ("Trastuzumab, if T-DM1 is not given:
    420 mg …")."""
    lead = dose_condition(result)
    if not (dose and lead):
        return dose
    return f"Trastuzumab, {lead}: {_as_continued(dose)}"


def _as_continued(dose: str) -> str:
    """A dose text that follows a colon ("Re-loading dose …" → "re-loading dose …")."""
    return dose[0].lower() + dose[1:] if dose.startswith("Re-") else dose


def for_trastuzumab(result: dict[str, Any], text: str, /) -> str:
    """A step or warning about a trastuzumab dose, led by :func:`dose_condition` when the
    verdict names another drug first ("Trastuzumab, if T-DM1 is not given — Missed dose: …"),
    so that no dose beside it reads as that drug's."""
    lead = dose_condition(result)
    return f"Trastuzumab, {lead} — {text}" if lead and text else text


def shown_dosing(result: dict[str, Any]) -> dict[str, Any] | None:
    """The dose the page shows: none while a check before the first dose is pending, which the
    result says with ``dosing.ready`` false (it still carries the computed dose, CONTRIBUTING.md#calculator-json;
    a shown dose implies every pending check is done)."""
    dosing = result.get("dosing")
    return dosing if dosing is not None and dosing.get("ready") else None


def on_treatment(data: dict[str, Any]) -> bool:
    """Already on trastuzumab: an on-treatment input given, or after neoadjuvant treatment and
    surgery (trastuzumab started before surgery; calculator.decide.inputs.Case.on_treatment)."""
    return data.get("setting") == "post_neoadjuvant" or any(
        data.get(k) is not None for k in ON_TREATMENT_KEYS
    )


def heart_applies(data: dict[str, Any], result: dict[str, Any]) -> bool:
    """The heart action is shown for a patient who could start, or who is on treatment, but
    never for HER2-negative disease: no trastuzumab is given, so "withhold" or "check LVEF
    before the dose" would read as advice about a treatment the patient will not have (the
    result keeps the heart fields; they are never the verdict)."""
    if result["her2"]["status"] == "negative" and result["eligibility"] not in TREATING:
        return False
    return result["eligibility"] in TREATING or on_treatment(data)


def missing_items(result: dict[str, Any]) -> list[dict[str, str]]:
    """Each missing item with the form field that supplies it and its name."""
    items, seen = [], set()
    for key in result.get("missing") or []:
        field = fields.FLAT_NAME.get(key, key)
        if field not in seen:
            seen.add(field)
            items.append({"field": field, "label": fields.input_label(key)})
    return items


def verdict_why(result: dict[str, Any]) -> str:
    eligibility = result["eligibility"]
    if eligibility == "withhold":
        return str(result["cardiac"].get("reason") or "")
    reasons = result.get("reasons") or []
    if eligibility == "insufficient_information" and reasons:
        # A dose held back for an input the rules need says which (pending checks are named in
        # the headline already).
        last = reasons[-1]
        return str(last["message"]) if last["code"] == "DOSE_NEEDS_INPUT" else ""
    if eligibility in ("consider", "not_eligible"):
        # The decisive reason is the last one: HER2 reasons come first, then the decision's own.
        reasons = result.get("reasons") or []
        return str(reasons[-1]["message"]) if reasons else ""
    return ""


def heart_text(result: dict[str, Any]) -> str:
    cardiac = result["cardiac"]
    return str(cardiac.get("reason") or word(words.CARDIAC_ACTION, cardiac["action"]))


def missed_dose_text(dosing: dict[str, Any] | None) -> str:
    missed = (dosing or {}).get("missed_dose")
    if not missed:
        return ""
    if missed["action"] == "not_due":
        text = f"Not due yet: the next dose is due in {words.days(missed['due_in_days'])}."
        handover = missed.get("after_last_weekly_dose")
        if handover:
            text = (
                "If the last dose was an every-3-weeks dose, not due yet: the next is due in "
                f"{words.days(missed['due_in_days'])}. If it was the last weekly dose, the first "
                f"every-3-weeks dose {words.handover_words(handover)}."
            )
        return text
    what = "the maintenance dose" if missed["action"] == "maintenance" else "the loading dose"
    text = (
        f"Missed dose: {words.days(missed['days_late'])} late: give {what} now "
        f"({mg(missed['dose_now_mg'])})."
    )
    handover = missed.get("after_last_weekly_dose")
    if handover:
        text = (
            f"If the last dose was an every-3-weeks dose: {text[0].lower()}{text[1:]} If it was "
            f"the last weekly dose, the first every-3-weeks dose {words.handover_words(handover)}."
        )
    return text


def plan_steps(result: dict[str, Any]) -> list[str]:
    """The plan in one line (calculator.decide.setting), and, when it names a drug this calculator does
    not dose, the line that says so."""
    plan = result.get("plan") or {}
    steps = [str(plan["summary"])] if plan.get("summary") else []
    if plan.get("not_dosed_words"):
        steps.append(str(plan["not_dosed_words"]))
    return steps


def plan_reasons(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Why the plan names its drugs, as a reason with its sources (not a result code)."""
    plan = result.get("plan") or {}
    if not plan.get("reason"):
        return []
    return [{"code": f"PLAN_{plan['code']}", "message": plan["reason"], "refs": plan["refs"]}]


def next_steps(data: dict[str, Any], result: dict[str, Any]) -> list[str]:
    steps: list[str] = []
    eligibility = result["eligibility"]
    missed = missed_dose_text(result.get("dosing"))
    if missed:
        steps.append(missed)
    elif result.get("dosing"):
        # Due today by the 3-week reading: the other reading (the last weekly dose) still speaks.
        handover = [
            w["message"] for w in result["warnings"] if w["code"] == "WEEKLY_PHASE_HANDOVER"
        ]
        if handover:
            dosing = result["dosing"]
            steps.append(
                "If the last dose was an every-3-weeks dose, the next is due today "
                f"({mg(dosing['maintenance_dose_mg'])}). {handover[0]}"
            )
    # Where the verdict names another drug first, its step leads and the dose steps say whose.
    other_drug_first = bool(dose_condition(result))
    dose_steps = [for_trastuzumab(result, step) for step in steps]
    steps = [] if other_drug_first else dose_steps
    pending = result.get("pending_checks") or []
    steps += [words.PENDING_STEP[p] for p in pending]
    if pending and data.get("weight_kg") is not None:
        steps.append("The dose is shown once these checks are done.")
    # After what must happen before a dose: the plan in a line (calculator.decide.setting).
    steps += plan_steps(result)
    if other_drug_first:
        steps += dose_steps
    no_dose = result.get("dosing") is None and data.get("weight_kg") is None
    if eligibility in ("eligible", "consider") and no_dose and data.get("route") != "sc":
        steps.append("Enter the body weight to see the dose.")
    # A weight without a schedule: say what the dose still needs, never leave it out silently.
    no_schedule = result.get("dosing") is None and data.get("weight_kg") is not None
    if (
        eligibility in ("eligible", "consider")
        and no_schedule
        and not pending
        and data.get("route") != "sc"
        and data.get("schedule") is None
    ):
        steps.append("Choose the schedule to see the dose.")
    return steps


def warnings(data: dict[str, Any], result: dict[str, Any]) -> list[dict[str, Any]]:
    """The result's warnings, less those about starting when the patient is already treated;
    those about a trastuzumab dose say whose it is (:func:`for_trastuzumab`)."""
    shown = [
        w
        for w in result.get("warnings") or []
        if not (on_treatment(data) and w["code"] == "PREGNANCY_STATUS_UNKNOWN")
    ]
    return dose_messages(result, shown)


def dose_messages(result: dict[str, Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``items`` (reasons or warnings), those about a trastuzumab dose led by
    :func:`for_trastuzumab`."""
    return [
        {**item, "message": for_trastuzumab(result, item["message"])}
        if item["code"].startswith(words.DOSE_MESSAGES)
        else item
        for item in items
    ]


def verdict_alerts(data: dict[str, Any], result: dict[str, Any]) -> list[dict[str, str]]:
    """The lines the verdict carries besides its title: the heart action when it changes what
    happens next, then each check still due before a first dose (``VERDICT_PENDING_CHECKS``)."""
    alerts: list[dict[str, str]] = []
    heart_said = (
        heart_applies(data, result) and result["cardiac"]["action"] in VERDICT_HEART_ACTIONS
    )
    heart = heart_text(result)
    # A hold's reason is already the verdict's "why": not twice.
    if heart_said and heart not in verdict_why(result):
        alerts.append({"code": "heart", "text": heart})
    pending = set(result.get("pending_checks") or [])
    pending |= {
        VERDICT_FINDINGS[w["code"]] for w in warnings(data, result) if w["code"] in VERDICT_FINDINGS
    }
    for check in VERDICT_PENDING_CHECKS:
        if check in pending and not (heart_said and check in HEART_STATES):
            alerts.append({"code": check, "text": PENDING_WORDS[check]})
    alerts += [
        {"code": w["code"].lower(), "text": str(w["message"])}
        for w in result.get("warnings") or []
        if w["code"] in VERDICT_WARNINGS
    ]
    return alerts


def rules_words(result: dict[str, Any]) -> str:
    rules = result.get("rules")
    if not rules:
        from calculator.rules.digest import rules_stamp

        rules = rules_stamp()
    return f"rules v{rules['version']}, {str(rules['sha256'])[:8]}"


def build(
    data: dict[str, Any], result: dict[str, Any], context: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The page's view of ``result`` (computed from ``data``): plain text and lists only.

    ``context`` holds what only the page knows (:func:`page_words`); the page renders this view
    alone, never the result itself."""
    her2 = result["her2"]
    return {
        **page_words(result, context or {}),
        "verdict": {
            "code": result["eligibility"],
            "title": str(result.get("headline") or word(words.ELIGIBILITY, result["eligibility"])),
            "why": verdict_why(result),
            "alerts": verdict_alerts(data, result),
        },
        "her2": word(words.HER2_STATUS, her2["status"]),
        "her2_reading": her2_text(result),
        "dose": conditional_dose(result, dose_text(shown_dosing(result))),
        #: Whether the dose table is shown (the page renders ``result["dosing"]`` only then).
        "show_dosing": shown_dosing(result) is not None,
        "missing": missing_items(result),
        "facts": [
            ["HER2 status", her2_text(result)],
            ["ISH group", f"Group {her2['ish_group']}" if her2.get("ish_group") else "—"],
            ["HER2-low category", word(words.LOW_CATEGORY, her2.get("low_category")) or "—"],
        ]
        + ([["Heart (LVEF)", heart_text(result)]] if heart_applies(data, result) else []),
        "heart": (
            {
                "action": result["cardiac"]["action"],
                "text": heart_text(result),
            }
            if heart_applies(data, result)
            else None
        ),
        "next_steps": next_steps(data, result),
        # The plan's reason, with its sources, after the decision's own (calculator.decide.setting).
        "reasons": [*dose_messages(result, result.get("reasons") or []), *plan_reasons(result)],
        "warnings": warnings(data, result),
        "rules": rules_words(result),
    }


# --- What the page places besides the verdict and the facts (the script formats nothing) --------
#: The headings of the result's parts, in the order the page shows them.
HEADINGS: dict[str, str] = {
    "missing": "Missing",
    "next_steps": "Next steps",
    "reasons": "Why",
    "warnings": "Warnings",
    "dosing": "Dose",
}


def num(value: Any) -> str:
    """A number as the page writes it: 70.0 -> "70", 8.5 -> "8.5"."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def weight_entered(fields_text: dict[str, Any]) -> str:
    """The weight as typed when it was typed in pounds ("154.3 lb"), for display beside the kg."""
    weight = fields_text.get("weight_kg")
    if fields_text.get(fields.WEIGHT_UNIT) != "lb" or not isinstance(weight, str):
        return ""
    return f"{weight.strip()} lb" if weight.strip() else ""


def dose_rows(dosing: dict[str, Any], *, entered: str = "") -> list[list[str]]:
    """The dose table: [label, value] rows (weight, route, schedule, doses, duration, vials)."""
    rows: list[list[str]] = []
    if dosing.get("weight_kg") is not None:
        rows.append(
            ["Weight", f"{num(dosing['weight_kg'])} kg" + (f" ({entered})" if entered else "")]
        )
    if dosing.get("route"):
        rows.append(["Route", word(words.ROUTE, dosing["route"])])
    schedule = str(dosing.get("schedule") or "")
    schedule_words = fields.FIELDS["schedule"].choice_label(schedule) if schedule else ""
    rows.append(["Schedule", schedule_words or str(dosing.get("interval") or "")])
    interval = str(dosing.get("interval") or "")
    if dosing.get("loading_dose_mg") is not None:
        loading = [
            "Loading dose",
            f"{mg(dosing['loading_dose_mg'])} ({num(dosing['loading_mg_per_kg'])} mg/kg over "
            f"{dosing['loading_infusion']})",
        ]
        maintenance_row = [
            "Maintenance dose",
            f"{mg(dosing['maintenance_dose_mg'])} ({num(dosing['maintenance_mg_per_kg'])} mg/kg "
            f"{interval}, over {dosing['maintenance_infusion']})",
        ]
        if dosing.get("continuing"):
            # Already on trastuzumab: the maintenance dose leads; the loading dose is a re-load.
            loading[0] = (
                f"Re-loading dose (only after a dose more than {MISSED_DOSE_MAX_DAYS_LATE} days late)"
            )
            rows += [maintenance_row, loading]
        else:
            rows += [loading, maintenance_row]
    else:
        rows.append(["Loading dose", "None (fixed dose)"])
        maintenance = f"{mg(dosing['maintenance_dose_mg'])} {interval}".strip()
        infusion = str(dosing.get("maintenance_infusion") or "")
        rows.append(["Maintenance dose", ", ".join(t for t in (maintenance, infusion) if t)])
    if dosing.get("after_weekly_phase_dose_mg") is not None:
        rows.append(
            [
                "After the weekly phase",
                f"{mg(dosing['after_weekly_phase_dose_mg'])} {DOSING['q3w'].interval}",
            ]
        )
    if dosing.get("duration"):
        rows.append(["Duration", str(dosing["duration"])])
    for vial in dosing.get("vials") or []:
        maintenance = f"{num(vial['maintenance'])} per maintenance dose"
        if vial.get("loading") is None:
            rows.append([str(vial["label"]), maintenance])
        elif dosing.get("continuing"):
            rows.append(
                [str(vial["label"]), f"{maintenance}, {num(vial['loading'])} for a re-load"]
            )
        else:
            rows.append(
                [str(vial["label"]), f"{num(vial['loading'])} for the loading dose, {maintenance}"]
            )
    return rows


def applied_text(result: dict[str, Any]) -> str:
    """The guidelines the result applied, in one line."""
    titles = [str(g.get("title") or g.get("id") or g) for g in result.get("guidelines") or []]
    return "Applied: " + "; ".join(titles)


def print_stamp(result: dict[str, Any], review: str, today: str) -> str:
    """The printed record's last line: date, rules stamp and review state."""
    parts = [
        f"Printed {today}" if today else "",
        f"calculator {rules_words(result)}",
        f"content review: {review}" if review else "",
    ]
    return " · ".join(p for p in parts if p)


def page_words(result: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """The keys of :func:`build` that carry what the page shows besides the verdict and facts.

    ``context``: ``review`` (the root's ``data-review-words``, worded by the build), ``weight_entered`` (the
    weight as typed in pounds, :func:`weight_entered`) and ``today`` (ISO date, for the print
    stamp); each optional."""
    dosing = shown_dosing(result)
    review = str(context.get("review") or "")
    dose = dose_text(dosing)
    # "Dose 560 mg …", or "Dose, if T-DM1 is not given: 420 mg …".
    lead = dose_condition(result)
    dose_line = f"Dose (trastuzumab), {lead}: {_as_continued(dose)}" if lead else f"Dose {dose}"
    if not dose:
        dose_line = ""
    return {
        #: The result element's data attributes (CONTRIBUTING.md#page).
        "her2_status": result["her2"]["status"],
        "eligibility": result["eligibility"],
        "dose_line": dose_line,
        "dose_table": (
            {
                "route": str(dosing.get("route") or "iv"),
                "rows": dose_rows(dosing, entered=str(context.get("weight_entered") or "")),
            }
            if dosing
            else None
        ),
        "applied": applied_text(result),
        "headings": {
            **HEADINGS,
            "dosing": f"Trastuzumab dose, {lead}" if dose and lead else HEADINGS["dosing"],
        },
        "review": review,
        "print_stamp": print_stamp(result, review, str(context.get("today") or "")),
    }

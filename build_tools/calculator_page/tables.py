"""Criteria tables rendered at build time from ``calculator``'s rule data (one source of truth).

Each renderer returns an HTML ``<table>`` with a caption naming the guideline edition, built from
the same objects the engine computes with (:mod:`calculator.rules.criteria`), so the article can never
disagree with the calculator. A test compares the rendered cells with the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape

from calculator.rules import criteria as c
from calculator.rules import regimens as rg
from calculator.rules.editions import EDITIONS, Edition
from calculator.words.fields import FIELDS


def table(caption: str, head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(str(row[0]))}</th>'
        # data-label: the column's name, shown beside each cell when a phone stacks the rows.
        + "".join(
            f'<td data-label="{escape(h, quote=True)}">{escape(str(cell))}</td>'
            for h, cell in zip(head[1:], row[1:], strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="guide-criteria__table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    )


def breast_ihc() -> str:
    return table(
        "Breast HER2 IHC scores (ASCO/CAP 2018; 2023 categories for HER2-negative results)",
        ("IHC score", "Staining of invasive tumour cells", "Result"),
        ((s.score, s.definition, s.result) for s in c.BREAST_IHC),
    )


def ish_dual_groups() -> str:
    return table(
        "Breast dual-probe ISH groups (ASCO/CAP 2018; at least 20 cells counted)",
        ("Group", "HER2/CEP17 ratio", "Mean HER2 copies per cell", "Initial call", "With IHC"),
        ((g.group, g.ratio, g.copies, g.initial_call, g.with_ihc) for g in c.ISH_DUAL_GROUPS),
    )


def ish_single() -> str:
    return table(
        "Breast single-probe ISH (ASCO/CAP 2018; dual-probe assays are preferred)",
        ("Mean HER2 copies per cell", "Call", "Next step"),
        ((b.copies, b.call, b.next_step) for b in c.ISH_SINGLE_BANDS),
    )


def gastric_ihc() -> str:
    return table(
        "Gastric and gastro-oesophageal junction HER2 IHC (Hofmann 2008; CAP/ASCP/ASCO 2016)",
        ("IHC score", "Resection specimen", "Biopsy specimen", "Result"),
        ((s.score, s.resection, s.biopsy, s.result) for s in c.GASTRIC_IHC),
    )


def dosing() -> str:
    schedule_field, indication = FIELDS["schedule"], FIELDS["indication"]
    names = {r: schedule_field.choice_label(r) for r in c.DOSING}
    labelled = {
        schedule: ", ".join(
            indication.choice_label(i) for i, s in c.LABELLED_SCHEDULES.items() if schedule in s
        )
        for schedule in c.DOSING
    }
    rows: list[tuple[str, ...]] = [
        (
            names[r.schedule],
            f"{r.loading_mg_per_kg:g} mg/kg",
            f"{r.maintenance_mg_per_kg:g} mg/kg {r.interval}",
            f"load over {r.loading_infusion}, then {r.maintenance_infusion}",
            labelled[r.schedule],
        )
        for r in c.DOSING.values()
    ]
    rows.append(
        (
            "Subcutaneous",
            "None",
            f"{c.SC_DOSE_MG:g} mg {c.SC_INTERVAL} (fixed dose, no weight)",
            c.SC_ADMINISTRATION,
            ", ".join(i.replace("_", " ") for i in c.SC_INDICATIONS) + " (not gastric)",
        )
    )
    return table(
        f"Trastuzumab doses (Herceptin US label; {c.DOSING['q3w'].interval} in metastatic breast "
        "cancer is on the EU label; subcutaneous: Herceptin Hylecta)",
        ("Schedule", "Loading dose", "Maintenance dose", "Given", "US-labelled for"),
        rows,
    )


def missed_dose() -> str:
    return table(
        f"Late and early doses (US label; the current EU label says the same): up to "
        f"{c.MISSED_DOSE_MAX_DAYS_LATE} days late, the maintenance dose; later, the loading dose "
        "again; before the interval has passed, not due",
        ("Dose", "What to give", "Source"),
        ((m.lateness, m.action, m.source) for m in c.MISSED_DOSES),
    )


def pending_checks() -> str:
    return table(
        "Checks before a first dose: while one is pending the calculator shows no dose (its "
        "result for other software marks the computed dose as not ready) and its verdict names "
        "the check",
        ("Check", "What to do", "Source"),
        ((p.condition, p.action, p.source) for p in c.PENDING_CHECKS),
    )


def gastric_ish() -> str:
    return table(
        "How gastric IHC and dual-probe ISH are read (CAP/ASCP/ASCO 2016: the HER2/CEP17 ratio "
        "alone; ToGA and the EU label for IHC 0/1+)",
        ("IHC", "ISH", "HER2 status", "Trastuzumab"),
        ((g.ihc, g.ish, g.status, g.eligibility) for g in c.GASTRIC_ISH_READING),
    )


def cardiac_holds() -> str:
    return table(
        "LVEF rules (Herceptin US label, with the EU label where it adds a rule; falls in "
        "absolute percentage points)",
        ("Finding", "Action", "Source"),
        ((r.condition, r.action, r.source) for r in c.CARDIAC_HOLDS),
    )


def _dual_positive(e: Edition) -> str:
    if e.groups:
        return (
            f"Ratio {e.ratio_positive.text} and {e.copies_equivocal.text} copies (group 1); "
            "groups 2–4 by concurrent IHC"
        )
    if e.dual_uses_copies:
        return (
            f"Ratio {e.ratio_positive.text} (any copy number), or {e.copies_positive.text} copies"
        )
    return f"Ratio {e.ratio_positive.text}"


def _dual_equivocal(e: Edition) -> str:
    if e.ratio_equivocal is not None:
        return f"Ratio {e.ratio_equivocal.text} to {e.ratio_positive.value:.1f}"
    if e.groups:
        return "None (groups 2–4 are settled with IHC)"
    return (
        f"Ratio below {e.ratio_positive.value:.1f} with {e.copies_equivocal.text} and "
        f"<{e.copies_positive.value:.1f} copies"
    )


def _single(e: Edition) -> str:
    upper = "≤" if not e.copies_positive.inclusive else "<"
    return (
        f"Positive {e.copies_positive.text}; equivocal {e.copies_equivocal.text} and "
        f"{upper}{e.copies_positive.value:.1f}; negative <{e.copies_equivocal.value:.1f} copies"
    )


def editions() -> str:
    """How the HER2 rules changed: one column per edition, from ``calculator.rules.editions``."""
    eds = list(EDITIONS.values())
    rows: list[tuple[str, ...]] = [
        ("IHC 3+", *(e.ihc_3plus for e in eds)),
        ("Dual-probe ISH positive", *(_dual_positive(e) for e in eds)),
        ("Dual-probe ISH equivocal", *(_dual_equivocal(e) for e in eds)),
        ("Single-probe ISH (mean HER2 copies per cell)", *(_single(e) for e in eds)),
        ("Equivocal ISH", *(e.equivocal_ish for e in eds)),
        (
            "HER2-zero, ultralow, low reporting",
            *("Yes (2023 update)" if e.low_categories else "No" for e in eds),
        ),
    ]
    return table(
        "How the HER2 rules changed: breast HER2 under each ASCO/CAP edition",
        ("Rule", *(e.short for e in eds)),
        rows,
    )


def her2_drugs() -> str:
    """Which HER2-directed drug, when: one row per regimen of ``calculator.rules.regimens`` (the rows
    the engine picks from), with what goes with trastuzumab and what replaces it."""

    def drugs(codes: tuple[str, ...], optional: tuple[str, ...] = ()) -> str:
        words = rg.drug_words(codes) if codes else ""
        if optional:
            words += (" and " if words else "") + f"{rg.drug_words(optional)} if already given"
        return words or "—"

    return table(
        "Which HER2-directed drug, when: given with trastuzumab, or instead of it (the "
        "calculator's plan; it doses trastuzumab only)",
        ("Setting", "When", "With trastuzumab", "Instead of trastuzumab", "Why", "Source"),
        (
            (
                r.setting,
                r.when,
                drugs(r.partners, r.optional_partners),
                drugs(r.alternatives),
                r.reason,
                r.source,
            )
            for r in rg.REGIMENS.values()
            if r.in_table
        ),
    )


TABLES: dict[str, Callable[[], str]] = {
    "breast-ihc": breast_ihc,
    "ish-dual-groups": ish_dual_groups,
    "ish-single": ish_single,
    "gastric-ihc": gastric_ihc,
    "gastric-ish": gastric_ish,
    "dosing": dosing,
    "missed-dose": missed_dose,
    "cardiac-holds": cardiac_holds,
    "pending-checks": pending_checks,
    "editions": editions,
    "her2-drugs": her2_drugs,
}

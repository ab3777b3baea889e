"""HER2 status from IHC and ISH, explained: breast by ASCO/CAP 2018 (2023) or, when asked, 2013
or 2007; gastric by CAP/ASCP/ASCO 2016. The status itself comes from the one classifier per
edition (:mod:`calculator.decide.classify`); this module says why, in sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from calculator.decide.classify import BREAST as READ_BREAST
from calculator.decide.classify import NEGATIVE_IHC, breast_2018, dual_probe_group, ish_call
from calculator.decide.classify import gastric as gastric_status
from calculator.decide.findings import Finding
from calculator.decide.findings import figure as count
from calculator.decide.inputs import Case, Ish
from calculator.rules.criteria import (
    ISH_COPIES_HIGH,
    ISH_COPIES_LOW,
    ISH_RATIO_CUTOFF,
)
from calculator.rules.editions import EDITIONS, Edition

BREAST = ("wolff2018", "wolff2023")
GASTRIC = ("bartley2017", "hofmann2008")


@dataclass(slots=True)
class Her2:
    status: str
    ish_group: int | None = None
    low_category: str | None = None
    reasons: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    #: Input keys whose value would change an incomplete answer.
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "ish_group": self.ish_group,
            "low_category": self.low_category,
        }


def _ihc_reason(ihc: str, refs: tuple[str, ...]) -> Finding:
    text = {
        "3+": "IHC 3+ is HER2-positive.",
        "2+": "IHC 2+ is equivocal.",
        "1+": "IHC 1+ is HER2-negative.",
        "0": "IHC 0 is HER2-negative.",
        "ultralow": "IHC 0 with faint staining in ≤10% of cells (ultralow) is HER2-negative.",
    }[ihc]
    return Finding(f"IHC_{ihc.replace('+', 'PLUS').upper()}", text, refs)


def _ihc_words(ihc: str) -> str:
    return "0 (ultralow)" if ihc == "ultralow" else ihc


def _discordant(what: str, decides: str, refs: tuple[str, ...] = BREAST) -> Finding:
    """IHC and ISH disagree: the guideline's call stands, and both tests deserve a second look."""
    return Finding(
        "IHC_ISH_DISCORDANT",
        f"IHC and ISH disagree ({what}): review both tests with the pathologist before acting; "
        f"the call here follows the {decides} as the guideline reads it.",
        refs,
    )


def _breast_dual(ish: Ish, ihc: str | None, out: Her2) -> None:
    # Validated by inputs.parse: breast dual-probe ISH has both numbers.
    assert ish.her2_cep17_ratio is not None and ish.avg_her2_copies is not None
    group = dual_probe_group(ish.her2_cep17_ratio, ish.avg_her2_copies)
    out.ish_group = group
    counts = (
        f"ratio {count(ish.her2_cep17_ratio)}, {count(ish.avg_her2_copies)} HER2 copies per cell"
    )
    if group == 1:
        out.reasons.append(
            Finding("ISH_GROUP_1", f"Dual-probe ISH group 1 ({counts}) is HER2-positive.", BREAST)
        )
        if ihc in NEGATIVE_IHC:
            out.warnings.append(_discordant(f"ISH group 1 with IHC {_ihc_words(ihc)}", "ISH"))
    elif group == 5:
        out.reasons.append(
            Finding("ISH_GROUP_5", f"Dual-probe ISH group 5 ({counts}) is HER2-negative.", BREAST)
        )
    elif ihc is None:
        out.missing.append("ihc")
        out.reasons.append(
            Finding(
                f"ISH_GROUP_{group}_NEEDS_IHC",
                f"Dual-probe ISH group {group} ({counts}) is resolved with IHC on the same "
                "tissue; enter the IHC score.",
                BREAST,
            )
        )
    elif ihc == "3+":
        out.reasons.append(
            Finding(
                f"ISH_GROUP_{group}_IHC_3PLUS",
                f"Dual-probe ISH group {group} with concurrent IHC 3+ is HER2-positive.",
                BREAST,
            )
        )
    elif ihc in NEGATIVE_IHC:
        out.reasons.append(
            Finding(
                f"ISH_GROUP_{group}_IHC_NEGATIVE",
                f"Dual-probe ISH group {group} with concurrent IHC 0 or 1+ is HER2-negative.",
                BREAST,
            )
        )
    else:
        word = "positive" if out.status == "positive" else "negative"
        out.reasons.append(
            Finding(
                f"ISH_GROUP_{group}_IHC_2PLUS",
                f"Dual-probe ISH group {group} with concurrent IHC 2+ is HER2-{word} once a "
                "second observer, blinded to the first count, has recounted at least 20 cells "
                f"and found group {group} again.",
                BREAST,
            )
        )
    if group in (1, 5):
        return
    # Rule 11: the numbers are the laboratory's final counts; the calculator does no recount.
    out.warnings.append(
        Finding(
            "RECOUNT_ASSUMED",
            "The ISH numbers are read as the laboratory's final counts. For groups 2–4 with "
            "IHC 2+ the guideline requires a blinded recount of at least 20 cells before the "
            "report; if the recount gives another group, the laboratory settles it by its own "
            "procedure.",
            BREAST,
        )
    )


def _breast_single(ish: Ish, ihc: str | None, out: Her2) -> None:
    """ASCO/CAP 2018 figure 2: ≥6.0 copies positive, <4.0 negative, 4.0–<6.0 settled by IHC on
    the same tissue; the guideline asks for concomitant IHC review of every single-probe result
    (and prefers dual-probe assays), so a single-probe result without IHC is not final."""
    copies = ish.avg_her2_copies
    assert copies is not None  # required for single-probe ISH (inputs.parse)
    if ISH_COPIES_LOW <= copies < ISH_COPIES_HIGH:
        band = (
            f"Single-probe ISH {count(copies)} copies (≥{ISH_COPIES_LOW:.1f} and "
            f"<{ISH_COPIES_HIGH:.1f}) is equivocal"
        )
        if ihc == "3+":
            out.reasons.append(
                Finding("ISH_SINGLE_EQUIVOCAL_IHC_3PLUS", f"{band}; IHC 3+.", BREAST)
            )
        elif ihc in NEGATIVE_IHC:
            out.reasons.append(
                Finding("ISH_SINGLE_EQUIVOCAL_IHC_NEG", f"{band}; IHC 0/1+.", BREAST)
            )
        else:
            out.missing.append("ihc" if ihc is None else "ish")
            step = "IHC on the same tissue" if ihc is None else "a dual-probe ISH"
            out.reasons.append(
                Finding("ISH_SINGLE_EQUIVOCAL", f"{band}: do {step} for the final result.", BREAST)
            )
        return
    amplified = copies >= ISH_COPIES_HIGH
    word = "positive" if amplified else "negative"
    sign = f"≥{ISH_COPIES_HIGH:.1f}" if amplified else f"<{ISH_COPIES_LOW:.1f}"
    reading = f"Single-probe ISH {count(copies)} copies ({sign}) is ISH-{word}"
    if ihc is None:
        out.missing.append("ihc")
        out.reasons.append(
            Finding(
                "ISH_SINGLE_NEEDS_IHC",
                f"{reading}; the guideline reads a single-probe result together with IHC on the "
                "same tissue (and prefers a dual-probe assay): enter the IHC score.",
                BREAST,
            )
        )
        return
    out.reasons.append(
        Finding(
            "ISH_SINGLE_POSITIVE" if amplified else "ISH_SINGLE_NEGATIVE",
            f"{reading}, read with IHC {_ihc_words(ihc)}.",
            BREAST,
        )
    )
    if amplified and ihc in NEGATIVE_IHC:
        out.warnings.append(
            _discordant(
                f"single-probe ISH {count(copies)} copies with IHC {_ihc_words(ihc)}", "ISH"
            )
        )


#: Words for a status in "Under ASCO/CAP 2013 this report read as …".
READ_AS = {
    "positive": "positive",
    "negative": "negative",
    "equivocal": "equivocal",
    "needs_ish": "needing ISH",
    "needs_ihc": "needing IHC",
    "not_tested": "not tested",
}


def basis(ihc: str | None, ish: Ish | None, edition: Edition) -> str:
    """Why ``edition`` reads the report as it does, in the edition's own cut-offs."""
    if ish is None:
        return f"IHC {'0 (ultralow)' if ihc == 'ultralow' else ihc}" if ihc else "no test"
    copies = ish.avg_her2_copies
    assert copies is not None  # required for breast ISH (inputs.parse)
    if edition.groups and ish.method == "dual":
        assert ish.her2_cep17_ratio is not None
        group = dual_probe_group(ish.her2_cep17_ratio, copies)
        return f"dual-probe ISH group {group}" + (f" with IHC {ihc}" if ihc else "")
    if ish.method == "dual" and not edition.groups:
        assert ish.her2_cep17_ratio is not None
        ratio = ish.her2_cep17_ratio
        pos, band = edition.ratio_positive, edition.ratio_equivocal
        if pos.met(ratio):
            return f"ratio {pos.text}"
        if not edition.dual_uses_copies:
            if band is not None and band.met(ratio):
                text = f"ratio in the equivocal band {band.value:.1f}–{pos.value:.1f}"
            else:
                text = f"ratio <{band.value:.1f}" if band else f"ratio {count(ratio)}"
            return text + (f", IHC {ihc}" if ihc else "")
    cp, ce = edition.copies_positive, edition.copies_equivocal
    copies_text = (
        f"{cp.text} copies"
        if cp.met(copies)
        else f"copies in the equivocal band {ce.value:.1f}–<{cp.value:.1f}"
        if ce.met(copies)
        else f"<{ce.value:.1f} copies"
    )
    return copies_text + (f", IHC {ihc}" if ihc else "")


def _other_editions(case: Case, out: Her2) -> None:
    """A finding for each other edition that reads this report differently (issue 18)."""
    if case.ihc is None and case.ish is None:
        return
    for edition_id, edition in EDITIONS.items():
        if edition_id == case.guideline:
            continue
        status = READ_BREAST[edition_id](case.ihc, case.ish)
        if status != out.status:
            out.warnings.append(
                Finding(
                    "EDITION_READS_DIFFERENTLY",
                    f"Under {edition.short}{' (current)' if edition.groups else ''} this report "
                    f"{'reads' if edition.groups else 'read'} as {READ_AS[status]}: "
                    f"{basis(case.ihc, case.ish, edition)}.",
                    edition.refs,
                )
            )


def _breast_older(case: Case, edition: Edition) -> Her2:
    """ASCO/CAP 2007 or 2013, on request: the category of :mod:`calculator.decide.reclassify` with
    the sentence that explains it. No ISH groups and no HER2-low categories (2018/2023 only)."""
    ihc, ish = case.ihc, case.ish
    refs = edition.refs
    out = Her2(status=READ_BREAST[edition.id](ihc, ish))
    name = edition.short
    if ish is not None:
        call = ish_call(ish, edition)
        probe = "Dual-probe" if ish.method == "dual" else "Single-probe"
        out.reasons.append(
            Finding(
                f"ISH_{call.upper()}_{edition.year}",
                f"Under {name}, {probe.lower()} ISH is {call} ({basis(None, ish, edition)}).",
                refs,
            )
        )
    if ihc is not None:
        out.reasons.append(_ihc_reason(ihc, refs))
    if out.status == "equivocal":
        out.missing.append("ihc" if ihc is None else "ish")
        out.reasons.append(
            Finding(
                f"EQUIVOCAL_{edition.year}",
                f"Under {name} the report is equivocal. {edition.equivocal_ish}.",
                refs,
            )
        )
    elif out.status == "needs_ish":
        out.missing.append("ish")
    elif out.status == "not_tested":
        out.missing.extend(["ihc", "ish"])
        out.reasons.append(
            Finding("HER2_NOT_TESTED", "No HER2 test result was entered (IHC or ISH).", refs)
        )
    out.warnings.append(
        Finding(
            "OLDER_GUIDELINE_EDITION",
            f"Read by {name} on request; the current rules are ASCO/CAP 2018 (reaffirmed 2023).",
            refs,
        )
    )
    return out


def _low_category(case: Case, out: Her2) -> None:
    """ASCO/CAP 2023: tell IHC 0 from 1+ (and ultralow) in HER2-negative breast cancer."""
    if out.status != "negative":
        return
    out.low_category = {
        "0": "her2_zero",
        "ultralow": "her2_ultralow",
        "1+": "her2_low",
        "2+": "her2_low",
    }.get(case.ihc or "")


def _ish_negative(ish: Ish, /) -> bool:
    """The ISH alone reads negative under 2018: dual-probe group 5, or single-probe < 4.0 copies."""
    assert ish.avg_her2_copies is not None  # required for breast ISH (inputs.parse)
    if ish.method == "dual":
        assert ish.her2_cep17_ratio is not None
        return dual_probe_group(ish.her2_cep17_ratio, ish.avg_her2_copies) == 5
    return ish.avg_her2_copies < ISH_COPIES_LOW


def breast(case: Case) -> Her2:
    edition = EDITIONS[case.guideline]
    if not edition.groups:
        out = _breast_older(case, edition)
        _other_editions(case, out)
        return out
    ihc, ish = case.ihc, case.ish
    out = Her2(status=breast_2018(ihc, ish))
    if ish is not None and ish.method == "dual":
        _breast_dual(ish, ihc, out)
    elif ish is not None:
        _breast_single(ish, ihc, out)
    if ihc == "3+" and (ish is None or _ish_negative(ish)):
        if ish is not None:
            out.warnings.append(_discordant("IHC 3+ with a negative ISH", "IHC 3+"))
        out.reasons.insert(0, _ihc_reason("3+", BREAST))
    elif ish is None and ihc == "2+":
        out.missing.append("ish")
        out.reasons.append(
            Finding(
                "IHC_2PLUS_NEEDS_ISH",
                "IHC 2+ is equivocal: reflex ISH on the same specimen decides.",
                BREAST,
            )
        )
    elif ish is None and ihc in NEGATIVE_IHC:
        out.reasons.append(_ihc_reason(ihc, BREAST))
    elif ish is None:
        out.missing.extend(["ihc", "ish"])
        out.reasons.append(
            Finding("HER2_NOT_TESTED", "No HER2 test result was entered (IHC or ISH).", BREAST)
        )
    _low_category(case, out)
    _other_editions(case, out)
    return out


def _gastric_dual(ish: Ish, ihc: str | None, out: Her2) -> None:
    """Rule 9: the ratio alone decides; IHC 0/1+ or an unknown IHC holds back "eligible"."""
    assert ish.her2_cep17_ratio is not None
    ratio, copies = ish.her2_cep17_ratio, ish.avg_her2_copies
    amplified = ratio >= ISH_RATIO_CUTOFF
    sign = "≥" if amplified else "<"
    reason = Finding(
        "GASTRIC_ISH_POSITIVE" if amplified else "GASTRIC_ISH_NEGATIVE",
        f"Gastric ISH: HER2/CEP17 ratio {count(ratio)} ({sign}{ISH_RATIO_CUTOFF:.1f}). The breast "
        "groups do not apply to gastric cancer; the copy number does not decide.",
        GASTRIC,
    )
    if not amplified:
        out.reasons.append(reason)
        if copies is not None and copies >= ISH_COPIES_HIGH:
            out.warnings.append(
                Finding(
                    "GASTRIC_HIGH_COPIES_DISCUSS",
                    f"Ratio below {ISH_RATIO_CUTOFF:.1f} but {count(copies)} HER2 copies per cell "
                    f"(≥{ISH_COPIES_HIGH:.1f}): negative by the gastric criteria, which use the "
                    "ratio alone; discuss the result with the pathologist.",
                    GASTRIC,
                )
            )
        return
    if ihc is None:
        # ToGA's benefit was in IHC 3+ and IHC 2+/ISH+; IHC 0/1+ with ISH+ showed none, so an
        # amplified tumour without its IHC score cannot be called eligible yet.
        out.missing.append("ihc")
        out.reasons.append(reason)
        out.reasons.append(
            Finding(
                "GASTRIC_ISH_POSITIVE_NEEDS_IHC",
                "ISH-positive, but the IHC score decides whether trastuzumab is expected to help "
                "(ToGA: benefit with IHC 3+ or IHC 2+/ISH-positive, none shown with IHC 0 or 1+): "
                "enter the IHC score.",
                ("bang2010", "herceptin_smpc", *GASTRIC),
            )
        )
        return
    out.reasons.append(reason)


def gastric(case: Case) -> Her2:
    """Gastric/GEJ (bartley2017): IHC 3+ positive; IHC 0/1+ negative (no ISH needed); IHC 2+ →
    ISH, positive at a HER2/CEP17 ratio ≥2.0. A test that disagrees with the IHC is flagged."""
    ihc, ish = case.ihc, case.ish
    out = Her2(status=gastric_status(ihc, ish))
    if ihc == "3+":
        out.reasons.append(_ihc_reason("3+", GASTRIC))
        ratio = ish.her2_cep17_ratio if ish is not None else None
        if ratio is not None and ratio < ISH_RATIO_CUTOFF:
            out.warnings.append(
                _discordant(
                    f"IHC 3+ with a HER2/CEP17 ratio of {count(ratio)}, below "
                    f"{ISH_RATIO_CUTOFF:.1f}",
                    "IHC 3+",
                    GASTRIC,
                )
            )
        return out
    if ish is not None and ish.method == "dual":
        _gastric_dual(ish, ihc, out)
        if out.status == "positive" and ihc in ("0", "1+"):
            out.warnings.append(
                _discordant(f"IHC {ihc} with an amplified ISH", "ISH ratio", GASTRIC)
            )
        return out
    if ihc in ("0", "1+"):
        # Gastric IHC 0/1+ is negative; a single-probe count is not read in gastric cancer.
        out.reasons.append(_ihc_reason(ihc, GASTRIC))
        copies = ish.avg_her2_copies if ish is not None else None
        if copies is not None and copies >= ISH_COPIES_LOW:
            out.warnings.append(
                Finding(
                    "GASTRIC_SINGLE_PROBE_NOT_READ",
                    f"Gastric IHC {ihc} is HER2-negative; the single-probe count "
                    f"({count(copies)} copies) is not read in gastric cancer. If trastuzumab is "
                    "still being weighed, a dual-probe ISH gives the ratio that is read.",
                    GASTRIC,
                )
            )
        return out
    if ish is not None:
        out.missing.extend(["ihc", "ish"] if ihc is None else ["ish"])
        out.reasons.append(
            Finding(
                "GASTRIC_SINGLE_PROBE",
                "Gastric ISH is read by the HER2/CEP17 ratio; a single-probe copy number is "
                "not used. Do a dual-probe ISH.",
                GASTRIC,
            )
        )
        return out
    if ihc == "2+":
        out.missing.append("ish")
        out.reasons.append(
            Finding("IHC_2PLUS_NEEDS_ISH", "Gastric IHC 2+ is equivocal: ISH decides.", GASTRIC)
        )
    else:
        out.missing.extend(["ihc", "ish"])
        out.reasons.append(
            Finding("HER2_NOT_TESTED", "No HER2 test result was entered (IHC or ISH).", GASTRIC)
        )
    return out


def interpret(case: Case) -> Her2:
    return gastric(case) if case.indication == "metastatic_gastric" else breast(case)

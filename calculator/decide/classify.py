"""HER2 status per edition, the category only: one classifier per ASCO/CAP edition (and one
for gastric cancer), from the data in :mod:`calculator.rules.editions`. The explained result
(:mod:`calculator.decide.her2`) takes its status from here and adds the sentences; the bulk
re-classifier (:mod:`calculator.decide.reclassify`) counts them.
"""

from __future__ import annotations

from collections.abc import Callable

from calculator.decide.inputs import Case, Ish
from calculator.rules.criteria import GROUP_WITH_IHC2_RESULT, ISH_COPIES_HIGH, ISH_COPIES_LOW
from calculator.rules.criteria import ISH_RATIO_CUTOFF as RATIO_2018
from calculator.rules.editions import EDITIONS, Edition

NEGATIVE_IHC = frozenset(("0", "ultralow", "1+"))
#: Every status the lean path can return (a subset of ``her2.status``, CONTRIBUTING.md#calculator-json).
STATUSES = ("positive", "negative", "equivocal", "needs_ish", "needs_ihc", "not_tested")

StatusFn = Callable[[str | None, Ish | None], str]


def dual_probe_group(ratio: float, copies: float) -> int:
    """ASCO/CAP 2018 group (1–5); the cut-offs 2.0, 4.0 and 6.0 are inclusive (wolff2018)."""
    if ratio >= RATIO_2018:
        return 1 if copies >= ISH_COPIES_LOW else 2
    if copies >= ISH_COPIES_HIGH:
        return 3
    return 4 if copies >= ISH_COPIES_LOW else 5


def _without_ish(ihc: str | None) -> str:
    if ihc is None:
        return "not_tested"
    if ihc == "3+":
        return "positive"
    return "needs_ish" if ihc == "2+" else "negative"


def breast_2018(ihc: str | None, ish: Ish | None) -> str:
    """ASCO/CAP 2018 (wolff2018, figures 1–6); :func:`calculator.decide.her2.breast` explains it."""
    if ish is None:
        return _without_ish(ihc)
    copies = ish.avg_her2_copies
    assert copies is not None  # required for breast ISH (inputs.parse)
    if ish.method == "dual":
        assert ish.her2_cep17_ratio is not None
        group = dual_probe_group(ish.her2_cep17_ratio, copies)
        if group == 1:
            found = "positive"
        elif group == 5:
            found = "negative"
        elif ihc is None:
            found = "needs_ihc"
        elif ihc == "3+":
            found = "positive"
        elif ihc in NEGATIVE_IHC:
            found = "negative"
        else:
            found = GROUP_WITH_IHC2_RESULT[group]
    elif ISH_COPIES_LOW <= copies < ISH_COPIES_HIGH:
        found = "negative" if ihc in NEGATIVE_IHC else "equivocal"
    elif ihc is None:
        # Figure 2: a single-probe result is read together with IHC on the same tissue.
        found = "needs_ihc"
    else:
        found = "positive" if copies >= ISH_COPIES_HIGH else "negative"
    # IHC 3+ is positive whatever the ISH says (a discordance the full result warns about).
    return "positive" if ihc == "3+" else found


def ish_call(ish: Ish, edition: Edition) -> str:
    """The ISH result alone under a 2007/2013 edition: positive, equivocal or negative."""
    if ish.method == "dual":
        assert ish.her2_cep17_ratio is not None
        ratio = ish.her2_cep17_ratio
        if edition.ratio_positive.met(ratio):
            return "positive"
        if not edition.dual_uses_copies:
            band = edition.ratio_equivocal
            return "equivocal" if band is not None and band.met(ratio) else "negative"
    copies = ish.avg_her2_copies
    assert copies is not None  # required for breast ISH (inputs.parse)
    if edition.copies_positive.met(copies):
        return "positive"
    return "equivocal" if edition.copies_equivocal.met(copies) else "negative"


def classic(edition: Edition) -> StatusFn:
    """2007 and 2013: positive if either test is positive; an equivocal ISH is settled by IHC
    on the same tissue (0/1+ negative, 2+ or none equivocal), as 2013 prescribes the reflex to
    the other assay (wolff2013) and 2007 lists IHC among the ways to resolve it (wolff2007)."""

    def status(ihc: str | None, ish: Ish | None) -> str:
        if ish is None:
            return _without_ish(ihc)
        call = ish_call(ish, edition)
        if call == "positive" or ihc == "3+":
            return "positive"
        if call == "negative" or ihc in NEGATIVE_IHC:
            return "negative"
        return "equivocal"

    return status


def gastric(ihc: str | None, ish: Ish | None) -> str:
    """Gastric/GEJ (bartley2017): the same under every breast edition. The ratio alone reads
    dual-probe ISH; amplified with no IHC score needs the IHC (ToGA, bang2010)."""
    if ihc == "3+":
        return "positive"
    if ish is not None:
        if ish.method != "dual":
            # IHC 0/1+ is negative whatever a single-probe count says (not read in gastric).
            return "negative" if ihc in ("0", "1+") else "needs_ish"
        assert ish.her2_cep17_ratio is not None
        if ish.her2_cep17_ratio < RATIO_2018:
            return "negative"
        return "needs_ihc" if ihc is None else "positive"
    return _without_ish(ihc)


BREAST: dict[str, StatusFn] = {
    edition_id: breast_2018 if edition.groups else classic(edition)
    for edition_id, edition in EDITIONS.items()
}


def status(case: Case, edition_id: str, /) -> str:
    """``her2.status`` of ``case`` read under ``edition_id`` (a key of ``EDITIONS``)."""
    if case.indication == "metastatic_gastric":
        return gastric(case.ihc, case.ish)
    return BREAST[edition_id](case.ihc, case.ish)

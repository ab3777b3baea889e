"""The ASCO/CAP editions for reading breast HER2 (2007, 2013, 2018), as data.

Every cut-off carries the reference that defines it and the public copy it was checked against, so
the engine, the bulk re-classifier (:mod:`calculator.decide.reclassify`) and the article's table "How the
HER2 rules changed" all read the same numbers. 2018 is the default; its numbers are the ones in
:mod:`calculator.rules.criteria` (one home for each figure). The 2023 update kept the 2018 algorithm and
added the HER2-low/ultralow reporting categories, which therefore apply under 2018 only.

An IHC score is taken as reported: a "3+" written under 2007 met that edition's >30% definition,
so a report read under another edition keeps its score; only the ISH cut-offs and the way the two
tests combine change between editions.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator.rules.criteria import ISH_COPIES_HIGH, ISH_COPIES_LOW, ISH_RATIO_CUTOFF

DEFAULT_EDITION = "asco_cap_2018"


@dataclass(frozen=True, slots=True)
class Cut:
    """A lower bound: ``value`` reached (``inclusive``) or exceeded, with its provenance."""

    value: float
    inclusive: bool
    refs: tuple[str, ...]
    #: The public copy the number was checked against ("[M]" where it is not yet confirmed).
    checked: str

    def met(self, x: float, /) -> bool:
        return x >= self.value if self.inclusive else x > self.value

    @property
    def text(self) -> str:
        return f"{'≥' if self.inclusive else '>'}{self.value:.1f}"


@dataclass(frozen=True, slots=True)
class Edition:
    id: str
    year: int
    title: str
    short: str
    refs: tuple[str, ...]
    #: IHC 3+ definition (share of invasive tumour cells with intense complete staining).
    ihc_3plus: str
    ihc_3plus_checked: str
    #: Dual-probe HER2/CEP17 ratio: positive at or above ``ratio_positive``.
    ratio_positive: Cut
    #: Dual-probe: equivocal from here up to the positive cut (2007 only); ``None``: no band.
    ratio_equivocal: Cut | None
    #: Mean HER2 copies per cell: positive / equivocal lower bounds (single-probe; dual too when
    #: ``dual_uses_copies``).
    copies_positive: Cut
    copies_equivocal: Cut
    #: 2007 reads the copy number only for assays without a CEP17 probe.
    dual_uses_copies: bool
    #: 2018: dual-probe groups 1–5 resolved with concurrent IHC (no equivocal ISH result).
    groups: bool
    #: 2018 (with the 2023 update): HER2-zero / ultralow / low categories for negatives.
    low_categories: bool
    #: How an equivocal ISH result is resolved, in words (for the article's table).
    equivocal_ish: str


_W07 = ("wolff2007",)
_W13 = ("wolff2013",)
_W18 = ("wolff2018", "wolff2023")
_S07 = "PMC2793708 table 2 (Wolff 2007, J Oncol Pract copy)"
_S13_RATIO = (
    "APLM doi:10.5858/arpa.2021-0155-OA abstract (2013: ratio ≥2.0 with <4.0 copies positive)"
)
_S13_COPIES = (
    "[M] the ≥6.0 and 4.0–<6.0 copy bands of 2013; consistent with Wang 2019 (PMC6854277: "
    "2013-equivocal cases regrouped in 2018) and Kim 2020"
)
_S13_IHC = "Breast Cancer Res 2023 doi:10.1186/s13058-023-01739-9 table 1"
_S18 = "eGuideline figures 1–3 (guidelinecentral /i/1475463)"

EDITIONS: dict[str, Edition] = {
    "asco_cap_2007": Edition(
        id="asco_cap_2007",
        year=2007,
        title="ASCO/CAP HER2 testing in breast cancer, 2007",
        short="ASCO/CAP 2007",
        refs=_W07,
        ihc_3plus="Uniform intense membrane staining of >30% of invasive tumour cells",
        ihc_3plus_checked=_S07,
        ratio_positive=Cut(2.2, False, _W07, _S07),
        ratio_equivocal=Cut(1.8, True, _W07, _S07),
        copies_positive=Cut(6.0, False, _W07, _S07),
        copies_equivocal=Cut(4.0, True, _W07, _S07),
        dual_uses_copies=False,
        groups=False,
        low_categories=False,
        equivocal_ish="Equivocal: count more cells, retest, or use IHC",
    ),
    "asco_cap_2013": Edition(
        id="asco_cap_2013",
        year=2013,
        title="ASCO/CAP HER2 testing in breast cancer, 2013 update",
        short="ASCO/CAP 2013",
        refs=_W13,
        ihc_3plus="Intense, complete, circumferential membrane staining in >10% of tumour cells",
        ihc_3plus_checked=_S13_IHC,
        ratio_positive=Cut(ISH_RATIO_CUTOFF, True, _W13, _S13_RATIO),
        ratio_equivocal=None,
        copies_positive=Cut(ISH_COPIES_HIGH, True, _W13, _S13_COPIES),
        copies_equivocal=Cut(ISH_COPIES_LOW, True, _W13, _S13_COPIES),
        dual_uses_copies=True,
        groups=False,
        low_categories=False,
        equivocal_ish="Equivocal: reflex test with the other assay (IHC) on the same tissue",
    ),
    DEFAULT_EDITION: Edition(
        id=DEFAULT_EDITION,
        year=2018,
        title="ASCO/CAP HER2 testing in breast cancer, 2018 focused update "
        "(algorithm reaffirmed 2023)",
        short="ASCO/CAP 2018",
        refs=_W18,
        ihc_3plus="Circumferential, complete, intense membrane staining in >10% of tumour cells",
        ihc_3plus_checked=_S18,
        ratio_positive=Cut(ISH_RATIO_CUTOFF, True, _W18, _S18),
        ratio_equivocal=None,
        copies_positive=Cut(ISH_COPIES_HIGH, True, _W18, _S18),
        copies_equivocal=Cut(ISH_COPIES_LOW, True, _W18, _S18),
        dual_uses_copies=True,
        groups=True,
        low_categories=True,
        equivocal_ish="No equivocal dual-probe result (groups 2–4 are settled with concurrent "
        "IHC); an equivocal single-probe result goes to IHC or a dual-probe ISH",
    ),
}
EDITION_IDS: tuple[str, ...] = tuple(EDITIONS)

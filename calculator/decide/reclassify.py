"""Re-classify reports under other ASCO/CAP editions: the lean path (category only, no sentences).

:func:`status` returns what ``evaluate(...)["her2"]["status"]`` returns under ASCO/CAP 2018 (a
property test holds the two together) and the category an older edition gave, from the data in
:mod:`calculator.rules.editions`. :func:`classify_rows` turns input rows into the JSON lines of the
``reclassify`` command (CONTRACTS.md §1) and counts them; it does no I/O, so the CLI, its worker
processes and the browser share it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from calculator.decide.errors import InputError
from calculator.decide.inputs import Case, Ish, parse
from calculator.rules.criteria import GROUP_WITH_IHC2_RESULT, ISH_COPIES_HIGH, ISH_COPIES_LOW
from calculator.rules.criteria import ISH_RATIO_CUTOFF as RATIO_2018
from calculator.rules.editions import EDITIONS, Edition

NEGATIVE_IHC = frozenset(("0", "ultralow", "1+"))
#: Every status the lean path can return (a subset of CONTRACTS.md's ``her2.status``).
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


def _breast_2018(ihc: str | None, ish: Ish | None) -> str:
    """ASCO/CAP 2018 (wolff2018, figures 1–6): the same decisions as :func:`her2.breast`."""
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


def _classic(edition: Edition) -> StatusFn:
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


def _gastric(ihc: str | None, ish: Ish | None) -> str:
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
    edition_id: _breast_2018 if edition.groups else _classic(edition)
    for edition_id, edition in EDITIONS.items()
}


def status(case: Case, edition_id: str, /) -> str:
    """``her2.status`` of ``case`` read under ``edition_id`` (a key of ``EDITIONS``)."""
    if case.indication == "metastatic_gastric":
        return _gastric(case.ihc, case.ish)
    return BREAST[edition_id](case.ihc, case.ish)


def change_key(statuses: tuple[str, ...], /) -> str:
    return "->".join(statuses)


#: Rows of each kind a run keeps for the page to list (the download has them all).
EXAMPLE_ROWS = 100


@dataclass(slots=True)
class Tally:
    """Counts of one run (or one chunk of it; chunks add up with :meth:`add`, in file order),
    and the first :data:`EXAMPLE_ROWS` changed and bad rows."""

    rows: int = 0
    changed: int = 0
    errors: int = 0
    by_change: Counter[str] = field(default_factory=Counter)
    by_status: dict[str, Counter[str]] = field(default_factory=dict)
    #: (row, statuses by edition in order) of the first changed rows.
    changed_rows: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    #: (row, first line or None, errors) of the first bad rows.
    error_rows: list[tuple[int, int | None, list[dict[str, str]]]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.rows += other.rows
        self.changed += other.changed
        self.errors += other.errors
        self.by_change.update(other.by_change)
        for edition_id, counts in other.by_status.items():
            self.by_status.setdefault(edition_id, Counter()).update(counts)
        self.changed_rows.extend(other.changed_rows[: EXAMPLE_ROWS - len(self.changed_rows)])
        self.error_rows.extend(other.error_rows[: EXAMPLE_ROWS - len(self.error_rows)])

    def summary(self, editions: tuple[str, ...]) -> dict[str, Any]:
        return {
            "summary": {
                "rows": self.rows,
                "changed": self.changed,
                "by_change": dict(sorted(self.by_change.items(), key=lambda kv: (-kv[1], kv[0]))),
                "errors": self.errors,
                "editions": list(editions),
                "by_status": {
                    e: {s: self.by_status.get(e, Counter())[s] for s in STATUSES} for e in editions
                },
            }
        }


#: An input row: (row number, line where it starts in a CSV file or None, input object or the
#: ``InputError`` the reader found).
Row = tuple[int, int | None, Any]


def classify_rows(rows: Iterable[Row], editions: tuple[str, ...], /) -> tuple[list[str], Tally]:
    """JSON lines (without newlines) for ``rows`` and their tally.

    A row that is not a valid input object (or an ``InputError`` from the reader) becomes
    ``{"row", "errors"}`` (with ``"line"`` when the row came from a CSV file) and is counted;
    it never stops the others.
    """
    lines: list[str] = []
    tally = Tally()
    per_combo: Counter[tuple[str, ...]] = Counter()
    # The status part of a line depends only on the tuple of statuses: format each one once.
    tails: dict[tuple[str, ...], tuple[str, bool]] = {}
    funcs = [BREAST[e] for e in editions]
    for number, line, data in rows:
        tally.rows += 1
        try:
            if isinstance(data, InputError):
                raise data
            case = parse(data)
        except InputError as exc:
            tally.errors += 1
            bad: dict[str, Any] = {"row": number, "errors": exc.errors}
            if line is not None:
                bad = {"row": number, "line": line, "errors": exc.errors}
            lines.append(json.dumps(bad, ensure_ascii=False))
            if len(tally.error_rows) < EXAMPLE_ROWS:
                tally.error_rows.append((number, line, exc.errors))
            continue
        if case.indication == "metastatic_gastric":
            one = _gastric(case.ihc, case.ish)
            found = (one,) * len(funcs)
        else:
            ihc, ish = case.ihc, case.ish
            found = tuple(f(ihc, ish) for f in funcs)
        known = tails.get(found)
        if known is None:
            changed = len(set(found)) > 1
            pairs = ", ".join(f'"{e}": "{s}"' for e, s in zip(editions, found, strict=True))
            known = tails[found] = (
                f'"status": {{{pairs}}}, "changed": {"true" if changed else "false"}}}',
                changed,
            )
        tail, changed = known
        if changed and len(tally.changed_rows) < EXAMPLE_ROWS:
            tally.changed_rows.append((number, found))
        per_combo[found] += 1
        lines.append(f'{{"row": {number}, {tail}')
    for found, n in per_combo.items():
        if len(set(found)) > 1:
            tally.changed += n
            tally.by_change[change_key(found)] += n
        for edition_id, s in zip(editions, found, strict=True):
            tally.by_status.setdefault(edition_id, Counter())[s] += n
    return lines, tally

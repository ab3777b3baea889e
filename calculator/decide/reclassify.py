"""Re-classify reports under other ASCO/CAP editions: the category only, no sentences, from the
one classifier per edition (:mod:`calculator.decide.classify`) that the explained result uses
too. :func:`classify_rows` turns input rows into the JSON lines of the
``reclassify`` command (CONTRIBUTING.md#calculator-json) and counts them; it does no I/O, so the CLI, its worker
processes and the browser share it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from calculator.decide.classify import BREAST, STATUSES, gastric
from calculator.decide.classify import status as status
from calculator.decide.errors import InputError
from calculator.decide.inputs import parse


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
            one = gastric(case.ihc, case.ish)
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

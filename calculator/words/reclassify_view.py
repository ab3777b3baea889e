"""What the "Re-classify a file" page shows after a run, in words: the totals, the chart's bars,
the first changed and bad rows. ``reclassify.mjs`` only places this text in the page.

Plain data (JSON-ready); numbers are written here, with their units and plurals.
"""

from __future__ import annotations

from typing import Any

from calculator.decide.reclassify import EXAMPLE_ROWS, Tally
from calculator.rules.editions import EDITIONS
from calculator.words.fields import FLAT_NAME, input_label

#: A status in the few words a chart label or a table cell has room for.
STATUS_SHORT: dict[str, str] = {
    "positive": "positive",
    "negative": "negative",
    "equivocal": "equivocal",
    "needs_ish": "needs ISH",
    "needs_ihc": "needs IHC",
    "not_tested": "not tested",
}
#: Below this many rows a speed is noise, not information: it is not shown.
MIN_ROWS_FOR_SPEED = 10_000


def count(n: int, one: str, many: str | None = None, /) -> str:
    """``1 row``, ``2 rows``, ``12,345 rows``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _change(key: str) -> str:
    return " → ".join(STATUS_SHORT.get(s, s.replace("_", " ")) for s in key.split("->"))


def _error_words(errors: list[dict[str, str]], line: int | None) -> str:
    """A row's errors in one sentence each, named by the field's label (the table has a Line
    column, so a reader's "Line N: " prefix is dropped)."""
    parts = []
    for error in errors:
        field = error.get("field") or ""
        label = input_label(FLAT_NAME.get(field, field)) if field else ""
        message = error["message"].removeprefix(f"Line {line}: ")
        message = message[:1].upper() + message[1:]
        parts.append(f"{label}: {message}" if label else message)
    return " ".join(parts)


def _first(shown: int, total: int, what: str) -> str:
    if total > shown:
        return f"{what}: the first {shown:,} of {total:,} (all are in the download)"
    return what


def speed_words(rows: int, seconds: float) -> str:
    """ "Read in 3.5 s (57,000 rows per second)." for a file big enough to time; else ""."""
    if rows < MIN_ROWS_FOR_SPEED or seconds <= 0:
        return ""
    return f"Read in {seconds:.1f} s ({rows / seconds:,.0f} rows per second)."


def page_view(
    tally: Tally, editions: tuple[str, ...], /, *, name: str, seconds: float
) -> dict[str, Any]:
    """The page's words for one run of ``name`` under ``editions`` (in the order compared)."""
    summary = tally.summary(editions)["summary"]
    valid = tally.rows - tally.errors
    totals = (
        f"{name}: {count(tally.rows, 'row')} read; {count(tally.changed, 'row')} changed category "
        f"between {EDITIONS[editions[0]].short} and {EDITIONS[editions[-1]].short}"
        if len(editions) == 2
        else f"{name}: {count(tally.rows, 'row')} read; {count(tally.changed, 'row')} changed "
        "category under at least one of the editions"
    )
    totals += f"; {count(tally.errors, 'row')} with mistakes, not read." if tally.errors else "."
    if tally.rows == 0:
        totals = f"{name}: no rows to read (only a header, or an empty file)."
    elif valid == 0 and tally.rows == 1:
        totals = f"{name}: 1 row, which could not be read: see the mistake below."
    elif valid == 0:
        totals = (
            f"{name}: {count(tally.rows, 'row')}, none of which could be read: see the mistakes "
            "below."
        )
    changes = [
        {"label": _change(key), "count": n, "count_text": f"{n:,}"}
        for key, n in summary["by_change"].items()
    ]
    head = ["Row", *(EDITIONS[e].short for e in editions)]
    changed_rows = [
        [f"{row:,}", *(STATUS_SHORT.get(s, s) for s in found)] for row, found in tally.changed_rows
    ]
    bad_rows = [
        # A JSONL row is numbered by its line.
        [f"{row:,}", f"{row if line is None else line:,}", _error_words(errors, line)]
        for row, line, errors in tally.error_rows
    ]
    return {
        "rows": tally.rows,
        "changed": tally.changed,
        "errors": tally.errors,
        "totals": totals,
        "speed": speed_words(tally.rows, seconds),
        "chart_title": "Reports that changed category, by change",
        "no_change": "No report changed category.",
        "changes": changes,
        "changes_table": {
            "caption": "Reports by change of category",
            "head": ["Change", "Reports"],
            "rows": [[c["label"], c["count_text"]] for c in changes] or [["No change", "0"]],
        },
        "changed_rows": {
            "caption": _first(len(changed_rows), tally.changed, "Rows that changed category"),
            "head": head,
            "rows": changed_rows,
        },
        "bad_rows": {
            "caption": _first(len(bad_rows), tally.errors, "Rows with mistakes"),
            "head": ["Row", "Line", "What is wrong"],
            "rows": bad_rows,
        },
        "limit": EXAMPLE_ROWS,
    }

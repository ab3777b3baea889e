"""What the "Re-classify a file" page shows, in Python's words (calculator.words.reclassify_view through
calculator.doors.bridge.reclassify_json): totals with plurals, the first changed and bad rows with their
numbers, errors in words and never a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator.decide.reclassify import EXAMPLE_ROWS
from calculator.doors import bridge, reclassify_file
from calculator.words.reclassify_view import MIN_ROWS_FOR_SPEED, count, speed_words

HEADER = "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies\n"
CHANGES = "metastatic_breast,2+,dual,2.3,3.5\n"  # 2013 positive; 2018 group 2, IHC 2+: negative
STAYS = "metastatic_breast,3+,,,\n"


def page(text: str, **extra: Any) -> tuple[dict[str, Any], str]:
    request = {"text": text, "format": "csv", "editions": ["asco_cap_2013", "asco_cap_2018"]}
    out = bridge.reclassify_json(json.dumps({**request, "view": True, "name": "r.csv", **extra}))
    first, _, rest = out.partition("\n")
    head = json.loads(first)
    return head.get("view", head), rest


def test_one_row_and_two_rows() -> None:
    one, _ = page(HEADER + CHANGES)
    assert one["totals"] == (
        "r.csv: 1 row read; 1 row changed category between ASCO/CAP 2013 and ASCO/CAP 2018."
    )
    two, _ = page(HEADER + CHANGES + CHANGES + 'early_breast,2+",dual,2.1,5.0\n')
    assert two["totals"].startswith("r.csv: 3 rows read; 2 rows changed category")
    assert two["totals"].endswith("; 1 row with mistakes, not read.")
    assert count(0, "row") == "0 rows" and count(12345, "row") == "12,345 rows"


def test_the_first_changed_and_bad_rows_are_listed_with_their_numbers() -> None:
    body = (CHANGES + STAYS) * (EXAMPLE_ROWS + 20) + "metastatic_breast,bogus,,,\n"
    view, _ = page(HEADER + body)
    changed = view["changed_rows"]
    assert len(changed["rows"]) == EXAMPLE_ROWS
    assert changed["rows"][:2] == [["1", "positive", "negative"], ["3", "positive", "negative"]]
    assert changed["head"] == ["Row", "ASCO/CAP 2013", "ASCO/CAP 2018"]
    assert changed["caption"] == (
        f"Rows that changed category: the first {EXAMPLE_ROWS} of {EXAMPLE_ROWS + 20} "
        "(all are in the download)"
    )
    [bad] = view["bad_rows"]["rows"]
    last = 2 * (EXAMPLE_ROWS + 20) + 1
    assert bad[:2] == [str(last), str(last + 1)]
    assert bad[2].startswith("IHC")  # the field's label, not its key


def test_a_malformed_record_reads_as_words_without_its_line_twice() -> None:
    view, out = page(HEADER + 'early_breast,"2+,dual,2.1,5.0\n' + STAYS)
    [bad] = view["bad_rows"]["rows"]
    assert bad[:2] == ["1", "2"]
    assert bad[2].startswith("A quoted value opened here is not closed")
    assert json.loads(out.splitlines()[0])["errors"][0]["message"].startswith("Line 2: a quoted")


def test_the_download_is_the_command_output_after_the_view_line() -> None:
    _, out = page(HEADER + CHANGES + STAYS)
    plain = bridge.reclassify_json(
        json.dumps(
            {
                "text": HEADER + CHANGES + STAYS,
                "format": "csv",
                "editions": ["asco_cap_2013", "asco_cap_2018"],
            }
        )
    )
    assert out == plain and json.loads(plain.splitlines()[-1])["summary"]["rows"] == 2


def test_a_header_that_cannot_be_read_is_one_error_in_words() -> None:
    head, rest = page('"indication"x,ihc\n' + STAYS)
    assert rest == ""
    assert head["errors"][0]["message"].startswith("Line 1: the header row cannot be read")


def test_an_unexpected_failure_is_words_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(reclassify_file, "reclassify_text", broken)
    head, _ = page(HEADER + STAYS)
    message = head["errors"][0]["message"]
    assert message == "The file could not be read (RuntimeError: disk on fire)."
    assert "Traceback" not in message and "/lib/python" not in message


def test_speed_is_only_stated_for_a_file_big_enough_to_time() -> None:
    assert speed_words(8, 0.001) == ""
    assert speed_words(MIN_ROWS_FOR_SPEED, 2.0) == (
        f"Read in 2.0 s ({MIN_ROWS_FOR_SPEED // 2:,} rows per second)."
    )
    view, _ = page(HEADER + STAYS * 8)
    assert view["speed"] == ""


def test_an_empty_file_and_a_file_of_mistakes_say_so() -> None:
    assert page(HEADER)[0]["totals"] == "r.csv: no rows to read (only a header, or an empty file)."
    view, _ = page(HEADER + "metastatic_breast,bogus,,,\n")
    assert view["totals"] == "r.csv: 1 row, which could not be read: see the mistake below."
    view, _ = page(HEADER + "metastatic_breast,bogus,,,\n" * 2)
    assert view["totals"] == "r.csv: 2 rows, none of which could be read: see the mistakes below."

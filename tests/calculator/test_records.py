"""The CSV reader that cannot lose a record (calculator.doors.records), against Python's csv module
as the oracle; and the same file read alike by the three doors that read CSV: the
``reclassify`` command, ``batch`` and the page's bridge (run here in CPython; under Pyodide by
tests/pyodide, as the page's worker runs it)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.doors.bridge import reclassify_json
from calculator.doors.cli import main as cli_main
from calculator.doors.records import MAX_RECORD_LINES, MalformedRecord, csv_records, csv_rows

ENDINGS = ("\n", "\r", "\r\n")
EDITIONS = ("asco_cap_2013", "asco_cap_2018")
HEADER = "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies"


def records(text: str, **options: Any) -> list[tuple[int, int, Any]]:
    return list(csv_records(io.StringIO(text, newline="").readline, **options))


def rows(text: str) -> list[tuple[int, int, Any]]:
    return list(csv_rows(io.StringIO(text, newline="").readline))


def physical_lines(text: str) -> int:
    """Lines as a text editor counts them: ends at CR, LF or CRLF."""
    return len(io.StringIO(text, newline="").readlines())


def encode(values: list[str], ending: str) -> str:
    """One record as csv.writer writes it (quoting what needs it), with its own line end."""
    out = io.StringIO(newline="")
    # csv.writer quotes a value holding a character of its line terminator: "\r\n" holds both.
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue().removesuffix("\r\n") + ending


def oracle(text: str) -> list[list[str]]:
    return [r for r in csv.reader(io.StringIO(text, newline="")) if r]


# Values as a spreadsheet may write them: commas, quotes and line breaks of every kind inside.
value = st.lists(st.sampled_from([*'ab1+ ,"', "\n", "\r", "\r\n"]), max_size=8).map("".join)
record = st.lists(value, min_size=1, max_size=4).filter(lambda v: v != [""])
ending = st.sampled_from(ENDINGS)


@given(st.lists(st.tuples(record, ending), max_size=25))
def test_a_well_formed_file_reads_exactly_as_the_csv_module_reads_it(
    written: list[tuple[list[str], str]],
) -> None:
    text = "".join(encode(values, end) for values, end in written)
    got = records(text)
    assert [values for _, _, values in got] == oracle(text) == [v for v, _ in written]
    # Each record is named by the line it starts on, CR-only files included.
    starts, line = [], 1
    for values, end in written:
        starts.append(line)
        line += physical_lines(encode(values, end))
    assert [first for _, first, _ in got] == starts
    assert [n for n, _, _ in got] == list(range(1, len(written) + 1))


# A good value that needs quoting always starts with a letter, so a quote left open before it
# meets its opening quote followed by a letter: csv (strict) stops there, whatever follows.
good_value = st.builds(str.__add__, st.sampled_from("ab"), value)
good_record = st.lists(good_value | st.sampled_from(["", "1", "2+"]), min_size=1, max_size=4)
#: Malformed records, one line each, and what csv makes of them.
STRAY = 'ab"c,1'  # a quote inside an unquoted value: csv keeps it as text (a value, not an error)
TEXT_AFTER_QUOTE = '"ab"c,1'  # text after a closing quote: an error
UNTERMINATED = 'ab,"c,1'  # a quote never closed: an error, and the next record reads normally
kinds = st.one_of(
    st.tuples(st.just("good"), good_record, ending),
    st.tuples(st.sampled_from([STRAY, TEXT_AFTER_QUOTE, UNTERMINATED]), st.just([]), ending),
)


@given(st.lists(kinds, max_size=25), st.integers(2, 5))
def test_a_malformed_record_is_one_error_at_its_line_and_the_next_reads_normally(
    written: list[tuple[str, list[str], str]], limit: int
) -> None:
    """Every physical record is accounted for: a row (as csv reads that record alone) or one
    error naming its first line, in file order, whatever the records around it."""
    pieces = [encode(v, end) if kind == "good" else kind + end for kind, v, end in written]
    # A good record longer than the limit would be an error of its own: keep them shorter.
    pieces = [p for p in pieces if physical_lines(p) <= limit]
    got = records("".join(pieces), max_record_lines=limit)
    expected, line = [], 1
    for piece in pieces:
        is_bad = piece.rstrip("\r\n") in (TEXT_AFTER_QUOTE, UNTERMINATED)
        expected.append((line, "error" if is_bad else oracle(piece)[0]))
        line += physical_lines(piece)
    found = [(first, "error" if isinstance(v, MalformedRecord) else v) for _, first, v in got]
    assert found == expected


def test_the_issue_files_lose_no_row() -> None:
    good = "metastatic_breast,3+,,,\n"
    stray = 'early_breast,2+",dual,2.1,5.0\n'
    unterminated = 'early_breast,"2+,dual,2.1,5.0\n'
    text = HEADER + "\n" + good + stray + good + unterminated + good * 996
    got = rows(text)
    assert len(got) == 1000  # rows + errors: every record
    bad = [(n, line) for n, line, v in got if isinstance(v, MalformedRecord)]
    assert bad == [(2, 3), (4, 5)]
    assert "stray quote mark" in got[1][2].errors[0]["message"]
    assert got[4][2] == dict(zip(HEADER.split(","), good.strip().split(","), strict=True))
    # An open quote that a stray quote further down would close: both are errors, and the
    # rows between them read normally (csv alone makes them one record of swallowed rows).
    text = HEADER + "\n" + unterminated + good + good + stray + good
    assert [isinstance(v, MalformedRecord) for _, _, v in rows(text)] == [1, 0, 0, 1, 0]


@pytest.mark.parametrize("end", ENDINGS)
def test_every_line_ending_gives_the_same_rows(end: str) -> None:
    text = end.join([HEADER, "metastatic_breast,3+,,,", 'early_breast,"2+",dual,2.1,5.0', ""])
    got = rows(text)
    assert [(n, line) for n, line, _ in got] == [(1, 2), (2, 3)]
    assert got[1][2]["ihc"] == "2+"


def test_a_run_away_quote_is_bounded_and_the_reading_stays_linear() -> None:
    """An open quote is read at most MAX_RECORD_LINES lines on, then the reader starts again
    one line after it: each line is read a bounded number of times."""
    reads = 0
    source = io.StringIO(
        HEADER + "\n" + 'early_breast,"2+,dual,2.1,5.0\n' + "metastatic_breast,3+,,,\n" * 500,
        newline="",
    )

    def readline(limit: int) -> str:
        nonlocal reads
        reads += 1
        return source.readline(limit)

    got = list(csv_rows(readline))
    assert len(got) == 501
    assert isinstance(got[0][2], MalformedRecord) and "not closed within" in str(got[0][2])
    assert reads == 503  # each line fetched once (the re-read lines come from the record kept)
    assert not any(isinstance(v, MalformedRecord) for _, _, v in got[1:])


def test_a_line_too_long_is_one_error() -> None:
    text = HEADER + "\n" + "x" * 300 + "\nmetastatic_breast,3+,,,\n"
    got = list(csv_records(io.StringIO(text, newline="").readline, max_line_chars=100))
    assert isinstance(got[1][2], MalformedRecord) and "longer than 100" in str(got[1][2])
    assert got[2] == (3, 3, ["metastatic_breast", "3+", "", "", ""])


def test_an_unreadable_header_is_an_error_for_the_file() -> None:
    with pytest.raises(MalformedRecord, match="Line 1: the header row cannot be read"):
        rows('"indication"x,ihc\nmetastatic_breast,3+\n')


def test_more_values_than_columns_is_an_error_of_that_row() -> None:
    got = rows(HEADER + "\nmetastatic_breast,3+,,,,extra\n")
    assert "6 values, but the header (line 1) names 5 columns" in str(got[0][2])


# ---- The three doors read one file alike -------------------------------------------------

her2_value = {
    "indication": st.sampled_from(["early_breast", "metastatic_breast", "metastatic_gastric"]),
    "ihc": st.sampled_from(["", "0", "1+", "2+", "3+"]),
    "ish_method": st.sampled_from(["", "dual", "single"]),
    "her2_cep17_ratio": st.sampled_from(["", "1.5", "2.0", "2.3"]),
    "avg_her2_copies": st.sampled_from(["", "3.5", "4.0", "6.5"]),
}
her2_row = st.fixed_dictionaries(her2_value).map(lambda r: list(r.values()))


@st.composite
def her2_records(draw: st.DrawFn) -> tuple[str, int]:
    """A report file and how many records it holds: good rows, rows with a stray quote or an
    open quote, values that hold a line break ("2+\\r\\n" is still 2+), every line end."""
    pieces = []
    for values in draw(st.lists(her2_row, max_size=30)):
        kind = draw(st.sampled_from(["good", "good", "stray", "open", "break"]))
        col = draw(st.integers(0, 4))
        end = draw(st.sampled_from(ENDINGS))
        if kind == "stray":
            values[col] += '"'
        elif kind == "open":
            values[col] = '"' + values[col]
        elif kind == "break":
            values[col] += draw(st.sampled_from(ENDINGS))
        line = ",".join(values) if kind in ("stray", "open") else encode(values, "")
        pieces.append(line + end)
    blank = draw(st.sampled_from(["", "\n", "\r\n"]))  # blank lines are not records
    return HEADER + "\r\n" + blank.join(pieces), len(pieces)


def cli_output(data: bytes) -> str:
    """``python -m calculator reclassify FILE`` (its main, in this process)."""
    out = door(["reclassify", "FILE", "--workers", "1", "--editions", ",".join(EDITIONS)], data)
    return out


def page_output(text: str) -> tuple[dict[str, Any], str]:
    request = {"text": text, "format": "csv", "editions": list(EDITIONS), "view": True}
    first, _, rest = reclassify_json(json.dumps(request)).partition("\n")
    return json.loads(first)["view"], rest


def door(argv: list[str], data: bytes) -> str:
    """What ``python -m calculator ARGV`` prints for a file holding ``data`` (run in this
    process, so that it runs under Pyodide too)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.csv"
        path.write_bytes(data)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli_main([str(path) if a == "FILE" else a for a in argv]) == 0
    return out.getvalue()


def batch_output(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in door(["batch", "FILE"], data).splitlines()]


@given(her2_records())
def test_cli_batch_and_page_account_for_every_record_alike(file: tuple[str, int]) -> None:
    text, count = file
    data = text.encode()
    cli = cli_output(data)
    view, page = page_output(text)
    assert page == cli  # the page's download is the command's output, byte for byte
    lines = [json.loads(line) for line in cli.splitlines()]
    summary = lines[-1]["summary"]
    assert summary["rows"] == view["rows"] == count  # rows + errors: every record
    assert [o["row"] for o in lines[:-1]] == list(range(1, count + 1))
    batch = batch_output(data)
    assert [b["row"] for b in batch] == list(range(1, count + 1))
    # The same rows are bad in all three, at the same lines.
    bad_cli = [(o["row"], o["line"]) for o in lines[:-1] if "errors" in o]
    assert [(b["row"], b["line"]) for b in batch if "errors" in b] == bad_cli
    assert summary["errors"] == view["errors"] == len(bad_cli)


def test_a_cr_only_file_reads_alike_in_every_door() -> None:
    text = "\r".join([HEADER, "metastatic_breast,3+,,,", "early_breast,2+,dual,1.5,5.0", ""])
    assert json.loads(cli_output(text.encode()).splitlines()[-1])["summary"]["rows"] == 2
    assert page_output(text)[0]["rows"] == 2
    assert len(batch_output(text.encode())) == 2


def test_max_record_lines_is_what_the_reader_uses() -> None:
    quoted = '"a' + "\n" * (MAX_RECORD_LINES - 1) + 'b",1\n'
    assert records(quoted)[0][2] == ["a" + "\n" * (MAX_RECORD_LINES - 1) + "b", "1"]
    longer = '"a' + "\n" * MAX_RECORD_LINES + 'b",1\n'
    assert isinstance(records(longer)[0][2], MalformedRecord)

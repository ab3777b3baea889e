"""``python -m calculator reclassify``: the CONTRIBUTING.md#cli lines, bad rows, workers, the report."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculator.doors.reclassify_file import CHUNK_ROWS, chunks, reclassify_text, text_lines

ROOT = Path(__file__).resolve().parents[2]
#: These tests start the CLI as a CPython subprocess, which Pyodide cannot do.
cli = pytest.mark.skipif(sys.platform == "emscripten", reason="needs a subprocess")
HEADER = "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies\n"
ROWS = [
    "metastatic_breast,2+,dual,2.3,3.5\n",  # 2013 positive (ratio >= 2.0); 2018 group 2 IHC 2+
    "metastatic_breast,3+,,,\n",  # positive under both
    "early_breast,2+,dual,1.5,5.0\n",  # 2013 equivocal; 2018 group 4 IHC 2+ negative
    "metastatic_breast,bogus,dual,2.1,4.5\n",  # bad IHC: a field error, the file goes on
    "metastatic_breast,1+,,,\n",  # negative under both
]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculator", "reclassify", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def lines(done: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in done.stdout.splitlines()]


@cli
def test_contract_lines_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    done = run(str(path), "--editions", "asco_cap_2013,asco_cap_2018", "--workers", "1")
    assert done.returncode == 0, done.stderr
    out = lines(done)
    assert out[0] == {
        "row": 1,
        "status": {"asco_cap_2013": "positive", "asco_cap_2018": "negative"},
        "changed": True,
    }
    assert out[1]["changed"] is False and out[1]["status"]["asco_cap_2018"] == "positive"
    assert out[2]["status"] == {"asco_cap_2013": "equivocal", "asco_cap_2018": "negative"}
    assert out[3]["row"] == 4 and out[3]["errors"][0]["field"] == "ihc"
    summary = out[-1]["summary"]
    assert summary["rows"] == 5 and summary["changed"] == 2 and summary["errors"] == 1
    assert summary["by_change"] == {"equivocal->negative": 1, "positive->negative": 1}
    assert summary["by_status"]["asco_cap_2018"]["negative"] == 3
    assert len(out) == 6


@cli
def test_jsonl_with_malformed_line_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text(
        '{"indication": "metastatic_breast", "ish": {"method": "single", "avg_her2_copies": 6.0}}\n'
        "\n"
        "{not json\n"
        '{"indication": "metastatic_breast", "unknown": 1}\n',
        encoding="utf-8",
    )
    done = run(str(path), "--editions", "asco_cap_2007,asco_cap_2013", "--workers", "1")
    out = lines(done)
    # wolff2007: single-probe positive needs >6 copies, so 6.0 is equivocal; 2013: >= 6.0.
    assert out[0]["status"] == {"asco_cap_2007": "equivocal", "asco_cap_2013": "positive"}
    assert out[1]["row"] == 3 and out[1]["errors"][0]["message"].startswith("Malformed JSON")
    assert out[2]["row"] == 4 and out[2]["errors"][0]["field"] == "unknown"
    assert out[-1]["summary"]["errors"] == 2 and out[-1]["summary"]["rows"] == 3


@cli
@pytest.mark.parametrize(
    ("editions", "field"), [("asco_cap_2013,asco_cap_2099", "editions"), ("", "editions")]
)
def test_unknown_edition_is_a_field_error(tmp_path: Path, editions: str, field: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER, encoding="utf-8")
    done = run(str(path), "--editions", editions)
    assert done.returncode == 2
    assert lines(done)[0]["errors"][0]["field"] == field


@cli
def test_missing_file_exits_1() -> None:
    done = run("/nonexistent/reports.csv")
    assert done.returncode == 1 and "Cannot read" in done.stdout


@cli
def test_workers_give_the_same_output_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    count = CHUNK_ROWS * 3 + 17
    path.write_text(HEADER + "".join(ROWS[i % len(ROWS)] for i in range(count)), encoding="utf-8")
    one = run(str(path), "--workers", "1", "--editions", "asco_cap_2007,asco_cap_2018")
    two = run(str(path), "--workers", "2", "--editions", "asco_cap_2007,asco_cap_2018")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    out = lines(two)
    assert [o["row"] for o in out[:-1]] == list(range(1, count + 1))
    assert out[-1]["summary"]["rows"] == count


def test_chunks_keep_quoted_newlines_whole_and_stream_lazily() -> None:
    body = HEADER.encode() + b'metastatic_breast,"2+",dual,2.1,4.5\n' * (CHUNK_ROWS + 1)
    body += b'"metastatic_breast","2+\nmore",dual,2.1,4.5\n'
    source = io.BytesIO(body * 40)
    got = chunks(text_lines(source), "csv")
    first = next(got)  # a generator: the first chunk comes before the file is read to the end
    assert source.tell() < len(body * 40)
    assert first[1] == 1 and len(first[2]) == CHUNK_ROWS
    last = next(chunks(text_lines(io.BytesIO(body)), "csv"))
    assert len(last[2]) == CHUNK_ROWS
    text, tally = reclassify_text(body.decode(), "csv", ("asco_cap_2018",))
    assert tally.rows == CHUNK_ROWS + 2
    bad = json.loads(text.splitlines()[-1])
    # The value "2+\nmore" is one value spanning two lines: its row starts on the last line
    # but one, and its error is the IHC field's.
    assert bad["row"] == CHUNK_ROWS + 2 and bad["line"] == CHUNK_ROWS + 3
    assert bad["errors"][0]["field"] == "ihc"


@cli
def test_progress_bar_on_request(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    done = run(str(path), "--progress", "--workers", "1")
    assert re.search(r"\[#+\s*\]\s+100% 5 rows", done.stderr)
    quiet = run(str(path), "--workers", "1")
    assert quiet.stderr == ""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


@cli
def test_report_is_self_contained_escaped_and_charted(tmp_path: Path) -> None:
    path = tmp_path / "<img onerror=alert(1)>&.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    report = tmp_path / "out.html"
    done = run(str(path), "--report", str(report), "--editions", "asco_cap_2013,asco_cap_2018")
    assert done.returncode == 0, done.stderr
    html = report.read_text(encoding="utf-8")
    assert "<img" not in html and "&lt;img onerror=alert(1)&gt;&amp;.csv" in html
    parser = _Text()
    parser.feed(html)
    assert "svg" in parser.tags and parser.tags.count("rect") == 2  # two kinds of change
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert not re.search(r"(src|href)=", html)
    assert "positive → negative" in html and "equivocal → negative" in html


@cli
@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n"])
def test_malformed_records_are_counted_errors_in_worker_processes(
    tmp_path: Path, ending: str
) -> None:
    """The issue's files: a stray quote, an open quote, old-Mac CR endings; with workers the
    malformed records cross process boundaries as errors, and every record is accounted for."""
    body = [row.rstrip("\n") for row in ROWS[:3]] * (CHUNK_ROWS // 2)
    body[10] = 'early_breast,2+",dual,2.1,5.0'
    body[CHUNK_ROWS + 5] = 'early_breast,"2+,dual,2.1,5.0'
    path = tmp_path / "bad.csv"
    path.write_bytes(ending.join([HEADER.rstrip("\n"), *body, ""]).encode())
    done = run(str(path), "--workers", "2", "--editions", "asco_cap_2013,asco_cap_2018")
    assert done.returncode == 0, done.stderr
    out = lines(done)
    summary = out[-1]["summary"]
    assert summary["rows"] == len(body) and summary["errors"] == 2
    bad = [(o["row"], o["line"]) for o in out[:-1] if "errors" in o]
    assert bad == [(11, 12), (CHUNK_ROWS + 6, CHUNK_ROWS + 7)]
    assert [o["row"] for o in out[:-1]] == list(range(1, len(body) + 1))

"""``python -m calculator reclassify FILE --editions asco_cap_2013,asco_cap_2018``.

Streams a CSV or JSONL file in constant memory: the main process reads the file's records
(:mod:`calculator.doors.records` splits CSV; a malformed record is an error row of its own, never the end
of the run) and cuts them into chunks, worker processes (``--workers``, default all cores) convert
and classify them with :func:`calculator.decide.reclassify.classify_rows`, and the main process writes
their lines in file order, then one summary line. At most a few chunks per worker are in flight,
whatever the file's size.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from calculator.decide.errors import InputError
from calculator.decide.reclassify import Row, Tally, classify_rows
from calculator.doors.cli import EXIT_INVALID, EXIT_OK, EXIT_READ, _emit, _Parser, jsonl_rows
from calculator.doors.records import MalformedRecord, csv_rows
from calculator.rules.editions import EDITION_IDS
from calculator.words.fields import NESTED_NAME, flat_to_input

CHUNK_ROWS = 4096
#: Chunks queued per worker: enough to keep every core busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3
#: Below this many bytes the progress bar is not worth drawing.
PROGRESS_MIN_BYTES = 1 << 20

#: A chunk: (format, number of its first row, items): for CSV the rows as
#: :func:`calculator.doors.records.csv_rows` reads them, for JSONL the lines.
Chunk = tuple[str, int, list[Any]]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m calculator reclassify",
        description="Read every row of a CSV or JSONL file of HER2 reports (the input keys of "
        "CONTRACTS.md §1) under several ASCO/CAP editions. Prints one JSON line per row, "
        '{"row", "status": {edition: status}, "changed"} (or {"row", "errors"} for a bad row), '
        'then {"summary": {"rows", "changed", "by_change", "errors", ...}}.',
    )
    parser.add_argument("file", help="a .csv or .jsonl file ('-' for stdin)")
    parser.add_argument(
        "--editions",
        default=",".join(EDITION_IDS),
        help=f"comma-separated, in the order to compare (default: {','.join(EDITION_IDS)})",
    )
    parser.add_argument("--format", choices=("csv", "jsonl"), help="override the file suffix")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)"
    )
    parser.add_argument("--progress", action="store_true", help="progress bar on stderr")
    parser.add_argument("--report", metavar="OUT.html", help="also write an HTML summary page")
    return parser


def parse_editions(text: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    editions = tuple(e.strip() for e in text.split(",") if e.strip())
    errors = [
        {
            "field": "editions",
            "message": f'Unknown edition "{e}"; expected one of: {", ".join(EDITION_IDS)}.',
        }
        for e in editions
        if e not in EDITION_IDS
    ]
    if not editions:
        errors.append({"field": "editions", "message": "Name at least one edition."})
    if len(set(editions)) != len(editions):
        errors.append({"field": "editions", "message": "An edition is named twice."})
    return editions, errors


def _nested(flat: Any) -> Any:
    """A CSV row (text by field key) → the JSON input, through the one converter the page and
    the batch use; conversion errors become an :class:`InputError` named by JSON path."""
    if isinstance(flat, InputError):
        return flat
    data, errors = flat_to_input(flat)
    if errors:
        return InputError([{**e, "field": NESTED_NAME.get(e["field"], e["field"])} for e in errors])
    return data


def work(chunk: Chunk, editions: tuple[str, ...]) -> tuple[str, Tally]:
    """Classify one chunk (runs in a worker): its output text and its tally."""
    fmt, first, items = chunk
    if fmt == "csv":
        rows: Iterator[Row] = ((n, line, _nested(data)) for n, line, data in items)
    else:
        rows = ((first + n - 1, None, data) for n, data in jsonl_rows(iter(items)))  # type: ignore[arg-type]
    out, tally = classify_rows(rows, editions)
    return "".join(line + "\n" for line in out), tally


def text_lines(stream: IO[bytes]) -> TextIO:
    """A binary stream as text whose lines end at CR, LF or CRLF (``newline=""`` keeps the
    ends, so a quoted CSV value keeps its own). A leading byte-order mark is dropped; bytes that
    are not UTF-8 become U+FFFD, which then fails validation in that row only."""
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")


def _position(stream: IO[bytes]) -> Callable[[], int]:
    """Bytes read so far (ahead of the rows by one buffer), for the progress bar."""

    def position() -> int:
        try:
            return stream.tell()
        except OSError:  # a pipe
            return 0

    return position


def chunks(stream: TextIO, fmt: str) -> Iterator[Chunk]:
    """The file's rows, ``CHUNK_ROWS`` at a time, read lazily. CSV records are split here, by
    :func:`calculator.doors.records.csv_rows` (a record may span lines inside quotes; a malformed
    one is an error row of its own); JSONL lines are parsed in the workers.

    ``stream`` is text opened with ``newline=""``, so CR, LF and CRLF all end a line.
    """
    batch: list[Any] = []
    first = 1
    if fmt == "csv":
        for row in csv_rows(stream.readline):
            batch.append(row)
            if len(batch) >= CHUNK_ROWS:
                yield fmt, first, batch
                first += len(batch)
                batch = []
    else:
        for line in stream:
            batch.append(line)
            if len(batch) >= CHUNK_ROWS:
                yield fmt, first, batch
                first += len(batch)
                batch = []
    if batch:
        yield fmt, first, batch


class _Progress:
    def __init__(
        self,
        total: int | None,
        enabled: bool,
        out: TextIO,
        position: Callable[[], int] = lambda: 0,
    ) -> None:
        self.total, self.enabled, self.out = total, enabled, out
        self.position = position
        self.rows = 0
        self.start = time.perf_counter()
        self.last = 0.0

    def update(self, rows: int, *, final: bool = False) -> None:
        self.rows += rows
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.2:
            return
        self.last = now
        rate = self.rows / max(now - self.start, 1e-9)
        if self.total:
            share = min(self.position() / self.total, 1.0)
            width = 30
            bar = "#" * round(share * width)
            head = f"[{bar:<{width}}] {share:4.0%}"
        else:
            head = "reclassify"
        self.out.write(f"\r{head} {self.rows:,} rows {rate:,.0f} rows/s")
        if final:
            self.out.write("\n")
        self.out.flush()


def run(
    source: TextIO,
    fmt: str,
    editions: tuple[str, ...],
    *,
    workers: int,
    out: TextIO,
    progress: _Progress,
) -> Tally:
    tally = Tally()

    def emit(result: tuple[str, Tally]) -> None:
        text, part = result
        out.write(text)
        tally.add(part)
        progress.update(part.rows)

    pieces = chunks(source, fmt)
    if workers <= 1:
        for chunk in pieces:
            emit(work(chunk, editions))
        return tally
    import multiprocessing  # only here: the browser (Pyodide) runs with one worker and no pool

    with multiprocessing.get_context().Pool(workers) as pool:
        pending: deque[Any] = deque()
        for chunk in pieces:
            pending.append(pool.apply_async(work, (chunk, editions)))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                emit(pending.popleft().get())
        while pending:
            emit(pending.popleft().get())
    return tally


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    editions, errors = parse_editions(args.editions)
    if args.workers < 1:
        errors.append({"field": "workers", "message": "Must be 1 or more."})
    if errors:
        _emit({"errors": errors})
        return EXIT_INVALID
    fmt = args.format or ("csv" if args.file.lower().endswith(".csv") else "jsonl")
    total: int | None = None
    try:
        if args.file == "-":
            stream: IO[bytes] = sys.stdin.buffer
        else:
            stream = Path(args.file).open("rb")  # noqa: SIM115 - closed below
            total = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        _emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
        return EXIT_READ
    show = args.progress or (sys.stderr.isatty() and (total or 0) >= PROGRESS_MIN_BYTES)
    progress = _Progress(total, show, sys.stderr, position=_position(stream))
    try:
        with stream:
            tally = run(
                text_lines(stream),
                fmt,
                editions,
                workers=args.workers,
                out=sys.stdout,
                progress=progress,
            )
    except OSError as exc:
        _emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
        return EXIT_READ
    except MalformedRecord as exc:  # the header: nothing was written yet
        _emit({"errors": exc.errors})
        return EXIT_INVALID
    progress.update(0, final=True)
    summary = tally.summary(editions)
    _emit(summary)
    if args.report:
        from calculator.words.reclassify_report import report_html

        name = "standard input" if args.file == "-" else Path(args.file).name
        try:
            Path(args.report).write_text(report_html(summary, source=name), encoding="utf-8")
        except OSError as exc:
            print(
                json.dumps({"errors": [{"field": "report", "message": str(exc)}]}), file=sys.stderr
            )
            return EXIT_READ
    return EXIT_OK


def reclassify_text(text: str, fmt: str, editions: tuple[str, ...]) -> tuple[str, Tally]:
    """Classify a whole file given as text, in this process (the browser's entry point): the
    output lines and the tally. A CSV header that cannot be read raises
    :class:`calculator.doors.records.MalformedRecord`."""
    out = io.StringIO()
    tally = run(
        io.StringIO(text, newline=""),
        fmt,
        editions,
        workers=1,
        out=out,
        progress=_Progress(None, False, sys.stderr),
    )
    return out.getvalue(), tally

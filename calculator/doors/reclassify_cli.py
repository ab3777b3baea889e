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
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TextIO

from calculator.doors.reclassify_file import parse_editions, run, text_lines
from calculator.doors.records import MalformedRecord
from calculator.doors.shell import EXIT_INVALID, EXIT_OK, EXIT_READ, Parser, emit
from calculator.rules.editions import EDITION_IDS

#: Below this many bytes the progress bar is not worth drawing.
PROGRESS_MIN_BYTES = 1 << 20


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m calculator reclassify",
        description="Read every row of a CSV or JSONL file of HER2 reports (the input keys of "
        "CONTRIBUTING.md#calculator-json) under several ASCO/CAP editions. Prints one JSON line per row, "
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


def _position(stream: IO[bytes]) -> Callable[[], int]:
    """Bytes read so far (ahead of the rows by one buffer), for the progress bar."""

    def position() -> int:
        try:
            return stream.tell()
        except OSError:  # a pipe
            return 0

    return position


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


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    editions, errors = parse_editions(args.editions)
    if args.workers < 1:
        errors.append({"field": "workers", "message": "Must be 1 or more."})
    if errors:
        emit({"errors": errors})
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
        emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
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
                on_rows=progress.update,
            )
    except OSError as exc:
        emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
        return EXIT_READ
    except MalformedRecord as exc:  # the header: nothing was written yet
        emit({"errors": exc.errors})
        return EXIT_INVALID
    progress.update(0, final=True)
    summary = tally.summary(editions)
    emit(summary)
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

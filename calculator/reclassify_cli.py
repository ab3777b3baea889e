"""``python -m calculator reclassify FILE --editions asco_cap_2013,asco_cap_2018``.

Streams a CSV or JSONL file in constant memory: the main process cuts the file into chunks of
whole records, worker processes (``--workers``, default all cores) parse and classify them with
:func:`calculator.reclassify.classify_rows`, and the main process writes their lines in file order,
then one summary line. At most a few chunks per worker are in flight, whatever the file's size.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from calculator.cli import EXIT_INVALID, EXIT_OK, EXIT_READ, _emit, _Parser, csv_rows, jsonl_rows
from calculator.editions import EDITION_IDS
from calculator.errors import InputError
from calculator.fields import NESTED_NAME, flat_to_input
from calculator.reclassify import Tally, classify_rows

CHUNK_ROWS = 4096
#: Chunks queued per worker: enough to keep every core busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3
#: Below this many bytes the progress bar is not worth drawing.
PROGRESS_MIN_BYTES = 1 << 20

#: A chunk: (format, CSV header line or "", number of the first row, the rows' lines).
Chunk = tuple[str, str, int, list[str]]


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
    fmt, header, first, lines = chunk
    if fmt == "csv":
        rows: Iterator[tuple[int, Any]] = (
            (first + n - 1, _nested(data))
            for n, data in csv_rows(iter([header, *lines]))  # type: ignore[arg-type]
        )
    else:
        rows = ((first + n - 1, data) for n, data in jsonl_rows(iter(lines)))  # type: ignore[arg-type]
    out, tally = classify_rows(rows, editions)
    return "".join(line + "\n" for line in out), tally


def decoded(stream: IO[bytes], progress: _Progress) -> Iterator[str]:
    """Lines of a binary stream as text, counting bytes for the progress bar. Bytes that are
    not UTF-8 become U+FFFD, which then fails validation in that row only."""
    for raw in stream:
        progress.bytes_read += len(raw)
        yield raw.decode("utf-8", errors="replace")


def chunks(source: Iterable[str], fmt: str) -> Iterator[Chunk]:
    """Whole records, ``CHUNK_ROWS`` at a time. CSV records may span lines inside quotes: a
    record ends at a newline with an even count of quote characters so far ("" escapes keep
    the parity)."""
    header = ""
    first = 1
    batch: list[str] = []
    pending = ""
    for line in source:
        if fmt == "jsonl":
            batch.append(line)
            if len(batch) >= CHUNK_ROWS:
                yield fmt, "", first, batch
                first += len(batch)
                batch = []
            continue
        record = pending + line
        if record.count('"') % 2:
            pending = record
            continue
        pending = ""
        if not header:
            header = record.lstrip("\ufeff")
            continue
        if record in ("\n", "\r\n"):  # csv skips blank lines; so do the row numbers
            continue
        batch.append(record)
        if len(batch) >= CHUNK_ROWS:
            yield fmt, header, first, batch
            first += len(batch)
            batch = []
    if pending:
        batch.append(pending)
    if batch:
        yield fmt, header, first, batch


class _Progress:
    def __init__(self, total: int | None, enabled: bool, out: TextIO) -> None:
        self.total, self.enabled, self.out = total, enabled, out
        self.bytes_read = 0
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
            share = min(self.bytes_read / self.total, 1.0)
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
    source: Iterable[str],
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
    progress = _Progress(total, show, sys.stderr)
    try:
        with stream:
            tally = run(
                decoded(stream, progress),
                fmt,
                editions,
                workers=args.workers,
                out=sys.stdout,
                progress=progress,
            )
    except OSError as exc:
        _emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
        return EXIT_READ
    progress.update(0, final=True)
    summary = tally.summary(editions)
    _emit(summary)
    if args.report:
        from calculator.reclassify_report import report_html

        name = "standard input" if args.file == "-" else Path(args.file).name
        try:
            Path(args.report).write_text(report_html(summary, source=name), encoding="utf-8")
        except OSError as exc:
            print(
                json.dumps({"errors": [{"field": "report", "message": str(exc)}]}), file=sys.stderr
            )
            return EXIT_READ
    return EXIT_OK


def reclassify_text(text: str, fmt: str, editions: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """Classify a whole file given as text, in this process (the browser's entry point)."""
    out = io.StringIO()
    tally = run(
        io.StringIO(text, newline=""),
        fmt,
        editions,
        workers=1,
        out=out,
        progress=_Progress(None, False, sys.stderr),
    )
    return out.getvalue(), tally.summary(editions)

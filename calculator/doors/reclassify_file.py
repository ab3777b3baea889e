"""Re-classify a file of HER2 reports: its records in chunks, each chunk converted and classified
(:func:`calculator.decide.reclassify.classify_rows`), the lines in file order. Both the command
line (``reclassify_cli``, with worker processes) and the browser (``bridge``, one process) use it.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO, Any, TextIO

from calculator.decide.errors import InputError
from calculator.decide.reclassify import Row, Tally, classify_rows
from calculator.doors.records import csv_rows
from calculator.doors.shell import jsonl_rows
from calculator.rules.editions import EDITION_IDS
from calculator.words.fields import NESTED_NAME, flat_to_input

CHUNK_ROWS = 4096
#: Chunks queued per worker: enough to keep every core busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3

#: A chunk: (format, number of its first row, items): for CSV the rows as
#: :func:`calculator.doors.records.csv_rows` reads them, for JSONL the lines.
Chunk = tuple[str, int, list[Any]]


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


def run(
    source: TextIO,
    fmt: str,
    editions: tuple[str, ...],
    *,
    workers: int,
    out: TextIO,
    on_rows: Callable[[int], None] = lambda rows: None,
) -> Tally:
    """Classify every row of ``source`` (with ``workers`` processes when more than one), write
    the lines to ``out`` in file order and return the tally; ``on_rows`` hears each chunk's
    count (the progress bar)."""
    tally = Tally()

    def emit(result: tuple[str, Tally]) -> None:
        text, part = result
        out.write(text)
        tally.add(part)
        on_rows(part.rows)

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
    )
    return out.getvalue(), tally

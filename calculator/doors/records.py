"""Records of an uploaded CSV file, none of them ever lost.

The csv module splits the records (``strict=True``), fed one physical line at a time by
:class:`_Lines`, which:

- takes lines already split at CR, LF and CRLF (the caller opens text with ``newline=""``: that
  splits at all three and keeps the ends, so a quoted value keeps its own line breaks);
- bounds how far one record may run: :data:`MAX_RECORD_LINES` physical lines (a quote that is
  never closed would otherwise swallow the rest of the file) and :data:`MAX_LINE_CHARS` per line;
- keeps the lines of the record being read, so that after a malformed record it reads again from
  the record's second line: the bad record is one error with its line number and the next
  record reads normally.

Each line is handed to csv once, and again at most :data:`MAX_RECORD_LINES` times after a
malformed record: linear time, and memory bounded by one record, whatever the file's length.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from calculator.decide.errors import InputError

#: Physical lines one record may span (a quoted value may hold line breaks). Every input value
#: of the calculator is a few characters long: a record this long is a quote left open.
MAX_RECORD_LINES = 50
#: Characters in one physical line; csv's own limit on a value is the same.
MAX_LINE_CHARS = 131_072

_NEWLINES = ("\n", "\r")
#: A value that holds a line break and a comma: rows swallowed by a quote left open.
_SWALLOWED = re.compile(r"[\r\n][^,]*,|,[^\r\n]*[\r\n]")
_OPEN_QUOTE = (
    "a quoted value opened here runs into the rows after it: close it on its own line (a quote "
    'mark inside a value is written as two: "").'
)


class MalformedRecord(InputError):
    """A record the csv reader could not split into values, named by its first line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__([{"field": "", "message": f"Line {line}: {message}"}])
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type[MalformedRecord], tuple[int, str]]:
        return MalformedRecord, (self.line, self.message)  # rows go to worker processes


class _RunAway(Exception):
    """Raised into csv's reader when a record runs past its limit (not an error to callers)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class _Overlong:
    """Stands for a line longer than :data:`MAX_LINE_CHARS` (its text is not kept)."""

    number: int


class _Lines:
    """The physical lines csv.reader reads, bounded per record; remembers the current record's
    lines (and the number of its first) so that they can be read again."""

    def __init__(
        self, readline: Callable[[int], str], *, max_record_lines: int, max_line_chars: int
    ) -> None:
        self._readline = readline
        self._max_lines = max_record_lines
        self._max_chars = max_line_chars
        self._replay: deque[str | _Overlong] = deque()
        self._next = 1  # the number of the next line handed out
        #: The lines of the record being read, and the number of its first.
        self.record: list[str | _Overlong] = []
        self.first = 1

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        record = self.record
        if len(record) >= self._max_lines:
            raise _RunAway(
                f"a quoted value opened here is not closed within {self._max_lines} lines "
                '(a quote mark inside a value is written as two: "").'
            )
        if self._replay:
            line = self._replay.popleft()
        else:
            line = self._readline(self._max_chars)
            if not line:
                raise StopIteration
            if len(line) == self._max_chars and not line.endswith(_NEWLINES):
                line = self._skip_rest()
        if not record:
            self.first = self._next
        self._next += 1
        record.append(line)
        if isinstance(line, _Overlong):
            raise _RunAway(f"longer than {self._max_chars:,} characters.")
        return line

    def _skip_rest(self) -> _Overlong:
        """The rest of a line that is too long: its text is not needed for the error."""
        while True:
            rest = self._readline(self._max_chars)
            if not rest or rest.endswith(_NEWLINES):
                return _Overlong(self._next)

    def read_again_after_first(self) -> None:
        """After a malformed record: its lines but the first are read again, in order."""
        self._replay.extendleft(reversed(self.record[1:]))
        self._next = self.first + 1
        self.record = []


def _words(exc: csv.Error) -> str:
    """csv's message for a malformed record, in the words of someone who wrote the file."""
    text = str(exc)
    if "expected after" in text:
        return (
            "text follows a closing quote mark. Wrap the whole value in quotes, and write a "
            'quote mark inside it as two ("").'
        )
    if "unexpected end of data" in text:
        return "a quoted value opened here is not closed before the end of the file."
    if "field larger than field limit" in text:
        return f"a value is longer than {csv.field_size_limit():,} characters."
    return f"the line could not be read as CSV ({text})."


#: One record: (record number, first line number, values) or (number, line, MalformedRecord).
Record = tuple[int, int, "list[str] | MalformedRecord"]


def csv_records(
    readline: Callable[[int], str],
    /,
    *,
    max_record_lines: int = MAX_RECORD_LINES,
    max_line_chars: int = MAX_LINE_CHARS,
    check: Callable[[list[str]], str | None] | None = None,
) -> Iterator[Record]:
    """Every record of a CSV text, header included, numbered from 1; blank lines are skipped.

    ``readline(limit)`` returns the next physical line (at most ``limit`` characters, with its
    line end; ``""`` at the end), as ``readline`` of a text stream opened with ``newline=""``.
    ``check(values)``, for a record that spans several lines, may return why it cannot be one
    record (a quote left open that a later stray quote closed): it is then malformed, and its
    lines but the first are read again.
    """
    feed = _Lines(readline, max_record_lines=max_record_lines, max_line_chars=max_line_chars)
    reader = csv.reader(feed, strict=True)
    number = 0
    while True:
        feed.record = []
        try:
            values = next(reader)
        except StopIteration:
            return
        except _RunAway as exc:
            message = exc.message
        except csv.Error as exc:
            message = _words(exc)
        else:
            if not values:  # a blank line
                continue
            found = check(values) if check is not None and len(feed.record) > 1 else None
            if found is None:
                number += 1
                yield number, feed.first, values
                continue
            message = found
        number += 1
        yield number, feed.first, MalformedRecord(feed.first, message)
        feed.read_again_after_first()


@dataclass(frozen=True, slots=True)
class Header:
    """The column names of a CSV file (its first record)."""

    names: tuple[str, ...]
    line: int

    def row(self, values: list[str], line: int, /) -> dict[str, str] | MalformedRecord:
        """A record's values by column name; more values than columns is an error."""
        if len(values) > len(self.names):
            return MalformedRecord(
                line,
                f"{len(values)} values, but the header (line {self.line}) names "
                f"{len(self.names)} columns.",
            )
        if '"' in "".join(values):
            stray = _stray_quote(self.names, values, line)
            if stray is not None:
                return stray
        return dict(zip(self.names, values, strict=False))


def csv_rows(readline: Callable[[int], str], /) -> Iterator[tuple[int, int, Any]]:
    """Data rows of a CSV text: ``(row number, line number, values by column | error)``.

    The first record is the header (a leading byte-order mark is dropped); rows are numbered
    from 1 after it. A header that cannot be read is one error for the whole file, raised as
    :class:`MalformedRecord`.
    """
    width = 0

    def one_record(values: list[str]) -> str | None:
        """Several lines make one record only if no row hides in it: at most the header's
        width, and no value that holds both a line break and a comma (no input value has
        either; a value spanning lines with commas in it is rows a quote swallowed)."""
        if width and (len(values) > width or any(_SWALLOWED.search(v) for v in values)):
            return _OPEN_QUOTE
        return None

    records = csv_records(readline, check=one_record)
    for _, line, values in records:
        if isinstance(values, MalformedRecord):
            raise MalformedRecord(line, f"the header row cannot be read: {values.message}")
        header = Header(
            tuple(v.lstrip("\ufeff") if i == 0 else v for i, v in enumerate(values)), line
        )
        break
    else:
        return
    names = header.names
    width = len(names)
    for number, line, values in records:
        if isinstance(values, MalformedRecord):
            yield number - 1, line, values
        elif len(values) > width or '"' in "".join(values):
            yield number - 1, line, header.row(values, line)
        else:
            yield number - 1, line, dict(zip(names, values, strict=False))


def _stray_quote(names: tuple[str, ...], values: list[str], line: int) -> MalformedRecord | None:
    """No input value holds a quote mark: one inside a value is a stray one (``2+"``), which
    csv reads as part of the value."""
    for name, value in zip(names, values, strict=False):
        if '"' in value:
            return MalformedRecord(
                line, f"a stray quote mark in the value {value.strip()} (column {name}): remove it."
            )
    return None

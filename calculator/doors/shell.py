"""What the command line's doors share (``cli`` and ``reclassify_cli``): the exit codes, the
argument parser whose usage errors are JSON, one JSON line out, and the JSONL reader."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, NoReturn, TextIO

from calculator.decide.errors import InputError
from calculator.doors.jsontext import loads

EXIT_OK, EXIT_READ, EXIT_INVALID = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse whose usage errors are JSON on stdout too, with exit 2."""

    def error(self, message: str) -> NoReturn:  # usage errors: JSON too, exit 2
        self.print_usage(sys.stderr)
        emit({"errors": [{"field": "", "message": message}]})
        raise SystemExit(EXIT_INVALID)


def emit(payload: Any, out: TextIO | None = None) -> None:
    """One JSON line on ``out`` (default stdout)."""
    stream = out or sys.stdout
    stream.write(json.dumps(payload, ensure_ascii=False, allow_nan=False) + "\n")


def jsonl_rows(stream: TextIO) -> Iterator[tuple[int, Any]]:
    """``(line number, object or InputError)`` for each non-blank line of a JSONL stream."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            try:
                yield number, loads(line)
            except InputError as exc:
                yield number, exc

"""Command line: ``python -m calculator [FILE]``, ``batch FILE``, ``schema``.

Exit codes: 0 a result (or a batch that ran, even with bad rows), 2 invalid input or usage,
1 a file that cannot be read. Errors are JSON on stdout, ``{"errors": [{"field", "message"}]}``;
there is never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from calculator import __version__
from calculator.decide.errors import InputError
from calculator.doors.form import evaluate_flat
from calculator.doors.jsontext import loads
from calculator.doors.records import MalformedRecord, csv_rows
from calculator.doors.schema import input_schema, result_schema
from calculator.doors.shell import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_READ,
    Parser,
    emit,
    jsonl_rows,
)
from calculator.words.result import evaluate


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m calculator",
        description="Interpret HER2 tests and check trastuzumab eligibility. Reads one JSON "
        "object (CONTRIBUTING.md#calculator-json) from FILE or stdin and prints the result JSON.",
        epilog="Exit codes: 0 result; 2 invalid input (errors as JSON on stdout); 1 unreadable "
        "file. Subcommands: 'batch FILE' (CSV or JSONL, one result line per row) and "
        "'schema' (the input JSON Schema; --result: the result's); each has --help.",
    )
    parser.add_argument("--version", action="version", version=f"calculator {__version__}")
    parser.add_argument("file", nargs="?", help="JSON file with one input object (default: stdin)")
    return parser


def _batch_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m calculator batch",
        description="Evaluate every row of a CSV (header = input keys; ISH as ish_method, "
        "her2_cep17_ratio, avg_her2_copies) or JSONL file. Prints one JSON line per row: "
        '{"row": n, "result": ...} or {"row": n, "errors": [...]}; bad rows do not stop the batch.',
    )
    parser.add_argument("file", help="a .csv or .jsonl file ('-' for JSONL on stdin)")
    parser.add_argument("--format", choices=("csv", "jsonl"), help="override the file suffix")
    return parser


def _schema_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m calculator schema", description="Print the input JSON Schema.")
    parser.add_argument(
        "--result", action="store_true", help="print the result's JSON Schema instead"
    )
    return parser


def _read(path: str | None) -> str:
    if path is None or path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def _one(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        text = _read(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
        return EXIT_READ
    try:
        emit(evaluate(loads(text)))
    except InputError as exc:
        emit({"errors": exc.errors})
        return EXIT_INVALID
    return EXIT_OK


def _batch(argv: list[str]) -> int:
    args = _batch_parser().parse_args(argv)
    fmt = args.format or ("csv" if args.file.lower().endswith(".csv") else "jsonl")
    try:
        # newline="": lines end at CR, LF or CRLF, and a quoted CSV value keeps its own.
        stream = (
            io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace", newline="")
            if args.file == "-"
            else Path(args.file).open(encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
        )
    except OSError as exc:
        emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
        return EXIT_READ
    with stream:
        rows: Iterator[tuple[int, int | None, Any]] = (
            csv_rows(stream.readline)
            if fmt == "csv"
            else ((n, None, data) for n, data in jsonl_rows(stream))
        )
        try:
            for number, line, data in rows:
                emit(_batch_row(number, line, data, fmt))
        except MalformedRecord as exc:  # the header: nothing was written yet
            emit({"errors": exc.errors})
            return EXIT_INVALID
        except OSError as exc:
            emit({"errors": [{"field": "", "message": f"Cannot read {args.file}: {exc}"}]})
            return EXIT_READ
    return EXIT_OK


def _batch_row(number: int, line: int | None, data: Any, fmt: str) -> dict[str, Any]:
    """One output line of ``batch``: the row's result, or its errors (with the line where a CSV
    row starts)."""
    try:
        if isinstance(data, InputError):
            raise data
        if fmt == "csv":
            _, result, errors = evaluate_flat(data, nested_names=True)
            if result is None:
                raise InputError(errors)
        else:
            result = evaluate(data)
    except InputError as exc:
        if line is None:
            return {"row": number, "errors": exc.errors}
        return {"row": number, "line": line, "errors": exc.errors}
    return {"row": number, "result": result}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["batch"]:
            return _batch(args[1:])
        if args[:1] == ["reclassify"]:
            from calculator.doors.reclassify_cli import main as reclassify

            return reclassify(args[1:])
        if args[:1] == ["schema"]:
            wanted = _schema_parser().parse_args(args[1:])
            schema = result_schema() if wanted.result else input_schema()
            print(json.dumps(schema, indent=2, ensure_ascii=False))
            return EXIT_OK
        return _one(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK

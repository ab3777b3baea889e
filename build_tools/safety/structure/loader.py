"""Read the hazard log with the line of every value, validate it, and say what is wrong where.

Every problem is reported at once as ``<file>:<line>: <where>: <what>``: the schema's
(:mod:`.hazards`), a source that is not a key of the bibliography, a test file that does not
exist or does not define the test. Whether each node id is collected by pytest is checked by the
test suite (``tests/safety``), and whether it passes by ``python -m build_tools.safety check``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from build_tools import yamlfile
from build_tools.safety.structure.hazards import HazardLog, node_file, node_function

__all__ = ["HazardLogError", "hazard_log_sha256", "load_hazard_log"]

Path_ = tuple[str | int, ...]


class HazardLogError(ValueError):
    """The hazard log is missing or invalid; ``problems`` lists every one with its line."""

    def __init__(self, problems: list[str], /) -> None:
        self.problems = problems
        super().__init__("invalid hazard log:\n" + "\n".join(f"  {p}" for p in problems))


def hazard_log_sha256(path: Path, /) -> str:
    """The sha256 of the log's raw bytes (what a signed approval records)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lines(node: yaml.Node, path: Path_ = ()) -> dict[Path_, int]:
    """Line (1-based) of every value in the composed YAML, by its path."""
    found = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found |= _lines(value, (*path, str(key.value)))
            found[(*path, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found |= _lines(item, (*path, index))
    return found


def _line(lines: dict[Path_, int], loc: Iterable[str | int]) -> int:
    path = tuple(loc)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _where(data: Any, loc: tuple[str | int, ...]) -> str:
    """``hazards[3] (HAZ-004).control.kind`` for a pydantic location."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            parts[-1] += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str) and len(parts) == 1:
                parts[-1] += f" ({node['id']})"
        else:
            parts.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts) or "the log"


def _defines(test_file: Path, function: str) -> bool:
    text = test_file.read_text(encoding="utf-8")
    return re.search(rf"^\s*(async\s+)?def {re.escape(function)}\(", text, re.M) is not None


def load_hazard_log(
    path: Path, /, *, root: Path, bibliography_keys: Iterable[str], name: str | None = None
) -> HazardLog:
    """The validated log at ``path``; raise :class:`HazardLogError` listing every problem.

    ``root`` is the project (node ids are relative to it); ``name`` is how messages name the
    file (default: its path relative to ``root``).
    """
    shown = name or (path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HazardLogError([f"{shown}: cannot read the hazard log: {exc.strerror}"]) from None
    try:
        node = yamlfile.compose(text)
        data = yamlfile.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise HazardLogError([f"{shown}:{line}: not valid YAML: {exc}"]) from None
    lines = _lines(node) if node is not None else {}
    try:
        log = HazardLog.model_validate(data)
    except ValidationError as exc:
        found = [
            f"{shown}:{_line(lines, e['loc'])}: {_where(data, e['loc'])}: {e['msg']}"
            for e in exc.errors()
        ]
        raise HazardLogError(found) from None
    problems: list[str] = []
    keys = set(bibliography_keys)
    for i, hazard in enumerate(log.hazards):
        expected = f"HAZ-{i + 1:03d}"
        if hazard.id != expected:
            problems.append(
                f"{shown}:{_line(lines, ('hazards', i, 'id'))}: hazards[{i}] ({hazard.id}).id: "
                f"ids run HAZ-001, HAZ-002, … without gaps or repeats: expected {expected}"
            )
        for j, key in enumerate(hazard.sources):
            if key not in keys:
                problems.append(
                    f"{shown}:{_line(lines, ('hazards', i, 'sources', j))}: hazards[{i}] "
                    f"({hazard.id}).sources: '{key}' is not a key of the bibliography"
                )
        for j, node_id in enumerate(hazard.tests):
            test_file = root / node_file(node_id)
            where = (
                f"{shown}:{_line(lines, ('hazards', i, 'tests', j))}: hazards[{i}] ({hazard.id})"
            )
            if not test_file.is_file():
                problems.append(f"{where}.tests: {node_file(node_id)} does not exist")
            elif not _defines(test_file, node_function(node_id)):
                problems.append(
                    f"{where}.tests: {node_file(node_id)} defines no test "
                    f"{node_function(node_id)}()"
                )
    if problems:
        raise HazardLogError(problems)
    return log

"""The calculator's rule changes in words (for the review packet).

Two versions of the rules (``calculator/rules/criteria.py``, the words…) are compared: the snapshot stored at the last approval
(``_revisions/v<version>.covered.json``) and the files as they are now. The **values** compared
are the rule data each version evaluates to (every UPPER_CASE constant of its rule modules,
imported by :mod:`build_tools.editorial.door` in a child process and turned into plain data), so
a table computed from other constants is compared by what it holds, not by how it is written.
The sources give what a value cannot: which constants a file defines, the ``#:`` comment saying
what each is, the ``# --- Section (source) ---`` heading above it, and in which files code other
than these constants changed (what that code now answers is shown by the golden cases whose
answers changed). Without evaluated data (a version that cannot be imported), the literal values
of the sources are read with :mod:`ast`, never importing them.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Constant",
    "RuleChange",
    "RulesReport",
    "compare_rules",
    "constants",
    "evaluated",
]

_SECTION = re.compile(r"^#\s*-{3}\s*(.+?)\s*-{3,}\s*$")
_UPPER = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class Constant:
    name: str
    #: The ``# --- Section ---`` heading above it (``""`` if none).
    section: str
    #: Its ``#:`` comment, in words.
    doc: str
    #: Its value as plain data (dataclass rows become ``{field: value}``), or ``None`` when the
    #: value is computed (then :attr:`source` is compared).
    value: Any
    source: str
    line: int


@dataclass(frozen=True)
class RuleChange:
    file: str
    name: str
    section: str
    doc: str
    #: ``changed``, ``added`` or ``removed``.
    kind: str
    old: str | None
    new: str | None
    #: For tables: one line per row or entry that changed, in words.
    details: tuple[str, ...] = ()


@dataclass
class RulesReport:
    changes: list[RuleChange] = field(default_factory=list)
    #: Files whose code (not only constants) changed: ``(file, lines added, lines removed)``.
    code_changed: list[tuple[str, int, int]] = field(default_factory=list)
    files_added: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.changes or self.code_changed or self.files_added or self.files_removed)


def _records(tree: ast.Module) -> dict[str, list[str]]:
    """Field names of the module's dataclasses (``IhcScore`` → ``[score, definition, …]``)."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = [
                n.target.id
                for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            ]
    return out


class _Computed(ValueError):
    pass


def _value(node: ast.expr, records: dict[str, list[str]], known: dict[str, Any]) -> Any:
    """Plain data of a literal, a table of dataclass rows, or a name of an earlier constant."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Tuple | ast.List):
        return [_value(e, records, known) for e in node.elts]
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise _Computed
        return {
            str(_value(k, records, known)): _value(v, records, known)  # type: ignore[arg-type]
            for k, v in zip(node.keys, node.values, strict=True)
        }
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in records:
        names = records[node.func.id]
        row = {names[i]: _value(a, records, known) for i, a in enumerate(node.args[: len(names)])}
        row.update({k.arg: _value(k.value, records, known) for k in node.keywords if k.arg})
        return row
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _value(node.operand, records, known)
        if isinstance(inner, int | float):
            return -inner
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    raise _Computed


def constants(source: str, /) -> dict[str, Constant]:
    """The module-level UPPER_CASE constants of ``source`` with their section and comment."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    lines = source.splitlines()
    records = _records(tree)
    sections = [
        (number, match.group(1))
        for number, text in enumerate(lines, start=1)
        if (match := _SECTION.match(text.strip()))
    ]
    out: dict[str, Constant] = {}
    known: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if not (isinstance(target, ast.Name) and _UPPER.match(target.id)):
            continue
        doc_lines: list[str] = []
        at = node.lineno - 2
        while at >= 0 and lines[at].lstrip().startswith("#:"):
            doc_lines.insert(0, lines[at].lstrip()[2:].strip())
            at -= 1
        section = next((title for number, title in reversed(sections) if number < node.lineno), "")
        try:
            plain = _value(value, records, known)
            known[target.id] = plain
        except _Computed:
            plain = None
        out[target.id] = Constant(
            name=target.id,
            section=section,
            doc=" ".join(doc_lines),
            value=plain,
            source=ast.get_source_segment(source, value) or "",
            line=node.lineno,
        )
    return out


def words(value: Any, /) -> str:
    """A value as a reader would write it: 16.0 → 16, tuples as lists, rows as field: value."""
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "none"}[value]
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {words(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(words(v) for v in value) or "none"
    return str(value)


def _table_details(old: Any, new: Any) -> tuple[str, ...]:
    """Row by row (lists) or key by key (dicts), what differs."""
    out = []
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                out.append(f"{key}: removed (was {words(old[key])})")
            elif key not in old:
                out.append(f"{key}: added ({words(new[key])})")
            elif old[key] != new[key]:
                out.append(f"{key}: {words(old[key])} → {words(new[key])}")
        return tuple(out)
    if isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            if index >= len(new):
                out.append(f"row {index + 1} removed: {words(old[index])}")
            elif index >= len(old):
                out.append(f"row {index + 1} added: {words(new[index])}")
            elif old[index] != new[index]:
                a, b = old[index], new[index]
                if isinstance(a, dict) and isinstance(b, dict):
                    diffs = _table_details(a, b)
                    out.append(f"row {index + 1}: " + "; ".join(diffs))
                else:
                    out.append(f"row {index + 1}: {words(a)} → {words(b)}")
    return tuple(out)


def _without_constants(source: str) -> str:
    """The module's code with its constants' values blanked (to tell a code change apart)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if all(isinstance(t, ast.Name) and _UPPER.match(t.id) for t in targets):
                node.value = ast.Constant(None)
    return ast.dump(tree)


def _count(old: str, new: str) -> tuple[int, int]:
    import difflib

    added = removed = 0
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("+") and not line.startswith("+++"):
            added += 1
        elif line.startswith("-") and not line.startswith("---"):
            removed += 1
    return added, removed


def evaluated(found: dict[str, Constant], data: dict[str, Any] | None) -> dict[str, Constant]:
    """``found`` with each value replaced by the evaluated one from ``data`` (``{NAME: value}``
    of the module, as the door returns it), where the module could be evaluated."""
    if not data or "!error" in data:
        return found
    return {
        name: dataclasses.replace(c, value=data[name]) if name in data else c
        for name, c in found.items()
    }


def compare_rules(
    old: dict[str, str],
    new: dict[str, str],
    /,
    *,
    old_data: dict[str, Any] | None = None,
    new_data: dict[str, Any] | None = None,
) -> RulesReport:
    """What changed between two versions of the rule sources (name → text), with the rule
    data each evaluates to (``{file: {NAME: value}}``, :mod:`build_tools.editorial.door`)."""
    report = RulesReport(
        files_added=sorted(set(new) - set(old)), files_removed=sorted(set(old) - set(new))
    )
    for name in sorted(set(old) & set(new)):
        before = evaluated(constants(old[name]), (old_data or {}).get(name))
        after = evaluated(constants(new[name]), (new_data or {}).get(name))
        if old[name] == new[name] and all(
            before[k].value == after[k].value for k in before if k in after
        ):
            continue
        for key in [*before, *(k for k in after if k not in before)]:
            a, b = before.get(key), after.get(key)
            current = b or a
            assert current is not None
            if a is None or b is None:
                report.changes.append(
                    RuleChange(
                        name,
                        key,
                        current.section,
                        current.doc,
                        "added" if a is None else "removed",
                        None if a is None else words(a.value) if a.value is not None else a.source,
                        None if b is None else words(b.value) if b.value is not None else b.source,
                    )
                )
                continue
            same = a.value == b.value if a.value is not None and b.value is not None else False
            if same or (a.value is None and b.value is None and a.source == b.source):
                continue
            tabular = isinstance(a.value, list | dict) and isinstance(b.value, list | dict)
            report.changes.append(
                RuleChange(
                    name,
                    key,
                    b.section,
                    b.doc or a.doc,
                    "changed",
                    None if tabular else words(a.value) if a.value is not None else a.source,
                    None if tabular else words(b.value) if b.value is not None else b.source,
                    _table_details(a.value, b.value) if tabular else (),
                )
            )
        if _without_constants(old[name]) != _without_constants(new[name]):
            report.code_changed.append((name, *_count(old[name], new[name])))
    return report

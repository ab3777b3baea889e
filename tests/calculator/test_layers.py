"""The calculator's floors (CONTRIBUTING.md#layers): ``rules`` (data with sources) <- ``decide``
<- ``words`` <- ``doors``. Each module imports only its own floor and the floors below, read from
the source with ``ast`` (imports inside functions count too), and the modules import no cycle.
The package face (``calculator/__init__.py``) only hands names on."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "calculator"
FLOORS = ("rules", "decide", "words", "doors")


@cache
def _modules() -> dict[str, Path]:
    """Module name → file; a package is named by its folder (``calculator``, ``calculator.rules``)."""
    found = {}
    for p in PACKAGE.rglob("*.py"):
        parts = p.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return found


def _imports(path: Path) -> set[str]:
    """Every ``calculator`` module (or package) a file imports, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n in _modules()}


def _floor(module: str) -> int | None:
    parts = module.split(".")
    return FLOORS.index(parts[1]) if len(parts) > 1 and parts[1] in FLOORS else None


@cache
def _edges() -> dict[str, set[str]]:
    return {
        name: {i for i in _imports(path) if i != name and (name, i) not in KNOWN_UPWARD}
        for name, path in _modules().items()
        if not name.endswith("__main__")
    }


#: The one import that still goes up, inside two functions: validation names a field in an error
#: by its label in the field table. Moving ``parse`` up a floor (and the re-classifier's row
#: reading with it) removes it; until then it is listed here, and nowhere else is allowed.
KNOWN_UPWARD = {("calculator.decide.inputs", "calculator.words.fields")}

#: Names a module may take from the package face: its version only (a constant, no code).
FACE_CONSTANTS = {"calculator.__version__"}


def test_every_module_lives_on_a_floor() -> None:
    loose = sorted(
        n
        for n in _modules()
        if _floor(n) is None and n not in {"calculator", "calculator.__main__"}
    )
    assert loose == [], f"modules outside rules/, decide/, words/, doors/: {loose}"


@pytest.mark.parametrize("module", sorted(_edges()))
def test_a_module_imports_only_its_floor_and_the_floors_below(module: str) -> None:
    here = _floor(module)
    if here is None:
        return  # the package face: see the test below
    upward = sorted(
        i
        for i in _edges()[module]
        if i == "calculator" or (_floor(i) is not None and _floor(i) > here)  # type: ignore[operator]
    )
    path = _modules()[module]
    # `from calculator import __version__` is the version constant, not the face's code.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    face_names = {
        f"calculator.{a.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "calculator"
        for a in node.names
    }
    if face_names <= FACE_CONSTANTS:
        upward = [i for i in upward if i != "calculator"]
    assert upward == [], f"{module} ({FLOORS[here]}) imports a higher floor: {upward}"


def test_the_modules_import_no_cycle() -> None:
    edges = {m: {i for i in e if i in _edges()} for m, e in _edges().items()}
    edges = {m: {i for i in e if _floor(i) is not None} for m, e in edges.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                raise AssertionError(" -> ".join([*path[path.index(n) :], n]))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


def test_the_package_face_only_hands_names_on() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.ImportFrom):
            continue
        if isinstance(node, ast.Assign) and all(
            isinstance(t, ast.Name) and t.id in {"__version__", "__all__"} for t in node.targets
        ):
            continue
        raise AssertionError(f"calculator/__init__.py line {node.lineno} does more than re-export")

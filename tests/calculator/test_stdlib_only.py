"""calculator/ imports only the standard library and itself (it must load fast under Pyodide)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "calculator"


def test_every_import_is_stdlib_or_calculator() -> None:
    foreign: list[str] = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top != "calculator" and top not in sys.stdlib_module_names:
                    foreign.append(f"{path.name}: {name}")
    assert foreign == []


def test_importing_the_package_loads_no_third_party_module() -> None:
    code = (
        "import sys, calculator, calculator.doors.bridge, calculator.doors.cli;"
        "mods = {m.split('.')[0] for m in sys.modules};"
        "print(sorted(m for m in mods if m not in sys.stdlib_module_names and m != 'calculator'"
        " and not m.startswith('_')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"

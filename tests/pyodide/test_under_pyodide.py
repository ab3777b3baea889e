"""The calculator's own unit tests, run again under Pyodide's Python in Node (no browser).

The page runs `calculator` on Pyodide (Python 3.14, WebAssembly); CPython runs it on the command
line. Running the same tests on both makes any difference between them a failing test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / ".cache" / "pyodide-test-wheels"
# These test modules start CPython subprocesses (the CLI), which Pyodide cannot do.
NEEDS_SUBPROCESS = ("test_cli.py", "test_stdlib_only.py")

pytestmark = pytest.mark.pyodide


def test_calculator_unit_tests_pass_under_pyodide() -> None:
    node = shutil.which("node")
    assert node, "node is required (it ships with this machine kind)"
    assert WHEELS.is_dir(), "run `make test` (it downloads pytest's wheels for Pyodide)"
    ignores = [f"--ignore=tests/calculator/{name}" for name in NEEDS_SUBPROCESS]
    done = subprocess.run(
        [
            node,
            "tests/pyodide/run_pytest.mjs",
            ".",
            str(WHEELS),
            "tests/calculator",
            "-q",
            "-p",
            "no:randomly",
            "-W",
            "ignore::pytest.PytestConfigWarning",
            *ignores,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    tail = "\n".join(done.stdout.splitlines()[-15:])
    assert done.returncode == 0, f"pytest under Pyodide failed:\n{tail}\n{done.stderr[-2000:]}"
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed.group(1)) >= 50, f"too few tests ran under Pyodide:\n{tail}"
    assert "platform=emscripten" in done.stdout, "the tests did not run on Pyodide"

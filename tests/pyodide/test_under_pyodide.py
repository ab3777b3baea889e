"""The calculator's own unit tests, run again under Pyodide's Python in Node (no browser).

The page runs `calculator` on Pyodide (Python 3.14, WebAssembly); CPython runs it on the command
line. Running the same tests on both makes any difference between them a failing test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / ".cache" / "pyodide-test-wheels"
# These test modules start CPython subprocesses (the CLI), which Pyodide cannot do.
NEEDS_SUBPROCESS = (
    "test_cli.py",
    "test_stdlib_only.py",
    "test_every_door.py",
    "test_text_follows_constants.py",
)

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


def test_the_wheel_stamps_results_with_the_same_rules_digest_as_cpython(tmp_path: Path) -> None:
    """Issue 12 rule 12: the page's result carries the CLI's `rules` (the wheel holds the .py
    rule sources, so Pyodide computes the same sha256 from the installed package)."""
    from build_tools.pyodide.wheel import build_wheel
    from calculator import evaluate

    node = shutil.which("node")
    assert node, "node is required (it ships with this machine kind)"
    wheel = build_wheel(ROOT / "calculator", tmp_path)
    code = (
        "import json, sys, calculator\n"
        "from calculator import evaluate\n"
        "assert '/repo' not in calculator.__file__\n"
        "r = evaluate({'indication': 'metastatic_breast', 'ihc': '3+', 'lvef_percent': 30})\n"
        "json.dumps({'platform': sys.platform, 'rules': r['rules'], "
        "'eligibility': r['eligibility']})"
    )
    done = subprocess.run(
        [node, "tests/pyodide/run_wheel.mjs", ".", str(wheel), code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    expected = evaluate({"indication": "metastatic_breast", "ihc": "3+", "lvef_percent": 30})
    assert out["platform"] == "emscripten"
    assert out["rules"] == expected["rules"]
    assert out["rules"]["version"] == "3.4.0"
    assert out["eligibility"] == "consider"

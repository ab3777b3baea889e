""".ci/run: the lint runs first, and a test run that collected no tests (pytest's exit 5) fails
CI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ci(tmp_path: Path, test_recipe: str) -> tuple[int, list[str]]:
    """.ci/run with a ``make`` that logs each target and runs ``test_recipe`` for ``test``
    through the real make (so make's own exit code is what CI sees)."""
    log = tmp_path / "targets.log"
    makefile = tmp_path / "Makefile"
    makefile.write_text(f"lint:\n\t@true\ntest:\n\t@{test_recipe}\n")
    stub = tmp_path / "bin" / "make"
    stub.parent.mkdir()
    stub.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec /usr/bin/make -s -f {makefile} "$@"\n')
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    done = subprocess.run(
        [str(ROOT / ".ci" / "run")],
        env={**os.environ, "PATH": f"{stub.parent}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, log.read_text().split()


def test_lint_runs_before_the_tests(tmp_path: Path) -> None:
    code, targets = _ci(tmp_path, "true")
    assert (code, targets) == (0, ["lint", "test"])


def test_a_run_that_collected_no_tests_fails(tmp_path: Path) -> None:
    empty = tmp_path / "no_tests"
    empty.mkdir()
    code, targets = _ci(tmp_path, f"{sys.executable} -m pytest -q -p no:cacheprovider {empty}")
    assert targets == ["lint", "test"]
    assert code != 0

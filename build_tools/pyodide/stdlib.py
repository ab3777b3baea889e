"""The standard library the page ships: trimmed to what the page's Python imports, with the
calculator package inside it.

``trim_stdlib.mjs`` starts Pyodide in Node as the page does, imports every module that
``imports.page_imports`` finds in the calculator's source (from its browser door, function-level
imports included), runs every door of ``calculator.doors.bridge`` (``exercise.py``) and keeps, as
bytecode compiled by Pyodide's own Python (as ``-OO``: no docstrings), each module then loaded
from Pyodide's ``python_stdlib.zip``; then adds every source file of the calculator with its
bytecode beside it (compiled as written), so the page's plain start imports the calculator from
this zip and installs no wheel. A new import in the calculator is picked up by the next build; an import
that stock Pyodide cannot satisfy either is reported (it would fail on the page anyway).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("trim_stdlib.mjs")


class StdlibError(RuntimeError):
    """The trimmed standard library could not be made."""


@dataclass(frozen=True)
class TrimReport:
    modules: tuple[str, ...]
    unavailable: tuple[str, ...]


def trim(
    npm_dir: Path,
    lock_file: Path,
    imports: Path,
    out: Path,
    bytecode: Path,
    /,
    *,
    node: str = "node",
) -> TrimReport:
    """Write the trimmed ``out`` zip for the page imports listed in ``imports``
    (``imports.write_page_imports``); ``lock_file`` lists the wheel (in the same folder).
    ``bytecode``: the package's modules compiled by Pyodide's Python, as ``__pycache__``
    entries (``wheel.add_bytecode``)."""
    done = subprocess.run(
        [node, str(SCRIPT), str(npm_dir), str(lock_file), str(out), str(imports), str(bytecode)],
        capture_output=True,
        text=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent"},
        check=False,
    )
    if done.returncode != 0:
        raise StdlibError(
            f"Trimming the standard library failed ({done.returncode}); set trim_stdlib: false "
            f"to ship Pyodide's own.\n{done.stderr[-1500:]}"
        )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return TrimReport(tuple(report["modules"]), tuple(report["unavailable"]))

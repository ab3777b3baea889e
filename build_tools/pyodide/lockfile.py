"""Write the ``pyodide-lock.json`` that lists the calculator wheel beside Pyodide's own packages.

pyodide-build's ``pyodide lockfile add-wheels`` writes it (it reads the wheel's metadata and
records ``sha256``, ``imports``, ``file_name`` and ``install_dir``). pyodide-build 0.26+ needs
Python 3.12+, so it lives in its own virtual environment (``make setup`` creates it). It is
required: without it the build stops and says how to install it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any


class LockfileError(RuntimeError):
    """pyodide-build is missing, or failed to add the wheel to the lock file."""


def add_wheel(base_lock: Path, wheel: Path, out: Path, /, *, python: Path) -> None:
    """Write ``out``: ``base_lock`` plus ``wheel``, with pyodide-build run by ``python``."""
    if not python.is_file():
        raise LockfileError(
            f"pyodide-build is required to write pyodide-lock.json, but {python} does not exist. "
            "Run `make setup` (it needs a Python 3.12 or newer to create .venv-pyodide), or set "
            "the guide/pyodide option lockfile_python to a Python with pyodide-build installed."
        )
    cmd = [
        str(python),
        "-m",
        "pyodide_cli",
        "lockfile",
        "add-wheels",
        "--input",
        str(base_lock),
        "--output",
        str(out),
        str(wheel),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise LockfileError(
            f"pyodide lockfile add-wheels failed ({done.returncode}): {done.stderr.strip()}"
        )


def trim(lock_path: Path, keep: str, /) -> dict[str, Any]:
    """Keep only ``keep`` and its dependency closure: the page loads nothing else."""
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    packages: dict[str, Any] = lock["packages"]
    wanted: set[str] = set()
    todo = [keep]
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        todo.extend(packages[name].get("depends", []))
    lock["packages"] = {name: packages[name] for name in sorted(wanted)}
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
    return lock


def replace_wheel(lock_path: Path, package: str, wheel: Path, /) -> None:
    """Point ``package``'s entry at ``wheel``, the same package with other bytes (its bytecode
    added): only its file name and sha256 change."""
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    entry = lock["packages"][package]
    entry["file_name"] = wheel.name
    entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")

"""Write the ``pyodide-lock.json`` that lists the calculator wheel beside Pyodide's own packages.

The preferred path is pyodide-build's ``pyodide lockfile add-wheels`` (it reads the wheel's
metadata and records ``sha256``, ``imports``, ``file_name`` and ``install_dir``). pyodide-build
0.26+ needs Python 3.12+, so it lives in its own virtual environment; when that is missing the
same entry is written here from the wheel itself, so a build never depends on it silently
differing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import zipfile
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.guide.pyodide")


class LockfileError(RuntimeError):
    """pyodide-build failed to add the wheel to the lock file."""


def _entry_from_wheel(wheel: Path, /) -> dict[str, Any]:
    name, version = wheel.name.split("-")[:2]
    with zipfile.ZipFile(wheel) as zf:
        top_level = sorted(
            {n.split("/")[0] for n in zf.namelist() if not n.split("/")[0].endswith(".dist-info")}
        )
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": top_level,
        "depends": [],
        "unvendored_tests": False,
        "shared_library": False,
    }


def add_wheel(base_lock: Path, wheel: Path, out: Path, /, *, python: Path | None) -> str:
    """Write ``out``: ``base_lock`` plus ``wheel``. Returns which tool wrote it."""
    if python is not None and python.is_file():
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
        return "pyodide-build"
    log.info("pyodide-build not found at %s; writing the lock entry from the wheel", python)
    lock = json.loads(base_lock.read_text(encoding="utf-8"))
    entry = _entry_from_wheel(wheel)
    lock["packages"][entry["name"]] = entry
    out.write_text(json.dumps(lock, indent=2), encoding="utf-8")
    return "builtin"


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

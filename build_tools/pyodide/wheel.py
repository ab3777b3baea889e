"""Build a reproducible pure-Python wheel of one import package with flit_core.

The project's distribution holds both ``calculator`` and ``build_tools``; the browser needs only
``calculator``, so the site gets a wheel of that package alone, built by a standard backend from
a staging copy. Entries are dated from a fixed ``SOURCE_DATE_EPOCH``, so the same sources always
give the same bytes (and the same sha256).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

_VERSION_RE = re.compile(r'^__version__\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)


class WheelBuildError(RuntimeError):
    """The package cannot be turned into a wheel (missing folder or version)."""


def package_version(package_dir: Path, /) -> str:
    """Read ``__version__`` from the package's ``__init__.py`` without importing it."""
    init = package_dir / "__init__.py"
    if not init.is_file():
        raise WheelBuildError(f"{package_dir} is not a Python package: no __init__.py.")
    match = _VERSION_RE.search(init.read_text(encoding="utf-8"))
    if not match:
        raise WheelBuildError(f"{init} does not define __version__ = '...'.")
    return match.group(1)


def source_files(package_dir: Path, /) -> list[Path]:
    """The package's Python and data files, sorted, without caches."""
    return sorted(
        p
        for p in package_dir.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )


def sources_digest(package_dir: Path, /) -> str:
    """A sha256 over the package's file names and contents (the cache key of a build)."""
    digest = hashlib.sha256()
    for path in source_files(package_dir):
        digest.update(path.relative_to(package_dir.parent).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


_PYPROJECT = """\
[build-system]
requires = ["flit_core==4.2.0"]
build-backend = "flit_core.buildapi"

[project]
name = "{name}"
version = "{version}"
description = "HER2 test interpretation and trastuzumab eligibility rules"
requires-python = ">=3.11"

[tool.flit.module]
name = "{module}"
"""
#: Zip entry dates of the wheel (flit_core reads SOURCE_DATE_EPOCH): 2020-01-01T00:00:00Z.
_SOURCE_DATE_EPOCH = "1577836800"


def build_wheel(package_dir: Path, out_dir: Path, /, *, dist_name: str | None = None) -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` for ``package_dir`` into ``out_dir``, built by
    flit_core (a standard PEP 517 backend) from a staging copy holding only that package."""
    name = dist_name or package_dir.name
    version = package_version(package_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wheel-") as tmp:
        staging = Path(tmp)
        for path in source_files(package_dir):
            target = staging / path.relative_to(package_dir.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        (staging / "pyproject.toml").write_text(
            _PYPROJECT.format(name=name, version=version, module=package_dir.name),
            encoding="utf-8",
        )
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from flit_core.buildapi import build_wheel; "
                "print(build_wheel(sys.argv[1]))",
                str(out_dir.resolve()),
            ],
            cwd=staging,
            env={**os.environ, "SOURCE_DATE_EPOCH": _SOURCE_DATE_EPOCH},
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise WheelBuildError(
            f"Building the wheel of {package_dir} with flit_core failed:\n{done.stderr[-1500:]}"
        )
    return out_dir / done.stdout.strip().splitlines()[-1]


def add_bytecode(wheel: Path, bytecode: Path, out_dir: Path, /) -> Path:
    """A copy of ``wheel`` in ``out_dir`` that also holds the ``__pycache__`` entries of the zip
    ``bytecode`` (listed in RECORD): unchecked hash-based bytecode compiled by Pyodide's own
    Python, so importing the package there compiles nothing. Other Pythons see another magic
    number and compile the sources as usual. Same inputs, same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel.name
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(bytecode) as extra:
        added = {name: extra.read(name) for name in sorted(extra.namelist())}
        record = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
        lines = src.read(record).decode("utf-8").splitlines()
        for name, data in added.items():
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            lines.insert(len(lines) - 1, f"{name},sha256={digest.decode()},{len(data)}")
        # Stored, not deflated: the site's Brotli copy of the whole wheel is about 40% smaller
        # than deflating each entry (build_tools/compress writes it; .whl is not skipped there).
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
            for info in src.infolist():
                if info.filename == record:
                    for name, data in added.items():
                        entry = zipfile.ZipInfo(name, date_time=info.date_time)
                        entry.compress_type = zipfile.ZIP_STORED
                        entry.external_attr = info.external_attr
                        out.writestr(entry, data)
                    info.compress_type = zipfile.ZIP_STORED
                    out.writestr(info, "\n".join(lines) + "\n")
                else:
                    data = src.read(info.filename)
                    info.compress_type = zipfile.ZIP_STORED
                    out.writestr(info, data)
    return target

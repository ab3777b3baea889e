"""Build a reproducible pure-Python wheel of one import package, with the standard library only.

The project's distribution holds both ``calculator`` and ``build_tools``; the browser needs only
``calculator``, so the site gets a wheel of that package alone. Entries are sorted and stamped
with a fixed date so the same sources always give the same bytes (and the same sha256).
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from pathlib import Path

_FIXED_DATE = (2020, 1, 1, 0, 0, 0)
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


def _record_hash(data: bytes) -> str:
    raw = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + raw.decode()


def build_wheel(package_dir: Path, out_dir: Path, /, *, dist_name: str | None = None) -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` for ``package_dir`` into ``out_dir``."""
    name = dist_name or package_dir.name
    version = package_version(package_dir)
    dist_info = f"{name}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [
        (path.relative_to(package_dir.parent).as_posix(), path.read_bytes())
        for path in source_files(package_dir)
    ]
    entries.append(
        (
            f"{dist_info}/METADATA",
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
            "Summary: HER2 test interpretation and trastuzumab eligibility rules\n".encode(),
        )
    )
    entries.append(
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: build_tools.pyodide\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    entries.append((f"{dist_info}/top_level.txt", f"{package_dir.name}\n".encode()))
    record_lines = [f"{arcname},{_record_hash(data)},{len(data)}" for arcname, data in entries]
    record_lines.append(f"{dist_info}/RECORD,,")
    entries.append((f"{dist_info}/RECORD", ("\n".join(record_lines) + "\n").encode()))

    out_dir.mkdir(parents=True, exist_ok=True)
    wheel_path = out_dir / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel_path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return wheel_path

"""The hazard log's fingerprint, as an approval records it (``hazards_sha256``).

The hazard log (``docs/safety/hazard-log.yml``: each hazard of the calculator, its control and
the test that proves it) is kept by the safety tooling; an approval of an article that embeds the
calculator records the sha256 of the file's raw bytes, or ``null`` while there is no such file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["HAZARD_LOG", "hazards_sha256"]

#: Relative to the project (the folder of ``mkdocs.yml``).
HAZARD_LOG = "docs/safety/hazard-log.yml"


def hazards_sha256(root: Path, /) -> str | None:
    """sha256 (hex) of the hazard log's bytes, or ``None`` when the project has none yet."""
    path = root / HAZARD_LOG
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None

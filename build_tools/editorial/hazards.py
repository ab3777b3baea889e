"""The hazard log's fingerprint, as an approval records it (``hazards_sha256``).

The hazard log (each hazard of the calculator, its control and the test that proves it) is kept
by the safety tooling, which also says where it is (``guide/safety``'s ``hazard_log`` option,
``docs/safety/hazard-log.yml`` by default); an approval of an article that embeds the calculator
records the sha256 of the file's raw bytes, or ``null`` while there is no such file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_tools.safety.project import SafetyProject

__all__ = ["hazards_sha256"]


def hazards_sha256(root: Path, /) -> str | None:
    """sha256 (hex) of the hazard log's bytes, or ``None`` when the project has none yet."""
    path = SafetyProject.at(root).hazard_log
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None

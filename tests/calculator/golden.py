"""Golden cases, read by the one reader of their files and ``expect`` language
(:mod:`build_tools.editorial.expect`), which the approval gate uses too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_tools.editorial.expect import read_cases

GOLDEN = Path(__file__).parent / "golden"


def cases() -> list[dict[str, Any]]:
    return [{**case, "file": file} for file, case in read_cases(GOLDEN)]

"""The calculator's review stamp when no article's review governs it.

The stamp's words and shape are guide/editorial's (``build_tools.editorial.stamp``, words in
``build_tools.editorial.words``); without that plugin the calculator's rules run unreviewed:
"Rules vX (sha8), pending human review", status ``submitted``.
"""

from __future__ import annotations

from typing import Any

from build_tools.editorial.stamp import review_stamp
from calculator.rules.digest import rules_stamp

__all__ = ["unreviewed_stamp"]


def unreviewed_stamp() -> dict[str, Any]:
    """The stamp of rules no reviewer has approved (CONTRIBUTING.md#page)."""
    rules = rules_stamp()
    return review_stamp(None, rules_version=rules["version"], rules_sha256=rules["sha256"])

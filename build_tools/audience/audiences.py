"""The audiences a page can address, their labels, and parsing of a block's audience list."""

from __future__ import annotations

import re

__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "AudienceError",
    "block_label",
    "parse_audiences",
]

#: name -> (choice label in the selector, who a block is "For ..."), in selector order.
AUDIENCES: dict[str, tuple[str, str]] = {
    "patient": ("Patient or caregiver", "patients and caregivers"),
    "student": ("Student or nurse", "students and nurses"),
    "professional": ("Physician or pharmacist", "physicians and pharmacists"),
}

#: Without JavaScript, or before a choice, readers see the full clinical text.
DEFAULT_AUDIENCE = "professional"

_SEPARATORS = re.compile(r"[\s,]+")


class AudienceError(ValueError):
    """An audience block names no audience, or one that does not exist."""


def parse_audiences(argument: str, /) -> tuple[str, ...]:
    """``"patient student"`` (spaces or commas) -> ``("patient", "student")``, in written order."""
    names = [n for n in _SEPARATORS.split(argument.strip().lower()) if n]
    if not names:
        raise AudienceError(
            f"an audience block needs at least one audience: {', '.join(AUDIENCES)}."
        )
    unknown = [n for n in names if n not in AUDIENCES]
    if unknown:
        raise AudienceError(
            f"unknown audience {', '.join(repr(n) for n in unknown)} in '/// audience | "
            f"{argument.strip()}'; expected one or more of: {', '.join(AUDIENCES)}."
        )
    return tuple(dict.fromkeys(names))


def block_label(audiences: tuple[str, ...], /) -> str:
    """Visible label of a block: ``For patients and caregivers, students and nurses``."""
    groups = [AUDIENCES[name][1] for name in AUDIENCES if name in audiences]
    return "For " + ("; ".join(groups) if len(groups) > 1 else groups[0])

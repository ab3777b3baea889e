"""A reason or warning in a result: a stable code, a sentence, and the references behind it."""

from __future__ import annotations

from typing import NamedTuple


class Finding(NamedTuple):
    """Immutable and cheap to create (a frozen dataclass costs several times more)."""

    code: str
    message: str
    refs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "refs": list(self.refs)}


def figure(value: float, /) -> str:
    """A measurement as reports write it: 2.0, 4.0, 2.15, 1.0 cm (never a bare "2" or "1")."""
    return f"{value:.1f}" if round(value, 1) == value else f"{value:g}"

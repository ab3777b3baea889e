"""A reason or warning in a result: a stable code, a sentence, and the references behind it;
and the few phrases the decisions write their sentences with (the words layer reads them too)."""

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


def days(count: float, /) -> str:
    """ "1 day", "11 days", "0.5 days"."""
    return f"{count:g} day" + ("" if count == 1 else "s")


def joined(items: list[str], /) -> str:
    """ "a", "a and b", "a, b and c"."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


#: The heart line of a pregnant patient whose LVEF would let treatment go on (after the LVEF facts).
HEART_WHILE_PREGNANT = "no heart rule stops trastuzumab, but no dose is given during pregnancy"
#: What each pending check (CONTRIBUTING.md#calculator-json, ``pending_checks``) waits for, after "once".
PENDING_CHECK: dict[str, str] = {
    "lvef": "LVEF is measured",
    "pregnancy": "pregnancy is ruled out",
    "anthracycline": "the anthracycline is finished (not at the same time)",
}

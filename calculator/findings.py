"""A reason or warning in a result: a stable code, a sentence, and the references behind it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    refs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "refs": list(self.refs)}

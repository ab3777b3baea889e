"""Canonical JSON: the one byte form every hashed editorial record is hashed in.

``json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
allow_nan=False)`` encoded as UTF-8. Keys sorted, no whitespace, non-ASCII kept as itself, no
``default=``: a value JSON cannot represent (a date, a set, NaN) is an error, never silently
turned into text, so the same record hashes the same in any language that writes JSON this way.
``docs/editorial-policy.md`` shows how to re-compute a hash with a few lines of Python.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["CanonicalError", "canonical_json", "canonical_sha256"]


class CanonicalError(TypeError):
    """The record holds a value that has no JSON form (a date, a set, NaN…)."""


def canonical_json(record: Any, /) -> str:
    try:
        return json.dumps(
            record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError) as exc:
        raise CanonicalError(
            f"cannot hash this record: {exc} (write the value as a quoted string)"
        ) from None


def canonical_sha256(record: Any, /) -> str:
    """sha256 (hex) of the UTF-8 bytes of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()

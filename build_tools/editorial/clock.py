""" "Now" and "today", injectable for tests and reproducible builds.

``GUIDE_NOW`` (ISO 8601 timestamp) fixes the clock; ``GUIDE_TODAY`` (ISO date) fixes the date
the dashboard counts days against. Without them the real UTC clock is used.
"""

from __future__ import annotations

import datetime as dt
import os

__all__ = ["now", "timestamp", "today"]


def now() -> dt.datetime:
    if value := os.environ.get("GUIDE_NOW"):
        moment = dt.datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def today() -> dt.date:
    if value := os.environ.get("GUIDE_TODAY"):
        return dt.date.fromisoformat(value)
    return now().date()


def timestamp(moment: dt.datetime | None = None, /) -> str:
    """``2025-01-31T09:30:00Z``: UTC, seconds, the form stored in review history."""
    moment = (moment or now()).astimezone(dt.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")

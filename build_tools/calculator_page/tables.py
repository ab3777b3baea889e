"""Criteria tables rendered at build time from ``calculator``'s rule data (one source of truth)."""

from __future__ import annotations

from collections.abc import Callable

TABLES: dict[str, Callable[[], str]] = {}

"""Doors: the ways in and out (JSON text, CSV records, the CLI and batch, re-classify, the
browser bridge, the JSON schemas)."""
